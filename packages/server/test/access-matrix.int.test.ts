// The access matrix (SECURITY.md AC-1, AC-2): every role × every endpoint × inside/outside the
// jurisdiction, generated from the one table below. The table is written out independently of
// the permission map in the code, so a change to either that disagrees fails here.
import type { Role } from '@anxin/shared';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { persons } from '../src/db/schema.js';
import { DEMO_ACCOUNTS, DEMO_PERSONS, DEMO_UNITS, demoIdNumber } from '../src/seed/demo-town.js';
import {
  ALL,
  describeMatrix,
  type Endpoint,
  listEveryPerson,
  PERSON_READERS,
  USER_OF_ROLE,
} from './access-matrix-kit.js';
import { TARGETS } from './access-targets.js';
import { createTestContext, type TestContext } from './context.js';

let t: TestContext;
/** One listed case per demo person, so every person target also has a case to reach. */
let CASE_OF_PERSON: Map<string, string>;

beforeAll(async () => {
  t = await createTestContext();
  CASE_OF_PERSON = await listEveryPerson(t);
});
afterAll(() => t.close());

let sequence = 500;
const currentVersion = async (id: string) =>
  (await t.db.select().from(persons).where(eq(persons.id, id)))[0]?.version ?? 1;

const PERSON_WRITERS: readonly Role[] = ['peace_office', 'police', 'village_cadre'];
const AUDITORS: readonly Role[] = ['peace_office', 'inspector'];

const caller = (role: Role) => t.as(USER_OF_ROLE[role]);
const target = (role: Role, where: 'inside' | 'outside') => TARGETS[role][where];

