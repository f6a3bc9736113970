// Tables in the PDF: every row laid out cell by cell, a row taller than what is left of a page split
// across pages line by line, and header rows repeated on each page a table continues on.
import { cellBoxes, columnWidths, SIZES } from './layout.js';
import type { Cell, Row, TableBlock } from './model.js';
import {
  BORDER,
  type Cursor,
  type Doc,
  drawLine,
  FRAME,
  heightOf,
  LEADING,
  type Line,
  layoutParas,
  PAD_X,
  PAD_Y,
} from './pdf-lines.js';

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

export function drawTable(doc: Doc, cursor: Cursor, table: TableBlock) {
  const widths = columnWidths(table.widths, cursor.width);
  const headers = table.rows
    .filter((r) => r.header)
    .map((r) => ({ row: r, cells: layoutRow(doc, r, widths, cursor.left) }));
  /** Draws a whole row (all its lines) at the cursor and moves the cursor below it. */
  const drawWhole = (cells: LaidCell[], height: number, tall: boolean) => {
    drawRowPiece(
      doc,
      cells.map((laid) => ({ laid, lines: laid.lines })),
      cursor.y,
      height,
      tall,
    );
    cursor.y += height;
  };
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
      for (const header of headers) drawWhole(header.cells, rowHeight(header.cells, header.row.minHeight), false);
    }
  };
  const headerHeight = headers.reduce((sum, h) => sum + rowHeight(h.cells, h.row.minHeight), 0);

  for (const row of table.rows) {
    const cells = layoutRow(doc, row, widths, cursor.left);
    const height = rowHeight(cells, row.minHeight);
    // A header row keeps the first body row with it.
    const needed = row.header ? height + SIZES.normal * LEADING + 2 * PAD_Y : height;
    if (needed <= cursor.room) {
      drawWhole(cells, height, isTall(row));
      continue;
    }
    // It does not fit here: on a fresh page it would, so start one (unless this page is empty).
    const fullPage = cursor.bottom - cursor.top - (row.header ? 0 : headerHeight);
    if (needed <= fullPage && !cursor.atTop) {
      pageBreak(!row.header);
      drawWhole(cells, height, isTall(row));
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
