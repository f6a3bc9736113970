// Renders a FormDocument (model.ts) as an A4 PDF with pdfkit and the Noto CJK fonts (fonts.ts):
// the fonts are embedded as subsets, so the text is real (searchable, copyable), not pictures.
//
//   import { renderPdf } from '…/modules/forms/pdf-renderer.js';
//   const pdf: Buffer = await renderPdf({ title, watermark, blocks: [{ kind: 'title', text: '…' }, …] });
//
// Every line is laid out here (layout.ts wraps Chinese text), so a table row taller than what is
// left of a page is split across pages, and header rows repeat on each page a table continues on.
// The footer of every page carries the export watermark and "第 n 页 共 N 页".
import PDFDocument from 'pdfkit';
import { loadFonts } from './fonts.js';
import { cellBoxes, columnWidths, contentBox, MARGINS, printable, SIZES, wrapText } from './layout.js';
import {
  assertDocumentShape,
  type Block,
  type Cell,
  type FormDocument,
  type Para,
  type Row,
  type TableBlock,
} from './model.js';

const SERIF = 'serif';
const SANS_BOLD = 'sansBold';
/** Line height as a multiple of the type size (a little over Word's single spacing for CJK). */
const LEADING = 1.45;
const PAD_X = 5;
const PAD_Y = 4;
const BORDER = 0.6;
const FRAME = 1.2;
const FOOTER_GAP = 18;

type Doc = PDFKit.PDFDocument;

