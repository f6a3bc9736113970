// Excel exports of the lists: the same filters, jurisdiction and masking as the JSON list (each
// reads through the list's own service call, so an export shows exactly what the screen shows),
// Chinese headers, cells neutralised, the exporter's watermark, and one audit event per export
// with its row count.
import {
  CASE_SOURCE_LABELS,
  CASE_STATUS_LABELS,
  type CaseExportQuery,
  type CaseSource,
  type ComplianceExportQuery,
  EXPORT_MAX_ROWS,
  GENDER_LABELS,
  OBLIGATION_KIND_LABELS,
  type ObligationExportQuery,
  ORG_KIND_LABELS,
  type OrgKind,
  type PersonExportQuery,
  SCREENING_STATUS_LABELS,
} from '@anxin/shared';
import type { Db } from '../../db/client.js';
import { beijingDate, type Clock } from '../../lib/clock.js';
import { AppError, forbidden } from '../../lib/errors.js';
import { type ExportFormat, exportWatermark, recordExport } from '../../lib/exports.js';
import type { CellInput } from '../../lib/xlsx-safe.js';
import { can } from '../access/actor.js';
import type { ActorContext, AuditLog } from '../audit/audit.service.js';
import type { createCaseService } from '../cases/cases.service.js';
import type { createObligationService } from '../obligations/obligations.service.js';
import type { createPersonService } from '../persons/persons.service.js';
import type { createScreeningService } from '../screening/screening.service.js';
import { addExportSheet, type ExportSheet, newWorkbook, workbookBuffer } from './xlsx-write.js';

interface Deps {
  db: Db;
  clock: Clock;
  audit: AuditLog;
  persons: ReturnType<typeof createPersonService>;
  cases: ReturnType<typeof createCaseService>;
  obligations: ReturnType<typeof createObligationService>;
  screening: ReturnType<typeof createScreeningService>;
}

export interface ExportFile {
  fileName: string;
  format: ExportFormat;
  body: Buffer;
}

const LEVEL_WORDS: Record<number, string> = { 1: '一级', 2: '二级', 3: '三级' };
const levelWord = (level: number | null) => (level ? (LEVEL_WORDS[level] ?? `${level}级`) : '—');
const statusWord = (status: string | null) =>
  status ? (CASE_STATUS_LABELS[status as keyof typeof CASE_STATUS_LABELS] ?? status) : '未列管';
const yesNo = (value: boolean) => (value ? '是' : '否');
const timeWord = (iso: string | null) => (iso ? iso.slice(0, 16).replace('T', ' ') : '');
const POOL_WORDS: Record<string, string> = { pending: '待研判', proposed: '已呈报入库', dismissed: '已排除' };

/** The page the list would need to hold every row, and 413 when there are more than an export may hold. */
const ALL = { page: 1, pageSize: EXPORT_MAX_ROWS + 1 };
function assertNotTooMany(total: number) {
  if (total > EXPORT_MAX_ROWS) {
    throw new AppError(
      413,
      'TOO_LARGE',
      `符合条件的有${total}行，一次最多导出${EXPORT_MAX_ROWS}行，请缩小筛选范围（如按村、社区或状态）后分批导出`,
    );
  }
}

