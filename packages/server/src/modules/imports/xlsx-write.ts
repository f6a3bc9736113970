// Writing the import templates and the list exports with exceljs: Chinese headers, every text cell
// through safeCell (a value starting with = + - @ is written as text, never as a formula), and the
// exporter's watermark in each sheet's page footer and as the sheet's last line.
import ExcelJS from 'exceljs';
import { type CellInput, safeRow } from '../../lib/xlsx-safe.js';
import type { Column } from './table.js';

/** Header/footer text: a lone `&` would start a control code. */
const escapeHeaderFooter = (text: string) => text.replaceAll('&', '&&');

/** The page footer: the watermark on the left, the page number on the right. */
export function watermarkFooter(watermark: string): string {
  return `&L${escapeHeaderFooter(watermark)}&R第 &P 页，共 &N 页`;
}

export function newWorkbook(username: string, at: Date): ExcelJS.Workbook {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = username;
  workbook.lastModifiedBy = username;
  workbook.created = at;
  workbook.modified = at;
  return workbook;
}

export async function workbookBuffer(workbook: ExcelJS.Workbook): Promise<Buffer> {
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export interface ExportSheet {
  name: string;
  /** A line above the table (what was exported, with which filters). */
  title?: string;
  headers: readonly string[];
  widths?: readonly number[];
  rows: readonly (readonly CellInput[])[];
  watermark: string;
}

/** One table per sheet: title line (optional), bold frozen header, the rows, then the watermark line. */
export function addExportSheet(workbook: ExcelJS.Workbook, sheet: ExportSheet): ExcelJS.Worksheet {
  const headerRow = sheet.title ? 2 : 1;
  const worksheet = workbook.addWorksheet(sheet.name, {
    views: [{ state: 'frozen', ySplit: headerRow }],
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
    headerFooter: { oddFooter: watermarkFooter(sheet.watermark), evenFooter: watermarkFooter(sheet.watermark) },
  });
  if (sheet.title) worksheet.addRow(safeRow([sheet.title])).font = { bold: true, size: 13 };
  worksheet.addRow(safeRow([...sheet.headers])).font = { bold: true };
  sheet.headers.forEach((_header, index) => {
    worksheet.getColumn(index + 1).width = sheet.widths?.[index] ?? 14;
  });
  for (const row of sheet.rows) worksheet.addRow(safeRow([...row]));
  worksheet.addRow([]);
  worksheet.addRow(safeRow([sheet.watermark])).font = { italic: true, color: { argb: 'FF888888' } };
  return worksheet;
}

/** Rows of a template that carry the dropdowns and formats (more rows can be added by hand). */
export const TEMPLATE_ROWS = 10_000;

const columnLetter = (index: number): string => {
  let n = index + 1;
  let letters = '';
  while (n > 0) {
    const rest = (n - 1) % 26;
    letters = String.fromCharCode(65 + rest) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
};

export interface TemplateSheet {
  name: string;
  columns: readonly Column[];
  /** Dropdowns: the options of a column by its key (written to the hidden 选项 sheet). */
  lists: Record<string, { options: readonly string[]; strict: boolean; prompt: string }>;
  /** Example rows on the 说明 sheet, one array per row in column order. */
  helpTitle: string;
  rules: readonly string[];
  watermark: string;
}

const OPTIONS_SHEET = '选项';

/**
 * A fill-in template: the data sheet with its headers (required ones marked in red), text format
 * for ID numbers and months (Excel would turn them into numbers and dates), date format for dates,
 * and dropdowns whose options live on a hidden sheet (so option text may hold commas); a 说明
 * sheet with the rules, one line per column.
 */
export function addTemplate(workbook: ExcelJS.Workbook, template: TemplateSheet): ExcelJS.Worksheet {
  const sheet = workbook.addWorksheet(template.name, {
    views: [{ state: 'frozen', ySplit: 1 }],
    headerFooter: { oddFooter: watermarkFooter(template.watermark) },
  });
  const header = sheet.getRow(1);
  template.columns.forEach((column, index) => {
    const cell = header.getCell(index + 1);
    cell.value = column.header;
    cell.font = { bold: true, color: { argb: column.required ? 'FFC00000' : 'FF000000' } };
    cell.note = `${column.required ? '（必填）' : '（选填）'}${column.help}`;
    const sheetColumn = sheet.getColumn(index + 1);
    sheetColumn.width = column.width;
    if (column.kind === 'idNumber' || column.kind === 'month' || column.kind === 'text') sheetColumn.numFmt = '@';
    if (column.kind === 'date') sheetColumn.numFmt = 'yyyy-mm-dd';
  });
  header.commit?.();

  const options = workbook.addWorksheet(OPTIONS_SHEET, { state: 'hidden' });
  const validations = (
    sheet as unknown as { dataValidations: { add(range: string, rule: ExcelJS.DataValidation): void } }
  ).dataValidations;
  let optionColumn = 0;
  for (const [key, list] of Object.entries(template.lists)) {
    const index = template.columns.findIndex((column) => column.key === key);
    const column = template.columns[index];
    if (!column || list.options.length === 0) continue;
    const letter = columnLetter(optionColumn);
    options.getCell(`${letter}1`).value = column.header;
    list.options.forEach((option, i) => {
      options.getCell(`${letter}${i + 2}`).value = safeRow([option])[0] ?? null;
    });
    const target = columnLetter(index);
    validations.add(`${target}2:${target}${TEMPLATE_ROWS + 1}`, {
      type: 'list',
      allowBlank: !column.required,
      formulae: [`'${OPTIONS_SHEET}'!$${letter}$2:$${letter}$${list.options.length + 1}`],
      showInputMessage: true,
      promptTitle: column.header,
      prompt: list.prompt,
      // A strict list refuses other text; a loose one (several categories in one cell) only warns.
      showErrorMessage: true,
      errorStyle: list.strict ? 'stop' : 'information',
      errorTitle: column.header,
      error: list.strict ? `请从下拉列表中选择${column.header}` : `可从下拉列表选择，多项请用“；”分隔`,
    });
    optionColumn++;
  }

  const help = workbook.addWorksheet('说明');
  help.getColumn(1).width = 22;
  help.getColumn(2).width = 10;
  help.getColumn(3).width = 90;
  help.addRow([template.helpTitle]).font = { bold: true, size: 13 };
  help.addRow([]);
  help.addRow(['列', '是否必填', '填写要求']).font = { bold: true };
  for (const column of template.columns) {
    help.addRow(safeRow([column.header, column.required ? '必填' : '选填', column.help]));
  }
  help.addRow([]);
  help.addRow(['导入规则']).font = { bold: true };
  for (const rule of template.rules) help.addRow(safeRow(['', '', rule]));
  help.addRow([]);
  help.addRow(safeRow([template.watermark])).font = { italic: true, color: { argb: 'FF888888' } };
  return sheet;
}
