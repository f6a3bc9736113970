import { describe, expect, it } from 'vitest';
import { AppError } from '../../lib/errors.js';
import { dateWords, monthWords, statsPeriod, trendMonths } from './stats.period.js';

describe('statsPeriod', () => {
  it('takes a past month at its last day', () => {
    expect(statsPeriod('2026-10', '2026-11-29')).toEqual({
      month: '2026-10',
      first: '2026-10-01',
      last: '2026-10-31',
      start: '2026-10-01T00:00:00+08:00',
      end: '2026-11-01T00:00:00+08:00',
      asOf: '2026-10-31',
      current: false,
      today: '2026-11-29',
    });
  });

  it('takes the running month at today', () => {
    const period = statsPeriod('2026-11', '2026-11-29');
    expect(period.last).toBe('2026-11-30');
    expect(period.asOf).toBe('2026-11-29');
    expect(period.current).toBe(true);
  });

  it('knows February and the turn of the year', () => {
    expect(statsPeriod('2028-02', '2028-03-01').last).toBe('2028-02-29');
    expect(statsPeriod('2026-12', '2027-01-05').end).toBe('2027-01-01T00:00:00+08:00');
  });

  it('refuses a month that has not begun, naming the field', () => {
    try {
      statsPeriod('2026-12', '2026-11-30');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).statusCode).toBe(400);
      expect((error as AppError).message).toBe('统计月份(month)：不能统计尚未到来的月份');
      expect((error as AppError).details?.[0]?.field).toBe('month');
    }
  });

  it('refuses a month before 2000 (year 0 is no date, years 0–99 would be read as 19xx)', () => {
    for (const month of ['0000-01', '0099-05', '1999-12']) {
      expect(() => statsPeriod(month, '2026-11-30')).toThrow('统计月份(month)：不能早于2000年1月');
    }
    expect(statsPeriod('2000-01', '2026-11-30').last).toBe('2000-01-31');
  });
});

describe('trendMonths', () => {
  it('gives the twelve months ending with the month, oldest first', () => {
    const months = trendMonths('2026-11');
    expect(months).toHaveLength(12);
    expect(months[0]).toEqual({ month: '2025-12', first: '2025-12-01', last: '2025-12-31' });
    expect(months[2]).toEqual({ month: '2026-02', first: '2026-02-01', last: '2026-02-28' });
    expect(months[11]).toEqual({ month: '2026-11', first: '2026-11-01', last: '2026-11-30' });
  });
});

describe('words', () => {
  it('writes months and dates as the report does', () => {
    expect(monthWords('2026-03')).toBe('2026年3月');
    expect(dateWords('2026-11-05')).toBe('2026年11月5日');
  });
});
