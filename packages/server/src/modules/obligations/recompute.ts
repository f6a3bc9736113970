import type { PolicyBody } from '@anxin/shared';
import { type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { readPolicy } from './policy.store.js';
import { ruleTable, screeningDueOn } from './rules.js';

/** Which listed cases to recompute: some cases, a unit's subtree, or every case. */
export type RecomputeScope = { caseIds: readonly string[] } | { path: string } | { all: true };

function scopeOn(scope: RecomputeScope, idColumn: SQL, pathColumn: SQL): SQL {
  if ('caseIds' in scope) {
    if (scope.caseIds.length === 0) return sql`false`;
    return sql`${idColumn} IN (${sql.join(
      scope.caseIds.map((id) => sql`${id}::uuid`),
      sql`, `,
    )})`;
  }
  if ('path' in scope) return sql`${pathColumn} LIKE ${`${scope.path}%`}`;
  return sql`true`;
}

function rulesValues(policy: PolicyBody): SQL {
  const rows = ruleTable(policy).map(
    (r) =>
      sql`(${r.level}::int, ${r.sensitive}::boolean, ${r.kind}::text, ${r.months}::int, ${r.days}::int, ${r.once}::boolean)`,
  );
  return sql.join(rows, sql`, `);
}

/**
 * Recomputes the obligations of the listed cases in scope in one statement: the rows each case's
 * level requires (under a sensitive period active on `today` or not) are inserted or updated with
 * their due dates, rows no longer required (other level, closed case, confirmed emergency listing)
 * are deleted. Each row's `lastMetOn` and `sinceOn` are kept, so a level change in mid-interval
 * counts from the last visit. Review and confirmation take their dates from the case itself.
 */
export async function recomputeObligations(
  tx: Executor,
  policy: PolicyBody,
  today: string,
  scope: RecomputeScope,
): Promise<void> {
  await tx.execute(sql`
    WITH rules(level, sensitive, kind, months, days, once) AS (VALUES ${rulesValues(policy)}),
    periods AS (
      SELECT org_unit_path, starts_on FROM sensitive_periods WHERE starts_on <= ${today}::date AND ends_on >= ${today}::date
    ),
    target AS (
      SELECT c.id, c.level, c.person_id, p.household_org_unit_id AS org_unit_id,
             c.responsible_path, c.assisting_path, c.listed_on,
             c.awaiting_confirmation, c.confirmation_due_on, c.next_review_on,
             COALESCE((SELECT max(h.effective_on) FROM case_level_history h
                       WHERE h.case_id = c.id AND h.to_level IS NOT NULL), c.listed_on) AS level_since,
             (SELECT max(sp.starts_on) FROM periods sp
              WHERE c.responsible_path LIKE sp.org_unit_path || '%') AS sensitive_since
      FROM cases c JOIN persons p ON p.id = c.person_id
      WHERE c.status = 'listed' AND c.level IS NOT NULL AND ${scopeOn(scope, sql`c.id`, sql`c.responsible_path`)}
    ),
    wanted AS (
      SELECT t.*, r.kind, r.months, r.days, r.once, NULL::date AS fixed_due,
             -- A kind that starts now counts from the later of the level's date and the period's start.
             CASE WHEN r.kind = 'responsibility_letter' THEN t.listed_on
                  ELSE GREATEST(t.level_since, t.sensitive_since) END AS start_on
      FROM target t JOIN rules r ON r.level = t.level AND r.sensitive = (t.sensitive_since IS NOT NULL)
      UNION ALL
      SELECT t.*, 'confirmation', 0, 0, true, t.confirmation_due_on, t.listed_on
      FROM target t WHERE t.awaiting_confirmation AND t.confirmation_due_on IS NOT NULL
      UNION ALL
      SELECT t.*, 'review', 0, 0, false, t.next_review_on, t.level_since
      FROM target t WHERE t.next_review_on IS NOT NULL
    ),
    gone AS (
      DELETE FROM obligations o
      WHERE o.case_id IS NOT NULL AND ${scopeOn(scope, sql`o.case_id`, sql`o.path`)}
        AND NOT EXISTS (SELECT 1 FROM wanted w WHERE w.id = o.case_id AND w.kind = o.kind)
      RETURNING 1
    )
    INSERT INTO obligations AS ob (case_id, kind, person_id, level, org_unit_id, path, assisting_path,
                                   since_on, last_met_on, due_on, sensitive, updated_at)
    SELECT w.id, w.kind, w.person_id, w.level, w.org_unit_id, w.responsible_path, w.assisting_path,
           COALESCE(o.since_on, w.start_on), o.last_met_on,
           CASE
             WHEN w.kind IN ('confirmation', 'review') THEN w.fixed_due
             WHEN w.once AND o.last_met_on IS NOT NULL THEN NULL
             WHEN w.once THEN (COALESCE(o.since_on, w.start_on) + make_interval(months => w.months, days => w.days))::date
             ELSE (GREATEST(COALESCE(o.since_on, w.start_on), o.last_met_on)
                   + make_interval(months => w.months, days => w.days))::date
           END,
           w.sensitive_since IS NOT NULL, now()
    FROM wanted w LEFT JOIN obligations o ON o.case_id = w.id AND o.kind = w.kind
    ON CONFLICT (case_id, kind) DO UPDATE SET
      level = EXCLUDED.level, person_id = EXCLUDED.person_id, org_unit_id = EXCLUDED.org_unit_id,
      path = EXCLUDED.path, assisting_path = EXCLUDED.assisting_path, due_on = EXCLUDED.due_on,
      sensitive = EXCLUDED.sensitive, updated_at = EXCLUDED.updated_at
  `);
}

/**
 * Records that an obligation of a case was met on `on` (a visit, a meeting, a report), keeping
 * the latest date when records arrive out of order. The caller recomputes the case afterwards.
 */
export async function meetObligation(tx: Executor, caseId: string, kind: string, on: string): Promise<void> {
  await tx.execute(sql`
    UPDATE obligations SET last_met_on = GREATEST(last_met_on, ${on}::date), updated_at = now()
    WHERE case_id = ${caseId}::uuid AND kind = ${kind}
  `);
}

/**
 * The monthly screening return of every village and community for `month` (排查情况表, due
 * before the 22nd): rows are created once, and marked met for returns already submitted.
 */
export async function ensureScreeningObligations(tx: Executor, month: string): Promise<void> {
  await tx.execute(sql`
    INSERT INTO obligations (kind, org_unit_id, month, path, since_on, due_on)
    SELECT 'screening_report', u.id, ${month}, u.path, ${`${month}-01`}::date, ${screeningDueOn(month)}::date
    FROM org_units u WHERE u.kind IN ('village', 'community')
    ON CONFLICT (org_unit_id, kind, month) WHERE case_id IS NULL DO NOTHING
  `);
  await tx.execute(sql`
    UPDATE obligations o
    SET last_met_on = ((r.submitted_at AT TIME ZONE 'UTC') + interval '8 hours')::date, due_on = NULL, updated_at = now()
    FROM screening_reports r
    WHERE o.case_id IS NULL AND o.kind = 'screening_report' AND o.month = ${month}
      AND r.org_unit_id = o.org_unit_id AND r.month = o.month AND r.status = 'submitted' AND o.last_met_on IS NULL
  `);
}

/** Recomputes with the policy in force on `today`: what every event that changes a case calls. */
export async function refreshObligations(tx: Executor, today: string, scope: RecomputeScope): Promise<void> {
  await recomputeObligations(tx, await readPolicy(tx, today), today, scope);
}

/** A village's return for `month` was submitted on `on`: its obligation is met. */
export async function meetScreeningObligation(
  tx: Executor,
  unit: { id: string; path: string; kind: string },
  month: string,
  on: string,
): Promise<void> {
  if (unit.kind !== 'village' && unit.kind !== 'community') return;
  await tx.execute(sql`
    INSERT INTO obligations (kind, org_unit_id, month, path, since_on, last_met_on, due_on)
    VALUES ('screening_report', ${unit.id}::uuid, ${month}, ${unit.path}, ${`${month}-01`}::date, ${on}::date, NULL)
    ON CONFLICT (org_unit_id, kind, month) WHERE case_id IS NULL
    DO UPDATE SET last_met_on = EXCLUDED.last_met_on, due_on = NULL, updated_at = now()
  `);
}

/** The obligation each meeting kind meets for the cases on its agenda (联席会议, 每日会商). */
const MEETING_MEETS: Record<string, string> = { joint: 'joint_meeting', daily: 'daily_consultation' };

export async function meetByMeeting(
  tx: Executor,
  meeting: { kind: string; heldOn: string },
  caseIds: readonly string[],
  today: string,
): Promise<void> {
  const kind = MEETING_MEETS[meeting.kind];
  if (!kind || caseIds.length === 0) return;
  for (const caseId of caseIds) await meetObligation(tx, caseId, kind, meeting.heldOn);
  await refreshObligations(tx, today, { caseIds });
}
