// Shared steps of the help integration tests: a listed case in 演示镇 with its team, a listed case
// in 示范镇 (out of 演示镇's jurisdiction) worked by `shifan`, and counts that show nothing was written.
import { count, eq } from 'drizzle-orm';
import type { TestContext } from '../../../test/context.js';
import { insertListedCase } from '../../../test/lifecycle.js';
import { formTeam, listAt, person, SHIFAN } from '../../../test/work.js';
import { auditEvents, grievances, notifications, persons, serviceItems } from '../../db/schema.js';
import { DEMO_UNITS } from '../../seed/demo-town.js';

export const U = DEMO_UNITS;

/** What a refused request must leave as it was. */
export async function helpCounts(t: TestContext) {
  const countOf = async (table: typeof serviceItems | typeof grievances | typeof notifications | typeof auditEvents) =>
    (await t.db.select({ value: count() }).from(table))[0]?.value ?? 0;
  return {
    services: await countOf(serviceItems),
    grievances: await countOf(grievances),
    notifications: await countOf(notifications),
  };
}

/** Audit events of an action on a case. */
export async function auditActions(t: TestContext, caseId: string, action: string) {
  const rows = await t.db.select().from(auditEvents).where(eq(auditEvents.entityId, caseId));
  return rows.filter((row) => row.action === action);
}

/** The notices a unit's user reads, of one kind. */
export async function noticesOf(t: TestContext, username: string, kind: string) {
  const response = await (await t.as(username)).get('/api/notifications?pageSize=100');
  return (response.json().items as { kind: string; caseId: string; title: string; body: string }[]).filter(
    (n) => n.kind === kind,
  );
}

/**
 * 赵志强 (演示一村), listed at level 3 by a meeting on 2026-11-01 with a full team; and 卫红英
 * (示范村) listed in 示范镇, whose 平安办 (`shifan`) works it. Needs `addShifan` in `prepare`.
 */
export async function helpFixture(t: TestContext) {
  const caseId = await listAt(t, '赵志强', 3, '2026-11-01T10:00:00+08:00');
  await formTeam(t, caseId);
  const [foreign] = await t.db
    .select()
    .from(persons)
    .where(eq(persons.id, person('卫红英')));
  if (!foreign) throw new Error('卫红英 missing');
  const foreignCaseId = await insertListedCase(t.db, foreign.id, {
    responsible: foreign.householdPath,
    townId: U.otherTown,
  });
  return { caseId, foreignCaseId, shifan: SHIFAN };
}
