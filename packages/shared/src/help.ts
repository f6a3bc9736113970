import { z } from 'zod';
import { id, isoDate, pageQuery, text } from './common.js';

// ── Help and resolution (§四(三)3(2) ④⑤): 帮扶服务 and 矛盾纠纷与诉求 ─────────────────────────────
// Both are put on a listed case by the units working it and worked by one responsible unit from
// its queue (帮扶服务 menu); 平安办 supervises grievances past their deadline (超期督办).

/** 帮扶服务的类型 (API.md, in the plan's words). */
export const SERVICE_TYPES = [
  'minimum_living_allowance',
  'extreme_poverty_support',
  'temporary_assistance',
  'legal_aid',
  'psychological_counselling',
  'medical_treatment',
  'employment_help',
  'legal_education',
  'resettlement_assistance',
  'community_correction',
  'other',
] as const;
export type ServiceType = (typeof SERVICE_TYPES)[number];
export const SERVICE_TYPE_LABELS: Record<ServiceType, string> = {
  minimum_living_allowance: '低保',
  extreme_poverty_support: '特困供养',
  temporary_assistance: '临时救助',
  legal_aid: '法律援助',
  psychological_counselling: '心理疏导',
  medical_treatment: '医疗救治',
  employment_help: '就业帮扶',
  legal_education: '法治教育',
  resettlement_assistance: '安置帮教',
  community_correction: '社区矫正',
  other: '其他',
};

/**
 * The role of the unit that usually does each kind of help (the plan's division of duties: 民政办
 * 低保/特困/救助, 司法所 法律援助/普法/安置帮教/社区矫正, 卫生院 心理疏导/医疗): the web form
 * suggests that unit; the server does not insist on it.
 */
export const SERVICE_TYPE_ROLES: Record<ServiceType, string | null> = {
  minimum_living_allowance: 'civil_affairs',
  extreme_poverty_support: 'civil_affairs',
  temporary_assistance: 'civil_affairs',
  legal_aid: 'judicial',
  psychological_counselling: 'health',
  medical_treatment: 'health',
  employment_help: 'village_cadre',
  legal_education: 'judicial',
  resettlement_assistance: 'judicial',
  community_correction: 'judicial',
  other: null,
};

/** planned → in_progress → done | declined | not_eligible; planned may close at once; closed is final. */
export const SERVICE_STATUSES = ['planned', 'in_progress', 'done', 'declined', 'not_eligible'] as const;
export type ServiceStatus = (typeof SERVICE_STATUSES)[number];
export const SERVICE_STATUS_LABELS: Record<ServiceStatus, string> = {
  planned: '待办理',
  in_progress: '办理中',
  done: '已完成',
  declined: '本人拒绝',
  not_eligible: '不符合条件',
};
export const SERVICE_OPEN_STATUSES = ['planned', 'in_progress'] as const satisfies readonly ServiceStatus[];

/** 矛盾纠纷与诉求的类型 (API.md; 第七种情形 names 医患、邻里、劳资、司法). */
export const GRIEVANCE_TYPES = [
  'medical',
  'neighbour',
  'labor',
  'judicial',
  'family',
  'petition',
  'debt',
  'other',
] as const;
export type GrievanceType = (typeof GRIEVANCE_TYPES)[number];
export const GRIEVANCE_TYPE_LABELS: Record<GrievanceType, string> = {
  medical: '医患纠纷',
  neighbour: '邻里纠纷',
  labor: '劳资纠纷',
  judicial: '涉法涉诉',
  family: '婚姻家庭纠纷',
  petition: '信访诉求',
  debt: '债务纠纷',
  other: '其他',
};

/** The role of the unit the web form suggests as 事权单位 for each kind (a suggestion only). */
export const GRIEVANCE_TYPE_ROLES: Record<GrievanceType, string | null> = {
  medical: 'health',
  neighbour: 'village_cadre',
  labor: 'judicial',
  judicial: 'judicial',
  family: 'village_cadre',
  petition: 'peace_office',
  debt: 'judicial',
  other: null,
};

/** open → in_progress → resolved | unresolvable; open may close at once; closed is final. */
export const GRIEVANCE_STATUSES = ['open', 'in_progress', 'resolved', 'unresolvable'] as const;
export type GrievanceStatus = (typeof GRIEVANCE_STATUSES)[number];
export const GRIEVANCE_STATUS_LABELS: Record<GrievanceStatus, string> = {
  open: '待化解',
  in_progress: '化解中',
  resolved: '已化解',
  unresolvable: '暂无法化解',
};
export const GRIEVANCE_OPEN_STATUSES = ['open', 'in_progress'] as const satisfies readonly GrievanceStatus[];

/** A grievance without a deadline gets one this many days after it is recorded (Beijing dates). */
export const GRIEVANCE_DEFAULT_DAYS = 30;

/**
 * Queue scopes: `unit` = items whose responsible unit is the caller's own unit; `all` = every item
 * on the cases in the caller's jurisdiction. Default: `unit` for 民政办、司法所、卫生院, else `all`.
 */
export const HELP_SCOPES = ['unit', 'all'] as const;
export type HelpScope = (typeof HELP_SCOPES)[number];
export const HELP_UNIT_SCOPE_ROLES = ['civil_affairs', 'judicial', 'health'] as const;

// ── Requests ──────────────────────────────────────────────────────────────────────────────────

