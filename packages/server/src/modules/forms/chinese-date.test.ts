import { describe, expect, it } from 'vitest';
import {
  BLANK_DATE,
  chineseCount,
  chineseDate,
  chineseDateOrBlank,
  chineseDateTime,
  chineseMonth,
  chineseYear,
  figureDate,
  figureDateTime,
  levelWord,
} from './chinese-date.js';

describe('Chinese dates', () => {
  it('counts as documents write them', () => {
    expect([1, 9, 10, 11, 19, 20, 21, 29, 30, 31].map(chineseCount)).toEqual([
      '一',
      '九',
      '十',
      '十一',
      '十九',
      '二十',
      '二十一',
      '二十九',
      '三十',
      '三十一',
    ]);
    expect(() => chineseCount(100)).toThrow(RangeError);
    expect(() => chineseCount(1.5)).toThrow(RangeError);
  });

  it('writes years digit by digit with 〇', () => {
    expect(chineseYear(2026)).toBe('二〇二六');
    expect(chineseYear(2000)).toBe('二〇〇〇');
    expect(chineseYear(1999)).toBe('一九九九');
  });

  it('writes a date, a month and the blank', () => {
    expect(chineseDate('2026-11-29')).toBe('二〇二六年十一月二十九日');
    expect(chineseDate('2027-01-01')).toBe('二〇二七年一月一日');
    expect(chineseDate('2026-10-10')).toBe('二〇二六年十月十日');
    expect(chineseDate('2026-12-31')).toBe('二〇二六年十二月三十一日');
    expect(chineseMonth('2026-02')).toBe('二〇二六年二月');
    expect(chineseDateOrBlank(null)).toBe(BLANK_DATE);
    expect(chineseDateOrBlank('2026-11-20')).toBe('二〇二六年十一月二十日');
    expect(() => chineseDate('2026-11-29T10:00')).toThrow(RangeError);
    expect(() => chineseMonth('2026-1')).toThrow(RangeError);
  });

  it('writes compact figure dates for list tables', () => {
    expect(figureDate('2026-11-01')).toBe('2026年11月1日');
    expect(figureDate('2026-12-31')).toBe('2026年12月31日');
    expect(() => figureDate('2026-1-1')).toThrow(RangeError);
    expect(figureDateTime(new Date('2026-11-29T17:30:00Z'))).toBe('2026年11月30日 01:30');
  });

  it('reads an instant in Beijing time, across the UTC date line', () => {
    // 2026-11-29 17:30 UTC is 2026-11-30 01:30 in Beijing.
    expect(chineseDateTime(new Date('2026-11-29T17:30:00Z'))).toBe('二〇二六年十一月三十日 01时30分');
    expect(chineseDateTime(new Date('2026-11-29T02:05:00Z'))).toBe('二〇二六年十一月二十九日 10时05分');
  });

  it('names levels', () => {
    expect(levelWord(1)).toBe('一级');
    expect(levelWord(3)).toBe('三级');
    expect(levelWord(null)).toBe('');
  });
});
