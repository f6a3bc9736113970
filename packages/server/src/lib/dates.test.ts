import { describe, expect, it } from 'vitest';
import { addDays, addMonths, daysBetween } from './dates.js';

describe('Beijing calendar dates', () => {
  it('adds days across a month and a year', () => {
    expect(addDays('2026-11-29', 7)).toBe('2026-12-06');
    expect(addDays('2026-12-29', 7)).toBe('2027-01-05');
  });
  it('adds months, clamping to the last day', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2026-11-29', 2)).toBe('2027-01-29');
  });
  it('counts days between dates', () => {
    expect(daysBetween('2026-11-22', '2026-11-29')).toBe(7);
    expect(daysBetween('2026-11-29', '2026-11-22')).toBe(-7);
  });
});
