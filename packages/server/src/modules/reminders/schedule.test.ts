import { describe, expect, it } from 'vitest';
import { backoffMs, beijingHourOn, nextDailyRunAt, nextDate } from './schedule.js';

describe('the daily run time (08:00 Beijing)', () => {
  it('is 00:00 UTC of the same date', () => {
    expect(beijingHourOn('2026-11-29').toISOString()).toBe('2026-11-29T00:00:00.000Z');
  });

  it('is today when it is earlier than 08:00 in Beijing', () => {
    // 07:59:59 Beijing on 11-29 is 23:59:59 UTC on 11-28.
    expect(nextDailyRunAt(new Date('2026-11-28T23:59:59.000Z')).toISOString()).toBe('2026-11-29T00:00:00.000Z');
    // 00:30 Beijing on 11-29 is 16:30 UTC on 11-28: still the UTC day before.
    expect(nextDailyRunAt(new Date('2026-11-28T16:30:00.000Z')).toISOString()).toBe('2026-11-29T00:00:00.000Z');
  });

  it('is tomorrow from 08:00 on, across month and year ends', () => {
    expect(nextDailyRunAt(new Date('2026-11-29T00:00:00.000Z')).toISOString()).toBe('2026-11-30T00:00:00.000Z');
    expect(nextDailyRunAt(new Date('2026-11-30T15:59:59.000Z')).toISOString()).toBe('2026-12-01T00:00:00.000Z');
    expect(nextDailyRunAt(new Date('2026-12-31T02:00:00.000Z')).toISOString()).toBe('2027-01-01T00:00:00.000Z');
  });

  it('steps calendar dates, leap days included', () => {
    expect(nextDate('2028-02-28')).toBe('2028-02-29');
    expect(nextDate('2027-02-28')).toBe('2027-03-01');
  });
});

describe('webhook backoff', () => {
  it('doubles from 30 s and stops at an hour', () => {
    expect([1, 2, 3, 4, 5, 6].map((n) => backoffMs(n) / 1000)).toEqual([30, 60, 120, 240, 480, 960]);
    expect(backoffMs(20)).toBe(3_600_000);
  });
});
