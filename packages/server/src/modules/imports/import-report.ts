// What both imports share once the rows are read: collecting problems by row, the upload's own
// checks, and the all-or-nothing rule.
import { IMPORT_MAX_ROWS, type ImportRejection } from '@anxin/shared';
import { AppError, badRequest } from '../../lib/errors.js';
import { type Column, readTable, type Table } from './table.js';
import { readSheet, TooManyRowsError, WorkbookError } from './xlsx-read.js';

export interface Upload {
  bytes: Buffer;
  fileName: string;
}

export interface ImportOptions {
  dryRun: boolean;
  validOnly: boolean;
}

/** The rows of an uploaded template, or 400 (not an .xlsx, no header, no rows) / 413 (too many rows). */
export function readUpload(upload: Upload, sheetNames: readonly string[], columns: readonly Column[]): Table {
  try {
    const sheet = readSheet(upload.bytes, { preferred: sheetNames, maxRows: IMPORT_MAX_ROWS + 10 });
    const table = readTable(sheet, columns);
    if (table.rows.length === 0) throw badRequest('文件(file)：没有填写任何数据行', 'file');
    if (table.rows.length > IMPORT_MAX_ROWS) throw tooManyRows();
    return table;
  } catch (error) {
    if (error instanceof WorkbookError) throw badRequest(`文件(file)：${error.message}`, 'file');
    if (error instanceof TooManyRowsError) throw tooManyRows();
    throw error;
  }
}

const tooManyRows = () =>
  new AppError(413, 'TOO_LARGE', `文件(file)：一次最多导入${IMPORT_MAX_ROWS}行，请分成几个文件导入`, [
    { field: 'file', message: `一次最多导入${IMPORT_MAX_ROWS}行` },
  ]);

/**
 * SQLSTATEs of an import's transaction that mean another request got there first: a unique row it
 * wrote meanwhile (23505), or a deadlock with it (40P01). Both answer 409 IMPORT_CONFLICT.
 */
export const CONFLICT_STATES: ReadonlySet<string> = new Set(['23505', '40P01']);

/** The problems found so far, and which rows they rule out. */
export class Problems {
  readonly list: ImportRejection[];
  private readonly rows = new Set<number>();

  constructor(initial: readonly ImportRejection[] = []) {
    this.list = [];
    for (const item of initial) this.add(item);
  }

  add(item: ImportRejection): void {
    this.list.push(item);
    this.rows.add(item.row);
  }

  /** A problem of a column of a row: the reason starts with the column's name. */
  of(row: number, column: Pick<Column, 'key' | 'header'>, reason: string): void {
    this.add({ row, field: column.key, column: column.header, reason: `${column.header}：${reason}` });
  }

  has(row: number): boolean {
    return this.rows.has(row);
  }

  get rowCount(): number {
    return this.rows.size;
  }

  /** Problems in row order (then in the order found). */
  sorted(): ImportRejection[] {
    return this.list
      .map((item, index) => ({ item, index }))
      .sort((a, b) => a.item.row - b.item.row || a.index - b.index)
      .map(({ item }) => item);
  }
}

/** Details of a refused import: enough to name every row in the answer without making it huge. */
const MAX_DETAILS = 1000;

/**
 * The all-or-nothing rule: a real import with any rejected row writes nothing unless the caller
 * chose to import only the valid rows; either way there must be something to write. 400 names the
 * first row and its reason, and lists the rows in `details`.
 */
export function assertImportable(problems: Problems, accepted: number, options: ImportOptions): void {
  if (options.dryRun) return;
  if (problems.rowCount === 0 || (options.validOnly && accepted > 0)) return;
  const sorted = problems.sorted();
  const first = sorted[0] as ImportRejection;
  const more = problems.rowCount > 1 ? `等${problems.rowCount}行有误` : '有误';
  const message =
    accepted === 0
      ? `第${first.row}行 ${first.reason}；${more}，没有可导入的行，未导入任何数据`
      : `第${first.row}行 ${first.reason}；${more}，未导入任何数据（改正后重新导入，或选择“仅导入有效行”）`;
  throw new AppError(
    400,
    'IMPORT_REJECTED',
    message,
    sorted.slice(0, MAX_DETAILS).map((item) => ({
      field: `rows.${item.row}.${item.field}`,
      message: `第${item.row}行 ${item.reason}`,
    })),
  );
}
