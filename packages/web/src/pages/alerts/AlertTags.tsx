import {
  ALERT_SOURCE_LABELS,
  ALERT_STATUS_LABELS,
  ALERT_TIMER_LABELS,
  ALERT_TIMER_STATE_LABELS,
  type Alert as AlertRecord,
  type AlertStatus,
  type AlertTimer,
  type AlertTimerName,
  type AlertTimers,
} from '@anxin/shared';
import { Space, Tag, Tooltip } from 'antd';
import { formatDateTime } from '../../time';

const STATUS_COLORS: Record<AlertStatus, string> = { reported: 'red', responding: 'orange', disposed: 'green' };

export function AlertStatusTag({ status, testId }: { status: AlertStatus; testId?: string }) {
  return (
    <Tag color={STATUS_COLORS[status]} data-testid={testId}>
      {ALERT_STATUS_LABELS[status] ?? status}
    </Tag>
  );
}

export function AlertSourceTag({ source }: { source: AlertRecord['source'] }) {
  return <Tag>{ALERT_SOURCE_LABELS[source] ?? source}</Tag>;
}

const TIMER_COLORS: Record<AlertTimer['state'], string> = {
  running: 'processing',
  met: 'green',
  late: 'orange',
  overdue: 'red',
};

/** "45分" / "1小时5分": elapsed time as people say it. */
export function minutesText(minutes: number): string {
  if (minutes < 60) return `${minutes}分`;
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (hours < 48) return rest ? `${hours}小时${rest}分` : `${hours}小时`;
  return `${Math.floor(hours / 24)}天`;
}

/** One timer as a coloured tag: 出警 计时中 12分/30分, 出警 已超时 45分, 通报小组 按时 8分. */
export function TimerTag({ name, timer }: { name: AlertTimerName; timer: AlertTimer }) {
  const label = ALERT_TIMER_LABELS[name];
  const state = ALERT_TIMER_STATE_LABELS[timer.state];
  const elapsed = minutesText(timer.elapsedMinutes);
  const text = timer.state === 'running' ? `${elapsed}/${minutesText(timer.targetMinutes)}` : elapsed;
  const due = `时限${minutesText(timer.targetMinutes)}，应于 ${formatDateTime(timer.dueAt).slice(0, 16)} 前`;
  const done = timer.doneAt ? `；实际 ${formatDateTime(timer.doneAt).slice(0, 16)}` : '';
  return (
    <Tooltip title={`${due}${done}`}>
      <Tag color={TIMER_COLORS[timer.state]} data-testid={`timer-${name}`} data-state={timer.state}>
        {label} {state} {text}
      </Tag>
    </Tooltip>
  );
}

/** Both timers, side by side (they wrap on a phone). */
export function TimerTags({ timers }: { timers: AlertTimers }) {
  return (
    <Space size={[0, 4]} wrap>
      <TimerTag name="policeResponse" timer={timers.policeResponse} />
      <TimerTag name="teamNotified" timer={timers.teamNotified} />
    </Space>
  );
}
