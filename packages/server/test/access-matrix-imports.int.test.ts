// The access matrix of the Excel imports and exports (issue 6): templates, imports, list exports
// and the export of one screening return, for every role, inside and outside its jurisdiction.
import type { Role } from '@anxin/shared';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll } from 'vitest';
import { orgUnits, screeningReports } from '../src/db/schema.js';
import { DEMO_UNITS } from '../src/seed/demo-town.js';
import { describeMatrix, type Endpoint, PERSON_READERS, USER_OF_ROLE } from './access-matrix-kit.js';
import { TARGETS } from './access-targets.js';
import { createTestContext, type TestContext } from './context.js';

let t: TestContext;
/** A return of each village and community, and of the neighbouring town's village. */
const RETURN_OF_UNIT = new Map<string, string>();

beforeAll(async () => {
  t = await createTestContext();
  for (const unitId of [DEMO_UNITS.village1, DEMO_UNITS.village2, DEMO_UNITS.community, DEMO_UNITS.otherVillage]) {
    const [unit] = await t.db.select().from(orgUnits).where(eq(orgUnits.id, unitId));
    const [row] = await t.db
      .insert(screeningReports)
      .values({ orgUnitId: unitId, orgUnitPath: unit?.path as string, month: '2026-10', zeroReport: true })
      .returning({ id: screeningReports.id });
    RETURN_OF_UNIT.set(unitId, row?.id as string);
  }
});
afterAll(() => t.close());

const FILERS: readonly Role[] = ['peace_office', 'police', 'judicial', 'civil_affairs', 'health', 'village_cadre'];
const COORDINATORS: readonly Role[] = ['peace_office', 'leader', 'district', 'inspector'];
const caller = (role: Role) => t.as(USER_OF_ROLE[role]);

const download = (path: string, roles: readonly Role[]): Endpoint => ({
  name: `GET ${path.split('?')[0]}`,
  roles,
  scoped: false,
  call: async (r) => (await (await caller(r)).get(path)).statusCode,
});

/** Without a multipart body an allowed caller hears 400; the permission is checked first. */
const emptyUpload = (path: string, roles: readonly Role[]): Endpoint => ({
  name: `POST ${path}`,
  roles,
  scoped: false,
  ok: 400,
  call: async (r) => (await (await caller(r)).post(path, {})).statusCode,
});

const ENDPOINTS: Endpoint[] = [
  download('/api/screening-reports/template.xlsx', FILERS),
  emptyUpload('/api/screening-reports/import', FILERS),
  download('/api/cases/ledger-template.xlsx', ['peace_office']),
  emptyUpload('/api/cases/import-ledger', ['peace_office']),
  download('/api/persons/export.xlsx', PERSON_READERS),
  download('/api/cases/export.xlsx', PERSON_READERS),
  download('/api/obligations/export.xlsx', PERSON_READERS),
  download('/api/screening-reports/compliance.xlsx?month=2026-11', COORDINATORS),
  {
    name: 'GET /api/screening-reports/:id/export.xlsx',
    roles: PERSON_READERS,
    scoped: true,
    call: async (r, where) => {
      const village = where === 'inside' ? TARGETS[r].village : TARGETS[r].foreignVillage;
      if (!village) return null;
      const id = RETURN_OF_UNIT.get(village);
      return (await (await caller(r)).get(`/api/screening-reports/${id}/export.xlsx`)).statusCode;
    },
  },
];

describeMatrix('access matrix: Excel imports and exports', () => t, ENDPOINTS);
