// The access matrix of the week-to-week work (§四(三)): teams, visits, reports, level-1 records,
// obligations, sensitive periods and policy, for every role, inside and outside its jurisdiction.
import type { Role } from '@anxin/shared';
import { afterAll, beforeAll } from 'vitest';
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
let CASE_OF_PERSON: Map<string, string>;

beforeAll(async () => {
  t = await createTestContext();
  CASE_OF_PERSON = await listEveryPerson(t);
});
afterAll(() => t.close());

const TEAM_MANAGERS: readonly Role[] = ['peace_office', 'police'];
const RECORDERS: readonly Role[] = ['peace_office', 'police', 'judicial', 'civil_affairs', 'health', 'village_cadre'];
const NOBODY = '00000000-0000-4000-8000-000000000000';
const caller = (role: Role) => t.as(USER_OF_ROLE[role]);

/** A read of one case's work: 200 inside the jurisdiction, 404 outside. */
const caseRead = (path: string, roles: readonly Role[] = PERSON_READERS): Endpoint => ({
  name: `GET /api/cases/:id${path}`,
  roles,
  scoped: true,
  call: async (r, where) => {
    const person = TARGETS[r][where];
    if (!person) return null;
    return (await (await caller(r)).get(`/api/cases/${CASE_OF_PERSON.get(person)}${path}`)).statusCode;
  },
});

/** A write with an empty body: the permission is checked first, so allowed roles hear 400. */
const emptyWrite = (method: 'POST' | 'PUT', name: string, url: string, roles: readonly Role[]): Endpoint => ({
  name: `${method} ${name}`,
  roles,
  scoped: false,
  ok: 400,
  call: async (r) => {
    const c = await caller(r);
    return (method === 'PUT' ? await c.put(url, {}) : await c.post(url, {})).statusCode;
  },
});

const ENDPOINTS: Endpoint[] = [
  caseRead('/team'),
  caseRead('/team/candidates', TEAM_MANAGERS),
  caseRead('/visits'),
  caseRead('/assessment-reports'),
  caseRead('/daily-reports'),
  caseRead('/watch-logs'),
  caseRead('/emergency-plans'),
  ...['/api/visits', '/api/alerts', '/api/obligations', '/api/dashboard', '/api/sensitive-periods'].map(
    (path): Endpoint => ({
      name: `GET ${path}`,
      roles: PERSON_READERS,
      scoped: false,
      call: async (r) => (await (await caller(r)).get(path)).statusCode,
    }),
  ),
  {
    name: 'GET /api/policy',
    roles: ALL,
    scoped: false,
    call: async (r) => (await (await caller(r)).get('/api/policy')).statusCode,
  },
  emptyWrite('PUT', '/api/cases/:id/team', `/api/cases/${NOBODY}/team`, TEAM_MANAGERS),
  emptyWrite('POST', '/api/cases/:id/responsibility-letter', `/api/cases/${NOBODY}/responsibility-letter`, RECORDERS),
  ...['visits', 'assessment-reports', 'daily-reports', 'watch-logs', 'emergency-plans'].map((kind) =>
    emptyWrite('POST', `/api/cases/:id/${kind}`, `/api/cases/${NOBODY}/${kind}`, RECORDERS),
  ),
  emptyWrite('POST', '/api/sensitive-periods', '/api/sensitive-periods', ['peace_office', 'district']),
  emptyWrite('PUT', '/api/policy', '/api/policy', ['admin']),
  {
    // The team leader submits whatever their role (the service checks the team): every reader
    // reaches the lookup, which finds no such report.
    name: 'POST /api/assessment-reports/:id/proposal',
    roles: PERSON_READERS,
    scoped: false,
    ok: 404,
    call: async (r) => (await (await caller(r)).post(`/api/assessment-reports/${NOBODY}/proposal`, {})).statusCode,
  },
];

describeMatrix('access matrix: teams, work records, obligations', () => t, ENDPOINTS);
