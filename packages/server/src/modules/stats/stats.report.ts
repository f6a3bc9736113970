// 月报: the month's statistics of a town (or any counted unit) as the district expects them —
// title, five sections in the plan's order, two name lists as appendices — built once as a model
// and rendered to Excel (here) and to Word (by the forms module's renderer, like every printed
// form). Both carry the exporter's watermark in every page footer.
import { LEVEL_LABELS, SERVICE_STATUSES, SERVICE_TYPES, type StatsSummary } from '@anxin/shared';
import ExcelJS from 'exceljs';
import { type CellInput, safeCell, safeRow } from '../../lib/xlsx-safe.js';
import { renderDocx } from '../forms/docx-renderer.js';
import { type Block, type FormDocument, headerRow, row, value } from '../forms/model.js';
import {
  categoryWord,
  kindWord,
  meetingWord,
  reasonWord,
  screeningWord,
  serviceStatusWord,
  serviceTypeWord,
} from './stats.labels.js';
import { dateWords, monthWords } from './stats.period.js';
import { delistedTable, listedTable, type MonthLists, type StatsTable, sheetFooter, sheetName } from './stats.xlsx.js';

export type { MonthLists } from './stats.xlsx.js';

export interface ReportSection {
  heading: string;
  paragraphs: string[];
  tables: StatsTable[];
}

export interface ReportModel {
  title: string;
  meta: string;
  sections: ReportSection[];
  appendices: { table: StatsTable; empty: string }[];
}

const sum = (values: readonly number[]) => values.reduce((total, value) => total + value, 0);

/** "研判会2次、联席会议1次" for the non-zero items, or null when there are none. */
function itemised(items: readonly { word: string; count: number; unit: string }[]): string | null {
  const present = items.filter((item) => item.count > 0);
  return present.length ? present.map((item) => `${item.word}${item.count}${item.unit}`).join('、') : null;
}

/** The plan's name of a level: 一级（现实紧迫风险）. */
const levelShort = (level: 1 | 2 | 3) => LEVEL_LABELS[level];

export function reportTitle(summary: StatsSummary): string {
  return `${summary.orgUnit.name}“两失”人员服务管理工作月报（${monthWords(summary.month)}）`;
}

export function reportFileName(summary: StatsSummary, format: 'xlsx' | 'docx'): string {
  return `${reportTitle(summary)}.${format}`;
}