export const createServiceBody = z.strictObject({
  type: z.enum(SERVICE_TYPES),
  /** A department or village/community of the case's responsible town, or a district department. */
  responsibleOrgUnitId: id,
  description: text(4000).min(1),
  dueOn: isoDate.optional(),
});
export type CreateServiceBody = z.infer<typeof createServiceBody>;

export const updateServiceBody = z.strictObject({
  status: z.enum(SERVICE_STATUSES).optional(),
  /** 办理结果: required once the item is closed (done, declined, not eligible). */
  outcome: text(4000).min(1).optional(),
  /** A new deadline (not before today); null clears it. */
  dueOn: isoDate.nullable().optional(),
  /** Hand the item to another unit (平安办 of the responsible town only). */
  responsibleOrgUnitId: id.optional(),
  /** The version as read; a stale one answers 409. */
  version: z.number().int().min(1),
});
export type UpdateServiceBody = z.infer<typeof updateServiceBody>;

export const createGrievanceBody = z.strictObject({
  type: z.enum(GRIEVANCE_TYPES),
  description: text(4000).min(1),
  /** 事权单位: a department or village/community of the case's responsible town, or a district department. */
  responsibleOrgUnitId: id,
  /** 化解期限; default today + GRIEVANCE_DEFAULT_DAYS. */
  dueOn: isoDate.optional(),
});
export type CreateGrievanceBody = z.infer<typeof createGrievanceBody>;

export const updateGrievanceBody = z.strictObject({
  status: z.enum(GRIEVANCE_STATUSES).optional(),
  /** 化解情况: required once the grievance is closed (resolved or unresolvable). */
  resolution: text(4000).min(1).optional(),
  /** 延期: a new deadline, not before today (平安办 of the responsible town only). */
  dueOn: isoDate.optional(),
  responsibleOrgUnitId: id.optional(),
  version: z.number().int().min(1),
});
export type UpdateGrievanceBody = z.infer<typeof updateGrievanceBody>;

const queueQuery = {
  ...pageQuery,
  scope: z.enum(HELP_SCOPES).optional(),
  /** The responsible unit (in scope `all`). */
  orgUnitId: id.optional(),
  caseId: id.optional(),
  /** true: open items whose deadline has passed (Beijing today). */
  overdue: z.enum(['true', 'false']).optional(),
};
export const serviceListQuery = z.strictObject({
  ...queueQuery,
  status: z.enum(SERVICE_STATUSES).optional(),
  type: z.enum(SERVICE_TYPES).optional(),
});
export type ServiceListQuery = z.infer<typeof serviceListQuery>;
export const grievanceListQuery = z.strictObject({
  ...queueQuery,
  status: z.enum(GRIEVANCE_STATUSES).optional(),
  type: z.enum(GRIEVANCE_TYPES).optional(),
});
export type GrievanceListQuery = z.infer<typeof grievanceListQuery>;
export const caseHelpListQuery = z.strictObject({ ...pageQuery });

// ── Responses ─────────────────────────────────────────────────────────────────────────────────

/** What the caller may do with one item: `update` its status/outcome, `reassign` it or move its deadline. */
export const helpAbilities = z.object({ update: z.boolean(), reassign: z.boolean(), reschedule: z.boolean() });
export type HelpAbilities = z.infer<typeof helpAbilities>;

const helpItemBase = {
  id,
  caseId: id,
  personId: id,
  personName: z.string(),
  /** The case's level (null once it is no longer listed at one). */
  level: z.number().int().nullable(),
  caseStatus: z.string(),
  responsibleOrgUnitId: id,
  responsibleOrgUnitName: z.string(),
  description: z.string(),
  /** Open, with a deadline before today (Beijing). */
  overdue: z.boolean(),
  overdueDays: z.number().int(),
  createdBy: id,
  createdByName: z.string(),
  updatedBy: id.nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
  abilities: helpAbilities,
};

export const serviceItem = z.object({
  ...helpItemBase,
  type: z.enum(SERVICE_TYPES),
  status: z.enum(SERVICE_STATUSES),
  outcome: z.string().nullable(),
  dueOn: z.string().nullable(),
  /** Set by the server: the Beijing date the work started (in progress) or, skipped, was done. */
  startedOn: z.string().nullable(),
  /** Set by the server: the Beijing date it was closed. */
  completedOn: z.string().nullable(),
});
export type ServiceItem = z.infer<typeof serviceItem>;

export const grievance = z.object({
  ...helpItemBase,
  type: z.enum(GRIEVANCE_TYPES),
  status: z.enum(GRIEVANCE_STATUSES),
  resolution: z.string().nullable(),
  dueOn: z.string(),
  /** Set by the server: the Beijing date it was closed (resolved or found unresolvable). */
  resolvedOn: z.string().nullable(),
});
export type Grievance = z.infer<typeof grievance>;

/** A case's items, and whether the caller may add one to it. */
export const caseServiceList = z.object({
  items: z.array(serviceItem),
  total: z.number().int(),
  abilities: z.object({ create: z.boolean() }),
});
export const caseGrievanceList = z.object({
  items: z.array(grievance),
  total: z.number().int(),
  abilities: z.object({ create: z.boolean() }),
});

/** A unit an item may be given to, with the roles of its active staff (for the form's suggestion). */
export const HELP_UNIT_GROUPS = ['town', 'village', 'district'] as const;
export const helpUnit = z.object({
  id,
  name: z.string(),
  kind: z.string(),
  /** The town's own departments, its villages and communities, or the district's departments. */
  group: z.enum(HELP_UNIT_GROUPS),
  roles: z.array(z.string()),
});
export type HelpUnit = z.infer<typeof helpUnit>;
