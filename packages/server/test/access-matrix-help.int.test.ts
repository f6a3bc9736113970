// The access matrix of 帮扶服务 and 矛盾诉求: every endpoint × every role × inside/outside the
// jurisdiction. Items are written straight to the database on one listed case per demo person.
import type { Role } from '@anxin/shared';
import { afterAll, beforeAll } from 'vitest';
import { grievances, persons, serviceItems } from '../src/db/schema.js';
import { DEMO_UNITS, DEMO_USERS } from '../src/seed/demo-town.js';
import { describeMatrix, type Endpoint, listEveryPerson, PERSON_READERS, USER_OF_ROLE } from './access-matrix-kit.js';
import { TARGETS } from './access-targets.js';
import { createTestContext, type TestContext } from './context.js';

let t: TestContext;
let CASE_OF_PERSON: Map<string, string>;
const SERVICE_OF_PERSON = new Map<string, string>();
const GRIEVANCE_OF_PERSON = new Map<string, string>();

beforeAll(async () => {
  t = await createTestContext();
  CASE_OF_PERSON = await listEveryPerson(t);
  for (const person of await t.db.select().from(persons)) {
    const foreign = person.householdPath.includes(DEMO_UNITS.otherTown);
    const caseId = CASE_OF_PERSON.get(person.id) as string;
    const unit = foreign ? DEMO_UNITS.otherPeaceOffice : DEMO_UNITS.peaceOffice;
    const [service] = await t.db
      .insert(serviceItems)
      .values({
        caseId,
        personId: person.id,
        type: 'legal_aid',
        responsibleOrgUnitId: unit,
        description: '矩阵测试',
        createdBy: DEMO_USERS.pingan as string,
      })
      .returning({ id: serviceItems.id });
    SERVICE_OF_PERSON.set(person.id, service?.id as string);
    const [grievance] = await t.db
      .insert(grievances)
      .values({
        caseId,
        personId: person.id,
        type: 'debt',
        description: '矩阵测试',
        responsibleOrgUnitId: unit,
        dueOn: '2026-12-29',
        createdBy: DEMO_USERS.pingan as string,
      })
      .returning({ id: grievances.id });
    GRIEVANCE_OF_PERSON.set(person.id, grievance?.id as string);
  }
});
afterAll(() => t.close());

const WORKERS: readonly Role[] = ['peace_office', 'police', 'judicial', 'civil_affairs', 'health', 'village_cadre'];
const NOBODY = '00000000-0000-4000-8000-000000000000';
const caller = (role: Role) => t.as(USER_OF_ROLE[role]);

/** A read of something of the target person's case: 200 inside the jurisdiction, 404 outside. */
const scopedRead = (
  name: string,
  url: (person: string) => string,
  roles: readonly Role[] = PERSON_READERS,
): Endpoint => ({
  name: `GET ${name}`,
  roles,
  scoped: true,
  call: async (r, where) => {
    const person = TARGETS[r][where];
    if (!person) return null;
    return (await (await caller(r)).get(url(person))).statusCode;
  },
});

/** A write with an empty body: the permission is checked first, so allowed roles hear 400. */
const emptyWrite = (method: 'POST' | 'PATCH', name: string, url: string, roles: readonly Role[]): Endpoint => ({
  name: `${method} ${name}`,
  roles,
  scoped: false,
  ok: 400,
  call: async (r) => {
    const c = await caller(r);
    return (method === 'PATCH' ? await c.patch(url, {}) : await c.post(url, {})).statusCode;
  },
});

const list = (path: string): Endpoint => ({
  name: `GET ${path}`,
  roles: PERSON_READERS,
  scoped: false,
  call: async (r) => (await (await caller(r)).get(path)).statusCode,
});

const ENDPOINTS: Endpoint[] = [
  scopedRead('/api/cases/:id/services', (p) => `/api/cases/${CASE_OF_PERSON.get(p)}/services`),
  scopedRead('/api/cases/:id/grievances', (p) => `/api/cases/${CASE_OF_PERSON.get(p)}/grievances`),
  scopedRead('/api/cases/:id/help-units', (p) => `/api/cases/${CASE_OF_PERSON.get(p)}/help-units`, WORKERS),
  scopedRead('/api/services/:id', (p) => `/api/services/${SERVICE_OF_PERSON.get(p)}`),
  scopedRead('/api/grievances/:id', (p) => `/api/grievances/${GRIEVANCE_OF_PERSON.get(p)}`),
  list('/api/services'),
  list('/api/grievances'),
  emptyWrite('POST', '/api/cases/:id/services', `/api/cases/${NOBODY}/services`, WORKERS),
  emptyWrite('POST', '/api/cases/:id/grievances', `/api/cases/${NOBODY}/grievances`, WORKERS),
  emptyWrite('PATCH', '/api/services/:id', `/api/services/${NOBODY}`, WORKERS),
  emptyWrite('PATCH', '/api/grievances/:id', `/api/grievances/${NOBODY}`, WORKERS),
];

describeMatrix('access matrix: 帮扶服务 and 矛盾诉求', () => t, ENDPOINTS);
