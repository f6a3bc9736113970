// Excel imports (排查情况表导入, 在册台账导入) and list exports: the contracts both sides share.
import { z } from 'zod';
import { id, isoDate } from './common.js';
import { CASE_STATUSES, type SCREENING_STATUSES } from './lifecycle.js';
import { OBLIGATION_KINDS, OBLIGATION_SCOPES, OBLIGATION_STATUSES } from './obligations.js';
import { month } from './screening.js';

/** An uploaded workbook larger than this is refused with 413 before it is read. */
export const IMPORT_MAX_BYTES = 5 * 1024 * 1024;
/** Data rows one import may hold (413 above). */
export const IMPORT_MAX_ROWS = 20_000;
/** Rows one list export may hold: a wider export answers 413 and asks for a narrower filter. */
export const EXPORT_MAX_ROWS = 50_000;

/** The choice an import is made with: a dry run (试导入) checks and writes nothing. */
export const importQuery = z.strictObject({
  /** `true`: check every row and report, write nothing. */
  dryRun: z.enum(['true', 'false']).default('false'),
  /**
   * `true`: write the valid rows and leave the rejected ones out. Without it an import with any
   * rejected row writes nothing (400 naming the rows).
   */
  validOnly: z.enum(['true', 'false']).default('false'),
});
export type ImportQuery = z.infer<typeof importQuery>;

/** The multipart form of an import: one .xlsx in the field `file` (documents the upload in OpenAPI). */
export const importUploadForm = z.object({
  file: z.string().meta({ format: 'binary', description: 'the filled-in template (.xlsx), at most 5 MiB' }),
});

/** Chinese names of the import's query fields, for error messages. */
export const IMPORT_FIELD_LABELS: Record<string, string> = {
  dryRun: '试导入',
  validOnly: '仅导入有效行',
  file: '文件',
};

/** One problem of one row: its Excel row number, the column, and why (in Chinese, naming the column). */
export const importRejection = z.object({
  /** The row number as Excel shows it (the header is row 1). */
  row: z.number().int(),
  /** The column's key (`idNumber`), or `row` for a problem of the whole row. */
  field: z.string(),
  /** The column's header in the template (`身份证号`). */
  column: z.string(),
  /** e.g. "身份证号：校验位错误". */
  reason: z.string(),
});
export type ImportRejection = z.infer<typeof importRejection>;

const importReportBase = {
  dryRun: z.boolean(),
  /** Whether anything was written (false for a dry run, and for a refused all-or-nothing import). */
  written: z.boolean(),
  /** Data rows in the file (blank rows not counted). */
  rows: z.number().int(),
  /** Rows without a problem: written, or that would be. */
  accepted: z.number().int(),
  /** Rows with at least one problem. */
  rejectedRows: z.number().int(),
  /** Every problem, by row. */
  rejected: z.array(importRejection),
};

/** 排查情况表导入: what was (or would be) created. */
export const screeningImportReport = z.object({
  ...importReportBase,
  created: z.object({
    /** Persons not yet on file, created from the rows. */
    persons: z.number().int(),
    /** New draft returns (one per village and month). */
    reports: z.number().int(),
    /** Existing draft returns the rows were added to. */
    reportsExtended: z.number().int(),
    entries: z.number().int(),
  }),
  /** The returns written or extended (empty for a dry run). */
  reportIds: z.array(id),
});
export type ScreeningImportReport = z.infer<typeof screeningImportReport>;

/** 在册台账导入: what was (or would be) created. */
export const ledgerImportReport = z.object({
  ...importReportBase,
  created: z.object({
    persons: z.number().int(),
    /** Listed cases, with source `ledger`. */
    cases: z.number().int(),
    /** Cases that got their service team (专班) from the ledger. */
    teams: z.number().int(),
  }),
  /** The cases created (empty for a dry run). */
  caseIds: z.array(id),
});
export type LedgerImportReport = z.infer<typeof ledgerImportReport>;

// ── List exports (.xlsx): the filters of the JSON list, without paging ─────────────────────────

export const personExportQuery = z.strictObject({
  q: z.string().trim().max(64).optional(),
  orgUnitId: id.optional(),
  level: z.coerce.number().int().min(1).max(3).optional(),
  status: z.enum(['proposed', 'listed', 'rejected', 'delisted', 'none']).optional(),
  category: z
    .string()
    .regex(/^C[1-8]$/, '类别应为C1至C8')
    .optional(),
});
export type PersonExportQuery = z.infer<typeof personExportQuery>;

export const caseExportQuery = z.strictObject({
  status: z.enum(CASE_STATUSES).optional(),
  level: z.coerce.number().int().min(1).max(3).optional(),
  orgUnitId: id.optional(),
  personId: id.optional(),
  awaitingConfirmation: z.enum(['true', 'false']).optional(),
  q: z.string().trim().max(50).optional(),
});
export type CaseExportQuery = z.infer<typeof caseExportQuery>;

export const obligationExportQuery = z.strictObject({
  scope: z.enum(OBLIGATION_SCOPES).default('all'),
  status: z.enum(OBLIGATION_STATUSES).default('all'),
  orgUnitId: id.optional(),
  kind: z.enum(OBLIGATION_KINDS).optional(),
  caseId: id.optional(),
  dueBy: isoDate.optional(),
});
export type ObligationExportQuery = z.infer<typeof obligationExportQuery>;

export const complianceExportQuery = z.strictObject({ month, orgUnitId: id.optional() });
export type ComplianceExportQuery = z.infer<typeof complianceExportQuery>;

/** Chinese words for the compliance statuses in an export. */
export const SCREENING_STATUS_LABELS: Record<(typeof SCREENING_STATUSES)[number], string> = {
  on_time: '按时上报',
  late: '逾期上报',
  missing: '未上报',
  draft: '草稿未上报',
};
