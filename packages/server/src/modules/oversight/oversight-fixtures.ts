// Test data for the oversight integration tests: listed cases in 演示一村 and 演示二村 with visits
// at known dates, and a case and an alert of the neighbouring town (示范镇), outside 演示镇's reach.
import { eq } from 'drizzle-orm';
import type { TestContext } from '../../../test/context.js';
import { insertListedCase } from '../../../test/lifecycle.js';
import { formTeam, listAt, person, recordVisit, uid } from '../../../test/work.js';
import { alerts, persons } from '../../db/schema.js';
import { DEMO_UNITS } from '../../seed/demo-town.js';

export interface OversightFixture {
  /** 赵志强 (演示一村), level 3, listed 2026-10-01; visits 10-15 (outside the 30 days), 11-10, 11-25. */
  visitedCase: string;
  visitIds: { old: string; recent: string[] };
  /** 钱秀兰 (演示一村), level 3, listed 2026-10-01, never visited: the visit is overdue since 10-15. */
  unvisitedCase: string;
  /** 周文斌 (演示二村), level 2, listed 2026-11-20: the visit is overdue since 11-27. */
  village2Case: string;
  /** 卫红英 (示范村, 示范镇): outside 演示镇's jurisdiction. */
  foreignCase: string;
  foreignAlert: string;
}

export async function oversightFixture(t: TestContext): Promise<OversightFixture> {
  const visitedCase = await listAt(t, '赵志强', 3, '2026-10-01T10:00:00+08:00');
  await formTeam(t, visitedCase);
  const visit = (at: string) => recordVisit(t, visitedCase, ['pingan', 'cun1'], { visitedAt: at });
  const old = (await visit('2026-10-15T09:00:00+08:00')).id as string;
  const recent = [
    (await visit('2026-11-10T09:00:00+08:00')).id as string,
    (await visit('2026-11-25T09:00:00+08:00')).id as string,
  ];
  const unvisitedCase = await listAt(t, '钱秀兰', 3, '2026-10-01T11:00:00+08:00');
  const village2Case = await listAt(t, '周文斌', 2, '2026-11-20T10:00:00+08:00');

  const [foreignPerson] = await t.db
    .select()
    .from(persons)
    .where(eq(persons.id, person('卫红英')));
  if (!foreignPerson) throw new Error('卫红英 missing');
  const foreignCase = await insertListedCase(t.db, foreignPerson.id, {
    responsible: foreignPerson.householdPath,
    townId: DEMO_UNITS.otherTown,
  });
  const foreignAlert = crypto.randomUUID();
  await t.db.insert(alerts).values({
    id: foreignAlert,
    caseId: foreignCase,
    personId: foreignPerson.id,
    source: 'report',
    description: '示范村群众报告：情绪激动，扬言报复（测试）',
    occurredAt: new Date('2026-11-20T08:00:00+08:00'),
    path: foreignPerson.householdPath,
    reportedBy: uid('quji'),
  });
  return { visitedCase, visitIds: { old, recent }, unvisitedCase, village2Case, foreignCase, foreignAlert };
}
