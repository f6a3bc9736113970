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
import { contentBox, MARGINS, SIZES } from './layout.js';
import { assertDocumentShape, type Block, type FormDocument } from './model.js';
import {
  Cursor,
  type Doc,
  drawLine,
  drawLines,
  heightOf,
  LEADING,
  layoutParas,
  SANS_BOLD,
  SERIF,
} from './pdf-lines.js';
import { drawTable } from './pdf-table.js';

export { isTall } from './pdf-table.js';

const FOOTER_GAP = 18;

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
