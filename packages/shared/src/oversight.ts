// 督导检查 and 责任倒查 (plan §五(三)): inspections of a village or a team with their rectification
// items, the sampling helper the inspector checks from, and accountability investigations.
import { z } from 'zod';
import { abilities, id, isoDate, pageQuery, text } from './common.js';
import { OBLIGATION_KINDS } from './obligations.js';
import { CONTROL_STATUSES } from './work.js';

/** Field labels of this area's requests (the routes hand them to the error messages). */
export const OVERSIGHT_LABELS: Record<string, string> = {
  orgUnitId: '检查对象',
  caseId: '案件',
  inspectedOn: '检查日期',
  findings: '检查发现',
  rectifications: '整改事项',
  description: '整改内容',
  dueOn: '整改期限',
  status: '状态',
  note: '整改情况',
  kind: '抽查方式',
  n: '抽查数量',
  seed: '随机种子',
  alertId: '警情',
  accountableOrgUnitIds: '问责单位',
  accountablePersons: '问责人员',
  outcome: '问责结果',
};

/** The labels of an investigation's fields where they differ from an inspection's. */
export const INVESTIGATION_LABELS: Record<string, string> = { ...OVERSIGHT_LABELS, findings: '调查发现' };

// ── Inspections (督导检查) and rectifications (整改) ─────────────────────────────────────────

export const RECTIFICATION_STATUSES = ['open', 'done'] as const;
export type RectificationStatus = (typeof RECTIFICATION_STATUSES)[number];
/** The list filter adds `overdue`: open and past its due date (Beijing), derived when read. */
export const RECTIFICATION_FILTERS = ['open', 'done', 'overdue'] as const;
export type RectificationFilter = (typeof RECTIFICATION_FILTERS)[number];
export const RECTIFICATION_STATUS_LABELS: Record<RectificationFilter, string> = {
  open: '整改中',
  done: '已整改',
  overdue: '逾期未整改',
};

/** The kinds of unit an inspection is of: a village or community, or a town. */
export const INSPECTED_UNIT_KINDS = ['village', 'community', 'town'] as const;

export const createInspectionBody = z.strictObject({
  /** The inspected village (community) or town. */
  orgUnitId: id,
  /** Given: an inspection of that case's service team (the case must belong to the unit). */
  caseId: id.optional(),
  /** Not in the future (Beijing). */
  inspectedOn: isoDate,
  findings: text(8000).min(1),
  /** Each due on or after the inspection date. */
  rectifications: z
    .array(z.strictObject({ description: text(2000).min(1), dueOn: isoDate }))
    .max(50, '整改事项最多50项')
    .default([]),
});
export type CreateInspectionBody = z.infer<typeof createInspectionBody>;

export const inspectionListQuery = z.strictObject({
  ...pageQuery,
  /** Inspections of this unit and the units under it. */
  orgUnitId: id.optional(),
  caseId: id.optional(),
});
export type InspectionListQuery = z.infer<typeof inspectionListQuery>;

export const rectificationCounts = z.object({
  open: z.number().int(),
  done: z.number().int(),
  /** Open and past the due date (counted within `open`). */
  overdue: z.number().int(),
});
export type RectificationCounts = z.infer<typeof rectificationCounts>;

export const inspection = z.object({
  id,
  orgUnitId: id,
  orgUnitName: z.string(),
  orgUnitKind: z.string(),
  caseId: id.nullable(),
  personId: id.nullable(),
  personName: z.string().nullable(),
  inspectedOn: z.string(),
  findings: z.string(),
  inspectorId: id,
  inspectorName: z.string(),
  rectificationCounts,
  createdAt: z.string(),
  version: z.number().int(),
});
export type Inspection = z.infer<typeof inspection>;

export const rectification = z.object({
  id,
  inspectionId: id,
  description: z.string(),
  dueOn: z.string(),
  status: z.enum(RECTIFICATION_STATUSES),
  doneOn: z.string().nullable(),
  note: z.string().nullable(),
  /** Open and past due (Beijing today), with the days since the due date. */
  overdue: z.boolean(),
  overdueDays: z.number().int(),
  /** The inspection it came from. */
  orgUnitId: id,
  orgUnitName: z.string(),
  inspectedOn: z.string(),
  inspectorName: z.string(),
  caseId: id.nullable(),
  personName: z.string().nullable(),
  version: z.number().int(),
  /** `complete`: may mark it done (or edit the note); `reopen`: may set a done item back to open. */
  abilities,
});
export type Rectification = z.infer<typeof rectification>;

export const inspectionDetail = inspection.extend({ rectifications: z.array(rectification) });
export type InspectionDetail = z.infer<typeof inspectionDetail>;

export const rectificationListQuery = z.strictObject({
  ...pageQuery,
  status: z.enum(RECTIFICATION_FILTERS).optional(),
  orgUnitId: id.optional(),
  inspectionId: id.optional(),
});
export type RectificationListQuery = z.infer<typeof rectificationListQuery>;

