// Renders a FormDocument (model.ts) as a Word file (.docx, opens in Word and WPS): A4, 宋体 body
// and 黑体 titles, bordered tables with fixed column widths and merged cells, header rows that
// repeat on each page, and a footer on every page with the export watermark and page numbers.
//
// Usage (any report, e.g. the monthly statistics report):
//
//   import { renderDocx } from '…/modules/forms/docx-renderer.js';
//   import { exportWatermark } from '…/lib/exports.js';
//   const file: Buffer = await renderDocx({
//     title: '2026年11月“两失”人员服务管理工作月报',
//     watermark: exportWatermark(actor, clock.now()),
//     blocks: [
//       { kind: 'title', text: '“两失”人员服务管理工作月报' },
//       { kind: 'meta', left: '演示镇平安办', right: '二〇二六年十一月三十日' },
//       { kind: 'heading', text: '一、总体情况' },
//       { kind: 'paragraph', text: '本月新增列管 3 人……', indent: true },
//       { kind: 'table', widths: [2, 1, 1], rows: [headerRow(['村（社区）', '列管', '逾期']), row([value('演示一村'), value('2'), value('0')])] },
//       { kind: 'signatures', items: [{ name: '演示镇平安办（盖章）', date: chineseDate('2026-11-30') }] },
//     ],
//   });
//   // then sendFile(reply, '月报.docx', 'docx', file) from lib/exports.ts
//
// Model in, Buffer out; the same model renders as PDF with renderPdf (pdf-renderer.ts).
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  HeightRule,
  LineRuleType,
  Packer,
  PageNumber,
  PageOrientation,
  Paragraph,
  Tab,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TabStopType,
  TextRun,
  VerticalAlignTable,
  WidthType,
} from 'docx';
import { A4, columnWidths, contentBox, MARGINS, printable, SIZES, twips } from './layout.js';
import {
  assertDocumentShape,
  type Block,
  type Cell,
  type FormDocument,
  type Para,
  type Row,
  type TableBlock,
} from './model.js';

/** Fonts every Chinese Windows and WPS installation has; Latin text and digits in Times New Roman. */
const SONG = { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: '宋体', cs: 'Times New Roman' };
const HEI = { ascii: '黑体', hAnsi: '黑体', eastAsia: '黑体', cs: '黑体' };

/** Word measures type in half-points. */
const halfPoints = (points: number) => Math.round(points * 2);

const ALIGN = {
  left: AlignmentType.LEFT,
  center: AlignmentType.CENTER,
  right: AlignmentType.RIGHT,
  justify: AlignmentType.JUSTIFIED,
} as const;

const VALIGN = {
  top: VerticalAlignTable.TOP,
  center: VerticalAlignTable.CENTER,
  bottom: VerticalAlignTable.BOTTOM,
} as const;

function sizeOf(para: Pick<Para, 'size'>): number {
  return para.size === 'small' ? SIZES.small : para.size === 'large' ? SIZES.large : SIZES.normal;
}

/** One Word paragraph per line of the text ("\n" starts a new one), each with the same look. */
function paragraphs(
  para: Para,
  options: { defaultAlign?: Para['align']; spacingAfter?: number; pageBreakBefore?: boolean; keepNext?: boolean } = {},
): Paragraph[] {
  const size = sizeOf(para);
  const lines = printable(para.text).split('\n');
  return lines.map(
    (line, i) =>
      new Paragraph({
        alignment: ALIGN[para.align ?? options.defaultAlign ?? 'left'],
        ...(para.indent ? { indent: { firstLine: twips(size * 2) } } : {}),
        spacing: {
          line: 300,
          lineRule: LineRuleType.AUTO,
          before: 0,
          after: i === lines.length - 1 ? (options.spacingAfter ?? 0) : 0,
        },
        ...(options.pageBreakBefore && i === 0 ? { pageBreakBefore: true } : {}),
        ...(options.keepNext ? { keepNext: true } : {}),
        children: [
          new TextRun({ text: line, size: halfPoints(size), bold: para.bold === true, font: para.bold ? HEI : SONG }),
        ],
      }),
  );
}

const border = { style: BorderStyle.SINGLE, size: 4, color: '000000' } as const;
const frame = { style: BorderStyle.SINGLE, size: 10, color: '000000' } as const;