/** The report's text and tables, from the summary and the month's name lists. */
export function reportModel(summary: StatsSummary, lists: MonthLists): ReportModel {
  const name = summary.orgUnit.name;
  const { byLevel, changes, screening, work, services, grievances, alerts } = summary;
  const first = `${summary.month}-01`;

  // 一、列管情况
  const listing = [
    `截至${dateWords(summary.asOf)}，${name}在册列管“两失”人员${byLevel.total}人，其中${levelShort(1)}${byLevel.level1}人、${levelShort(2)}${byLevel.level2}人、${levelShort(3)}${byLevel.level3}人。` +
      `本月新增列管${changes.listed}人，撤销列管${changes.delisted}人，变更级别${changes.levelChanged}人次。`,
  ];
  if (summary.assisted.total > 0) {
    listing.push(
      `另有户籍地在外、居住在本辖区的协助管理人员${summary.assisted.total}人，由户籍地负责列管，本辖区协助。`,
    );
  }
  const reasons = itemised(
    changes.delistedByReason.map((row) => ({ word: reasonWord(row.reasonCode), count: row.count, unit: '人' })),
  );
  if (reasons) listing.push(`本月撤销列管原因：${reasons}。`);

  // 二、排查上报
  const expected = screening.units.length;
  const missing = screening.units.filter((row) => row.status === 'missing').map((row) => row.name);
  const screeningText = [
    `本月应上报排查情况表的村（社区）${expected}个，按时上报${screening.onTime}个，逾期上报${screening.late}个，已填未报${screening.draft}个，未上报${screening.missing}个。`,
  ];
  if (missing.length) screeningText.push(`未上报的村（社区）：${missing.join('、')}。`);

  // 三、工作落实
  const meetingCount = sum(work.meetings.map((row) => row.count));
  const meetingItems = itemised(
    work.meetings.map((row) => ({ word: meetingWord(row.kind), count: row.count, unit: '次' })),
  );
  const overdueTotal = sum(summary.overdueByKind.map((row) => row.count));
  const overdueItems = itemised(
    summary.overdueByKind.map((row) => ({ word: kindWord(row.kind), count: row.count, unit: '项' })),
  );
  const workText = [
    `本月开展随访${work.visits}次，召开会议${meetingCount}次${meetingItems ? `（${meetingItems}）` : ''}，形成现实危害性评估报告${work.assessmentReports}份、每日报告${work.dailyReports}份。`,
    overdueTotal > 0
      ? `截至${dateWords(summary.today)}，逾期未落实的工作${overdueTotal}项：${overdueItems}。`
      : `截至${dateWords(summary.today)}，无逾期未落实的工作。`,
  ];

  // 四、帮扶服务与矛盾化解
  const openServices = sum(
    services.byTypeStatus.filter((row) => row.status === 'planned' || row.status === 'in_progress').map((r) => r.count),
  );
  const helpText = [
    `本月新增帮扶服务${services.createdInMonth}项，落实完成${services.completedInMonth}项；目前在办${openServices}项。`,
    `本月新受理矛盾纠纷与诉求${grievances.openedInMonth}件，化解${grievances.resolvedInMonth}件；超过期限尚未化解${grievances.overdue}件。`,
  ];

  // 五、警情处置
  const alertText = [
    `本月接报警情${alerts.inMonth}起，派出所响应${alerts.respondedInMonth}起，处置完毕${alerts.disposedInMonth}起；截至${dateWords(summary.today)}，尚有${alerts.open}起未处置完毕。`,
  ];

  return {
    title: reportTitle(summary),
    meta: `填报单位：${name}　　统计时段：${dateWords(first)}至${dateWords(lastDay(summary.month))}`,
    sections: [
      {
        heading: '一、列管情况',
        paragraphs: listing,
        tables: [
          {
            title: '表1　各村（社区）在册列管人员',
            headers: ['村（社区）', '一级', '二级', '三级', '合计'],
            rows: [
              ...summary.byVillage.map((row): CellInput[] => [row.name, row.level1, row.level2, row.level3, row.total]),
              ['合计', byLevel.level1, byLevel.level2, byLevel.level3, byLevel.total],
            ],
          },
          {
            title: '表2　在册列管人员排查情形',
            headers: ['排查情形', '人数'],
            rows: summary.byCategory.map((row) => [categoryWord(row.category), row.count]),
          },
        ],
      },
      {
        heading: '二、排查上报',
        paragraphs: screeningText,
        tables: [
          {
            title: '表3　各村（社区）排查情况表上报',
            headers: ['村（社区）', '上报情况', '排查人数'],
            rows: screening.units.map((row) => [row.name, screeningWord(row.status), row.entryCount]),
          },
        ],
      },
      {
        heading: '三、工作落实',
        paragraphs: workText,
        tables: [
          {
            title: '表4　逾期未落实的工作',
            headers: ['工作事项', '逾期项数'],
            rows: summary.overdueByKind.filter((row) => row.count > 0).map((row) => [kindWord(row.kind), row.count]),
          },
        ],
      },
      {
        heading: '四、帮扶服务与矛盾化解',
        paragraphs: helpText,
        tables: [servicesPivot(summary)],
      },
      { heading: '五、警情处置', paragraphs: alertText, tables: [] },
    ],
    appendices: [
      { table: listedTable(lists, '附表1　本月新增列管人员名单'), empty: '本月无新增列管人员。' },
      { table: delistedTable(lists, '附表2　本月撤销列管人员名单'), empty: '本月无撤销列管人员。' },
    ],
  };
}

function lastDay(month: string): string {
  const [year, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(year, m, 0)).toISOString().slice(0, 10);
}

/** Help items by type (rows) and status (columns), types with no item left out. */
function servicesPivot(summary: StatsSummary): StatsTable {
  const byType = new Map<string, Map<string, number>>();
  for (const row of summary.services.byTypeStatus) {
    const statuses = byType.get(row.type) ?? new Map<string, number>();
    statuses.set(row.status, (statuses.get(row.status) ?? 0) + row.count);
    byType.set(row.type, statuses);
  }
  const types = [
    ...SERVICE_TYPES.filter((type) => byType.has(type)),
    ...[...byType.keys()].filter((t) => !SERVICE_TYPES.includes(t as never)),
  ];
  return {
    title: '表5　帮扶服务落实情况',
    headers: ['服务类型', ...SERVICE_STATUSES.map(serviceStatusWord), '合计'],
    rows: types.map((type) => {
      const statuses = byType.get(type) ?? new Map<string, number>();
      const counts = SERVICE_STATUSES.map((status) => statuses.get(status) ?? 0);
      return [serviceTypeWord(type), ...counts, sum([...statuses.values()])];
    }),
  };
}

/** Data rows printed (for the audit event). */
export function reportRows(model: ReportModel): number {
  return (
    sum(model.sections.flatMap((section) => section.tables.map((table) => table.rows.length))) +
    sum(model.appendices.map((appendix) => appendix.table.rows.length))
  );
}

// ── Excel ─────────────────────────────────────────────────────────────────────────────────────

const THIN = { style: 'thin' as const };
const BOX = { top: THIN, left: THIN, bottom: THIN, right: THIN };

