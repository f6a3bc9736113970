import { z } from 'zod';
import { alertOverview, alertTargets, DEFAULT_ALERT_TARGETS } from './alerts.js';
import { id, isoDate, pageQuery, text } from './common.js';

// ── Obligations (待办): what must be done for each listed person, by when (§四(三)) ────────

export const OBLIGATION_KINDS = [
  'visit',
  'joint_meeting',
  'assessment_report',
  'daily_consultation',
  'daily_report',
  'responsibility_letter',
  'emergency_plan',
  'confirmation',
  'review',
  'screening_report',
  'special_consultation',
] as const;
export type ObligationKind = (typeof OBLIGATION_KINDS)[number];
export const OBLIGATION_KIND_LABELS: Record<ObligationKind, string> = {
  visit: '随访',
  joint_meeting: '联席会议',
  assessment_report: '评估报告',
  daily_consultation: '每日会商',
  daily_report: '每日报告',
  responsibility_letter: '管控责任书',
  emergency_plan: '应急处置预案',
  confirmation: '紧急列管确认',
  review: '定期复核',
  screening_report: '月度排查上报',
  special_consultation: '专项会商（警情）',
};

/** The kinds that recur at an interval per level; the others are due once. */
export const INTERVAL_KINDS = [
  'visit',
  'joint_meeting',
  'assessment_report',
  'daily_consultation',
  'daily_report',
] as const satisfies readonly ObligationKind[];
export type IntervalKind = (typeof INTERVAL_KINDS)[number];

/** Units a service team must include: a role of a town department, or the person's own village. */
export const TEAM_UNITS = [
  'peace_office',
  'police',
  'judicial',
  'civil_affairs',
  'health',
  'village',
  'leader',
] as const;
export type TeamUnit = (typeof TEAM_UNITS)[number];
export const TEAM_UNIT_LABELS: Record<TeamUnit, string> = {
  peace_office: '平安办（政法、信访）',
  police: '派出所',
  judicial: '司法所',
  civil_affairs: '民政办',
  health: '卫生院',
  village: '所在村（社区）',
  leader: '镇领导',
};

const count = (max: number) => z.number().int().min(1, '不能小于1').max(max, `不能大于${max}`);
/** Days or months (one of them): "every 7 days", "every month". */
export const interval = z
  .strictObject({ days: count(366).optional(), months: count(24).optional() })
  .refine((v) => (v.days === undefined) !== (v.months === undefined), '间隔须填写天数或月数中的一项');
export type Interval = z.infer<typeof interval>;

const levelIntervals = z.strictObject({
  visit: interval.optional(),
  joint_meeting: interval.optional(),
  assessment_report: interval.optional(),
  daily_consultation: interval.optional(),
  daily_report: interval.optional(),
});
const perLevel = <T extends z.ZodType>(schema: T) => z.strictObject({ 1: schema, 2: schema, 3: schema });

/** The obligation policy: the plan's defaults, editable by the administrator from a date on. */
export const policyBody = z.strictObject({
  /** Recurring obligations per level. */
  intervals: perLevel(levelIntervals),
  /** 敏感时期: intervals are divided by this factor, and these are added per level. */
  sensitive: z.strictObject({
    divisor: count(7),
    extra: perLevel(levelIntervals),
  }),
  /** Units the service team must include, per level. */
  teamUnits: perLevel(z.array(z.enum(TEAM_UNITS)).max(TEAM_UNITS.length)),
  /** 管控责任书 within this many days of listing. */
  responsibilityLetterDays: count(60),
  /** 应急处置预案 for level 1, within this many days of becoming level 1. */
  emergencyPlanDays: count(30),
  /** An emergency listing is confirmed by a meeting within this many days. */
  confirmationDays: count(30),
  /** Next review after the last decision, per level. */
  review: perLevel(interval),
  /** 联合处置 (⑥): minutes from an alert to the police response and to the team being notified. */
  alertTargets: alertTargets.default(DEFAULT_ALERT_TARGETS),
  /** 专项会商 (③): an alert's case is taken up by a meeting within this many days (0: the same day). */
  specialConsultationDays: z.number().int().min(0, '不能小于0').max(30, '不能大于30').default(1),
});
export type PolicyBody = z.infer<typeof policyBody>;

export const putPolicyBody = policyBody.extend({
  /** From when the version applies (today or later; default today). */
  effectiveFrom: isoDate.optional(),
});
export type PutPolicyBody = z.infer<typeof putPolicyBody>;

export const policyVersion = policyBody.extend({
  id,
  effectiveFrom: z.string(),
  createdBy: id.nullable(),
  createdAt: z.string(),
});
export type PolicyVersion = z.infer<typeof policyVersion>;

export const policyResponse = z.object({
  /** The version in force today. */
  current: policyVersion,
  /** Every stored version, newest first (future ones included). */
  versions: z.array(policyVersion),
});

