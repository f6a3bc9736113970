// A template's columns and the reading of a filled-in sheet against them: the header row is found
// by its names, each cell is turned into text of its column's kind (dates as YYYY-MM-DD, months as
// YYYY-MM), and what cannot be is a problem of that row and column, in Chinese.
import type { ImportRejection } from '@anxin/shared';
import { type Sheet, serialToDate, WorkbookError } from './xlsx-read.js';

export type ColumnKind = 'text' | 'idNumber' | 'date' | 'month';

export interface Column {
  /** The value's key (`idNumber`), also the rejection's `field`. */
  key: string;
  /** The header in the template. */
  header: string;
  /** Other headers accepted for the column (a ledger kept in another layout). */
  aliases?: readonly string[];
  required: boolean;
  kind: ColumnKind;
  /** Longest text accepted. */
  max?: number;
  /** Column width in the template. */
  width: number;
  /** One line for the 说明 sheet. */
  help: string;
}

export interface TableRow {
  /** Excel row number. */
  row: number;
  /** Text of each filled cell by column key, trimmed; absent when empty. */
  values: Record<string, string>;
}

export interface Table {
  rows: TableRow[];
  problems: ImportRejection[];
}

/** Header text compared without spaces, asterisks and with half-width brackets. */
export function normaliseHeader(text: string): string {
  return text
    .replace(/[\s*＊]/g, '')
    .replace(/（/g, '(')
    .replace(/）/g, ')');
}

/** A rejection of one cell: the reason starts with the column's name. */
export function problem(row: number, column: Pick<Column, 'key' | 'header'>, reason: string): ImportRejection {
  return { row, field: column.key, column: column.header, reason: `${column.header}：${reason}` };
}

/** A date as people type it: 2026-11-29, 2026/11/29, 2026.11.29, 2026年11月29日, 20261129. */
export function parseDateText(text: string): string | null {
  const match =
    /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(text) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(text) ?? null;
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return date.toISOString().slice(0, 10);
}

/** A month: 2026-11, 2026/11, 2026.11, 2026年11月, 202611. */
export function parseMonthText(text: string): string | null {
  const match = /^(\d{4})[-/.年](\d{1,2})月?$/.exec(text) ?? /^(\d{4})(\d{2})$/.exec(text) ?? null;
  if (!match) return null;
  const month = Number(match[2]);
  if (month < 1 || month > 12) return null;
  return `${match[1]}-${String(month).padStart(2, '0')}`;
}

/** A number cell as text: integers without exponent (a phone typed as a number). */
function numberText(raw: string): string {
  const value = Number(raw);
  return Number.isSafeInteger(value) ? String(value) : raw;
}

const HEADER_SEARCH_ROWS = 10;

/**
 * Reads the sheet's data rows against the columns. The header is the first of the first ten rows
 * holding every required column's name; a template without one of them is not ours (400).
 */
export function readTable(sheet: Sheet, columns: readonly Column[]): Table {
  const wanted = columns.map((column) => ({
    column,
    names: [column.header, ...(column.aliases ?? [])].map(normaliseHeader),
  }));
  let headerIndex = -1;
  let positions = new Map<string, number>();
  for (const [index, candidate] of sheet.rows.slice(0, HEADER_SEARCH_ROWS).entries()) {
    const found = new Map<string, number>();
    candidate.cells.forEach((cell, position) => {
      if (!cell) return;
      const text = normaliseHeader(cell.text);
      const match = wanted.find((w) => w.names.includes(text));
      if (match && !found.has(match.column.key)) found.set(match.column.key, position);
    });
    if (columns.every((column) => !column.required || found.has(column.key))) {
      headerIndex = index;
      positions = found;
      break;
    }
  }
  if (headerIndex < 0) {
    const names = columns.filter((column) => column.required).map((column) => `「${column.header}」`);
    throw new WorkbookError(`找不到表头（须含${names.join('')}列），请使用系统提供的模板`);
  }

  const rows: TableRow[] = [];
  const problems: ImportRejection[] = [];
  for (const sheetRow of sheet.rows.slice(headerIndex + 1)) {
    const values: Record<string, string> = {};
    for (const column of columns) {
      const position = positions.get(column.key);
      const cell = position === undefined ? undefined : sheetRow.cells[position];
      const text = cell ? readCell(sheetRow.row, column, cell, sheet.date1904, problems) : undefined;
      // null: the cell could not be read, and that problem is already on the list.
      if (text === null) continue;
      if (text === undefined || text === '') {
        if (column.required) problems.push(problem(sheetRow.row, column, '不能为空'));
        continue;
      }
      if (column.max !== undefined && [...text].length > column.max) {
        problems.push(problem(sheetRow.row, column, `不能超过${column.max}个字`));
        continue;
      }
      values[column.key] = text;
    }
    rows.push({ row: sheetRow.row, values });
  }
  return { rows, problems };
}

function readCell(
  row: number,
  column: Column,
  cell: { kind: string; text: string },
  date1904: boolean,
  problems: ImportRejection[],
): string | null {
  if (cell.kind === 'error') {
    problems.push(problem(row, column, `单元格有错误值（${cell.text}）`));
    return null;
  }
  const text = cell.kind === 'number' ? numberText(cell.text) : cell.text.trim();
  // Excel's _x0000_ escapes and character references can give text PostgreSQL cannot store (a NUL,
  // half a surrogate pair): the row is refused, as the JSON API refuses such a body.
  if (!text.isWellFormed() || text.includes('\0')) {
    problems.push(problem(row, column, '包含无效字符'));
    return null;
  }
  switch (column.kind) {
    case 'idNumber':
      if (cell.kind === 'number') {
        problems.push(problem(row, column, '须以文本格式填写（数字格式会丢失末几位），请将该列设为“文本”后重新输入'));
        return null;
      }
      return text.replace(/\s/g, '');
    case 'date': {
      const date = cell.kind === 'number' ? serialToDate(Number(cell.text), date1904) : parseDateText(text);
      if (!date) problems.push(problem(row, column, `日期格式应为 2026-11-29（填写的是“${text}”）`));
      return date;
    }
    case 'month': {
      const month =
        cell.kind === 'number'
          ? (serialToDate(Number(cell.text), date1904)?.slice(0, 7) ?? null)
          : parseMonthText(text);
      if (!month) problems.push(problem(row, column, `月份格式应为 2026-11（填写的是“${text}”）`));
      return month;
    }
    default:
      return text;
  }
}