interface Line {
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

function sizeOf(para: Pick<Para, 'size'>): number {
  return para.size === 'small' ? SIZES.small : para.size === 'large' ? SIZES.large : SIZES.normal;
}

/** Lays out paragraphs into lines for a column `width` wide. */
function layoutParas(doc: Doc, paras: Para[], width: number, defaultAlign: Para['align'] = 'left'): Line[] {
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

function drawLine(doc: Doc, line: Line, left: number, top: number) {
  doc.font(line.font).fontSize(line.size);
  const textWidth = doc.widthOfString(line.text);
  let x = left + line.x;
  if (line.align === 'center') x += Math.max(0, (line.width - textWidth) / 2);
  else if (line.align === 'right') x += Math.max(0, line.width - textWidth);
  // Vertically centre the glyphs in the line box.
  const y = top + (line.height - doc.currentLineHeight()) / 2;
  if (line.text) doc.fillColor(line.color ?? 'black').text(line.text, x, y, { lineBreak: false });
}

const heightOf = (lines: readonly Line[]) => lines.reduce((sum, l) => sum + l.height, 0);

/** The page cursor: where the next thing goes, and a new page when it does not fit. */
class Cursor {
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

function drawLines(doc: Doc, cursor: Cursor, lines: Line[], spaceAfter = 0) {
  for (const line of lines) {
    cursor.ensure(line.height);
    drawLine(doc, line, cursor.left, cursor.y);
    cursor.y += line.height;
  }
  cursor.y += spaceAfter;
}

// ── Tables ─────────────────────────────────────────────────────────────────────────────────

interface LaidCell {
  cell: Cell;
  x: number;
  width: number;
  lines: Line[];
}

function layoutRow(doc: Doc, row: Row, widths: number[], left: number): LaidCell[] {
  const boxes = cellBoxes(
    widths,
    row.cells.map((c) => c.span ?? 1),
  );
  return row.cells.map((cell, i) => {
    const box = boxes[i] as { x: number; width: number };
    return {
      cell,
      x: left + box.x,
      width: box.width,
      lines: layoutParas(doc, cell.paras, box.width - 2 * PAD_X, cell.label ? 'center' : 'left'),
    };
  });
}

/** A row kept tall for handwriting or long text (values start at the top, as on paper forms). */
export const isTall = (row: Row) => (row.minHeight ?? 0) >= 40;

const rowHeight = (cells: LaidCell[], minHeight = 0) =>
  Math.max(minHeight, ...cells.map((c) => heightOf(c.lines) + 2 * PAD_Y));

/** Draws one piece of a row (all of it, or the lines that fit) with its cell borders. */
function drawRowPiece(
  doc: Doc,
  cells: { laid: LaidCell; lines: Line[] }[],
  top: number,
  height: number,
  /** Split across pages, or a row kept tall for writing: values start at the top. */
  tall: boolean,
) {
  for (const { laid, lines } of cells) {
    doc.lineWidth(BORDER).strokeColor('black').rect(laid.x, top, laid.width, height).stroke();
    const contentHeight = heightOf(lines);
    const vAlign = laid.cell.vAlign ?? (laid.cell.label ? 'center' : tall ? 'top' : 'center');
    let y = top + PAD_Y;
    if (vAlign === 'center') y = top + (height - contentHeight) / 2;
    else if (vAlign === 'bottom') y = top + height - PAD_Y - contentHeight;
    for (const line of lines) {
      drawLine(doc, line, laid.x + PAD_X, y);
      y += line.height;
    }
  }
}

function drawTable(doc: Doc, cursor: Cursor, table: TableBlock) {
  const widths = columnWidths(table.widths, cursor.width);
  const headers = table.rows
    .filter((r) => r.header)
    .map((r) => ({ row: r, cells: layoutRow(doc, r, widths, cursor.left) }));
  let frameTop = cursor.y;
  const frame = () => {
    if (cursor.y > frameTop)
      doc
        .lineWidth(FRAME)
        .rect(cursor.left, frameTop, cursor.width, cursor.y - frameTop)
        .stroke();
  };
  const pageBreak = (repeatHeaders: boolean) => {
    frame();
    cursor.newPage();
    frameTop = cursor.y;
    if (repeatHeaders) {
      for (const header of headers) {
        const h = rowHeight(header.cells, header.row.minHeight);
        drawRowPiece(
          doc,
          header.cells.map((laid) => ({ laid, lines: laid.lines })),
          cursor.y,
          h,
          false,
        );
        cursor.y += h;
      }
    }
  };
  const headerHeight = headers.reduce((sum, h) => sum + rowHeight(h.cells, h.row.minHeight), 0);

  for (const row of table.rows) {
    const cells = layoutRow(doc, row, widths, cursor.left);
    const height = rowHeight(cells, row.minHeight);
    // A header row keeps the first body row with it.
    const needed = row.header ? height + SIZES.normal * LEADING + 2 * PAD_Y : height;
    if (needed <= cursor.room) {
      drawRowPiece(
        doc,
        cells.map((laid) => ({ laid, lines: laid.lines })),
        cursor.y,
        height,
        isTall(row),
      );
      cursor.y += height;
      continue;
    }
    // It does not fit here: on a fresh page it would, so start one (unless this page is empty).
    const fullPage = cursor.bottom - cursor.top - (row.header ? 0 : headerHeight);
    if (needed <= fullPage && !cursor.atTop) {
      pageBreak(!row.header);
      drawRowPiece(
        doc,
        cells.map((laid) => ({ laid, lines: laid.lines })),
        cursor.y,
        height,
        isTall(row),
      );
      cursor.y += height;
      continue;
    }
    // Taller than a page: split the row, line by line, across as many pages as it takes.
    const remaining = cells.map((laid) => ({ laid, lines: [...laid.lines] }));
    let minLeft = row.minHeight ?? 0;
    for (;;) {
      const room = cursor.room - 2 * PAD_Y;
      const pieces = remaining.map(({ laid, lines }) => {
        const take: Line[] = [];
        let used = 0;
        while (lines.length && used + (lines[0] as Line).height <= room) {
          const line = lines.shift() as Line;
          take.push(line);
          used += line.height;
        }
        return { laid, lines: take };
      });
      const done = remaining.every((r) => r.lines.length === 0);
      const contentHeight = Math.max(...pieces.map((p) => heightOf(p.lines))) + 2 * PAD_Y;
      const pieceHeight = done ? Math.min(cursor.room, Math.max(contentHeight, minLeft)) : cursor.room;
      if (pieces.some((p) => p.lines.length) || done) {
        drawRowPiece(doc, pieces, cursor.y, pieceHeight, true);
        cursor.y += pieceHeight;
        minLeft = Math.max(0, minLeft - pieceHeight);
      }
      if (done) break;
      pageBreak(true);
    }
  }
  frame();
}

// ── Blocks ─────────────────────────────────────────────────────────────────────────────────

function drawSignatures(doc: Doc, cursor: Cursor, items: { name: string; date: string }[]) {
  doc.font(SERIF).fontSize(SIZES.normal);
  const lineHeight = SIZES.normal * LEADING;
  for (const item of items) {
    cursor.ensure(lineHeight * 3.5);
    cursor.y += lineHeight * 1.5;
    const blockWidth = Math.max(doc.widthOfString(item.name), doc.widthOfString(item.date));
    const right = cursor.left + cursor.width - SIZES.normal * 2;
    const x = right - blockWidth;
    for (const text of [item.name, item.date]) {
      drawLine(
        doc,
        { text, x: 0, align: 'center', font: SERIF, size: SIZES.normal, height: lineHeight, width: blockWidth },
        x,
        cursor.y,
      );
      cursor.y += lineHeight;
    }
  }
}

function drawBlock(doc: Doc, cursor: Cursor, block: Block) {
  switch (block.kind) {
    case 'title': {
      if (block.cover) cursor.y += 120;
      const size = block.cover ? SIZES.cover : SIZES.title;
      const lines = layoutParas(doc, [{ text: block.text, align: 'center', bold: true }], cursor.width).map((l) => ({
        ...l,
        size,
        height: size * 1.6,
      }));
      // Keep the title with what follows it.
      cursor.ensure(heightOf(lines) + SIZES.normal * 6);
      drawLines(doc, cursor, lines, block.subtitle ? 2 : SIZES.normal * 0.8);
      if (block.subtitle) {
        const sub = layoutParas(
          doc,
          [{ text: block.subtitle, align: 'center', size: block.cover ? 'large' : 'normal' }],
          cursor.width,
        );
        drawLines(doc, cursor, sub, SIZES.normal * 0.8);
      }
      if (block.cover) cursor.y += 60;
      return;
    }
    case 'meta': {
      doc.font(SERIF).fontSize(SIZES.normal);
      const lineHeight = SIZES.normal * LEADING;
      const both = doc.widthOfString(block.left) + doc.widthOfString(block.right) + SIZES.normal * 2;
      cursor.ensure(lineHeight * 2);
      if (both <= cursor.width) {
        const base = { x: 0, font: SERIF, size: SIZES.normal, height: lineHeight, width: cursor.width };
        drawLine(doc, { ...base, text: block.left, align: 'left' }, cursor.left, cursor.y);
        drawLine(doc, { ...base, text: block.right, align: 'right' }, cursor.left, cursor.y);
        cursor.y += lineHeight + 4;
      } else {
        const lines = layoutParas(
          doc,
          [
            { text: block.left, align: 'left' },
            { text: block.right, align: 'right' },
          ],
          cursor.width,
        );
        drawLines(doc, cursor, lines, 4);
      }
      return;
    }
    case 'heading': {
      const lines = layoutParas(doc, [{ text: block.text, bold: true, size: 'large' }], cursor.width);
      cursor.ensure(heightOf(lines) + SIZES.normal * 4);
      cursor.y += SIZES.normal * 0.6;
      drawLines(doc, cursor, lines, SIZES.normal * 0.4);
      return;
    }
    case 'paragraph': {
      drawLines(doc, cursor, layoutParas(doc, [block], cursor.width), SIZES.normal * 0.3);
      return;
    }
    case 'table':
      drawTable(doc, cursor, block);
      cursor.y += SIZES.normal * 0.6;
      return;
    case 'signatures':
      drawSignatures(doc, cursor, block.items);
      return;
    case 'spacer':
      cursor.y = Math.min(cursor.bottom, cursor.y + block.height);
      return;
    case 'pageBreak':
      if (!cursor.atTop) cursor.newPage();
      return;
  }
}

function drawFooters(doc: Doc, watermark: string, landscape: boolean) {
  const range = doc.bufferedPageRange();
  const box = contentBox(landscape);
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const y = MARGINS.top + box.height + FOOTER_GAP;
    const base = {
      x: 0,
      font: SERIF,
      size: SIZES.footer,
      height: SIZES.footer * 1.4,
      width: box.width,
      color: '#333333',
    };
    drawLine(doc, { ...base, text: watermark, align: 'left' }, MARGINS.left, y);
    drawLine(doc, { ...base, text: `第 ${i + 1} 页 共 ${range.count} 页`, align: 'right' }, MARGINS.left, y);
  }
}

/** The PDF of a document, A4, fonts embedded as subsets. Throws FontsMissingError (503) without the fonts. */
export function renderPdf(model: FormDocument): Promise<Buffer> {
  assertDocumentShape(model);
  const fonts = loadFonts();
  const landscape = model.landscape === true;
  const doc = new PDFDocument({
    size: 'A4',
    layout: landscape ? 'landscape' : 'portrait',
    // The renderer places every line itself; pdfkit's own margins only keep it from adding pages.
    margins: { top: MARGINS.top, bottom: 0, left: MARGINS.left, right: MARGINS.right },
    bufferPages: true,
    pdfVersion: '1.7',
    lang: 'zh-CN',
    displayTitle: true,
    info: {
      Title: model.title,
      Author: '安心',
      Creator: '安心 Anxin',
      Subject: model.title,
      Keywords: model.watermark,
    },
  });
  doc.registerFont(SERIF, fonts.serif.data, fonts.serif.postscriptName);
  doc.registerFont(SANS_BOLD, fonts.sansBold.data, fonts.sansBold.postscriptName);
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const cursor = new Cursor(doc, landscape);
  for (const block of model.blocks) drawBlock(doc, cursor, block);
  drawFooters(doc, model.watermark, landscape);
  doc.end();
  return done;
}
