// The access matrix of 督导问责 (plan §五(三)): inspections, rectifications, the sampling helper and
// accountability investigations, for every role, inside and outside its jurisdiction.
import type { Role } from '@anxin/shared';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll } from 'vitest';
import { investigations, rectifications } from '../src/db/schema.js';
import { DEMO_UNITS } from '../src/seed/demo-town.js';
import { describeMatrix, type Endpoint, listEveryPerson, USER_OF_ROLE } from './access-matrix-kit.js';
import { TARGETS } from './access-targets.js';
import { createTestContext, type TestContext } from './context.js';

let t: TestContext;
let CASE_OF_PERSON: Map<string, string>;
/** Per unit (village or community): one inspection, its one rectification item. */
const INSPECTION_OF_UNIT = new Map<string, string>();
const RECTIFICATION_OF_UNIT = new Map<string, string>();
/** Per person: one investigation of their case. */
const INVESTIGATION_OF_PERSON = new Map<string, string>();

// Written from the brief, not from permissions.ts, so that a disagreement fails.
const OVERSIGHT_READERS: readonly Role[] = ['peace_office', 'leader', 'district', 'inspector'];
const OVERSIGHT_MANAGERS: readonly Role[] = ['peace_office', 'district', 'inspector'];
const RECTIFICATION_READERS: readonly Role[] = [...OVERSIGHT_READERS, 'village_cadre'];
const RECTIFICATION_UPDATERS: readonly Role[] = [...OVERSIGHT_MANAGERS, 'village_cadre'];

beforeAll(async () => {
  t = await createTestContext();
  CASE_OF_PERSON = await listEveryPerson(t);
  // The district's inspector reaches both towns: one inspection per village, one investigation per case.
  const ducha = await t.as('ducha');
  for (const unit of [DEMO_UNITS.village1, DEMO_UNITS.village2, DEMO_UNITS.community, DEMO_UNITS.otherVillage]) {
    const response = await ducha.post('/api/inspections', {
      orgUnitId: unit,
      inspectedOn: '2026-11-28',
      findings: '矩阵测试检查',
      rectifications: [{ description: '矩阵测试整改', dueOn: '2026-12-28' }],
    });
    if (response.statusCode !== 201) throw new Error(`inspection: ${response.statusCode} ${response.body}`);
    INSPECTION_OF_UNIT.set(unit, response.json().id);
    RECTIFICATION_OF_UNIT.set(unit, response.json().rectifications[0].id);
  }
  for (const [personId, caseId] of CASE_OF_PERSON) {
    const response = await ducha.post('/api/investigations', {
      caseId,
      findings: '矩阵测试调查',
      accountableOrgUnitIds: [],
      outcome: '矩阵测试结论',
    });
    if (response.statusCode !== 201) throw new Error(`investigation: ${response.statusCode} ${response.body}`);
    INVESTIGATION_OF_PERSON.set(personId, response.json().id);
  }
});
afterAll(() => t.close());

const caller = (role: Role) => t.as(USER_OF_ROLE[role]);
const unitOf = (role: Role, where: 'inside' | 'outside') =>
  where === 'inside' ? TARGETS[role].village : TARGETS[role].foreignVillage;
const personOf = (role: Role, where: 'inside' | 'outside') => TARGETS[role][where];

const list = (path: string, roles: readonly Role[]): Endpoint => ({
  name: `GET ${path}`,
  roles,
  scoped: false,
  call: async (r) => (await (await caller(r)).get(path)).statusCode,
});

const ENDPOINTS: Endpoint[] = [
  {
    name: 'POST /api/inspections',
    roles: OVERSIGHT_MANAGERS,
    scoped: true,
    ok: 201,
    call: async (r, where) => {
      const unit = unitOf(r, where);
      if (!unit) return null;
      return (
        await (
          await caller(r)
        ).post('/api/inspections', {
          orgUnitId: unit,
          inspectedOn: '2026-11-29',
          findings: '矩阵测试',
          rectifications: [{ description: '整改', dueOn: '2026-12-29' }],
        })
      ).statusCode;
    },
  },
  list('/api/inspections', OVERSIGHT_READERS),
  {
    name: 'GET /api/inspections/:id',
    roles: OVERSIGHT_READERS,
    scoped: true,
    call: async (r, where) => {
      const unit = unitOf(r, where);
      if (!unit) return null;
      return (await (await caller(r)).get(`/api/inspections/${INSPECTION_OF_UNIT.get(unit)}`)).statusCode;
    },
  },
  {
    name: 'GET /api/inspections/sample',
    roles: OVERSIGHT_MANAGERS,
    scoped: true,
    call: async (r, where) => {
      const unit = unitOf(r, where);
      if (!unit) return null;
      return (await (await caller(r)).get(`/api/inspections/sample?orgUnitId=${unit}&kind=missed&seed=m`)).statusCode;
    },
  },
  list('/api/rectifications', RECTIFICATION_READERS),
  {
    name: 'PATCH /api/rectifications/:id',
    roles: RECTIFICATION_UPDATERS,
    scoped: true,
    call: async (r, where) => {
      const unit = unitOf(r, where);
      if (!unit) return null;
      const id = RECTIFICATION_OF_UNIT.get(unit) as string;
      const [row] = await t.db.select().from(rectifications).where(eq(rectifications.id, id));
      return (
        await (
          await caller(r)
        ).patch(`/api/rectifications/${id}`, {
          status: 'open',
          note: `${r}查看`,
          version: row?.version,
        })
      ).statusCode;
    },
  },
  {
    name: 'POST /api/investigations',
    roles: OVERSIGHT_MANAGERS,
    scoped: true,
    ok: 201,
    call: async (r, where) => {
      const person = personOf(r, where);
      if (!person) return null;
      return (
        await (
          await caller(r)
        ).post('/api/investigations', {
          caseId: CASE_OF_PERSON.get(person),
          findings: '矩阵测试',
          accountableOrgUnitIds: [],
          outcome: '矩阵测试',
        })
      ).statusCode;
    },
  },
  list('/api/investigations', OVERSIGHT_READERS),
  {
    name: 'GET /api/investigations/:id',
    roles: OVERSIGHT_READERS,
    scoped: true,
    call: async (r, where) => {
      const person = personOf(r, where);
      if (!person) return null;
      return (await (await caller(r)).get(`/api/investigations/${INVESTIGATION_OF_PERSON.get(person)}`)).statusCode;
    },
  },
  {
    name: 'PATCH /api/investigations/:id',
    roles: OVERSIGHT_MANAGERS,
    scoped: true,
    call: async (r, where) => {
      const person = personOf(r, where);
      if (!person) return null;
      const id = INVESTIGATION_OF_PERSON.get(person) as string;
      const [row] = await t.db.select().from(investigations).where(eq(investigations.id, id));
      return (
        await (await caller(r)).patch(`/api/investigations/${id}`, { findings: `${r}补充`, version: row?.version })
      ).statusCode;
    },
  },
];

describeMatrix('access matrix: inspections, rectifications, investigations', () => t, ENDPOINTS);