/**
 * About how tall the text of a row runs in Word, in points (every character counted full width,
 * lines at 1.25 spacing): enough to tell a row that fits well on a page from one that may not.
 */
function estimatedHeight(row: Row, widths: readonly number[]): number {
  let column = 0;
  const cells = row.cells.map((cell) => {
    const span = cell.span ?? 1;
    const width = widths.slice(column, column + span).reduce((a, b) => a + b, 0) / 20 - 10;
    column += span;
    return cell.paras.reduce((height, para) => {
      const size = sizeOf(para);
      const perLine = Math.max(1, Math.floor(width / size));
      const lines = printable(para.text)
        .split('\n')
        .reduce((n, line) => n + Math.max(1, Math.ceil([...line].length / perLine)), 0);
      return height + lines * size * 1.25;
    }, 6);
  });
  return Math.max(row.minHeight ?? 0, ...cells);
}

function tableOf(block: TableBlock, landscape: boolean): Table {
  const total = twips(contentBox(landscape).width);
  const widths = columnWidths(block.widths, total, true);
  return new Table({
    layout: TableLayoutType.FIXED,
    width: { size: total, type: WidthType.DXA },
    columnWidths: widths,
    borders: { top: frame, bottom: frame, left: frame, right: frame, insideHorizontal: border, insideVertical: border },
    rows: block.rows.map((row) => {
      let column = 0;
      // Short rows stay whole on one page; long text may run on to the next. A row Word must keep
      // whole but that is taller than a page is cut off at the page's foot, so "short" also means
      // well under a page (many short lines are not short).
      const short =
        row.cells.reduce((n, cell) => n + cell.paras.reduce((m, p) => m + p.text.length, 0), 0) < 200 &&
        estimatedHeight(row, widths) < contentBox(landscape).height / 2;
      return new TableRow({
        ...(row.header ? { tableHeader: true } : {}),
        ...(row.header || short ? { cantSplit: true } : {}),
        ...(row.minHeight ? { height: { value: twips(row.minHeight), rule: HeightRule.ATLEAST } } : {}),
        children: row.cells.map((cell) => {
          const span = cell.span ?? 1;
          const width = widths.slice(column, column + span).reduce((a, b) => a + b, 0);
          column += span;
          return cellOf(cell, width, (row.minHeight ?? 0) >= 40);
        }),
      });
    }),
  });
}

function cellOf(cell: Cell, width: number, tall: boolean): TableCell {
  const children = cell.paras.flatMap((para) => paragraphs(para, { defaultAlign: cell.label ? 'center' : 'left' }));
  return new TableCell({
    width: { size: width, type: WidthType.DXA },
    ...((cell.span ?? 1) > 1 ? { columnSpan: cell.span } : {}),
    verticalAlign: VALIGN[cell.vAlign ?? (cell.label || !tall ? 'center' : 'top')],
    margins: { top: twips(3), bottom: twips(3), left: twips(5), right: twips(5) },
    children: children.length ? children : [new Paragraph({})],
  });
}

