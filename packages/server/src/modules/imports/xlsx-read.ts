// Reads the cells of one worksheet of an .xlsx file. An import of 10,000 rows must stay within a
// few times the cost of writing them (docs/PERFORMANCE.md): exceljs builds a full object model
// (styles, formulas, every cell) and takes about 0.6 s for such a file here, so imports read the
// package directly — the ZIP central directory, the shared strings and the sheet's cell values —
// in a few tens of milliseconds. Templates and exports are still written with exceljs.
import { inflateRawSync } from 'node:zlib';

/** A cell as the file stores it: its type and its text (numbers as written, e.g. "45992"). */
export interface SheetCell {
  kind: 'string' | 'number' | 'boolean' | 'error';
  text: string;
}

export interface SheetRow {
  /** The row number as Excel shows it (1-based). */
  row: number;
  /** Cells by 0-based column index; missing for an empty cell. */
  cells: (SheetCell | undefined)[];
}

export interface Sheet {
  name: string;
  rows: SheetRow[];
  /** The workbook counts dates from 1904 (old Mac Excel). */
  date1904: boolean;
}

/** The file is not an .xlsx workbook Anxin can read; the message is for the user. */
export class WorkbookError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WorkbookError';
  }
}

/** More data rows than the caller allows. */
export class TooManyRowsError extends Error {
  constructor(readonly limit: number) {
    super(`more than ${limit} rows`);
    this.name = 'TooManyRowsError';
  }
}

const NOT_XLSX = '不是有效的 Excel（.xlsx）文件，请使用系统提供的模板填写后上传';
/** No part of a sheet we read comes near this; a larger one is a ZIP bomb or not ours. */
const MAX_PART_BYTES = 64 * 1024 * 1024;

interface ZipEntry {
  method: number;
  compressedSize: number;
  localOffset: number;
}

/** The entries of a ZIP archive by name, from its central directory. */
function zipEntries(bytes: Buffer): Map<string, ZipEntry> {
  if (bytes.length >= 8 && bytes.readUInt32BE(0) === 0xd0cf11e0) {
    throw new WorkbookError('是旧版 Excel（.xls）文件，请在 Excel 或 WPS 中另存为 .xlsx 后上传');
  }
  if (bytes.length < 22 || bytes.readUInt32LE(0) !== 0x04034b50) throw new WorkbookError(NOT_XLSX);
  let end = -1;
  for (let at = bytes.length - 22; at >= Math.max(0, bytes.length - 22 - 0xffff); at--) {
    if (bytes.readUInt32LE(at) === 0x06054b50) {
      end = at;
      break;
    }
  }
  if (end < 0) throw new WorkbookError(NOT_XLSX);
  const count = bytes.readUInt16LE(end + 10);
  let at = bytes.readUInt32LE(end + 16);
  const entries = new Map<string, ZipEntry>();
  for (let i = 0; i < count; i++) {
    if (at + 46 > bytes.length || bytes.readUInt32LE(at) !== 0x02014b50) throw new WorkbookError(NOT_XLSX);
    const nameLength = bytes.readUInt16LE(at + 28);
    const name = bytes.toString('utf8', at + 46, at + 46 + nameLength);
    entries.set(name, {
      method: bytes.readUInt16LE(at + 10),
      compressedSize: bytes.readUInt32LE(at + 20),
      localOffset: bytes.readUInt32LE(at + 42),
    });
    at += 46 + nameLength + bytes.readUInt16LE(at + 30) + bytes.readUInt16LE(at + 32);
  }
  return entries;
}

function readPart(bytes: Buffer, entries: Map<string, ZipEntry>, name: string): string | null {
  const entry = entries.get(name);
  if (!entry) return null;
  const local = entry.localOffset;
  if (local + 30 > bytes.length || bytes.readUInt32LE(local) !== 0x04034b50) throw new WorkbookError(NOT_XLSX);
  const start = local + 30 + bytes.readUInt16LE(local + 26) + bytes.readUInt16LE(local + 28);
  const data = bytes.subarray(start, start + entry.compressedSize);
  try {
    if (entry.method === 0) return data.toString('utf8');
    if (entry.method === 8) return inflateRawSync(data, { maxOutputLength: MAX_PART_BYTES }).toString('utf8');
  } catch {
    throw new WorkbookError('文件已损坏或过大，无法读取');
  }
  throw new WorkbookError(NOT_XLSX);
}

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** XML text to a string: the predefined and numeric entities, and Excel's _xHHHH_ escapes. */
export function xmlText(raw: string): string {
  const decoded = raw.includes('&')
    ? raw.replace(/&(#x[0-9a-fA-F]+|#\d+|[a-z]+);/g, (whole, name: string) => {
        if (name.startsWith('#')) {
          const code = name.startsWith('#x') ? Number.parseInt(name.slice(2), 16) : Number(name.slice(1));
          // Beyond Unicode: no character (String.fromCodePoint would throw).
          return code <= 0x10ffff ? String.fromCodePoint(code) : '\ufffd';
        }
        return ENTITIES[name] ?? whole;
      })
    : raw;
  return decoded.includes('_x')
    ? decoded.replace(/_x([0-9A-Fa-f]{4})_/g, (_whole, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)))
    : decoded;
}

