// When the daily job runs: 08:00 in Asia/Shanghai (UTC+8 all year, no daylight saving).

import { beijingDate } from '../../lib/clock.js';

/** The hour of the day (Beijing time) at which the daily job runs. */
export const DAILY_RUN_HOUR = 8;

/** The instant of `hour`:00 Beijing time on a Beijing calendar date. */
export function beijingHourOn(date: string, hour = DAILY_RUN_HOUR): Date {
  return new Date(`${date}T${String(hour).padStart(2, '0')}:00:00.000+08:00`);
}

/** The Beijing date one day after `date`. */
export function nextDate(date: string): string {
  const next = new Date(`${date}T00:00:00.000Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return next.toISOString().slice(0, 10);
}

/** The next 08:00 Beijing strictly after `now`. */
export function nextDailyRunAt(now: Date, hour = DAILY_RUN_HOUR): Date {
  const today = beijingDate(now);
  const todayRun = beijingHourOn(today, hour);
  return now.getTime() < todayRun.getTime() ? todayRun : beijingHourOn(nextDate(today), hour);
}

/** The wait after the `attempts`-th failed attempt: 30 s, 60 s, 120 s … (30 s × 2^(attempts − 1)), capped at an hour. */
export function backoffMs(attempts: number, baseMs = 30_000, capMs = 3_600_000): number {
  return Math.min(capMs, baseMs * 2 ** Math.max(0, attempts - 1));
}
