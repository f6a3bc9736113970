import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import timezone from 'dayjs/plugin/timezone';
import utc from 'dayjs/plugin/utc';

dayjs.extend(utc);
dayjs.extend(timezone);
dayjs.locale('zh-cn');

/** The township's time zone: the plan's dates and deadlines are Beijing time whatever the device says. */
export const TIME_ZONE = 'Asia/Shanghai';

export function formatDateTime(value: string | null | undefined): string {
  if (!value) return '—';
  return dayjs(value).tz(TIME_ZONE).format('YYYY-MM-DD HH:mm:ss');
}

/** Start of a calendar day in Beijing time, as an ISO string with offset. */
export function startOfDayIso(date: dayjs.Dayjs): string {
  return dayjs.tz(date.format('YYYY-MM-DD'), TIME_ZONE).startOf('day').format('YYYY-MM-DDTHH:mm:ss.SSSZ');
}

/** Last millisecond of a calendar day in Beijing time, so an inclusive or exclusive bound both cover the day. */
export function endOfDayIso(date: dayjs.Dayjs): string {
  return dayjs.tz(date.format('YYYY-MM-DD'), TIME_ZONE).endOf('day').format('YYYY-MM-DDTHH:mm:ss.SSSZ');
}

export { dayjs };

/** Today in Beijing, whatever the device's zone: the plan's dates are Beijing dates. */
export function beijingToday(): dayjs.Dayjs {
  return dayjs(dayjs().tz(TIME_ZONE).format('YYYY-MM-DD'));
}

export function formatDate(date: dayjs.Dayjs): string {
  return date.format('YYYY-MM-DD');
}

/** For a DatePicker: days after today (Beijing) cannot be chosen. */
export function isFutureDay(date: dayjs.Dayjs): boolean {
  return date.isAfter(beijingToday(), 'day');
}

/** A wall-clock time picked in the UI, read as Beijing time, as ISO 8601 with +08:00. */
export function beijingIso(value: dayjs.Dayjs): string {
  return dayjs.tz(value.format('YYYY-MM-DD HH:mm:ss'), TIME_ZONE).format('YYYY-MM-DDTHH:mm:ssZ');
}

/** Now in Beijing as a wall-clock value for a picker. */
export function beijingNow(): dayjs.Dayjs {
  return dayjs(dayjs().tz(TIME_ZONE).format('YYYY-MM-DD HH:mm:ss'));
}
