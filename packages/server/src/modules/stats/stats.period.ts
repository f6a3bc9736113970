// The calendar of a statistics month, in Beijing dates: its days, the instants it spans, the day the
// standing counts are taken on, and the twelve months of the trend.
import { FIELD_LABELS, fieldLabel, STATS_FIELD_LABELS } from '@anxin/shared';
import { addDays, addMonths } from '../../lib/dates.js';
import { badRequest } from '../../lib/errors.js';
import type { StatsPeriod, TrendMonth } from './stats.queries.js';

const label = (field: string) => fieldLabel([field], { ...FIELD_LABELS, ...STATS_FIELD_LABELS });

/**
 * The earliest month counted. Before it lie no records of this system (the policy's own first day
 * is 2000-01-01), and it keeps out year 0 (no PostgreSQL date) and the years 0–99, which Date.UTC
 * would read as 1900–1999.
 */
const FIRST_MONTH = '2000-01';

/** The period of `month` ("2026-11") seen on `today`; a month that has not begun is refused (400 naming `month`). */
export function statsPeriod(month: string, today: string): StatsPeriod {
  if (month > today.slice(0, 7)) throw badRequest(`${label('month')}：不能统计尚未到来的月份`, 'month');
  if (month < FIRST_MONTH) throw badRequest(`${label('month')}：不能早于2000年1月`, 'month');
  const first = `${month}-01`;
  const next = addMonths(first, 1);
  const last = addDays(next, -1);
  const asOf = last < today ? last : today;
  return {
    month,
    first,
    last,
    start: `${first}T00:00:00+08:00`,
    end: `${next}T00:00:00+08:00`,
    asOf,
    current: asOf === today,
    today,
  };
}

/** The twelve months ending with `month`, oldest first. */
export function trendMonths(month: string): TrendMonth[] {
  const first = `${month}-01`;
  return Array.from({ length: 12 }, (_, index) => {
    const start = addMonths(first, index - 11);
    return { month: start.slice(0, 7), first: start, last: addDays(addMonths(start, 1), -1) };
  });
}

/** "2026年11月" */
export function monthWords(month: string): string {
  const [year, m] = month.split('-');
  return `${year}年${Number(m)}月`;
}

/** "2026年11月30日" */
export function dateWords(date: string): string {
  const [year, m, d] = date.split('-');
  return `${year}年${Number(m)}月${Number(d)}日`;
}