function blockChildren(block: Block, landscape: boolean, pageBreakBefore: boolean): (Paragraph | Table)[] {
  const width = twips(contentBox(landscape).width);
  switch (block.kind) {
    case 'title': {
      const size = block.cover ? SIZES.cover : SIZES.title;
      const out: Paragraph[] = [];
      if (block.cover) out.push(new Paragraph({ pageBreakBefore, spacing: { before: twips(120) }, children: [] }));
      out.push(
        new Paragraph({
          alignment: AlignmentType.CENTER,
          ...(pageBreakBefore && !block.cover ? { pageBreakBefore: true } : {}),
          keepNext: true,
          spacing: { before: 0, after: twips(block.subtitle ? 4 : 10), line: 360, lineRule: LineRuleType.AUTO },
          children: [new TextRun({ text: block.text, bold: true, size: halfPoints(size), font: HEI })],
        }),
      );
      if (block.subtitle)
        out.push(
          new Paragraph({
            alignment: AlignmentType.CENTER,
            keepNext: true,
            spacing: { after: twips(10) },
            children: [
              new TextRun({
                text: block.subtitle,
                size: halfPoints(block.cover ? SIZES.large : SIZES.normal),
                font: SONG,
              }),
            ],
          }),
        );
      if (block.cover) out.push(new Paragraph({ spacing: { before: twips(60) }, children: [] }));
      return out;
    }
    case 'meta':
      return [
        new Paragraph({
          ...(pageBreakBefore ? { pageBreakBefore: true } : {}),
          keepNext: true,
          tabStops: [{ type: TabStopType.RIGHT, position: width }],
          spacing: { after: twips(4) },
          children: [
            new TextRun({ text: block.left, size: halfPoints(SIZES.normal), font: SONG }),
            new TextRun({ children: [new Tab(), block.right], size: halfPoints(SIZES.normal), font: SONG }),
          ],
        }),
      ];
    case 'heading':
      return [
        new Paragraph({
          ...(pageBreakBefore ? { pageBreakBefore: true } : {}),
          keepNext: true,
          spacing: { before: twips(8), after: twips(5) },
          children: [new TextRun({ text: block.text, bold: true, size: halfPoints(SIZES.large), font: HEI })],
        }),
      ];
    case 'paragraph':
      return paragraphs(block, { spacingAfter: twips(3), pageBreakBefore });
    case 'table': {
      const table = tableOf(block, landscape);
      // A table cannot carry "page break before": an empty paragraph on the new page does.
      const lead = pageBreakBefore ? [new Paragraph({ pageBreakBefore: true, children: [] })] : [];
      return [...lead, table, new Paragraph({ spacing: { after: 0 }, children: [] })];
    }
    case 'signatures':
      return block.items.flatMap((item, i) => [
        new Paragraph({
          alignment: AlignmentType.RIGHT,
          ...(pageBreakBefore && i === 0 ? { pageBreakBefore: true } : {}),
          keepNext: true,
          indent: { right: twips(SIZES.normal * 2) },
          spacing: { before: twips(SIZES.normal * 1.5) },
          children: [new TextRun({ text: item.name, size: halfPoints(SIZES.normal), font: SONG })],
        }),
        new Paragraph({
          alignment: AlignmentType.RIGHT,
          indent: { right: twips(SIZES.normal * 2) },
          children: [new TextRun({ text: item.date, size: halfPoints(SIZES.normal), font: SONG })],
        }),
      ]);
    case 'spacer':
      return [new Paragraph({ spacing: { before: twips(block.height) }, children: [] })];
    case 'pageBreak':
      return [];
  }
}

function footer(watermark: string, landscape: boolean): Footer {
  const size = halfPoints(SIZES.footer);
  return new Footer({
    children: [
      new Paragraph({
        tabStops: [{ type: TabStopType.RIGHT, position: twips(contentBox(landscape).width) }],
        children: [
          new TextRun({ text: watermark, size, font: SONG, color: '333333' }),
          new TextRun({
            children: [new Tab(), '第 ', PageNumber.CURRENT, ' 页 共 ', PageNumber.TOTAL_PAGES, ' 页'],
            size,
            font: SONG,
            color: '333333',
          }),
        ],
      }),
    ],
  });
}

/** The Word file of a document. */
export async function renderDocx(model: FormDocument): Promise<Buffer> {
  assertDocumentShape(model);
  const landscape = model.landscape === true;
  const children: (Paragraph | Table)[] = [];
  let pendingBreak = false;
  for (const block of model.blocks) {
    if (block.kind === 'pageBreak') {
      pendingBreak = children.length > 0;
      continue;
    }
    children.push(...blockChildren(block, landscape, pendingBreak));
    pendingBreak = false;
  }
  const document = new Document({
    title: model.title,
    creator: '安心 Anxin',
    description: model.watermark,
    styles: {
      default: {
        document: {
          run: { font: SONG, size: halfPoints(SIZES.normal), language: { value: 'zh-CN', eastAsia: 'zh-CN' } },
        },
      },
    },
    sections: [
      {
        properties: {
          page: {
            // Word takes the portrait dimensions and swaps them itself for landscape.
            size: {
              width: twips(A4.width),
              height: twips(A4.height),
              orientation: landscape ? PageOrientation.LANDSCAPE : PageOrientation.PORTRAIT,
            },
            margin: {
              top: twips(MARGINS.top),
              bottom: twips(MARGINS.bottom),
              left: twips(MARGINS.left),
              right: twips(MARGINS.right),
              footer: twips(MARGINS.bottom / 2),
            },
          },
        },
        footers: { default: footer(model.watermark, landscape) },
        children: children.length ? children : [new Paragraph({})],
      },
    ],
  });
  return Packer.toBuffer(document);
}
