import type { PolicyBody } from '@anxin/shared';
import { describe, expect, it } from 'vitest';
import { beijingDate } from '../../lib/clock.js';
import {
  after,
  DEFAULT_POLICY,
  dueOn,
  intervalsFor,
  overdueDays,
  ruleTable,
  screeningDueOn,
  specialConsultationDueOn,
  tighten,
} from './rules.js';

const rule = (policy: PolicyBody, level: 1 | 2 | 3, kind: string, sensitive = false) => {
  const found = ruleTable(policy).find((r) => r.level === level && r.kind === kind && r.sensitive === sensitive);
  if (!found) throw new Error(`no rule for level ${level} ${kind}`);
  return found;
};
const never = { sinceOn: '2026-11-01', lastMetOn: null };

describe('due dates per level and kind (plan §四(三)3, DESIGN.md Obligations)', () => {
  it.each([
    [2, 'visit', '2026-11-08'],
    [3, 'visit', '2026-11-15'],
    [2, 'joint_meeting', '2026-11-16'],
    [3, 'joint_meeting', '2026-12-01'],
    [2, 'assessment_report', '2026-12-01'],
    [3, 'assessment_report', '2027-01-01'],
    [1, 'daily_consultation', '2026-11-02'],
    [1, 'daily_report', '2026-11-02'],
    [1, 'emergency_plan', '2026-11-04'],
    [1, 'responsibility_letter', '2026-11-08'],
    [2, 'responsibility_letter', '2026-11-08'],
    [3, 'responsibility_letter', '2026-11-08'],
  ] as const)('level %i %s listed 2026-11-01 is due %s', (level, kind, due) => {
    expect(dueOn(rule(DEFAULT_POLICY, level, kind), never)).toBe(due);
  });

  it('has no visit, report or joint meeting at level 1, and no daily work at levels 2 and 3', () => {
    const kinds = (level: 1 | 2 | 3) =>
      ruleTable(DEFAULT_POLICY)
        .filter((r) => r.level === level && !r.sensitive)
        .map((r) => r.kind)
        .sort();
    expect(kinds(1)).toEqual(['daily_consultation', 'daily_report', 'emergency_plan', 'responsibility_letter']);
    expect(kinds(2)).toEqual(['assessment_report', 'joint_meeting', 'responsibility_letter', 'visit']);
    expect(kinds(3)).toEqual(['assessment_report', 'joint_meeting', 'responsibility_letter', 'visit']);
  });

  it('counts a recurring obligation from the last time it was met', () => {
    expect(dueOn(rule(DEFAULT_POLICY, 2, 'visit'), { sinceOn: '2026-11-01', lastMetOn: '2026-11-20' })).toBe(
      '2026-11-27',
    );
  });

  it('ignores a meeting of the obligation before it began (a visit before a level change counts from the change)', () => {
    expect(dueOn(rule(DEFAULT_POLICY, 2, 'visit'), { sinceOn: '2026-11-25', lastMetOn: '2026-11-20' })).toBe(
      '2026-12-02',
    );
  });

  it('clears a one-time obligation once met', () => {
    expect(dueOn(rule(DEFAULT_POLICY, 2, 'responsibility_letter'), { ...never, lastMetOn: '2026-11-03' })).toBeNull();
    expect(dueOn(rule(DEFAULT_POLICY, 1, 'emergency_plan'), { ...never, lastMetOn: '2026-11-02' })).toBeNull();
  });
});

describe('month ends', () => {
  it('clamps a month to its last day, leap years included', () => {
    expect(after('2026-01-31', { months: 1 })).toBe('2026-02-28');
    expect(after('2028-01-31', { months: 1 })).toBe('2028-02-29');
    expect(after('2026-12-31', { months: 2 })).toBe('2027-02-28');
    expect(after('2026-08-31', { months: 1 })).toBe('2026-09-30');
  });

  it('counts a monthly report from the 31st to the end of the next month', () => {
    expect(dueOn(rule(DEFAULT_POLICY, 2, 'assessment_report'), { sinceOn: '2026-01-31', lastMetOn: null })).toBe(
      '2026-02-28',
    );
    expect(dueOn(rule(DEFAULT_POLICY, 3, 'assessment_report'), { sinceOn: '2026-12-31', lastMetOn: null })).toBe(
      '2027-02-28',
    );
  });

  it('crosses the year with days', () => {
    expect(dueOn(rule(DEFAULT_POLICY, 3, 'visit'), { sinceOn: '2026-12-25', lastMetOn: null })).toBe('2027-01-08');
  });
});

