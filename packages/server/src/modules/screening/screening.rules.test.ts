import { describe, expect, it } from 'vitest';
import { AppError } from '../../lib/errors.js';
import {
  assertMonthNotInFuture,
  assertNoPersonTwice,
  assertReturnHasEntriesOrZeroReport,
  assertZeroReportHasNoEntries,
  complianceStatus,
  isFutureMonth,
  isReportingUnitKind,
  isSubmittedOnTime,
  personBelongsToReportingUnit,
  screeningDueOn,
} from './screening.rules.js';

/** The AppError a rule throws, or undefined when it passes. */
function refusal(rule: () => void): AppError | undefined {
  try {
    rule();
    return undefined;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
}

describe('screeningDueOn', () => {
  it('is the 21st of the month ("每月22日前")', () => {
    expect(screeningDueOn('2026-11')).toBe('2026-11-21');
    expect(screeningDueOn('2027-02')).toBe('2027-02-21');
  });
});

describe('isSubmittedOnTime', () => {
  it('is on time up to the 21st, 23:59:59 Beijing time', () => {
    expect(isSubmittedOnTime('2026-11', new Date('2026-11-21T15:59:59.999Z'))).toBe(true);
  });

  it('is late from the 22nd, 00:00 Beijing time (still the 21st in UTC)', () => {
    expect(isSubmittedOnTime('2026-11', new Date('2026-11-21T16:00:00.000Z'))).toBe(false);
  });

  it('is on time early in the month, and on the 1st at 00:00 Beijing (the 30th before in UTC)', () => {
    expect(isSubmittedOnTime('2026-11', new Date('2026-11-05T02:00:00Z'))).toBe(true);
    expect(isSubmittedOnTime('2026-12', new Date('2026-11-30T16:00:00Z'))).toBe(true);
  });

  it('is late for an earlier month handed in the next month, even before that month’s 21st', () => {
    expect(isSubmittedOnTime('2026-10', new Date('2026-11-03T02:00:00Z'))).toBe(false);
    expect(isSubmittedOnTime('2025-12', new Date('2026-01-10T02:00:00Z'))).toBe(false);
  });
});

describe('isFutureMonth and assertMonthNotInFuture', () => {
  const lastMinuteOfNovember = new Date('2026-11-30T15:59:00Z'); // 2026-11-30 23:59 Beijing

  it('counts the current Beijing month and earlier ones as open', () => {
    expect(isFutureMonth('2026-11', lastMinuteOfNovember)).toBe(false);
    expect(isFutureMonth('2025-12', lastMinuteOfNovember)).toBe(false);
  });

  it('refuses a month that has not begun in Beijing, naming 月份(month)', () => {
    expect(isFutureMonth('2026-12', lastMinuteOfNovember)).toBe(true);
    const error = refusal(() => assertMonthNotInFuture('2026-12', lastMinuteOfNovember));
    expect(error?.statusCode).toBe(400);
    expect(error?.message).toContain('月份(month)');
    expect(error?.details?.[0]?.field).toBe('month');
  });

  it('opens December at 00:00 Beijing on the 1st, while UTC is still in November', () => {
    expect(isFutureMonth('2026-12', new Date('2026-11-30T16:00:00Z'))).toBe(false);
  });
});

describe('assertReturnHasEntriesOrZeroReport', () => {
  it('refuses a return with no entries that is not a zero report', () => {
    const error = refusal(() => assertReturnHasEntriesOrZeroReport({ zeroReport: false, entryCount: 0 }));
    expect(error?.statusCode).toBe(400);
    expect(error?.message).toBe('请填写排查对象，或勾选零报告');
    expect(error?.details?.[0]?.field).toBe('entries');
  });

  it('accepts entries, or an explicit zero report', () => {
    expect(refusal(() => assertReturnHasEntriesOrZeroReport({ zeroReport: false, entryCount: 2 }))).toBeUndefined();
    expect(refusal(() => assertReturnHasEntriesOrZeroReport({ zeroReport: true, entryCount: 0 }))).toBeUndefined();
  });
});

describe('assertZeroReportHasNoEntries', () => {
  it('refuses a zero report that lists somebody, naming 零报告(zeroReport)', () => {
    const error = refusal(() => assertZeroReportHasNoEntries({ zeroReport: true, entries: [{}] }));
    expect(error?.statusCode).toBe(400);
    expect(error?.message).toContain('零报告(zeroReport)');
  });

  it('accepts a zero report without entries and a normal return with them', () => {
    expect(refusal(() => assertZeroReportHasNoEntries({ zeroReport: true, entries: [] }))).toBeUndefined();
    expect(refusal(() => assertZeroReportHasNoEntries({ zeroReport: false, entries: [{}] }))).toBeUndefined();
  });
});

describe('assertNoPersonTwice', () => {
  it('names the second line of a person listed twice', () => {
    const error = refusal(() => assertNoPersonTwice([{ personId: 'a' }, { personId: 'b' }, { personId: 'a' }]));
    expect(error?.details?.[0]?.field).toBe('entries.2.personId');
    expect(error?.message).toContain('与第1项是同一人');
  });

  it('accepts distinct persons', () => {
    expect(refusal(() => assertNoPersonTwice([{ personId: 'a' }, { personId: 'b' }]))).toBeUndefined();
  });
});

describe('personBelongsToReportingUnit', () => {
  const village = { kind: 'village', path: '/d/t/v1/' };

  it('places a person in a village by 户籍地 or by 居住地', () => {
    expect(personBelongsToReportingUnit({ householdPath: '/d/t/v1/', residencePath: null }, village)).toBe(true);
    expect(personBelongsToReportingUnit({ householdPath: '/d/t/v2/', residencePath: '/d/t/v1/' }, village)).toBe(true);
    expect(personBelongsToReportingUnit({ householdPath: '/d/t/v2/', residencePath: null }, village)).toBe(false);
  });

  it('lets a member unit (department) name anyone', () => {
    const department = { kind: 'department', path: '/d/t/police/' };
    expect(personBelongsToReportingUnit({ householdPath: '/d/t/v2/', residencePath: null }, department)).toBe(true);
  });
});

describe('isReportingUnitKind', () => {
  it('is true for villages, communities and member units, false for towns and above', () => {
    expect(['village', 'community', 'department'].map(isReportingUnitKind)).toEqual([true, true, true]);
    expect(['town', 'district', 'municipality'].map(isReportingUnitKind)).toEqual([false, false, false]);
  });
});

describe('complianceStatus', () => {
  it('maps no return, a draft and a submitted return to the board’s statuses', () => {
    expect(complianceStatus(null)).toBe('missing');
    expect(complianceStatus({ status: 'draft', onTime: null })).toBe('draft');
    expect(complianceStatus({ status: 'submitted', onTime: true })).toBe('on_time');
    expect(complianceStatus({ status: 'submitted', onTime: false })).toBe('late');
  });
});