export const updateRectificationBody = z.strictObject({
  status: z.enum(RECTIFICATION_STATUSES),
  /** What was done (整改情况); kept when omitted. */
  note: text(2000).optional(),
  version: z.number().int().min(1),
});
export type UpdateRectificationBody = z.infer<typeof updateRectificationBody>;

// ── The sampling helper (抽查) ──────────────────────────────────────────────────────────────

export const SAMPLE_KINDS = ['visits', 'missed'] as const;
export type SampleKind = (typeof SAMPLE_KINDS)[number];
export const SAMPLE_KIND_LABELS: Record<SampleKind, string> = {
  visits: '抽查近30天随访记录',
  missed: '抽查有逾期事项的案件',
};
/** The visits sample looks back this many days, today included. */
export const SAMPLE_VISIT_DAYS = 30;

export const sampleQuery = z.strictObject({
  orgUnitId: id,
  kind: z.enum(SAMPLE_KINDS),
  n: z.coerce.number().int().min(1, '抽查数量至少1').max(50, '抽查数量最多50').default(5),
  /** The same seed draws the same sample from the same records; omitted, the server picks one. */
  seed: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9_-]{1,64}$/, '随机种子只能包含字母、数字、下划线和连字符（最多64位）')
    .optional(),
});
export type SampleQuery = z.infer<typeof sampleQuery>;

export const sampledVisit = z.object({
  visitId: id,
  caseId: id,
  personId: id,
  personName: z.string(),
  level: z.number().int().nullable(),
  visitedAt: z.string(),
  visitedOn: z.string(),
  visitors: z.array(z.object({ userId: id, displayName: z.string() })),
  controlStatus: z.enum(CONTROL_STATUSES),
  extremeTendency: z.boolean(),
});
export type SampledVisit = z.infer<typeof sampledVisit>;

export const sampledCase = z.object({
  caseId: id,
  personId: id,
  personName: z.string(),
  level: z.number().int().nullable(),
  overdue: z.array(z.object({ kind: z.enum(OBLIGATION_KINDS), dueOn: z.string(), overdueDays: z.number().int() })),
});
export type SampledCase = z.infer<typeof sampledCase>;

export const sample = z.object({
  orgUnitId: id,
  orgUnitName: z.string(),
  kind: z.enum(SAMPLE_KINDS),
  /** The seed used: pass it again to draw the same sample. */
  seed: z.string(),
  /** How many records the sample was drawn from. */
  population: z.number().int(),
  /** For `visits`: the window [from, to] (Beijing dates). */
  from: z.string().nullable(),
  to: z.string(),
  visits: z.array(sampledVisit),
  cases: z.array(sampledCase),
});
export type Sample = z.infer<typeof sample>;

// ── Investigations (责任倒查) ───────────────────────────────────────────────────────────────

export const INVESTIGATION_STATUSES = ['open', 'concluded'] as const;
export type InvestigationStatus = (typeof INVESTIGATION_STATUSES)[number];
export const INVESTIGATION_STATUS_LABELS: Record<InvestigationStatus, string> = {
  open: '调查中',
  concluded: '已办结',
};

const accountableOrgUnitIds = z.array(id).max(30, '问责单位最多30个');

export const createInvestigationBody = z.strictObject({
  /** The alert (incident) investigated: one investigation per alert. */
  alertId: id.optional(),
  /** Without an alert: the case; with one, it must be the alert's case if given. */
  caseId: id.optional(),
  findings: text(8000).min(1),
  accountableOrgUnitIds,
  accountablePersons: text(2000).optional(),
  outcome: text(4000).min(1),
});
export type CreateInvestigationBody = z.infer<typeof createInvestigationBody>;

export const updateInvestigationBody = z.strictObject({
  findings: text(8000).min(1).optional(),
  accountableOrgUnitIds: accountableOrgUnitIds.optional(),
  /** An empty string clears it. */
  accountablePersons: text(2000).optional(),
  outcome: text(4000).min(1).optional(),
  /** `concluded` is final. */
  status: z.enum(INVESTIGATION_STATUSES).optional(),
  version: z.number().int().min(1),
});
export type UpdateInvestigationBody = z.infer<typeof updateInvestigationBody>;

export const investigationListQuery = z.strictObject({
  ...pageQuery,
  alertId: id.optional(),
  caseId: id.optional(),
  status: z.enum(INVESTIGATION_STATUSES).optional(),
});
export type InvestigationListQuery = z.infer<typeof investigationListQuery>;

export const investigation = z.object({
  id,
  alertId: id.nullable(),
  /** The alert's description and time, when there is one. */
  alert: z.object({ description: z.string(), occurredAt: z.string(), status: z.string() }).nullable(),
  caseId: id.nullable(),
  personId: id.nullable(),
  personName: z.string().nullable(),
  findings: z.string(),
  accountableUnits: z.array(z.object({ id, name: z.string() })),
  accountablePersons: z.string().nullable(),
  outcome: z.string(),
  status: z.enum(INVESTIGATION_STATUSES),
  createdBy: id,
  createdByName: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
  /** `update`: may edit or conclude it. */
  abilities,
});
export type Investigation = z.infer<typeof investigation>;
