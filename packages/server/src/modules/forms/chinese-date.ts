// Dates as Chinese official documents write them: 二〇二六年十一月二十九日 (GB/T 9704 writes the year
// digit by digit with 〇, month and day as counted numbers). Every date is a Beijing calendar date.
import { beijingIso } from '../../lib/clock.js';

const DIGITS = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 1–99 as counted: 十, 十一, 二十, 二十九, 三十一. */
export function chineseCount(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n > 99) throw new RangeError(`chineseCount: ${n}`);
  if (n < 10) return DIGITS[n] as string;
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens === 1 ? '' : DIGITS[tens]}十${ones === 0 ? '' : DIGITS[ones]}`;
}

/** A year digit by digit: 2026 → 二〇二六. */
export function chineseYear(year: number): string {
  return String(year)
    .split('')
    .map((d) => DIGITS[Number(d)])
    .join('');
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MONTH = /^(\d{4})-(\d{2})$/;

/** "2026-11-29" → 二〇二六年十一月二十九日. */
export function chineseDate(date: string): string {
  const match = DATE.exec(date);
  if (!match) throw new RangeError(`chineseDate: ${date}`);
  const [, y, m, d] = match;
  return `${chineseYear(Number(y))}年${chineseCount(Number(m))}月${chineseCount(Number(d))}日`;
}

/** "2026-11" → 二〇二六年十一月. */
export function chineseMonth(month: string): string {
  const match = MONTH.exec(month);
  if (!match) throw new RangeError(`chineseMonth: ${month}`);
  const [, y, m] = match;
  return `${chineseYear(Number(y))}年${chineseCount(Number(m))}月`;
}

/** An instant in Beijing time: 二〇二六年十一月二十九日 10时05分. */
export function chineseDateTime(instant: Date): string {
  const iso = beijingIso(instant);
  return `${chineseDate(iso.slice(0, 10))} ${iso.slice(11, 13)}时${iso.slice(14, 16)}分`;
}

/** "2026-11-01" → "2026年11月1日": the compact form for dates in list tables. */
export function figureDate(date: string): string {
  const match = DATE.exec(date);
  if (!match) throw new RangeError(`figureDate: ${date}`);
  return `${Number(match[1])}年${Number(match[2])}月${Number(match[3])}日`;
}

/** An instant in Beijing time, compact: 2026年11月29日 10:05. */
export function figureDateTime(instant: Date): string {
  const iso = beijingIso(instant);
  return `${figureDate(iso.slice(0, 10))} ${iso.slice(11, 16)}`;
}

/** A date or, when there is none yet, the blank a signatory fills in by hand. */
export function chineseDateOrBlank(date: string | null | undefined): string {
  return date ? chineseDate(date) : BLANK_DATE;
}

/** The handwritten-date blank under a signature or seal. */
export const BLANK_DATE = '　　年　　月　　日';

/** 1 → 一级. */
export function levelWord(level: number | null | undefined): string {
  return level ? `${chineseCount(level)}级` : '';
}