export function createExportService(deps: Deps) {
  const { db, clock, audit } = deps;

  /** Writes the workbook, records the export (who, what, how many rows, with which filters), names the file. */
  async function exportSheet(
    context: ActorContext,
    what: { kind: string; fileStem: string; filters: Record<string, unknown>; entityType?: string; entityId?: string },
    sheet: Omit<ExportSheet, 'watermark'>,
  ): Promise<ExportFile> {
    const now = clock.now();
    const watermark = exportWatermark(context.actor, now);
    const workbook = newWorkbook(context.actor.username, now);
    addExportSheet(workbook, { ...sheet, watermark });
    const body = await workbookBuffer(workbook);
    await db.transaction((tx) =>
      recordExport(audit, tx, context, {
        kind: what.kind,
        format: 'xlsx',
        rows: sheet.rows.length,
        filters: what.filters,
        ...(what.entityType ? { entityType: what.entityType } : {}),
        ...(what.entityId ? { entityId: what.entityId } : {}),
      }),
    );
    return { fileName: `${what.fileStem}-${beijingDate(now).replaceAll('-', '')}.xlsx`, format: 'xlsx', body };
  }

  return {
    /** GET /api/persons/export.xlsx: the persons list's columns (ID numbers masked as the list shows them). */
    async persons(context: ActorContext, query: PersonExportQuery): Promise<ExportFile> {
      const { items, total } = await deps.persons.list(context.actor, { ...query, ...ALL });
      assertNotTooMany(total);
      const rows: CellInput[][] = items.map((person) => [
        person.name,
        person.gender ? GENDER_LABELS[person.gender] : '',
        person.idNumberMasked,
        person.householdOrgUnitName,
        person.residenceOrgUnitName ?? '',
        levelWord(person.level),
        statusWord(person.caseStatus),
      ]);
      return exportSheet(
        context,
        { kind: 'persons', fileStem: '人员名单', filters: query },
        {
          name: '人员名单',
          title: `人员名单（共${rows.length}人）`,
          headers: ['姓名', '性别', '身份证号', '户籍地', '居住地', '列管级别', '状态'],
          widths: [10, 6, 22, 16, 16, 10, 12],
          rows,
        },
      );
    },

    /** GET /api/cases/export.xlsx. */
    async cases(context: ActorContext, query: CaseExportQuery): Promise<ExportFile> {
      const { items, total } = await deps.cases.list(context.actor, { ...query, ...ALL });
      assertNotTooMany(total);
      const rows: CellInput[][] = items.map((c) => [
        c.personName,
        c.idNumberMasked,
        CASE_SOURCE_LABELS[c.source as CaseSource] ?? c.source,
        statusWord(c.status),
        levelWord(c.level),
        c.categories.join('、'),
        c.proposedOn,
        c.listedOn ?? '',
        c.nextReviewOn ?? '',
        c.closedOn ?? '',
        c.awaitingConfirmation ? `待确认（${c.confirmationDueOn ?? ''}前）` : '',
        c.responsibleTownName,
      ]);
      return exportSheet(
        context,
        { kind: 'cases', fileStem: '列管案件', filters: query },
        {
          name: '列管案件',
          title: `列管案件（共${rows.length}件）`,
          headers: [
            '姓名',
            '身份证号',
            '来源',
            '状态',
            '级别',
            '排查类别',
            '呈报日期',
            '列管日期',
            '下次复核',
            '结案日期',
            '紧急列管确认',
            '责任镇（街道）',
          ],
          widths: [10, 22, 14, 12, 8, 16, 12, 12, 12, 12, 18, 14],
          rows,
        },
      );
    },

    /** GET /api/obligations/export.xlsx: the 待办 list with its overdue days (Beijing today). */
    async obligations(context: ActorContext, query: ObligationExportQuery): Promise<ExportFile> {
      const { items, total } = await deps.obligations.list(context.actor, { ...query, ...ALL });
      assertNotTooMany(total);
      const rows: CellInput[][] = items.map((o) => [
        OBLIGATION_KIND_LABELS[o.kind] ?? o.kind,
        o.personName ?? '',
        levelWord(o.level),
        o.orgUnitName,
        o.month ?? '',
        o.dueOn,
        o.lastMetOn ?? '',
        o.overdueDays,
        yesNo(o.sensitive),
      ]);
      return exportSheet(
        context,
        { kind: 'obligations', fileStem: '待办事项', filters: query },
        {
          name: '待办事项',
          title: `待办事项（共${rows.length}项，逾期天数按导出当日计算）`,
          headers: ['事项', '人员', '级别', '村(社区)', '月份', '应完成日期', '上次完成', '逾期天数', '敏感时期'],
          widths: [14, 10, 8, 14, 10, 12, 12, 10, 10],
          rows,
        },
      );
    },

    /** GET /api/screening-reports/compliance.xlsx: the compliance board of a month. */
    async compliance(context: ActorContext, query: ComplianceExportQuery): Promise<ExportFile> {
      if (!can(context.actor, 'screening.compliance'))
        throw forbidden('只有平安办、领导小组、区级和督导可以导出排查上报情况');
      const board = await deps.screening.compliance(context.actor, query);
      const rows: CellInput[][] = board.map((unit) => [
        unit.name,
        ORG_KIND_LABELS[unit.kind as OrgKind] ?? unit.kind,
        SCREENING_STATUS_LABELS[unit.status],
        timeWord(unit.submittedAt),
        unit.reportId ? unit.entryCount : '',
      ]);
      return exportSheet(
        context,
        { kind: 'screening_compliance', fileStem: `排查上报情况-${query.month}`, filters: query },
        {
          name: '排查上报情况',
          title: `${query.month} 排查情况表上报情况（每月22日前上报）`,
          headers: ['村(社区)', '类型', '上报状态', '上报时间', '排查对象人数'],
          widths: [16, 8, 12, 18, 14],
          rows,
        },
      );
    },

    /** GET /api/screening-reports/:id/export.xlsx: one return with its entries (ID numbers masked). */
    async screeningReport(context: ActorContext, id: string): Promise<ExportFile> {
      const report = await deps.screening.get(context.actor, id);
      const state = report.status === 'draft' ? '草稿' : report.late ? '逾期上报' : '按时上报';
      const rows: CellInput[][] = report.entries.map((entry, index) => [
        index + 1,
        entry.personName,
        entry.idNumberMasked,
        entry.categories.join('、'),
        entry.description,
        POOL_WORDS[entry.poolStatus] ?? entry.poolStatus,
      ]);
      const submitted = report.submittedAt ? `，上报时间 ${timeWord(report.submittedAt)}` : '';
      return exportSheet(
        context,
        {
          kind: 'screening_report',
          fileStem: `排查情况表-${report.orgUnitName}-${report.month}`,
          filters: {},
          entityType: 'screening_report',
          entityId: id,
        },
        {
          name: '排查情况表',
          title: `${report.orgUnitName} ${report.month} 排查情况表（${state}${report.zeroReport ? '，零报告' : ''}${submitted}）`,
          headers: ['序号', '姓名', '身份证号', '排查类别', '情况描述', '研判状态'],
          widths: [6, 10, 22, 16, 50, 12],
          rows,
        },
      );
    },
  };
}
