// The obligation rows of the generated cases, made the way the app keeps them: recompute creates
// the rows, each is marked met from the history (visits, meetings, reports) in one UPDATE per
// kind, and a second recompute turns "last met" into due dates.
import { ensureScreeningObligations } from '../../packages/server/src/modules/obligations/recompute.js';
import { monthOf } from '../../packages/server/src/modules/obligations/rules.js';
import type { BenchDatabase } from './bench.db.js';
import { hash1000, ordinalOf, type Plan } from './bench.plan.js';

export async function generateObligations(
  bench: BenchDatabase,
  plan: Plan,
  recompute: (today: string) => Promise<void>,
): Promise<void> {
  await recompute(plan.today);
  await bench.query(`
    UPDATE obligations o SET last_met_on = m.last_on
    FROM (SELECT case_id, max(visited_on) AS last_on FROM visits GROUP BY case_id) m
    WHERE o.case_id = m.case_id AND o.kind = 'visit'`);
  await bench.query(`
    UPDATE obligations o SET last_met_on = m.last_on
    FROM (SELECT mc.case_id, max(m.held_on) AS last_on
          FROM meeting_cases mc JOIN meetings m ON m.id = mc.meeting_id GROUP BY mc.case_id) m
    WHERE o.case_id = m.case_id AND o.kind IN ('joint_meeting', 'daily_consultation')`);
  await bench.query(`
    UPDATE obligations o SET last_met_on = r.last_on
    FROM (SELECT case_id, max(reported_on) AS last_on FROM assessment_reports GROUP BY case_id) r
    WHERE o.case_id = r.case_id AND o.kind = 'assessment_report'`);
  // One-time papers: 98 % of responsibility letters signed, 95 % of emergency plans on file.
  const r = (salt: number) => hash1000(ordinalOf('o.case_id'), salt);
  await bench.query(`
    UPDATE obligations o SET last_met_on = c.listed_on + 3
    FROM cases c WHERE c.id = o.case_id AND o.kind = 'responsibility_letter' AND ${r(11)} >= 20`);
  await bench.query(`
    UPDATE obligations o SET last_met_on = c.listed_on + 1
    FROM cases c WHERE c.id = o.case_id AND o.kind = 'emergency_plan' AND ${r(12)} >= 50`);
  // Level 1 daily reports: 90 % sent yesterday or today.
  await bench.query(`
    UPDATE obligations o
    SET last_met_on = '${plan.today}'::date - CASE WHEN ${r(13)} < 100 THEN 2 + ${r(13)} % 5 ELSE ${r(13)} % 2 END
    WHERE o.kind = 'daily_report'`);
  await recompute(plan.today);
  await ensureScreeningObligations(bench.database.db, monthOf(plan.today));
}