describe('sensitive periods (敏感时期)', () => {
  it('halves the intervals by default', () => {
    expect(tighten({ days: 7 }, 2)).toEqual({ days: 3 });
    expect(tighten({ days: 14 }, 2)).toEqual({ days: 7 });
    expect(tighten({ days: 15 }, 2)).toEqual({ days: 7 });
    expect(tighten({ months: 1 }, 2)).toEqual({ days: 15 });
    expect(tighten({ months: 2 }, 2)).toEqual({ months: 1 });
    expect(tighten({ days: 1 }, 2)).toEqual({ days: 1 });
    expect(tighten({ days: 7 }, 1)).toEqual({ days: 7 });
  });

  it('adds daily consultation for level 2 and tightens the rest', () => {
    const normal = intervalsFor(DEFAULT_POLICY, 2, false);
    const sensitive = intervalsFor(DEFAULT_POLICY, 2, true);
    expect(normal.has('daily_consultation')).toBe(false);
    expect(sensitive.get('daily_consultation')).toEqual({ days: 1 });
    expect(sensitive.get('visit')).toEqual({ days: 3 });
    expect(sensitive.get('joint_meeting')).toEqual({ days: 7 });
    expect(sensitive.get('assessment_report')).toEqual({ days: 15 });
    expect(intervalsFor(DEFAULT_POLICY, 3, true).has('daily_consultation')).toBe(false);
  });

  it('brings a due date forward when a period starts and back when it ends', () => {
    const state = { sinceOn: '2026-11-01', lastMetOn: '2026-11-25' };
    expect(dueOn(rule(DEFAULT_POLICY, 3, 'visit', true), state)).toBe('2026-12-02');
    expect(dueOn(rule(DEFAULT_POLICY, 3, 'visit', false), state)).toBe('2026-12-09');
  });

  it('keeps the tighter of a tightened interval and an added one', () => {
    const policy: PolicyBody = {
      ...DEFAULT_POLICY,
      sensitive: { divisor: 2, extra: { 1: {}, 2: { visit: { days: 2 } }, 3: { visit: { days: 10 } } } },
    };
    expect(intervalsFor(policy, 2, true).get('visit')).toEqual({ days: 2 });
    expect(intervalsFor(policy, 3, true).get('visit')).toEqual({ days: 7 });
  });
});

describe('the monthly screening return and overdue days', () => {
  it('is due on the 21st: before the 22nd', () => {
    expect(screeningDueOn('2026-11')).toBe('2026-11-21');
    expect(screeningDueOn('2027-02')).toBe('2027-02-21');
  });

  it('turns overdue at 00:00 Beijing on the 22nd, which is 16:00 UTC on the 21st', () => {
    const due = screeningDueOn('2026-11');
    expect(overdueDays(due, beijingDate(new Date('2026-11-21T15:59:59Z')))).toBe(0);
    expect(overdueDays(due, beijingDate(new Date('2026-11-21T16:00:00Z')))).toBe(1);
    // The UTC date would still say the 21st: the Beijing date decides.
    expect(new Date('2026-11-21T16:00:00Z').toISOString().slice(0, 10)).toBe('2026-11-21');
  });

  it('counts whole days past the due date, zero until then', () => {
    expect(overdueDays('2026-11-21', '2026-11-21')).toBe(0);
    expect(overdueDays('2026-11-21', '2026-11-22')).toBe(1);
    expect(overdueDays('2026-11-30', '2026-12-01')).toBe(1);
    expect(overdueDays('2026-12-01', '2026-11-29')).toBe(0);
  });
});

describe('the special consultation an alert asks for (③ after ⑥)', () => {
  it('is due the day after the case was flagged, by default', () => {
    expect(DEFAULT_POLICY.specialConsultationDays).toBe(1);
    expect(specialConsultationDueOn(DEFAULT_POLICY, '2026-11-29')).toBe('2026-11-30');
  });

  it('follows the policy, across month and year ends, and may be due the same day', () => {
    expect(specialConsultationDueOn({ specialConsultationDays: 3 }, '2026-11-29')).toBe('2026-12-02');
    expect(specialConsultationDueOn({ specialConsultationDays: 1 }, '2026-12-31')).toBe('2027-01-01');
    expect(specialConsultationDueOn({ specialConsultationDays: 0 }, '2026-11-29')).toBe('2026-11-29');
  });

  it('is no rule of the level table: it exists only while a case is flagged', () => {
    expect(ruleTable(DEFAULT_POLICY).some((r) => r.kind === 'special_consultation')).toBe(false);
  });
});