// The XML is scanned with indexOf, never with a backtracking regular expression over a whole part:
// a part may be 64 MiB of crafted text (a few kilobytes deflated), and a lazy `<row>([\s\S]*?)</row>`
// retried at every unclosed `<row>` takes time quadratic in it, holding the server for hours.

/** Where the element `name` starts at or after `from` (`<row`, not `<rowBreaks`), or -1. */
function elementStart(xml: string, name: string, from: number): number {
  const open = `<${name}`;
  for (let at = from; ; ) {
    const start = xml.indexOf(open, at);
    if (start < 0) return -1;
    const next = xml.charCodeAt(start + open.length);
    // Whitespace, '/' or '>' ends the name.
    if (next === 0x20 || next === 0x09 || next === 0x0a || next === 0x0d || next === 0x2f || next === 0x3e)
      return start;
    at = start + open.length;
  }
}

interface XmlElement {
  /** The start tag's attribute text. */
  attrs: string;
  /** The content; undefined for an empty-element tag (`<c r="A1"/>`). */
  inner: string | undefined;
  start: number;
  /** Just after the element. */
  end: number;
}

/**
 * The elements `<name …>…</name>` and `<name …/>` of `xml`, in order, in one pass. None of the
 * elements read here nests in itself; an element left open is not a workbook.
 */
function* elements(xml: string, name: string): Generator<XmlElement> {
  const close = `</${name}>`;
  for (let at = 0; ; ) {
    const start = elementStart(xml, name, at);
    if (start < 0) return;
    const tagEnd = xml.indexOf('>', start);
    if (tagEnd < 0) throw new WorkbookError(NOT_XLSX);
    const attrs = xml.slice(start + name.length + 1, tagEnd);
    if (attrs.endsWith('/')) {
      at = tagEnd + 1;
      yield { attrs: attrs.slice(0, -1), inner: undefined, start, end: at };
      continue;
    }
    const closeAt = xml.indexOf(close, tagEnd + 1);
    if (closeAt < 0) throw new WorkbookError(NOT_XLSX);
    at = closeAt + close.length;
    yield { attrs, inner: xml.slice(tagEnd + 1, closeAt), start, end: at };
  }
}

/** The content of the first element `name`, or undefined. */
function firstInner(xml: string, name: string): string | undefined {
  for (const element of elements(xml, name)) return element.inner ?? '';
  return undefined;
}

/** The attributes of a start tag's attribute text (`name="s" r:id="rId1"`). */
function attributes(raw: string): Record<string, string> {
  const found: Record<string, string> = {};
  for (let at = 0; at < raw.length; ) {
    const equals = raw.indexOf('=', at);
    if (equals < 0) break;
    let open = equals + 1;
    while (open < raw.length && /\s/.test(raw.charAt(open))) open++;
    const quote = raw.charAt(open);
    if (quote !== '"' && quote !== "'") {
      at = equals + 1;
      continue;
    }
    const close = raw.indexOf(quote, open + 1);
    if (close < 0) break;
    const key = raw.slice(at, equals).trim().split(/\s+/).pop();
    if (key) found[key] = raw.slice(open + 1, close);
    at = close + 1;
  }
  return found;
}

/** The text of a string item (<si> or <is>): every run's <t>, without phonetic guides. */
function richText(inner: string): string {
  // Most items are one plain run.
  const plain = /^<t(?:\s[^>]*)?>([^<]*)<\/t>$/.exec(inner);
  if (plain) return xmlText(plain[1] as string);
  let body = inner;
  if (inner.includes('<rPh')) {
    body = '';
    let at = 0;
    for (const phonetic of elements(inner, 'rPh')) {
      body += inner.slice(at, phonetic.start);
      at = phonetic.end;
    }
    body += inner.slice(at);
  }
  let text = '';
  for (const run of elements(body, 't')) text += xmlText(run.inner ?? '');
  return text;
}

function sharedStrings(xml: string | null): string[] {
  if (!xml) return [];
  const strings: string[] = [];
  for (const item of elements(xml, 'si')) strings.push(richText(item.inner ?? ''));
  return strings;
}

/** Excel's last column, XFD. */
const MAX_COLUMNS = 16_384;

/** "AB12" → 27 (0-based column); a column past XFD is no worksheet Excel or WPS writes. */
function columnIndex(reference: string): number {
  let index = 0;
  for (const char of reference) {
    const code = char.charCodeAt(0);
    if (code < 65 || code > 90) break;
    index = index * 26 + (code - 64);
    // A row array millions of columns long would take seconds to walk for every row.
    if (index > MAX_COLUMNS) throw new WorkbookError(NOT_XLSX);
  }
  return index - 1;
}

/** One attribute of an element's attribute text (cells and rows are read by the ten thousand: no map). */
function attribute(raw: string, name: 'r' | 't'): string | undefined {
  const match = (name === 'r' ? /(?:^|\s)r\s*=\s*["']([^"']*)["']/ : /(?:^|\s)t\s*=\s*["']([^"']*)["']/).exec(raw);
  return match?.[1];
}

