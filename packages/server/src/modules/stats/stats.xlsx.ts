// The statistics as an Excel workbook: one sheet per table with Chinese headers, every text cell
// through safeCell (no formula injection), the exporter's watermark in each sheet's page footer
// and as the last line of each sheet.
import type { StatsSummary } from '@anxin/shared';
import ExcelJS from 'exceljs';
import { type CellInput, safeRow } from '../../lib/xlsx-safe.js';
import {
  categoryWord,
  grievanceStatusWord,
  kindWord,
  levelWord,
  meetingWord,
  reasonWord,
  screeningWord,
  serviceStatusWord,
  serviceTypeWord,
  sourceWord,
  statusWord,
} from './stats.labels.js';
import { dateWords, monthWords } from './stats.period.js';

/** The month's name lists (附表), from the queries. */
export interface MonthLists {
  listed: {
    personName: string;
    unitName: string;
    level: number | null;
    categories: string[];
    listedOn: string | null;
    source: string;
  }[];
  delisted: {
    personName: string;
    unitName: string;
    level: number | null;
    closedOn: string | null;
    reasonCode: string | null;
  }[];
}

/** One table: a sheet in the export, a titled table in the monthly report. */
export interface StatsTable {
  title: string;
  headers: string[];
  rows: CellInput[][];
  /** Column widths in characters (default 14). */
  widths?: number[];
}

/** Header/footer text: a lone `&` would start a control code. */
const escapeHeaderFooter = (text: string) => text.replaceAll('&', '&&');

/** The page footer of every sheet: the watermark on the left, the page on the right. */
export function sheetFooter(watermark: string): string {
  return `&L${escapeHeaderFooter(watermark)}&R第 &P 页，共 &N 页`;
}

/** Sheet names: at most 31 characters, none of []:*?/\ . */
export const sheetName = (title: string) => title.replace(/[[\]:*?/\\]/g, '·').slice(0, 31);

