// Shared steps of the inspection and rectification tests: an inspection's body, recording one, a
// request just after midnight, and what a refused request must leave untouched.
import { eq } from 'drizzle-orm';
import { type Caller, TEST_START, type TestContext } from '../../../test/context.js';
import { rowCount } from '../../../test/work.js';
import { auditEvents, inspections, notifications, rectifications } from '../../db/schema.js';
import { DEMO_UNITS } from '../../seed/demo-town.js';

export const body = (overrides: Record<string, unknown> = {}) => ({
  orgUnitId: DEMO_UNITS.village1,
  inspectedOn: '2026-11-28',
  findings: '随访记录不完整，部分随访仅一人签名；矛盾化解台账未及时更新。',
  rectifications: [
    { description: '补齐10月以来的随访签名', dueOn: '2026-12-10' },
    { description: '更新矛盾化解台账', dueOn: '2026-12-20' },
  ],
  ...overrides,
});

/** The steps of the inspection tests, on the context `current` answers. */
export function inspectionsKit(current: () => TestContext) {
  async function createInspection(overrides: Record<string, unknown> = {}, as = 'pingan') {
    const response = await (await current().as(as)).post('/api/inspections', body(overrides));
    if (response.statusCode !== 201) throw new Error(`inspection: ${response.statusCode} ${response.body}`);
    return response.json();
  }

  /**
   * Runs one request at 2026-11-30 00:30 Beijing (2026-11-29 16:30 UTC) in a session of its own (the
   * cached sessions would time out), then puts the clock back.
   */
  async function afterMidnight<T>(username: string, run: (caller: Caller) => Promise<T>): Promise<T> {
    const t = current();
    t.clock.set(new Date('2026-11-29T16:30:00.000Z'));
    try {
      return await run(await t.signIn(username));
    } finally {
      t.clock.set(TEST_START);
    }
  }

  /** What a refused request must leave untouched. */
  async function written() {
    const t = current();
    return {
      inspections: await rowCount(t, inspections),
      rectifications: await rowCount(t, rectifications),
      notices: await rowCount(t, notifications, eq(notifications.kind, 'inspection.created')),
      audit: await rowCount(t, auditEvents, eq(auditEvents.action, 'inspection.create')),
    };
  }

  return { createInspection, afterMidnight, written };
}
