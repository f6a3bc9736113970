// The rules of the monthly screening return (排查情况表, plan §四(一)1): "每月22日前将排查情况表报平安办".
// Pure functions of their arguments: the caller passes "now" from the injected clock.
import { fieldLabel, SCREENING_FIELD_LABELS, type ScreeningStatus } from '@anxin/shared';
import { beijingDate } from '../../lib/clock.js';
import { badRequest } from '../../lib/errors.js';
import { isResidentialKind } from '../org/org.service.js';

const label = (...path: (string | number)[]) => fieldLabel(path, SCREENING_FIELD_LABELS);

/** The last Beijing date on which a month's return is on time: "before the 22nd" is the 21st. */
export function screeningDueOn(month: string): string {
  return `${month}-21`;
}

/**
 * On time when submitted on or before the 21st of its own month, Beijing time (before the 22nd,
 * 00:00 +08:00). A return for an earlier month handed in later is late.
 */
export function isSubmittedOnTime(month: string, submittedAt: Date): boolean {
  return beijingDate(submittedAt) <= screeningDueOn(month);
}

/** A month that has not begun yet in Beijing. */
export function isFutureMonth(month: string, now: Date): boolean {
  return month > beijingDate(now).slice(0, 7);
}

export function assertMonthNotInFuture(month: string, now: Date): void {
  if (isFutureMonth(month, now)) throw badRequest(`${label('month')}：不能填报尚未到来的月份`, 'month');
}

/** Who files a return: a village or community, or a member unit (a town department) for itself. */
export function isReportingUnitKind(kind: string): boolean {
  return isResidentialKind(kind) || kind === 'department';
}

/** A zero report (零报告) says "nobody found": it cannot also list somebody. */
export function assertZeroReportHasNoEntries(report: { zeroReport: boolean; entries: readonly unknown[] }): void {
  if (report.zeroReport && report.entries.length > 0) {
    throw badRequest(`${label('zeroReport')}：勾选零报告时不能填写排查对象`, 'zeroReport');
  }
}

/** A return is submitted with at least one suspect, or explicitly as a zero report. */
export function assertReturnHasEntriesOrZeroReport(report: { zeroReport: boolean; entryCount: number }): void {
  if (!report.zeroReport && report.entryCount === 0) throw badRequest('请填写排查对象，或勾选零报告', 'entries');
}

/** One line per person in a return: the same person twice would enter the pool twice. */
export function assertNoPersonTwice(entries: readonly { personId: string }[]): void {
  const seen = new Map<string, number>();
  entries.forEach((entry, index) => {
    const first = seen.get(entry.personId);
    if (first !== undefined) {
      throw badRequest(
        `${label('entries', index, 'personId')}：与第${first + 1}项是同一人`,
        `entries.${index}.personId`,
      );
    }
    seen.set(entry.personId, index);
  });
}

/**
 * A village's or community's return lists the people registered or living there (what its own
 * cadre can see), also when the peace office keys it in; a member unit's return may name anyone
 * the filer can see.
 */
export function personBelongsToReportingUnit(
  person: { householdPath: string; residencePath: string | null },
  unit: { kind: string; path: string },
): boolean {
  if (!isResidentialKind(unit.kind)) return true;
  return person.householdPath.startsWith(unit.path) || person.residencePath?.startsWith(unit.path) === true;
}

/** A unit's line on the compliance board: no return, a draft, or submitted on time or late. */
export function complianceStatus(report: { status: string; onTime: boolean | null } | null): ScreeningStatus {
  if (!report) return 'missing';
  if (report.status !== 'submitted') return 'draft';
  return report.onTime ? 'on_time' : 'late';
}