function writeTableSheet(workbook: ExcelJS.Workbook, table: StatsTable, header: string, watermark: string) {
  const sheet = workbook.addWorksheet(sheetName(table.title), {
    views: [{ state: 'frozen', ySplit: 1 }],
    pageSetup: { paperSize: 9, orientation: 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
    headerFooter: { oddHeader: `&C${escapeHeaderFooter(header)}`, oddFooter: sheetFooter(watermark) },
  });
  sheet.columns = table.headers.map((title, index) => ({ header: title, width: table.widths?.[index] ?? 14 }));
  sheet.getRow(1).font = { bold: true };
  for (const row of table.rows) sheet.addRow(safeRow(row));
  sheet.addRow([]);
  sheet.addRow(safeRow([watermark])).font = { italic: true, color: { argb: 'FF888888' } };
}

/** The summary's tables, in the order of the page. */
export function statsTables(summary: StatsSummary, lists: MonthLists): StatsTable[] {
  const month = monthWords(summary.month);
  const meetings = summary.work.meetings.reduce((sum, row) => sum + row.count, 0);
  return [
    {
      title: '概况',
      headers: ['项目', '数值'],
      widths: [36, 24],
      rows: [
        ['统计范围', summary.orgUnit.name],
        ['统计月份', month],
        ['在册人数截至', dateWords(summary.asOf)],
        ['在册列管人数', summary.byLevel.total],
        ['其中：一级', summary.byLevel.level1],
        ['其中：二级', summary.byLevel.level2],
        ['其中：三级', summary.byLevel.level3],
        ['协助管理人数（居住地在本辖区、户籍地在外）', summary.assisted.total],
        ['本月新增列管', summary.changes.listed],
        ['本月撤销列管', summary.changes.delisted],
        ['本月变更级别', summary.changes.levelChanged],
        ['本月随访次数', summary.work.visits],
        ['本月召开会议次数', meetings],
        ['当前逾期待办（项）', summary.overdueByKind.reduce((sum, row) => sum + row.count, 0)],
        ['本月警情（起）', summary.alerts.inMonth],
        ['尚未处置完毕的警情（起）', summary.alerts.open],
      ],
    },
    {
      title: '按级别',
      headers: ['级别', '人数'],
      rows: [
        [levelWord(1), summary.byLevel.level1],
        [levelWord(2), summary.byLevel.level2],
        [levelWord(3), summary.byLevel.level3],
      ],
    },
    {
      title: '按类别',
      headers: ['类别', '排查情形', '人数'],
      widths: [10, 60, 10],
      rows: summary.byCategory.map((row) => [row.category, categoryWord(row.category), row.count]),
    },
    {
      title: '按状态',
      headers: ['状态', '案件数'],
      rows: summary.byStatus.map((row) => [statusWord(row.status), row.count]),
    },
    {
      title: '按村（社区）',
      headers: ['村（社区）', '区划代码', '一级', '二级', '三级', '合计'],
      widths: [20, 16, 8, 8, 8, 8],
      rows: summary.byVillage.map((row) => [row.name, row.code, row.level1, row.level2, row.level3, row.total]),
    },
    {
      title: '月度趋势',
      headers: ['月份', '新增列管', '撤销列管', '月末在册'],
      rows: summary.trend.map((row) => [row.month, row.listed, row.delisted, row.onList]),
    },
    {
      title: '逾期待办',
      headers: ['事项', '逾期数'],
      widths: [20, 10],
      rows: summary.overdueByKind.map((row) => [kindWord(row.kind), row.count]),
    },
    {
      title: '排查上报',
      headers: ['村（社区）', '上报情况', '排查人数'],
      widths: [20, 12, 10],
      rows: summary.screening.units.map((row) => [row.name, screeningWord(row.status), row.entryCount]),
    },
    {
      title: '工作落实',
      headers: ['项目', '数量'],
      widths: [24, 10],
      rows: [
        ['随访（次）', summary.work.visits],
        ...summary.work.meetings.map((row): CellInput[] => [`${meetingWord(row.kind)}（次）`, row.count]),
        ['评估报告（份）', summary.work.assessmentReports],
        ['每日报告（份）', summary.work.dailyReports],
      ],
    },
    {
      title: '帮扶服务',
      headers: ['服务类型', '状态', '项数'],
      widths: [16, 12, 8],
      rows: summary.services.byTypeStatus.map((row) => [
        serviceTypeWord(row.type),
        serviceStatusWord(row.status),
        row.count,
      ]),
    },
    {
      title: '矛盾诉求',
      headers: ['状态', '件数'],
      rows: summary.grievances.byStatus.map((row) => [grievanceStatusWord(row.status), row.count]),
    },
    listedTable(lists, `本月新增列管名单`),
    delistedTable(lists, `本月撤销列管名单`),
  ];
}

export function listedTable(lists: MonthLists, title: string): StatsTable {
  return {
    title,
    headers: ['姓名', '村（社区）', '列管级别', '列管日期', '排查情形', '来源'],
    widths: [10, 14, 12, 14, 20, 16],
    rows: lists.listed.map((row) => [
      row.personName,
      row.unitName,
      levelWord(row.level),
      row.listedOn,
      row.categories.map(categoryWord).join('、'),
      sourceWord(row.source),
    ]),
  };
}

export function delistedTable(lists: MonthLists, title: string): StatsTable {
  return {
    title,
    headers: ['姓名', '村（社区）', '原级别', '撤销日期', '撤销理由'],
    widths: [12, 16, 10, 16, 40],
    rows: lists.delisted.map((row) => [
      row.personName,
      row.unitName,
      levelWord(row.level),
      row.closedOn,
      reasonWord(row.reasonCode),
    ]),
  };
}

/** The export workbook and its number of data rows (for the audit event). */
export async function statsWorkbook(summary: StatsSummary, lists: MonthLists, watermark: string) {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '安心';
  const tables = statsTables(summary, lists);
  const header = `${summary.orgUnit.name}“两失”人员统计（${monthWords(summary.month)}）`;
  for (const table of tables) writeTableSheet(workbook, table, header, watermark);
  const buffer = Buffer.from(await workbook.xlsx.writeBuffer());
  return { buffer, rows: tables.reduce((sum, table) => sum + table.rows.length, 0) };
}
