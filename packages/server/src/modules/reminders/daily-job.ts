// The daily job (08:00 Beijing): recompute every obligation under the policy in force today, open
// this month's screening returns, then send each unit one reminder of its overdue and due items.

import { OBLIGATION_KIND_LABELS, OBLIGATION_KINDS, type ObligationKind } from '@anxin/shared';
import { eq, type SQL, sql } from 'drizzle-orm';
import type { Db, Executor } from '../../db/client.js';
import { settings } from '../../db/schema.js';
import { beijingDate, beijingIso, type Clock } from '../../lib/clock.js';
import { notifyUnits } from '../notifications/notifications.service.js';
import { ensureScreeningObligations, refreshObligations } from '../obligations/recompute.js';
import { monthOf } from '../obligations/rules.js';
import { DAILY_REMINDER_KIND } from './webhook-payload.js';

/** Arbitrary but fixed: the advisory-lock key that lets one process run the daily job. */
export const DAILY_JOB_LOCK_KEY = 4_242_010;
export const DAILY_JOB_SETTING = 'daily_job';

export interface DailyJobState {
  lastRunDate: string;
  ranAt: string;
  reminders: number;
}

export type DailyJobResult =
  | { status: 'ran'; date: string; reminders: number }
  | { status: 'already_ran'; date: string }
  | { status: 'locked'; date: string };

export async function readDailyJobState(db: Executor): Promise<DailyJobState | null> {
  const [row] = await db.select().from(settings).where(eq(settings.key, DAILY_JOB_SETTING));
  const value = row?.value as Partial<DailyJobState> | undefined;
  return typeof value?.lastRunDate === 'string' ? (value as DailyJobState) : null;
}

interface UnitCount {
  unit_id: string;
  kind: string;
  overdue: number;
  due_today: number;
}

/** Rows of a raw query on either driver (both answer `{ rows }`). */
async function rowsOf<T>(tx: Executor, query: SQL): Promise<T[]> {
  const result = (await tx.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}

/**
 * Items overdue or due today, counted per recipient unit and kind: a case's items go to the units
 * of the users on its team; the decisions the town owes (confirmation, review) and every item of
 * a case without a team yet go to the case's responsible units; a monthly screening return to the
 * village that files it. An item counts once per unit.
 */
export function countItemsByUnit(tx: Executor, today: string): Promise<UnitCount[]> {
  return rowsOf<UnitCount>(
    tx,
    sql`
      WITH items AS (
        SELECT o.id, o.kind, o.due_on, o.case_id, o.org_unit_id FROM obligations o
        WHERE o.due_on IS NOT NULL AND o.due_on <= ${today}::date
      ),
      recipients AS (
        SELECT u.org_unit_id AS unit_id, i.id, i.kind, i.due_on
        FROM items i
        JOIN case_team_members m ON m.case_id = i.case_id
        JOIN users u ON u.id = m.user_id AND NOT u.disabled
        UNION
        SELECT unnest(c.responsible_org_unit_ids), i.id, i.kind, i.due_on
        FROM items i JOIN cases c ON c.id = i.case_id
        WHERE i.kind IN ('confirmation', 'review')
           OR NOT EXISTS (SELECT 1 FROM case_team_members m WHERE m.case_id = i.case_id)
        UNION
        SELECT i.org_unit_id, i.id, i.kind, i.due_on FROM items i WHERE i.case_id IS NULL
      )
      SELECT unit_id::text AS unit_id, kind,
             (count(*) FILTER (WHERE due_on < ${today}::date))::int AS overdue,
             (count(*) FILTER (WHERE due_on = ${today}::date))::int AS due_today
      FROM recipients GROUP BY unit_id, kind
    `,
  );
}

function kindOrder(kind: string): number {
  const index = OBLIGATION_KINDS.indexOf(kind as ObligationKind);
  return index < 0 ? OBLIGATION_KINDS.length : index;
}

const countsText = (entries: { kind: string; count: number }[]) =>
  entries
    .filter((entry) => entry.count > 0)
    .sort((a, b) => kindOrder(a.kind) - kindOrder(b.kind))
    .map((entry) => `${OBLIGATION_KIND_LABELS[entry.kind as ObligationKind] ?? entry.kind} ${entry.count} 项`)
    .join('、');

/** "今日待办：随访 2 项、评估报告 1 项；已逾期：随访 1 项" (a part with nothing in it is left out). */
export function reminderSummary(rows: readonly Pick<UnitCount, 'kind' | 'overdue' | 'due_today'>[]): string {
  const today = countsText(rows.map((row) => ({ kind: row.kind, count: row.due_today })));
  const overdue = countsText(rows.map((row) => ({ kind: row.kind, count: row.overdue })));
  return [today && `今日待办：${today}`, overdue && `已逾期：${overdue}`].filter(Boolean).join('；');
}

/** One notice per unit with anything overdue or due today; returns how many were written. */
async function sendReminders(tx: Executor, today: string, now: Date): Promise<number> {
  const rows = await countItemsByUnit(tx, today);
  const byUnit = new Map<string, UnitCount[]>();
  for (const row of rows) byUnit.set(row.unit_id, [...(byUnit.get(row.unit_id) ?? []), row]);
  for (const [unitId, unitRows] of byUnit) {
    const summary = reminderSummary(unitRows);
    const overdue = unitRows.reduce((sum, row) => sum + row.overdue, 0);
    const dueToday = unitRows.reduce((sum, row) => sum + row.due_today, 0);
    await notifyUnits(
      tx,
      [unitId],
      {
        kind: DAILY_REMINDER_KIND,
        title: `每日待办提醒（${today}）：${[
          dueToday > 0 ? `今日到期 ${dueToday} 项` : '',
          overdue > 0 ? `已逾期 ${overdue} 项` : '',
        ]
          .filter(Boolean)
          .join('，')}`,
        body: `${summary}。请在工作台查看并及时办理。`,
        caseId: null,
        // Counts only: fit for a third-party robot.
        pushDetail: summary,
      },
      { now },
    );
  }
  return byUnit.size;
}

export function createDailyJob({ db, clock }: { db: Db; clock: Clock }) {
  /**
   * Runs the job for `today` (default: the Beijing date now) unless it already ran for that date.
   * The transaction takes a try-advisory lock: a process that does not get it leaves the run to
   * the one that did. The last-run date is re-read under the lock, so of two processes waking at
   * 08:00 exactly one runs, even when the second arrives after the first committed.
   */
  async function runDailyJob(today = beijingDate(clock.now())): Promise<DailyJobResult> {
    return db.transaction(async (tx) => {
      const [lock] = await rowsOf<{ locked: boolean }>(
        tx,
        sql`SELECT pg_try_advisory_xact_lock(${DAILY_JOB_LOCK_KEY}) AS locked`,
      );
      if (!lock?.locked) return { status: 'locked', date: today };
      const state = await readDailyJobState(tx);
      if (state && state.lastRunDate >= today) return { status: 'already_ran', date: today };

      await refreshObligations(tx, today, { all: true }, true);
      await ensureScreeningObligations(tx, monthOf(today));
      const now = clock.now();
      const reminders = await sendReminders(tx, today, now);
      const value: DailyJobState = { lastRunDate: today, ranAt: beijingIso(now), reminders };
      await tx
        .insert(settings)
        .values({ key: DAILY_JOB_SETTING, value })
        .onConflictDoUpdate({ target: settings.key, set: { value, updatedAt: now } });
      return { status: 'ran', date: today, reminders };
    });
  }

  return { runDailyJob };
}
