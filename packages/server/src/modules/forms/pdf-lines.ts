// The PDF renderer's primitives: fonts and spacing, paragraphs laid out into lines (layout.ts wraps
// Chinese text), a line drawn in its box, and the page cursor that starts a new page when a thing
// does not fit. pdf-table.ts and pdf-renderer.ts draw with these.
import { contentBox, MARGINS, printable, SIZES, wrapText } from './layout.js';
import type { Para } from './model.js';

export const SERIF = 'serif';
export const SANS_BOLD = 'sansBold';
/** Line height as a multiple of the type size (a little over Word's single spacing for CJK). */
export const LEADING = 1.45;
export const PAD_X = 5;
export const PAD_Y = 4;
export const BORDER = 0.6;
export const FRAME = 1.2;

export type Doc = PDFKit.PDFDocument;

export interface Line {
  text: string;
  x: number;
  align: Para['align'];
  font: string;
  size: number;
  height: number;
  /** Width available to this line (for centring and right alignment). */
  width: number;
  color?: string;
}

export function sizeOf(para: Pick<Para, 'size'>): number {
  return para.size === 'small' ? SIZES.small : para.size === 'large' ? SIZES.large : SIZES.normal;
}

/** Lays out paragraphs into lines for a column `width` wide. */
export function layoutParas(doc: Doc, paras: Para[], width: number, defaultAlign: Para['align'] = 'left'): Line[] {
  const lines: Line[] = [];
  for (const para of paras) {
    const font = para.bold ? SANS_BOLD : SERIF;
    const size = sizeOf(para);
    doc.font(font).fontSize(size);
    const measure = (s: string) => doc.widthOfString(s);
    const indent = para.indent ? size * 2 : 0;
    for (const line of wrapText(printable(para.text), width, measure, indent)) {
      lines.push({
        text: line.text,
        x: line.indent,
        align: para.align ?? defaultAlign,
        font,
        size,
        height: size * LEADING,
        width: width - line.indent,
      });
    }
  }
  return lines;
}

export function drawLine(doc: Doc, line: Line, left: number, top: number) {
  doc.font(line.font).fontSize(line.size);
  const textWidth = doc.widthOfString(line.text);
  let x = left + line.x;
  if (line.align === 'center') x += Math.max(0, (line.width - textWidth) / 2);
  else if (line.align === 'right') x += Math.max(0, line.width - textWidth);
  // Vertically centre the glyphs in the line box.
  const y = top + (line.height - doc.currentLineHeight()) / 2;
  if (line.text) doc.fillColor(line.color ?? 'black').text(line.text, x, y, { lineBreak: false });
}

export const heightOf = (lines: readonly Line[]) => lines.reduce((sum, l) => sum + l.height, 0);

/** The page cursor: where the next thing goes, and a new page when it does not fit. */
export class Cursor {
  y: number = MARGINS.top;
  readonly left: number = MARGINS.left;
  readonly width: number;
  readonly bottom: number;
  readonly top: number = MARGINS.top;

  constructor(
    private readonly doc: Doc,
    landscape: boolean,
  ) {
    const box = contentBox(landscape);
    this.width = box.width;
    this.bottom = MARGINS.top + box.height;
  }

  get room() {
    return this.bottom - this.y;
  }

  get atTop() {
    return this.y <= this.top + 0.5;
  }

  newPage() {
    this.doc.addPage();
    this.y = this.top;
  }

  /** Moves to a new page unless `height` fits on this one (or this page is still empty). */
  ensure(height: number) {
    if (height > this.room && !this.atTop) this.newPage();
  }
}

export function drawLines(doc: Doc, cursor: Cursor, lines: Line[], spaceAfter = 0) {
  for (const line of lines) {
    cursor.ensure(line.height);
    drawLine(doc, line, cursor.left, cursor.y);
    cursor.y += line.height;
  }
  cursor.y += spaceAfter;
}
