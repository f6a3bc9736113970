import { describe, expect, it } from 'vitest';
import { isoDate, isoDateTime } from './common.js';

describe('isoDate and isoDateTime', () => {
  it.each(['2026-11-29', '1900-01-01', '2999-12-31'])('accept %s', (value) => {
    expect(isoDate.safeParse(value).success).toBe(true);
    expect(isoDateTime.safeParse(`${value}T08:00:00+08:00`).success).toBe(true);
  });

  // Year 0 passes the ISO format but is out of PostgreSQL's range: it must be a 400, not a 500.
  it.each(['0000-01-01', '0099-05-01', '1899-12-31', '3000-01-01', '2026-02-30', '2026-1-1'])('refuse %s', (value) => {
    expect(isoDate.safeParse(value).success).toBe(false);
    expect(isoDateTime.safeParse(`${value}T08:00:00+08:00`).success).toBe(false);
  });

  it('gives a malformed value one message, the format one', () => {
    const result = isoDate.safeParse('bad');
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.message)).toEqual(['日期格式应为 YYYY-MM-DD']);
  });
});
