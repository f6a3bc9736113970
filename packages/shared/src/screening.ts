import { z } from 'zod';
import { abilities, id, pageQuery, text } from './common.js';
import { CATEGORIES, SCREENING_STATUSES } from './lifecycle.js';

export const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份格式应为 YYYY-MM');

/** Chinese names of the screening fields, for error messages that name the field (route `labels`). */
export const SCREENING_FIELD_LABELS: Record<string, string> = {
  orgUnitId: '填报单位',
  month: '月份',
  entries: '排查对象',
  personId: '人员',
  categories: '情形类别',
  description: '情况描述',
  zeroReport: '零报告',
  reason: '排除理由',
};

const entryInput = z.strictObject({
  personId: id,
  categories: z.array(z.enum(CATEGORIES)).min(1, '至少选择一种情形').max(8),
  description: text(2000).min(1),
});

// 排查情况表
export const createScreeningReportBody = z.strictObject({
  orgUnitId: id,
  month,
  entries: z.array(entryInput).max(200).default([]),
  zeroReport: z.boolean().default(false),
});
export type CreateScreeningReportBody = z.infer<typeof createScreeningReportBody>;

/** Replaces a draft's entries (a submitted return is final). */
export const updateScreeningReportBody = z.strictObject({
  entries: z.array(entryInput).max(200),
  zeroReport: z.boolean(),
  version: z.number().int().min(1),
});
export type UpdateScreeningReportBody = z.infer<typeof updateScreeningReportBody>;

/**
 * Submitting needs no body (without one Fastify hands the validator null); a `version` makes sure
 * that what is submitted is what the submitter saw.
 */
export const submitScreeningReportBody = z.strictObject({ version: z.number().int().min(1).optional() }).nullish();
export type SubmitScreeningReportBody = z.infer<typeof submitScreeningReportBody>;

export const screeningReportQuery = z.strictObject({
  ...pageQuery,
  month: month.optional(),
  orgUnitId: id.optional(),
  status: z.enum(['draft', 'submitted']).optional(),
});
export type ScreeningReportQuery = z.infer<typeof screeningReportQuery>;

export const screeningEntry = z.object({
  id,
  personId: id,
  personName: z.string(),
  idNumberMasked: z.string(),
  categories: z.array(z.enum(CATEGORIES)),
  description: z.string(),
  poolStatus: z.enum(['pending', 'proposed', 'dismissed']),
  dismissedReason: z.string().nullable(),
  caseId: id.nullable(),
});

export const screeningReport = z.object({
  id,
  orgUnitId: id,
  orgUnitName: z.string(),
  month: z.string(),
  zeroReport: z.boolean(),
  status: z.enum(['draft', 'submitted']),
  submittedAt: z.string().nullable(),
  onTime: z.boolean().nullable(),
  /** Submitted on or after the 22nd (Beijing time) of its month; null while a draft. */
  late: z.boolean().nullable(),
  /** Beijing date by which it is on time: the 21st of its month. */
  dueOn: z.string(),
  entries: z.array(screeningEntry),
  version: z.number().int(),
  abilities,
});
export type ScreeningReport = z.infer<typeof screeningReport>;

export const complianceQuery = z.strictObject({ month, orgUnitId: id.optional() });
export type ComplianceQuery = z.infer<typeof complianceQuery>;
export const complianceRow = z.object({
  orgUnitId: id,
  name: z.string(),
  kind: z.string(),
  status: z.enum(SCREENING_STATUSES),
  reportId: id.nullable(),
  submittedAt: z.string().nullable(),
  entryCount: z.number().int(),
});
export type ComplianceRow = z.infer<typeof complianceRow>;

/** 待研判 pool: suspects from submitted returns awaiting a proposal or a dismissal. */
export const poolQuery = z.strictObject({
  ...pageQuery,
  status: z.enum(['pending', 'proposed', 'dismissed']).default('pending'),
  orgUnitId: id.optional(),
});
export type PoolQuery = z.infer<typeof poolQuery>;
export const poolEntry = screeningEntry.extend({
  reportId: id,
  month: z.string(),
  orgUnitId: id,
  orgUnitName: z.string(),
  abilities,
});
export type PoolEntry = z.infer<typeof poolEntry>;

export const dismissEntryBody = z.strictObject({ reason: text(500).min(1) });
export type DismissEntryBody = z.infer<typeof dismissEntryBody>;
