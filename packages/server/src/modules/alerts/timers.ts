// The timers of the joint-disposal chain (⑥): 派出所 "第一时间出警" and "第一时间通报服务管理小组",
// each counted from the alert's occurredAt against a target of the policy in force that day.
// Computed when read, never stored (as overdue obligations are): a timer that runs out needs no job.
import type { AlertTargets, AlertTimer, AlertTimerState, AlertTimers } from '@anxin/shared';
import { beijingIso } from '../../lib/clock.js';

const MINUTE = 60_000;

/**
 * One timer: due `targetMinutes` after `startAt`; done at `doneAt` (or not yet). Met when done by
 * the due time (to the minute inclusive), late when done after it; running until the due time
 * passes undone, then overdue. Elapsed minutes run to the step, or to `now` while it is not done.
 */
export function timer(startAt: Date, targetMinutes: number, doneAt: Date | null, now: Date): AlertTimer {
  const dueAt = new Date(startAt.getTime() + targetMinutes * MINUTE);
  const end = doneAt ?? now;
  let state: AlertTimerState;
  if (doneAt) state = doneAt.getTime() <= dueAt.getTime() ? 'met' : 'late';
  else state = now.getTime() <= dueAt.getTime() ? 'running' : 'overdue';
  return {
    targetMinutes,
    dueAt: beijingIso(dueAt),
    doneAt: doneAt ? beijingIso(doneAt) : null,
    state,
    elapsedMinutes: Math.max(0, Math.floor((end.getTime() - startAt.getTime()) / MINUTE)),
  };
}

/** Both timers of an alert. */
export function alertTimers(
  alert: { occurredAt: Date; policeRespondedAt: Date | null; teamNotifiedAt: Date | null },
  targets: AlertTargets,
  now: Date,
): AlertTimers {
  return {
    policeResponse: timer(alert.occurredAt, targets.policeResponseMinutes, alert.policeRespondedAt, now),
    teamNotified: timer(alert.occurredAt, targets.teamNotifiedMinutes, alert.teamNotifiedAt, now),
  };
}