const ENDPOINTS: Endpoint[] = [
  {
    name: 'GET /api/me',
    roles: ALL,
    scoped: false,
    call: async (r) => (await (await caller(r)).get('/api/me')).statusCode,
  },
  {
    name: 'GET /api/org-units',
    roles: ALL,
    scoped: false,
    call: async (r) => (await (await caller(r)).get('/api/org-units')).statusCode,
  },
  {
    name: 'POST /api/org-units',
    roles: ['admin'],
    scoped: false,
    ok: 201,
    call: async (r) =>
      (
        await (
          await caller(r)
        ).post('/api/org-units', {
          parentId: DEMO_UNITS.town,
          name: `新村${sequence}`,
          kind: 'village',
          code: `500199109${sequence++}`,
        })
      ).statusCode,
  },
  {
    name: 'PATCH /api/org-units/:id',
    roles: ['admin'],
    scoped: false,
    call: async (r) =>
      (await (await caller(r)).patch(`/api/org-units/${DEMO_UNITS.community}`, { name: '演示社区' })).statusCode,
  },
  {
    name: 'GET /api/users',
    roles: ALL,
    scoped: false,
    call: async (r) => (await (await caller(r)).get('/api/users')).statusCode,
  },
  {
    name: 'POST /api/users',
    roles: ['admin'],
    scoped: false,
    ok: 201,
    call: async (r) =>
      (
        await (
          await caller(r)
        ).post('/api/users', {
          username: `matrix${sequence++}`,
          displayName: '矩阵测试',
          password: 'Matrix#2026pw',
          orgUnitId: DEMO_UNITS.peaceOffice,
          roles: ['peace_office'],
        })
      ).statusCode,
  },
  {
    name: 'PATCH /api/users/:id',
    roles: ['admin'],
    scoped: false,
    call: async (r) =>
      (await (await caller(r)).patch(`/api/users/${DEMO_ACCOUNTS[2]?.id}`, { displayName: '派出所 吴警' })).statusCode,
  },
  {
    name: 'GET /api/persons',
    roles: PERSON_READERS,
    scoped: false,
    call: async (r) => (await (await caller(r)).get('/api/persons')).statusCode,
  },
  {
    name: 'GET /api/persons/:id',
    roles: PERSON_READERS,
    scoped: true,
    call: async (r, where) => {
      const id = target(r, where);
      return id ? (await (await caller(r)).get(`/api/persons/${id}`)).statusCode : null;
    },
  },
  {
    name: 'PATCH /api/persons/:id',
    roles: PERSON_WRITERS,
    scoped: true,
    call: async (r, where) => {
      const id = target(r, where);
      return id
        ? (
            await (
              await caller(r)
            ).patch(`/api/persons/${id}`, { occupation: '矩阵', version: await currentVersion(id) })
          ).statusCode
        : null;
    },
  },
  {
    name: 'POST /api/persons',
    roles: PERSON_WRITERS,
    scoped: true,
    ok: 201,
    // Naming a household outside the jurisdiction is a bad field value, not a hidden object.
    outside: 400,
    call: async (r, where) => {
      const village = where === 'inside' ? TARGETS[r].village : TARGETS[r].foreignVillage;
      if (!village) return null;
      return (
        await (
          await caller(r)
        ).post('/api/persons', {
          name: '矩阵人员',
          idNumber: demoIdNumber('19850101', sequence++),
          householdOrgUnitId: village,
          householdAddress: '测试地址',
        })
      ).statusCode;
    },
  },
  {
    name: 'GET /api/audit-events',
    roles: AUDITORS,
    scoped: false,
    call: async (r) => (await (await caller(r)).get('/api/audit-events')).statusCode,
  },
  // ── Case lifecycle ──
  ...[
    '/api/screening-reports',
    '/api/screening-entries',
    '/api/cases',
    '/api/proposals',
    '/api/meetings',
    '/api/transfers',
    '/api/notifications',
  ].map(
    (path): Endpoint => ({
      name: `GET ${path}`,
      roles: PERSON_READERS,
      scoped: false,
      call: async (r) => (await (await caller(r)).get(path)).statusCode,
    }),
  ),
  {
    name: 'GET /api/screening-reports/compliance',
    roles: ['peace_office', 'leader', 'district', 'inspector'],
    scoped: false,
    call: async (r) => (await (await caller(r)).get('/api/screening-reports/compliance?month=2026-11')).statusCode,
  },
  ...(
    [
      ['GET /api/cases/:id', (id: string) => `/api/cases/${id}`],
      ['GET /api/cases/:id/documents', (id: string) => `/api/cases/${id}/documents`],
    ] as const
  ).map(
    ([name, url]): Endpoint => ({
      name,
      roles: PERSON_READERS,
      scoped: true,
      call: async (r, where) => {
        const person = target(r, where);
        return person ? (await (await caller(r)).get(url(CASE_OF_PERSON.get(person) as string))).statusCode : null;
      },
    }),
  ),
  {
    name: 'GET /api/persons/:id/audit-trail',
    roles: PERSON_READERS,
    scoped: true,
    call: async (r, where) => {
      const person = target(r, where);
      return person ? (await (await caller(r)).get(`/api/persons/${person}/audit-trail`)).statusCode : null;
    },
  },
  // Writes with an empty body: the permission is checked before the body, so an allowed role
  // hears 400 (bad input) and any other role 403.
  ...(
    [
      [
        'POST /api/screening-reports',
        '/api/screening-reports',
        ['village_cadre', 'peace_office', 'police', 'judicial', 'civil_affairs', 'health'],
      ],
      ['POST /api/cases', '/api/cases', ['peace_office', 'police']],
      [
        'POST /api/cases/:id/proposals',
        '/api/cases/00000000-0000-4000-8000-000000000000/proposals',
        ['peace_office', 'police', 'judicial', 'civil_affairs', 'health', 'village_cadre'],
      ],
      ['POST /api/meetings', '/api/meetings', ['peace_office', 'leader']],
      [
        'POST /api/meetings/:id/decisions',
        '/api/meetings/00000000-0000-4000-8000-000000000000/decisions',
        ['peace_office', 'leader', 'district'],
      ],
      ['POST /api/cases/:id/transfers', '/api/cases/00000000-0000-4000-8000-000000000000/transfers', ['peace_office']],
      [
        'POST /api/transfers/:id/designate',
        '/api/transfers/00000000-0000-4000-8000-000000000000/designate',
        ['district'],
      ],
      [
        'POST /api/screening-entries/:id/dismiss',
        '/api/screening-entries/00000000-0000-4000-8000-000000000000/dismiss',
        ['peace_office'],
      ],
    ] as const
  ).map(
    ([name, url, roles]): Endpoint => ({
      name,
      roles,
      scoped: false,
      ok: 400,
      call: async (r) => (await (await caller(r)).post(url, {})).statusCode,
    }),
  ),
  {
    name: 'GET /api/audit-events/verify',
    roles: AUDITORS,
    scoped: false,
    call: async (r) => (await (await caller(r)).get('/api/audit-events/verify')).statusCode,
  },
];

describeMatrix('access matrix', () => t, ENDPOINTS);

describe('the query layer agrees with the policy for every user and person', () => {
  it('GET /api/persons/:id answers 200 exactly where 户籍地 or 居住地 is inside the user’s jurisdiction', async () => {
    const expectations: Record<string, string[]> = {
      cun1: ['赵志强', '钱秀兰', '孙德明', '李桂芳', '郑国平', '褚立新'],
      cun2: ['周文斌', '吴小红', '郑国平'],
      pingan: DEMO_PERSONS.filter((p) => p.name !== '卫红英').map((p) => p.name),
      quji: DEMO_PERSONS.map((p) => p.name),
    };
    for (const [username, visible] of Object.entries(expectations)) {
      const user = await t.as(username);
      for (const person of DEMO_PERSONS) {
        const status = (await user.get(`/api/persons/${person.id}`)).statusCode;
        expect([username, person.name, status]).toEqual([
          username,
          person.name,
          visible.includes(person.name) ? 200 : 404,
        ]);
      }
      const listed = (await user.get('/api/persons?pageSize=100')).json().items.map((p: { id: string }) => p.id);
      const demoListed = DEMO_PERSONS.filter((p) => listed.includes(p.id)).map((p) => p.name);
      expect(demoListed.sort()).toEqual([...visible].sort());
    }
  });
});
