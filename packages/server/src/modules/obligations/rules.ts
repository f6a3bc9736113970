// The due-date rules of §四(三): how often each obligation recurs per level, how a sensitive
// period tightens it, and when a one-time obligation falls due. Pure functions: the recompute
// statement takes its rule table from here, and the unit tests pin the arithmetic.
import {
  DEFAULT_ALERT_TARGETS,
  INTERVAL_KINDS,
  type Interval,
  type IntervalKind,
  type ObligationKind,
  type PolicyBody,
} from '@anxin/shared';
import { addDays, addMonths, daysBetween } from '../../lib/dates.js';

export type Level = 1 | 2 | 3;
export const LEVELS: readonly Level[] = [1, 2, 3];

/** The plan's defaults (§四(三)3, DESIGN.md "Obligations"). */
export const DEFAULT_POLICY: PolicyBody = {
  intervals: {
    1: { daily_consultation: { days: 1 }, daily_report: { days: 1 } },
    2: { visit: { days: 7 }, joint_meeting: { days: 15 }, assessment_report: { months: 1 } },
    3: { visit: { days: 14 }, joint_meeting: { months: 1 }, assessment_report: { months: 2 } },
  },
  sensitive: { divisor: 2, extra: { 1: {}, 2: { daily_consultation: { days: 1 } }, 3: {} } },
  teamUnits: {
    1: ['leader', 'peace_office', 'police', 'judicial', 'civil_affairs', 'health', 'village'],
    2: ['peace_office', 'police', 'judicial', 'civil_affairs', 'health', 'village'],
    3: ['peace_office', 'police', 'judicial', 'civil_affairs', 'health', 'village'],
  },
  responsibilityLetterDays: 7,
  emergencyPlanDays: 3,
  confirmationDays: 7,
  review: { 1: { days: 7 }, 2: { months: 1 }, 3: { months: 2 } },
  alertTargets: DEFAULT_ALERT_TARGETS,
  specialConsultationDays: 1,
};

/** The date an interval after `base` (months clamp to the month's end: 01-31 + 1 month = 02-28). */
export function after(base: string, interval: Interval): string {
  return interval.months ? addMonths(base, interval.months) : addDays(base, interval.days ?? 0);
}

/**
 * An interval made `divisor` times as frequent: days divide down (at least one day), whole
 * months stay months, and a month that does not divide becomes 30-day months divided
 * (one month halved = 15 days, the plan's 半月).
 */
export function tighten(interval: Interval, divisor: number): Interval {
  if (divisor <= 1) return interval;
  if (interval.months) {
    if (interval.months % divisor === 0) return { months: interval.months / divisor };
    return { days: Math.max(1, Math.floor((interval.months * 30) / divisor)) };
  }
  return { days: Math.max(1, Math.floor((interval.days ?? 1) / divisor)) };
}

function shorter(a: Interval | undefined, b: Interval | undefined): Interval | undefined {
  if (!a || !b) return a ?? b;
  // Compare by the date each gives from a fixed base.
  return after('2001-01-01', a) <= after('2001-01-01', b) ? a : b;
}

/** The recurring obligations of a level, in or out of a sensitive period. */
export function intervalsFor(policy: PolicyBody, level: Level, sensitive: boolean): Map<IntervalKind, Interval> {
  const result = new Map<IntervalKind, Interval>();
  for (const kind of INTERVAL_KINDS) {
    const normal = policy.intervals[level][kind];
    const tightened = sensitive && normal ? tighten(normal, policy.sensitive.divisor) : normal;
    const interval = sensitive ? shorter(tightened, policy.sensitive.extra[level][kind]) : tightened;
    if (interval) result.set(kind, interval);
  }
  return result;
}

/** One row of the rule table the recompute statement joins: (level, sensitive, kind) → interval. */
export interface RuleRow {
  level: Level;
  sensitive: boolean;
  kind: ObligationKind;
  months: number;
  days: number;
  /** Due once (counted from `since`), not again after it is met. */
  once: boolean;
}

export function ruleTable(policy: PolicyBody): RuleRow[] {
  const rows: RuleRow[] = [];
  for (const level of LEVELS) {
    for (const sensitive of [false, true]) {
      for (const [kind, interval] of intervalsFor(policy, level, sensitive)) {
        rows.push({ level, sensitive, kind, months: interval.months ?? 0, days: interval.days ?? 0, once: false });
      }
      rows.push({
        level,
        sensitive,
        kind: 'responsibility_letter',
        months: 0,
        days: policy.responsibilityLetterDays,
        once: true,
      });
      if (level === 1) {
        rows.push({ level, sensitive, kind: 'emergency_plan', months: 0, days: policy.emergencyPlanDays, once: true });
      }
    }
  }
  return rows;
}

/** What the recompute decides for one obligation of a listed case. */
export interface ObligationState {
  /** When it counts from if never met (listing, or the level it became due at). */
  sinceOn: string;
  lastMetOn: string | null;
}

/**
 * The due date of one obligation: recurring ones count from the later of the last time met and
 * `since`; a one-time obligation is due `since` + its days until met, then not at all (null).
 */
export function dueOn(rule: Pick<RuleRow, 'months' | 'days' | 'once'>, state: ObligationState): string | null {
  if (rule.once && state.lastMetOn) return null;
  const base = !rule.once && state.lastMetOn && state.lastMetOn > state.sinceOn ? state.lastMetOn : state.sinceOn;
  return addDays(addMonths(base, rule.months), rule.days);
}

/**
 * 专项会商 (③) after an alert (⑥): due `specialConsultationDays` after the day the case was flagged
 * for level review; it exists only while the flag is set (a meeting taking the case up clears it).
 */
export function specialConsultationDueOn(
  policy: Pick<PolicyBody, 'specialConsultationDays'>,
  flaggedOn: string,
): string {
  return addDays(flaggedOn, policy.specialConsultationDays);
}

/** Days an item is overdue on `today` (0 when due today or later). */
export function overdueDays(due: string, today: string): number {
  return Math.max(0, daysBetween(due, today));
}

/** The monthly screening return is due before the 22nd (the plan's fixed rule, screening.rules.ts). */
export { screeningDueOn } from '../screening/screening.rules.js';

/** "2026-11" of a Beijing date. */
export function monthOf(date: string): string {
  return date.slice(0, 7);
}
