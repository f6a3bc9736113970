import { z } from 'zod';
import { abilities, id, isoDateTime, pageQuery, text } from './common.js';

// ── Alerts and joint disposal (警情与联合处置, §四(三)3 ⑥) ──────────────────────────────────
// A report of an extreme tendency (from a visit, or reported by anyone working the case) runs the
// chain reported → 派出所出警 → 通报服务管理小组 → 处置结果; the first two steps have timers
// against the policy's targets, and the alert flags the case for a special consultation (③).

export const ALERT_SOURCES = ['visit', 'report'] as const;
export type AlertSource = (typeof ALERT_SOURCES)[number];
export const ALERT_SOURCE_LABELS: Record<AlertSource, string> = { visit: '随访发现', report: '报告' };

/** reported → responding (派出所已出警) → disposed (处置完毕). */
export const ALERT_STATUSES = ['reported', 'responding', 'disposed'] as const;
export type AlertStatus = (typeof ALERT_STATUSES)[number];
export const ALERT_STATUS_LABELS: Record<AlertStatus, string> = {
  reported: '待出警',
  responding: '已出警',
  disposed: '已处置',
};

/** The steps of the timeline (alert_events.step). */
export const ALERT_STEPS = ['reported', 'police_responded', 'team_notified', 'disposed', 'note'] as const;
export type AlertStep = (typeof ALERT_STEPS)[number];
export const ALERT_STEP_LABELS: Record<AlertStep, string> = {
  reported: '报告警情',
  police_responded: '派出所出警',
  team_notified: '通报服务管理小组',
  disposed: '处置结果',
  note: '处置情况',
};

/**
 * A timer's state, read at the moment of the request: `running` (not done, within its target),
 * `overdue` (not done, past it), `met` (done within it), `late` (done, but after it).
 */
export const ALERT_TIMER_STATES = ['running', 'met', 'late', 'overdue'] as const;
export type AlertTimerState = (typeof ALERT_TIMER_STATES)[number];
export const ALERT_TIMER_STATE_LABELS: Record<AlertTimerState, string> = {
  running: '计时中',
  met: '按时',
  late: '超时完成',
  overdue: '已超时',
};

export const ALERT_TIMERS = ['policeResponse', 'teamNotified'] as const;
export type AlertTimerName = (typeof ALERT_TIMERS)[number];
export const ALERT_TIMER_LABELS: Record<AlertTimerName, string> = {
  policeResponse: '出警',
  teamNotified: '通报小组',
};

/** One timer, counted from the alert's occurredAt against the target of the policy in force that day. */
export const alertTimer = z.object({
  targetMinutes: z.number().int(),
  dueAt: z.string(),
  doneAt: z.string().nullable(),
  state: z.enum(ALERT_TIMER_STATES),
  /** Minutes from occurredAt to the step (or to now while it is not done). */
  elapsedMinutes: z.number().int(),
});
export type AlertTimer = z.infer<typeof alertTimer>;

export const alertTimers = z.object({ policeResponse: alertTimer, teamNotified: alertTimer });
export type AlertTimers = z.infer<typeof alertTimers>;

export const alertEvent = z.object({
  id,
  step: z.enum(ALERT_STEPS),
  at: z.string(),
  note: z.string().nullable(),
  actorId: id,
  actorName: z.string(),
});
export type AlertEvent = z.infer<typeof alertEvent>;

export const alert = z.object({
  id,
  caseId: id.nullable(),
  personId: id,
  personName: z.string(),
  source: z.enum(ALERT_SOURCES),
  visitId: id.nullable(),
  description: z.string(),
  /** When the situation was found or happened: the timers count from here. */
  occurredAt: z.string(),
  status: z.enum(ALERT_STATUSES),
  reportedBy: id,
  reportedByName: z.string(),
  /** When the report was entered. */
  createdAt: z.string(),
  policeRespondedAt: z.string().nullable(),
  policeRespondedBy: id.nullable(),
  teamNotifiedAt: z.string().nullable(),
  teamNotifiedBy: id.nullable(),
  disposition: z.string().nullable(),
  disposedAt: z.string().nullable(),
  disposedBy: id.nullable(),
  timers: alertTimers,
  /** The chain as it happened, oldest first, with who recorded each step. */
  events: z.array(alertEvent),
  /** respond (记录出警), notifyTeam (通报服务管理小组), dispose (处置结果), note (处置情况). */
  abilities,
  version: z.number().int(),
});
export type Alert = z.infer<typeof alert>;

/** `open`: not yet disposed (reported or responding). */
export const ALERT_LIST_STATUSES = [...ALERT_STATUSES, 'open'] as const;
export const alertListQuery = z.strictObject({
  ...pageQuery,
  caseId: id.optional(),
  personId: id.optional(),
  status: z.enum(ALERT_LIST_STATUSES).optional(),
});
export type AlertListQuery = z.infer<typeof alertListQuery>;

/** 报告警情: a person in the caller's jurisdiction, their case (default: their open listed case). */
export const createAlertBody = z.strictObject({
  personId: id,
  caseId: id.optional(),
  description: text(4000).min(1, '请填写警情描述'),
  occurredAt: isoDateTime,
});
export type CreateAlertBody = z.infer<typeof createAlertBody>;

/**
 * One or more steps of the chain, each recorded once: 出警 (派出所), 通报服务管理小组 and 处置结果
 * (平安办 or 派出所, the latter only after both earlier steps); `note` adds a 处置情况 line.
 */
export const updateAlertBody = z.strictObject({
  policeRespondedAt: isoDateTime.optional(),
  teamNotifiedAt: isoDateTime.optional(),
  disposition: text(4000).min(1, '请填写处置结果').optional(),
  note: text(2000).min(1, '请填写处置情况').optional(),
  version: z.number().int().min(1),
});
export type UpdateAlertBody = z.infer<typeof updateAlertBody>;

/** The work dashboard's view of open alerts: how many, how many past each timer, the oldest first. */
export const alertOverview = z.object({
  open: z.number().int(),
  policeResponseOverdue: z.number().int(),
  teamNotifiedOverdue: z.number().int(),
  items: z.array(
    z.object({
      id,
      caseId: id.nullable(),
      personName: z.string(),
      occurredAt: z.string(),
      status: z.enum(ALERT_STATUSES),
      timers: alertTimers,
    }),
  ),
});
export type AlertOverview = z.infer<typeof alertOverview>;

/** The policy's targets for the chain, in minutes from occurredAt. */
export const alertTargets = z.strictObject({
  policeResponseMinutes: z.number().int().min(1, '不能小于1').max(1440, '不能大于1440'),
  teamNotifiedMinutes: z.number().int().min(1, '不能小于1').max(1440, '不能大于1440'),
});
export type AlertTargets = z.infer<typeof alertTargets>;
export const DEFAULT_ALERT_TARGETS: AlertTargets = { policeResponseMinutes: 30, teamNotifiedMinutes: 60 };
