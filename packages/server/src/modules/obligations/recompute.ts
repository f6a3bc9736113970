import type { PolicyBody } from '@anxin/shared';
import { and, eq, inArray, isNotNull, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { cases, obligations } from '../../db/schema.js';
import { readPolicyVersion } from './policy.store.js';
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

/** Serialises obligation writers: events hold it shared, whole-scope recomputes exclusively. */
const OBLIGATIONS_LOCK = 4_242_020;

/**
 * Locks cases before their obligations are touched, always in the same order (the advisory lock,
 * then the case rows by id), so that concurrent events on one case queue instead of deadlocking,
 * and a recompute's snapshot is taken after the event before it committed.
 */
export async function lockCases(tx: Executor, caseIds: readonly string[]): Promise<void> {
  if (caseIds.length === 0) return;
  await tx.execute(sql`SELECT pg_advisory_xact_lock_shared(${OBLIGATIONS_LOCK})`);
  const ids = [...new Set(caseIds)].sort();
  await tx.execute(sql`
    SELECT id FROM cases WHERE id IN (${sql.join(
      ids.map((id) => sql`${id}::uuid`),
      sql`, `,
    )}) ORDER BY id FOR UPDATE
  `);
}

/**
 * Recomputes the obligations of the listed cases in scope in one statement: the rows each case's
 * level requires (under a sensitive period active on `today` or not) are inserted or updated with
 * their due dates; rows a listed case no longer owes (another level, a confirmed emergency
 * listing) are set aside (dueOn null) with their history, and rows of closed cases are deleted.
 * Each row's `lastMetOn` is kept, so a level change in mid-interval counts from the last visit;
 * a kind that starts now (new, or owed again) counts from the latest of the level's date, the
 * sensitive period's start and the policy version's date. Review and confirmation take their
 * dates from the case itself, and so does the special consultation an alert asks for: it is owed
 * exactly while the case is flagged for level review (`level_review_since`), due
 * `specialConsultationDays` after the flag (rules.ts `specialConsultationDueOn`).
 */
export async function recomputeObligations(
  tx: Executor,
  policy: PolicyBody,
  today: string,
  scope: RecomputeScope,
  policyFrom = '2000-01-01',
): Promise<void> {
  if ('caseIds' in scope) await lockCases(tx, scope.caseIds);
  else await tx.execute(sql`SELECT pg_advisory_xact_lock(${OBLIGATIONS_LOCK})`);
  await tx.execute(sql`
    WITH rules(level, sensitive, kind, months, days, once) AS (VALUES ${rulesValues(policy)}),
    periods AS (
      SELECT org_unit_path, starts_on FROM sensitive_periods WHERE starts_on <= ${today}::date AND ends_on >= ${today}::date
    ),
    target AS (
      SELECT c.id, c.level, c.person_id, p.household_org_unit_id AS org_unit_id,
             c.responsible_path, c.assisting_path, c.listed_on,
             c.awaiting_confirmation, c.confirmation_due_on, c.next_review_on, c.level_review_since,
             COALESCE((SELECT max(h.effective_on) FROM case_level_history h
                       WHERE h.case_id = c.id AND h.to_level IS NOT NULL), c.listed_on) AS level_since,
             (SELECT max(sp.starts_on) FROM periods sp
              WHERE c.responsible_path LIKE sp.org_unit_path || '%') AS sensitive_since
      FROM cases c JOIN persons p ON p.id = c.person_id
      WHERE c.status = 'listed' AND c.level IS NOT NULL AND ${scopeOn(scope, sql`c.id`, sql`c.responsible_path`)}
    ),
    wanted AS (
      SELECT t.*, r.kind, r.months, r.days, r.once, NULL::date AS fixed_due,
             CASE WHEN r.kind = 'responsibility_letter' THEN t.listed_on
                  ELSE GREATEST(t.level_since, t.sensitive_since, ${policyFrom}::date) END AS start_on
      FROM target t JOIN rules r ON r.level = t.level AND r.sensitive = (t.sensitive_since IS NOT NULL)
      UNION ALL
      SELECT t.*, 'confirmation', 0, 0, true, t.confirmation_due_on, t.listed_on
      FROM target t WHERE t.awaiting_confirmation AND t.confirmation_due_on IS NOT NULL
      UNION ALL
      SELECT t.*, 'review', 0, 0, false, t.next_review_on, t.level_since
      FROM target t WHERE t.next_review_on IS NOT NULL
      UNION ALL
      SELECT t.*, 'special_consultation', 0, 0, false,
             (t.level_review_since + ${policy.specialConsultationDays}::int)::date, t.level_review_since
      FROM target t WHERE t.level_review_since IS NOT NULL
    ),
    gone AS (
      DELETE FROM obligations o
      WHERE o.case_id IS NOT NULL AND ${scopeOn(scope, sql`o.case_id`, sql`o.path`)}
        AND NOT EXISTS (SELECT 1 FROM target t WHERE t.id = o.case_id)
      RETURNING 1
    ),
    set_aside AS (
      UPDATE obligations o SET due_on = NULL, updated_at = now()
      FROM target t
      WHERE o.case_id = t.id AND o.due_on IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM wanted w WHERE w.id = o.case_id AND w.kind = o.kind)
      RETURNING 1
    ),
    counted AS (
      -- A row owed again after being set aside (due null, and not a one-time obligation already
      -- met) starts over; an owed row keeps its start.
      SELECT w.*, o.last_met_on,
             CASE WHEN o.case_id IS NULL OR (o.due_on IS NULL AND NOT (w.once AND o.last_met_on IS NOT NULL))
                  THEN w.start_on ELSE o.since_on END AS since_on
      FROM wanted w LEFT JOIN obligations o ON o.case_id = w.id AND o.kind = w.kind
    )
    INSERT INTO obligations AS ob (case_id, kind, person_id, level, org_unit_id, path, assisting_path,
                                   since_on, last_met_on, due_on, sensitive, updated_at)
    SELECT c.id, c.kind, c.person_id, c.level, c.org_unit_id, c.responsible_path, c.assisting_path,
           c.since_on, c.last_met_on,
           CASE
             WHEN c.kind IN ('confirmation', 'review', 'special_consultation') THEN c.fixed_due
             WHEN c.once AND c.last_met_on IS NOT NULL THEN NULL
             WHEN c.once THEN (c.since_on + make_interval(months => c.months, days => c.days))::date
             ELSE (GREATEST(c.since_on, c.last_met_on) + make_interval(months => c.months, days => c.days))::date
           END,
           c.sensitive_since IS NOT NULL, now()
    FROM counted c
    ON CONFLICT (case_id, kind) DO UPDATE SET
      level = EXCLUDED.level, person_id = EXCLUDED.person_id, org_unit_id = EXCLUDED.org_unit_id,
      path = EXCLUDED.path, assisting_path = EXCLUDED.assisting_path, since_on = EXCLUDED.since_on,
      due_on = EXCLUDED.due_on, sensitive = EXCLUDED.sensitive, updated_at = EXCLUDED.updated_at
  `);
}

/**
 * Records that an obligation of some cases was met on `on` (a visit, a meeting, a report),
 * keeping the latest date when records arrive out of order, and recomputes those cases: one
 * update and one recompute however many cases. Cases whose rows do not exist yet (listed before
 * rows were stored) get them first, so no record is lost.
 */
export async function meetObligation(
  tx: Executor,
  caseIds: readonly string[],
  kind: string,
  on: string,
  today: string,
): Promise<void> {
  if (caseIds.length === 0) return;
  await lockCases(tx, caseIds);
  const met = async (ids: readonly string[]) =>
    (
      await tx
        .update(obligations)
        .set({ lastMetOn: sql`GREATEST(${obligations.lastMetOn}, ${on}::date)`, updatedAt: sql`now()` })
        .where(and(inArray(obligations.caseId, [...ids]), eq(obligations.kind, kind)))
        .returning({ caseId: obligations.caseId })
    ).map((row) => row.caseId);
  const done = new Set(await met(caseIds));
  const missing = caseIds.filter((id) => !done.has(id));
  if (missing.length) {
    await refreshObligations(tx, today, { caseIds: missing });
    await met(missing);
  }
  await refreshObligations(tx, today, { caseIds });
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

/**
 * Recomputes with the policy in force on `today`: what every event that changes a case calls.
 * `policyChange`: the recompute a policy version starting today makes (the daily job on its first
 * day): a kind the version adds counts from today. An event's recompute never does that, so a
 * back-dated listing recorded later still counts from its own date.
 */
export async function refreshObligations(
  tx: Executor,
  today: string,
  scope: RecomputeScope,
  policyChange = false,
): Promise<void> {
  const version = await readPolicyVersion(tx, today);
  const floor = policyChange && version.effectiveFrom === today ? today : undefined;
  await recomputeObligations(tx, version.body, today, scope, floor);
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

/**
 * The meeting kinds that take up a case an alert flagged for level review, and so meet its
 * special consultation: every kind in which the case's units review it together — 专项会商 and
 * 每日会商 (the plan's ③ names both), 联席会议, 专班会议, and the 研判会 that decides levels.
 */
export const LEVEL_REVIEW_MEETING_KINDS: readonly string[] = [
  'consultation',
  'daily',
  'joint',
  'special_team',
  'assessment',
];

/**
 * A meeting that takes up flagged cases clears their level-review flag and meets their special
 * consultation on its date. Only a meeting held at or after the moment of the alert that set (or
 * last renewed) the flag counts: one held before it — even earlier the same day, recorded
 * afterwards — cannot have considered it.
 */
async function takeUpLevelReview(
  tx: Executor,
  caseIds: readonly string[],
  meeting: { heldOn: string; heldAt: Date },
  today: string,
) {
  if (caseIds.length === 0) return;
  const { heldOn, heldAt } = meeting;
  const cleared = (
    await tx
      .update(cases)
      .set({ levelReviewSince: null, levelReviewAlertId: null, updatedAt: sql`now()` })
      .where(
        and(
          inArray(cases.id, [...caseIds]),
          isNotNull(cases.levelReviewSince),
          sql`COALESCE(
                (SELECT a.occurred_at <= ${heldAt.toISOString()}::timestamptz
                 FROM alerts a WHERE a.id = ${cases.levelReviewAlertId}),
                ${cases.levelReviewSince} <= ${heldOn}::date)`,
        ),
      )
      .returning({ id: cases.id })
  ).map((row) => row.id);
  await meetObligation(tx, cleared, 'special_consultation', heldOn, today);
}

export async function meetByMeeting(
  tx: Executor,
  meeting: { kind: string; heldOn: string; heldAt: Date },
  caseIds: readonly string[],
  today: string,
): Promise<void> {
  const kind = MEETING_MEETS[meeting.kind];
  if (kind) await meetObligation(tx, caseIds, kind, meeting.heldOn, today);
  if (LEVEL_REVIEW_MEETING_KINDS.includes(meeting.kind)) await takeUpLevelReview(tx, caseIds, meeting, today);
}

/** Whether any listed case has no obligation rows yet (listed before they were stored). */
export async function listedCasesWithoutObligations(db: Executor): Promise<boolean> {
  const [row] = await db
    .select({ id: cases.id })
    .from(cases)
    .where(
      and(
        eq(cases.status, 'listed'),
        sql`NOT EXISTS (SELECT 1 FROM ${obligations} WHERE ${obligations.caseId} = ${cases.id})`,
      ),
    )
    .limit(1);
  return row !== undefined;
}