export const OBLIGATION_SCOPES = ['mine', 'unit', 'all'] as const;
export const OBLIGATION_STATUSES = ['overdue', 'due', 'all'] as const;

export const obligationQuery = z.strictObject({
  ...pageQuery,
  scope: z.enum(OBLIGATION_SCOPES).default('all'),
  status: z.enum(OBLIGATION_STATUSES).default('all'),
  orgUnitId: id.optional(),
  kind: z.enum(OBLIGATION_KINDS).optional(),
  caseId: id.optional(),
  /** With status=due: only items due on or before this date. */
  dueBy: isoDate.optional(),
});
export type ObligationQuery = z.infer<typeof obligationQuery>;

export const obligation = z.object({
  id,
  kind: z.enum(OBLIGATION_KINDS),
  caseId: id.nullable(),
  personId: id.nullable(),
  personName: z.string().nullable(),
  level: z.number().int().nullable(),
  /** The village or community (of the person, or of the monthly return). */
  orgUnitId: id,
  orgUnitName: z.string(),
  /** For a screening return: its month. */
  month: z.string().nullable(),
  dueOn: z.string(),
  lastMetOn: z.string().nullable(),
  /** Days past the due date (0 when not overdue), Beijing time. */
  overdueDays: z.number().int(),
  /** Under a sensitive period's tighter intervals. */
  sensitive: z.boolean(),
});
export type Obligation = z.infer<typeof obligation>;

// ── Sensitive periods (敏感时期) ─────────────────────────────────────────────────────────────

export const createSensitivePeriodBody = z.strictObject({
  name: text(100).min(1),
  startsOn: isoDate,
  endsOn: isoDate,
  orgUnitId: id,
});
export type CreateSensitivePeriodBody = z.infer<typeof createSensitivePeriodBody>;

export const sensitivePeriod = z.object({
  id,
  name: z.string(),
  startsOn: z.string(),
  endsOn: z.string(),
  orgUnitId: id,
  orgUnitName: z.string(),
  /** Today lies within it. */
  active: z.boolean(),
  createdBy: id.nullable(),
});
export type SensitivePeriod = z.infer<typeof sensitivePeriod>;

export const sensitivePeriodQuery = z.strictObject({ ...pageQuery, activeOn: isoDate.optional() });

// ── Work dashboard (工作台) ─────────────────────────────────────────────────────────────────

const kindCount = z.object({ kind: z.enum(OBLIGATION_KINDS), count: z.number().int() });

export const dashboard = z.object({
  today: z.string(),
  /** My items (scope=mine): overdue, due today, due in the next 7 days, counted by kind. */
  mine: z.object({
    overdue: z.array(kindCount),
    today: z.array(kindCount),
    week: z.array(kindCount),
    /** The first items of each list, most urgent first, to act on in one click. */
    items: z.array(obligation),
  }),
  /** The peace office's overview of its jurisdiction; null for roles that do not coordinate. */
  overview: z
    .object({
      overdueByVillage: z.array(
        z.object({ orgUnitId: id, orgUnitName: z.string(), kind: z.enum(OBLIGATION_KINDS), count: z.number().int() }),
      ),
      screening: z.object({
        month: z.string(),
        onTime: z.number().int(),
        late: z.number().int(),
        draft: z.number().int(),
        missing: z.number().int(),
      }),
      awaitingConfirmation: z.array(
        z.object({
          caseId: id,
          personName: z.string(),
          confirmationDueOn: z.string().nullable(),
          overdue: z.boolean(),
        }),
      ),
      caseload: z.array(
        z.object({
          userId: id,
          displayName: z.string(),
          orgUnitName: z.string(),
          cases: z.number().int(),
          dueThisWeek: z.number().int(),
          overdue: z.number().int(),
        }),
      ),
      /** 警情: open alerts in the jurisdiction and how many are past each timer. */
      alerts: alertOverview,
    })
    .nullable(),
});
export type Dashboard = z.infer<typeof dashboard>;

// ── Webhooks (per org unit): reminders pushed to a WeCom/DingTalk robot or an SMS gateway ─────

export const WEBHOOK_FORMATS = ['robot', 'json'] as const;
export const putWebhookBody = z.strictObject({
  url: z.url({ protocol: /^https?$/, message: '地址须为 http(s) URL' }).max(1000),
  /** robot: {"msgtype":"text","text":{"content":…}} as WeCom and DingTalk robots expect; json: a plain object. */
  format: z.enum(WEBHOOK_FORMATS).default('robot'),
  enabled: z.boolean().default(true),
});
export type PutWebhookBody = z.infer<typeof putWebhookBody>;
export const webhook = z.object({
  orgUnitId: id,
  /** Only the scheme and host are shown back: the rest may hold a robot's key. */
  urlMasked: z.string(),
  format: z.enum(WEBHOOK_FORMATS),
  enabled: z.boolean(),
  lastDeliveryAt: z.string().nullable(),
  lastError: z.string().nullable(),
});
