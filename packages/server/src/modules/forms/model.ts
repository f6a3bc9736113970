// The one model of a printed document (a government form, a report, the whole archive), built once
// from the data and handed to both renderers: docx-renderer.ts (Word) and pdf-renderer.ts (PDF).
// It says what is on the paper, not how a renderer draws it: titles, the number line under them,
// bordered tables of label and value cells with column spans, free paragraphs, signature and seal
// blanks, page breaks, and the export watermark every page carries in its footer.

export type Align = 'left' | 'center' | 'right' | 'justify';

/** One paragraph of text; a "\n" inside starts a new line. */
export interface Para {
  text: string;
  align?: Align;
  bold?: boolean;
  /** First-line indent of two characters (正文 style). */
  indent?: boolean;
  /** `small` 10.5 pt (五号), `normal` 12 pt (小四), `large` 14 pt (四号). */
  size?: 'small' | 'normal' | 'large';
}

/** A table cell: a label (centred, shaded lightly) or a value, spanning `span` grid columns. */
export interface Cell {
  paras: Para[];
  span?: number;
  label?: boolean;
  /** Vertical alignment; labels default to centre, values to top when the row is tall. */
  vAlign?: 'top' | 'center' | 'bottom';
}

export interface Row {
  cells: Cell[];
  /** Minimum height in points: room to write by hand, or for a seal. */
  minHeight?: number;
  /** Header rows repeat at the top of every page the table continues on. */
  header?: boolean;
}

export interface TableBlock {
  kind: 'table';
  /** Relative widths of the grid columns; every row's spans add up to their count. */
  widths: number[];
  rows: Row[];
}

export type Block =
  /** The form's title (黑体), with an optional second line (e.g. "（一人一档）"). */
  | { kind: 'title'; text: string; subtitle?: string; cover?: boolean }
  /** The line under a title: unit on the left, number or date on the right. */
  | { kind: 'meta'; left: string; right: string }
  /** A section heading inside a longer document. */
  | { kind: 'heading'; text: string }
  | ({ kind: 'paragraph' } & Para)
  | TableBlock
  /** Signature or seal blanks, right-aligned: "演示镇平安办（盖章）" over "二〇二六年十一月二十九日". */
  | { kind: 'signatures'; items: { name: string; date: string }[] }
  /** Vertical space in points. */
  | { kind: 'spacer'; height: number }
  | { kind: 'pageBreak' };

export interface FormDocument {
  /** The document's title in its metadata (PDF Title, Word core properties). */
  title: string;
  blocks: Block[];
  /** "导出人 pingan 2026-11-29 10:00": printed in the footer of every page. */
  watermark: string;
  landscape?: boolean;
}

// ── Helpers the builders use ────────────────────────────────────────────────────────────────

/** Text as one paragraph, or several when an array is given. */
function parasOf(text: string | string[] | Para[], align?: Align): Para[] {
  const list = Array.isArray(text) ? text : [text];
  return list.map((item) => (typeof item === 'string' ? { text: item, ...(align ? { align } : {}) } : item));
}

/** A label cell ("姓名"). */
export function label(text: string, span = 1): Cell {
  return { paras: [{ text, align: 'center' }], span, label: true };
}

/** A value cell; empty values print as blank (room to fill in by hand). */
export function value(text: string | string[] | Para[] | null | undefined, span = 1, align?: Align): Cell {
  return { paras: parasOf(text ?? '', align), span };
}

/** A value cell of free text written top-down, with the seal or signature lines under it. */
export function opinion(text: string | null | undefined, seal: string, date: string, span = 1): Cell {
  const paras: Para[] = [{ text: text?.trim() ? text : ' ', indent: Boolean(text?.trim()) }];
  paras.push({ text: ' ' }, { text: seal, align: 'right' }, { text: date, align: 'right' });
  return { paras, span, vAlign: 'top' };
}

/** A row of label/value pairs; the spans must fill the table's grid. */
export function row(cells: Cell[], minHeight?: number): Row {
  return minHeight ? { cells, minHeight } : { cells };
}

/** A header row of a list table (repeated on each page). */
export function headerRow(titles: string[]): Row {
  return { cells: titles.map((title) => label(title)), header: true };
}

/** ■ for what applies, □ for what does not: "■入库　□出库". */
export function checks(options: { text: string; checked: boolean }[], separator = '　'): string {
  return options.map((o) => `${o.checked ? '■' : '□'}${o.text}`).join(separator);
}

/** Checkbox lines, one option per line. */
export function checkLines(options: { text: string; checked: boolean }[]): Para[] {
  return options.map((o) => ({ text: `${o.checked ? '■' : '□'}${o.text}` }));
}

/** The grid columns a table's rows occupy; throws when a row does not fill the grid exactly. */
export function assertTableShape(table: TableBlock): void {
  const columns = table.widths.length;
  table.rows.forEach((r, i) => {
    const used = r.cells.reduce((sum, cell) => sum + (cell.span ?? 1), 0);
    if (used !== columns) throw new Error(`table row ${i + 1} spans ${used} of ${columns} columns`);
  });
}

/** Every block of a document in order; used to check tables before rendering. */
export function assertDocumentShape(doc: FormDocument): void {
  for (const block of doc.blocks) if (block.kind === 'table') assertTableShape(block);
}
