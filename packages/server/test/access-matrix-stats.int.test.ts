// The access matrix of the statistics (统计报表): the summary, its Excel export and the monthly
// report, for every role, on the caller's own jurisdiction (inside) and on a unit beyond it (outside).
import type { Role } from '@anxin/shared';
import { afterAll, beforeAll } from 'vitest';
import { DEMO_UNITS } from '../src/seed/demo-town.js';
import { describeMatrix, type Endpoint, PERSON_READERS, USER_OF_ROLE } from './access-matrix-kit.js';
import { createTestContext, type TestContext } from './context.js';

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t.close());

/**
 * A unit outside each role's jurisdiction: the neighbouring village for a village cadre, the other
 * town for the town's staff, the municipality above for district users (their district holds both towns).
 */
const OUTSIDE: Record<Role, string> = {
  admin: DEMO_UNITS.otherTown,
  peace_office: DEMO_UNITS.otherTown,
  police: DEMO_UNITS.otherTown,
  judicial: DEMO_UNITS.otherVillage,
  civil_affairs: DEMO_UNITS.otherTown,
  health: DEMO_UNITS.otherVillage,
  village_cadre: DEMO_UNITS.village2,
  leader: DEMO_UNITS.otherTown,
  district: DEMO_UNITS.city,
  inspector: DEMO_UNITS.city,
};

const statsRead = (path: string): Endpoint => ({
  name: `GET /api/stats/${path}`,
  roles: PERSON_READERS,
  scoped: true,
  call: async (role, where) => {
    const caller = await t.as(USER_OF_ROLE[role]);
    const query = where === 'inside' ? '?month=2026-11' : `?month=2026-11&orgUnitId=${OUTSIDE[role]}`;
    return (await caller.get(`/api/stats/${path}${query}`)).statusCode;
  },
});

describeMatrix('statistics', () => t, [
  statsRead('summary'),
  statsRead('export.xlsx'),
  statsRead('monthly-report.xlsx'),
  statsRead('monthly-report.docx'),
]);
