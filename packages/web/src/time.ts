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