function cellOf(type: string, inner: string, strings: readonly string[]): SheetCell | undefined {
  if (type === 'inlineStr') return { kind: 'string', text: richText(firstInner(inner, 'is') ?? '') };
  const v = firstInner(inner, 'v');
  if (v === undefined) return undefined;
  switch (type) {
    case 's':
      return { kind: 'string', text: strings[Number(v)] ?? '' };
    case 'str':
    case 'd':
      return { kind: 'string', text: xmlText(v) };
    case 'b':
      return { kind: 'boolean', text: v === '1' ? 'TRUE' : 'FALSE' };
    case 'e':
      return { kind: 'error', text: xmlText(v) };
    default:
      return { kind: 'number', text: v.trim() };
  }
}

/** The path of a relationship target, relative to xl/ or absolute in the package. */
function partPath(target: string): string {
  return target.startsWith('/') ? target.slice(1) : `xl/${target.replace(/^\.\//, '')}`;
}

/**
 * The cells of a worksheet: the first whose name is in `preferred`, else the workbook's first.
 * Rows without any value are left out. Throws WorkbookError for anything that is not a readable
 * .xlsx, and TooManyRowsError once more than `maxRows` rows hold values.
 */
export function readSheet(bytes: Buffer, options: { preferred?: readonly string[]; maxRows?: number } = {}): Sheet {
  const entries = zipEntries(bytes);
  const workbook = readPart(bytes, entries, 'xl/workbook.xml');
  const rels = readPart(bytes, entries, 'xl/_rels/workbook.xml.rels');
  if (!workbook || !rels) throw new WorkbookError(NOT_XLSX);
  const targets = new Map<string, string>();
  for (const relationship of elements(rels, 'Relationship')) {
    const attrs = attributes(relationship.attrs);
    if (attrs.Id && attrs.Target) targets.set(attrs.Id, attrs.Target);
  }
  const sheets = [...elements(workbook, 'sheet')].map((sheet) => {
    const attrs = attributes(sheet.attrs);
    const relId = Object.entries(attrs).find(([key]) => /^[\w.-]+:id$/.test(key))?.[1] ?? '';
    return { name: xmlText(attrs.name ?? ''), target: targets.get(relId) };
  });
  const chosen = sheets.find((s) => options.preferred?.includes(s.name)) ?? sheets[0];
  if (!chosen?.target) throw new WorkbookError(NOT_XLSX);
  const xml = readPart(bytes, entries, partPath(chosen.target));
  if (xml === null) throw new WorkbookError(NOT_XLSX);
  const date1904 = [...elements(workbook, 'workbookPr')].some((pr) =>
    ['1', 'true'].includes(attributes(pr.attrs).date1904 ?? ''),
  );
  const strings = sharedStrings(readPart(bytes, entries, 'xl/sharedStrings.xml'));

  const data = firstInner(xml, 'sheetData') ?? '';
  const rows: SheetRow[] = [];
  let previousRow = 0;
  for (const rowElement of elements(data, 'row')) {
    const rowNumber = Number(attribute(rowElement.attrs, 'r') ?? previousRow + 1);
    previousRow = rowNumber;
    const inner = rowElement.inner;
    if (!inner) continue;
    const cells: (SheetCell | undefined)[] = [];
    let previousColumn = -1;
    let filled = false;
    for (const cellElement of elements(inner, 'c')) {
      const attrs = cellElement.attrs;
      const reference = attribute(attrs, 'r');
      const column = reference ? columnIndex(reference) : previousColumn + 1;
      if (column >= MAX_COLUMNS) throw new WorkbookError(NOT_XLSX);
      previousColumn = column;
      const cell =
        cellElement.inner === undefined ? undefined : cellOf(attribute(attrs, 't') ?? 'n', cellElement.inner, strings);
      if (cell && cell.text.trim() !== '') {
        cells[column] = cell;
        filled = true;
      }
    }
    if (!filled) continue;
    rows.push({ row: rowNumber, cells });
    if (options.maxRows !== undefined && rows.length > options.maxRows) throw new TooManyRowsError(options.maxRows);
  }
  return { name: chosen.name, rows, date1904 };
}

/** The last day Excel can show as a date. */
const LAST_DATE = Date.UTC(9999, 11, 31);

/**
 * An Excel date serial (days since 1899-12-30, or since 1904-01-01) as YYYY-MM-DD; null for a
 * number that is no date Excel can show (past 9999-12-31, such as 20261129 typed as a number).
 */
export function serialToDate(serial: number, date1904 = false): string | null {
  if (!Number.isFinite(serial) || serial < 1) return null;
  const epoch = date1904 ? Date.UTC(1904, 0, 1) : Date.UTC(1899, 11, 30);
  const time = epoch + Math.floor(serial) * 86_400_000;
  if (time > LAST_DATE) return null;
  return new Date(time).toISOString().slice(0, 10);
}
