import { z } from 'zod';
import { id } from './common.js';
import { CASE_STATUSES, CATEGORIES, SCREENING_STATUSES } from './lifecycle.js';
import { OBLIGATION_KINDS } from './obligations.js';
import { ORG_KINDS } from './roles.js';
import { month } from './screening.js';

// ── Statistics (统计报表): counts of one unit of the caller's jurisdiction for one month ───────

/** Chinese names of the statistics query fields, for error messages. */
export const STATS_FIELD_LABELS: Record<string, string> = { orgUnitId: '统计范围', month: '统计月份' };

/** `?orgUnitId=&month=`: the unit defaults to the caller's jurisdiction, the month to this month (Beijing). */
export const statsQuery = z.strictObject({ orgUnitId: id.optional(), month: month.optional() });
export type StatsQuery = z.infer<typeof statsQuery>;

const count = z.number().int();
const levelCounts = z.object({ level1: count, level2: count, level3: count, total: count });

/** The compliance board's statuses as the monthly report words them. */
export const STATS_SCREENING_STATUS_LABELS: Record<(typeof SCREENING_STATUSES)[number], string> = {
  on_time: '按时上报',
  late: '逾期上报',
  missing: '未上报',
  draft: '已填未报',
};

export const statsSummary = z.object({
  /** The unit counted: a district, town, village or community inside the caller's jurisdiction. */
  orgUnit: z.object({ id, name: z.string(), kind: z.enum(ORG_KINDS) }),
  month: z.string(),
  /** The day the standing counts (levels, categories, statuses, villages) are taken on: the month's last day, or today for the current month. */
  asOf: z.string(),
  /** Today (Beijing): overdue obligations and open alerts are as of today, whatever the month. */
  today: z.string(),
  /** Persons on the list on `asOf`, by level; a case counts in the unit of its responsible path (户籍地, or the designated town). */
  byLevel: levelCounts,
  /** Listed persons by screening category (a person with two categories counts in both). */
  byCategory: z.array(z.object({ category: z.enum(CATEGORIES), count })),
  /** Cases by status on `asOf`: proposed (awaiting a decision), listed, rejected and delisted so far. */
  byStatus: z.array(z.object({ status: z.enum(CASE_STATUSES), count })),
  /**
   * Each village and community under the unit with its listed persons by level; cases whose
   * responsible unit is a town (designated or transferred there) come last as `orgUnitId: null`.
   */
  byVillage: z.array(
    levelCounts.extend({ orgUnitId: id.nullable(), name: z.string(), kind: z.string(), code: z.string().nullable() }),
  ),
  /** Listed persons of other units who live here (居住地) and whom this unit assists; not in the counts above. */
  assisted: levelCounts,
  /** Listings and delistings that took effect in the month. */
  changes: z.object({
    listed: count,
    delisted: count,
    levelChanged: count,
    delistedByReason: z.array(z.object({ reasonCode: z.string(), count })),
  }),
  /** Overdue obligations (due before today) of the unit's cases and returns, by kind. */
  overdueByKind: z.array(z.object({ kind: z.enum(OBLIGATION_KINDS), count })),
  /** The month's screening returns of the unit's villages and communities. */
  screening: z.object({
    month: z.string(),
    onTime: count,
    late: count,
    missing: count,
    draft: count,
    units: z.array(
      z.object({ orgUnitId: id, name: z.string(), status: z.enum(SCREENING_STATUSES), entryCount: count }),
    ),
  }),
  /** The 12 months ending with `month`: listings and delistings in each, and persons on the list at its end. */
  trend: z.array(z.object({ month: z.string(), listed: count, delisted: count, onList: count })),
  /** Work done in the month (工作落实). */
  work: z.object({
    visits: count,
    meetings: z.array(z.object({ kind: z.string(), count })),
    assessmentReports: count,
    dailyReports: count,
  }),
  /** Help items of the unit's cases by type and status (now), and those started and completed in the month. */
  services: z.object({
    byTypeStatus: z.array(z.object({ type: z.string(), status: z.string(), count })),
    createdInMonth: count,
    completedInMonth: count,
  }),
  /** Grievances (矛盾诉求): by status now, opened and resolved in the month, open past their due date today. */
  grievances: z.object({
    byStatus: z.array(z.object({ status: z.string(), count })),
    openedInMonth: count,
    resolvedInMonth: count,
    overdue: count,
  }),
  /** Alerts (警情): open today; reported, answered by the police and disposed in the month. */
  alerts: z.object({ open: count, inMonth: count, respondedInMonth: count, disposedInMonth: count }),
});
export type StatsSummary = z.infer<typeof statsSummary>;
