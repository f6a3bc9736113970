import { describe, expect, it } from 'vitest';
import { beijingBoundary, beijingDate, beijingIso } from './clock.js';

describe('beijingDate', () => {
  it('is still the previous day just before 16:00 UTC', () => {
    expect(beijingDate(new Date('2026-11-21T15:59:59.999Z'))).toBe('2026-11-21');
  });
  it('turns at 16:00 UTC (00:00 Beijing)', () => {
    expect(beijingDate(new Date('2026-11-21T16:00:00.000Z'))).toBe('2026-11-22');
  });
});

describe('beijingIso', () => {
  it('writes the instant with +08:00', () => {
    expect(beijingIso(new Date('2026-11-21T16:00:00.000Z'))).toBe('2026-11-22T00:00:00.000+08:00');
  });
});

describe('beijingBoundary', () => {
  it('takes a whole Beijing day for a date', () => {
    expect(beijingBoundary('2026-11-22', false)?.toISOString()).toBe('2026-11-21T16:00:00.000Z');
    expect(beijingBoundary('2026-11-22', true)?.toISOString()).toBe('2026-11-22T15:59:59.999Z');
  });
  it('keeps a date-time with offset', () => {
    expect(beijingBoundary('2026-11-22T08:00:00+08:00', false)?.toISOString()).toBe('2026-11-22T00:00:00.000Z');
  });
});
