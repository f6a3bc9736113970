// The access matrix of 警情与联合处置 (⑥): reporting, reading and the steps of the chain, for every
// role, inside and outside its jurisdiction. Written from the plan's division of labour (anyone
// working a case reports; 派出所 responds; 平安办 and 派出所 notify the team and dispose), not from
// the permission map, so a disagreement fails.
import type { Role } from '@anxin/shared';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll } from 'vitest';
import { alerts, persons } from '../src/db/schema.js';
import { DEMO_USERS } from '../src/seed/demo-town.js';
import { describeMatrix, type Endpoint, PERSON_READERS, USER_OF_ROLE } from './access-matrix-kit.js';
import { TARGETS } from './access-targets.js';
import { createTestContext, type TestContext } from './context.js';

let t: TestContext;
/** One open alert per demo person, scoped by the person's 户籍地 and 居住地 (no case). */
const ALERT_OF_PERSON = new Map<string, string>();

beforeAll(async () => {
  t = await createTestContext();
  for (const person of await t.db.select().from(persons)) {
    const [row] = await t.db
      .insert(alerts)
      .values({
        personId: person.id,
        source: 'report',
        description: '访问矩阵测试警情',
        occurredAt: new Date('2026-11-29T01:00:00Z'),
        path: person.householdPath,
        assistingPath: person.residencePath,
        reportedBy: DEMO_USERS.pingan as string,
      })
      .returning({ id: alerts.id });
    ALERT_OF_PERSON.set(person.id, row?.id as string);
  }
});
afterAll(() => t.close());

const REPORTERS: readonly Role[] = ['peace_office', 'police', 'judicial', 'civil_affairs', 'health', 'village_cadre'];
const DISPOSERS: readonly Role[] = ['peace_office', 'police'];
const caller = (role: Role) => t.as(USER_OF_ROLE[role]);

const ENDPOINTS: Endpoint[] = [
  {
    name: 'POST /api/alerts',
    roles: REPORTERS,
    scoped: true,
    ok: 201,
    call: async (r, where) => {
      const person = TARGETS[r][where];
      if (!person) return null;
      return (
        await (
          await caller(r)
        ).post('/api/alerts', {
          personId: person,
          description: '访问矩阵：报告警情',
          occurredAt: '2026-11-29T09:30:00+08:00',
        })
      ).statusCode;
    },
  },
  {
    name: 'GET /api/alerts',
    roles: PERSON_READERS,
    scoped: false,
    call: async (r) => (await (await caller(r)).get('/api/alerts')).statusCode,
  },
  {
    name: 'GET /api/alerts/:id',
    roles: PERSON_READERS,
    scoped: true,
    call: async (r, where) => {
      const person = TARGETS[r][where];
      if (!person) return null;
      return (await (await caller(r)).get(`/api/alerts/${ALERT_OF_PERSON.get(person)}`)).statusCode;
    },
  },
  {
    // A note (处置情况) with the alert's current version: the step every disposer may take.
    name: 'PATCH /api/alerts/:id',
    roles: DISPOSERS,
    scoped: true,
    call: async (r, where) => {
      const person = TARGETS[r][where];
      if (!person) return null;
      const id = ALERT_OF_PERSON.get(person) as string;
      const [row] = await t.db.select({ version: alerts.version }).from(alerts).where(eq(alerts.id, id));
      return (await (await caller(r)).patch(`/api/alerts/${id}`, { note: '已到场处置', version: row?.version }))
        .statusCode;
    },
  },
];

describeMatrix('access matrix: alerts and joint disposal', () => t, ENDPOINTS);