/** The report on one sheet (月报), each appendix on its own sheet. */
export async function reportXlsx(summary: StatsSummary, lists: MonthLists, watermark: string) {
  const model = reportModel(summary, lists);
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '安心';
  const columns = Math.max(...model.sections.flatMap((s) => s.tables.map((t) => t.headers.length)), 5);
  const sheet = workbook.addWorksheet('月报', {
    pageSetup: { paperSize: 9, orientation: 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
    headerFooter: { oddFooter: sheetFooter(watermark) },
  });
  sheet.columns = Array.from({ length: columns }, (_, index) => ({ width: index === 0 ? 22 : 12 }));
  const totalWidth = 22 + 12 * (columns - 1);

  const merged = (text: string, style: Partial<ExcelJS.Style>, height?: number) => {
    const row = sheet.addRow([safeCell(text)]);
    sheet.mergeCells(row.number, 1, row.number, columns);
    row.getCell(1).style = style;
    // Merged cells do not grow with their text: about two width units per Chinese character.
    row.height = height ?? Math.max(1, Math.ceil((text.length * 2.1) / totalWidth)) * 18;
    return row;
  };

  merged(model.title, { font: { bold: true, size: 16 }, alignment: { horizontal: 'center', vertical: 'middle' } }, 30);
  merged(model.meta, { alignment: { horizontal: 'center', vertical: 'middle' } }, 20);
  for (const section of model.sections) {
    sheet.addRow([]);
    merged(section.heading, { font: { bold: true, size: 12 } }, 20);
    for (const paragraph of section.paragraphs) {
      merged(`　　${paragraph}`, { alignment: { wrapText: true, vertical: 'top' } });
    }
    for (const table of section.tables) {
      merged(table.title, { font: { bold: true }, alignment: { horizontal: 'center' } }, 18);
      const header = sheet.addRow(safeRow(table.headers));
      header.eachCell((cell) => {
        cell.font = { bold: true };
        cell.border = BOX;
        cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
      });
      const rows = table.rows.length ? table.rows : [['（无）']];
      for (const values of rows) {
        const row = sheet.addRow(safeRow(values));
        for (let index = 1; index <= table.headers.length; index++) row.getCell(index).border = BOX;
      }
    }
  }
  sheet.addRow([]);
  sheet.addRow(safeRow([watermark])).font = { italic: true, color: { argb: 'FF888888' } };

  for (const { table, empty } of model.appendices) {
    const appendix = workbook.addWorksheet(sheetName(table.title), {
      views: [{ state: 'frozen', ySplit: 1 }],
      pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
      headerFooter: { oddHeader: `&C${table.title}`, oddFooter: sheetFooter(watermark) },
    });
    appendix.columns = table.headers.map((title, index) => ({ header: title, width: table.widths?.[index] ?? 14 }));
    appendix.getRow(1).font = { bold: true };
    for (const values of table.rows) appendix.addRow(safeRow(values));
    if (table.rows.length === 0) appendix.addRow(safeRow([empty]));
    appendix.addRow([]);
    appendix.addRow(safeRow([watermark])).font = { italic: true, color: { argb: 'FF888888' } };
  }
  return { buffer: Buffer.from(await workbook.xlsx.writeBuffer()), rows: reportRows(model) };
}

// ── Word ──────────────────────────────────────────────────────────────────────────────────────

const cellText = (value: CellInput) => (value === null || value === undefined ? '' : String(value));

/** A titled table of the report as form blocks: the caption, then the table (first column wider). */
function tableBlocks(table: StatsTable, empty = '（无）'): Block[] {
  const columns = table.headers.length;
  const widths = table.widths ?? [2, ...Array.from({ length: columns - 1 }, () => 1)];
  return [
    { kind: 'paragraph', text: table.title, align: 'center', bold: true },
    {
      kind: 'table',
      widths,
      rows: [
        headerRow(table.headers),
        ...(table.rows.length
          ? table.rows.map((values) => row(values.map((v, i) => value(cellText(v), 1, i === 0 ? 'left' : 'center'))))
          : [row([value(empty, columns, 'center')])]),
      ],
    },
  ];
}

/** The report as the forms module's document model: printed by its Word renderer, like every other form. */
export function reportDocument(model: ReportModel, watermark: string): FormDocument {
  const [left, right] = model.meta.split('　　');
  const blocks: Block[] = [
    { kind: 'title', text: model.title },
    { kind: 'meta', left: left ?? model.meta, right: right ?? '' },
  ];
  for (const section of model.sections) {
    blocks.push({ kind: 'heading', text: section.heading });
    for (const paragraph of section.paragraphs) blocks.push({ kind: 'paragraph', text: paragraph, indent: true });
    for (const table of section.tables) blocks.push(...tableBlocks(table));
  }
  for (const { table, empty } of model.appendices) {
    blocks.push({ kind: 'pageBreak' }, ...tableBlocks(table, empty));
  }
  return { title: model.title, blocks, watermark };
}

export async function reportDocx(summary: StatsSummary, lists: MonthLists, watermark: string) {
  const model = reportModel(summary, lists);
  return { buffer: await renderDocx(reportDocument(model, watermark)), rows: reportRows(model) };
}
