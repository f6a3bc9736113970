import { DatePicker } from 'antd';
import { useSearchParams } from 'react-router';
import { beijingToday, dayjs } from '../../time';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** The month a tab shows, kept in the URL (?month=2026-11) so both tabs and a reload agree; default this month. */
export function useMonthParam(): [string, (month: string) => void] {
  const [params, setParams] = useSearchParams();
  const raw = params.get('month');
  const month = raw && MONTH.test(raw) ? raw : beijingToday().format('YYYY-MM');
  const setMonth = (next: string) =>
    setParams(
      (prev) => {
        const copy = new URLSearchParams(prev);
        copy.set('month', next);
        return copy;
      },
      { replace: true },
    );
  return [month, setMonth];
}

/** The last day on time: a return is due before the 22nd, so the 21st of its month. */
export function dueOnOf(month: string): string {
  return `${month}-21`;
}

/** A month picker that cannot go past this month (no return is due for the future). */
export function MonthPicker({
  value,
  onChange,
  testId,
}: {
  value: string;
  onChange: (month: string) => void;
  testId?: string;
}) {
  return (
    <DatePicker
      picker="month"
      allowClear={false}
      value={dayjs(`${value}-01`)}
      format="YYYY年MM月"
      inputReadOnly
      disabledDate={(date) => date.isAfter(beijingToday(), 'month')}
      onChange={(date) => date && onChange(date.format('YYYY-MM'))}
      data-testid={testId}
    />
  );
}
