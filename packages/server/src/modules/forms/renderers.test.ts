// The two renderers on the same model: Word structure (spans, repeating headers, A4, footer) and
// PDF pagination (a long table continues with its header; a row taller than a page is split and
// loses no text), and the clear failure when the CJK fonts are missing.
import { describe, expect, it } from 'vitest';
import { renderDocx } from './docx-renderer.js';
import { FontsMissingError, locateFonts } from './fonts.js';
import { docxParts, pdfText } from './forms.test-kit.js';
import { type FormDocument, headerRow, label, row, value } from './model.js';
import { renderPdf } from './pdf-renderer.js';

const WATERMARK = '导出人 pingan 2026-11-29 10:00';
const LONG = `${'经营养殖场亏损，欠款较多，近期情绪低落，多次向村干部诉苦。'.repeat(150)}全文完`;

const model: FormDocument = {
  title: '测试表',
  watermark: WATERMARK,
  blocks: [
    { kind: 'title', text: '“两失”人员测试表', subtitle: '（样表）' },
    { kind: 'meta', left: '填报单位：演示镇平安办', right: '编号：TEST' },
    {
      kind: 'table',
      widths: [1, 3, 1, 1],
      rows: [row([label('姓名'), value('赵志强', 3)], 28), row([label('依据'), value(LONG, 3)], 80)],
    },
    {
      kind: 'table',
      widths: [1, 2, 3],
      rows: [
        headerRow(['序号', '姓名', '情况']),
        ...Array.from({ length: 60 }, (_, i) => row([value(String(i + 1)), value(`人员${i + 1}`), value('情绪平稳')])),
      ],
    },
    { kind: 'signatures', items: [{ name: '演示镇平安办（盖章）', date: '二〇二六年十一月二十九日' }] },
  ],
};

/** Text as it arrives pasted from Word, Excel or a web page: tabs, soft line breaks, invisible characters. */
const oddText: FormDocument = {
  title: '测试表',
  watermark: WATERMARK,
  blocks: [
    {
      kind: 'table',
      widths: [1, 5],
      rows: [row([label('措施'), value('零\u200b宽\ufeff字 制表\t符 竖\u000b线 回\r车 换\u2028行 控\u0001制')])],
    },
  ],
};

describe('the Word renderer', () => {
  it('writes A4, fixed column widths, merged cells, a repeating header and the watermark footer', async () => {
    const file = await renderDocx(model);
    const { body, footer, documentXml } = await docxParts(file);
    expect(documentXml).toContain('w:w="11906"');
    expect(documentXml).toContain('w:h="16838"');
    expect(documentXml).toContain('<w:gridSpan w:val="3"/>');
    expect(documentXml).toContain('<w:tblHeader/>');
    expect(documentXml).toContain('w:type="fixed"');
    expect(documentXml).toContain('w:eastAsia="宋体"');
    expect(documentXml).toContain('w:eastAsia="黑体"');
    expect(body).toContain('“两失”人员测试表');
    expect(body).toContain('全文完');
    expect(body).toContain('人员60');
    expect(footer).toContain(WATERMARK);
    expect(footer).toContain('PAGE');
  });

  it('prints landscape when asked', async () => {
    const { documentXml } = await docxParts(await renderDocx({ ...model, landscape: true }));
    expect(documentXml).toMatch(/w:orient="landscape"/);
    expect(documentXml).toContain('w:w="16838"');
  });

  it('lets a row of many short lines break across pages (a row kept whole but taller than a page is cut off)', async () => {
    const manyLines = Array.from({ length: 60 }, (_, i) => `${i % 10}`).join('\n');
    expect(manyLines.length).toBeLessThan(200);
    const doc: FormDocument = {
      ...model,
      blocks: [
        {
          kind: 'table',
          widths: [1, 3],
          rows: [row([label('姓名'), value('赵志强')]), row([label('措施'), value(manyLines)])],
        },
      ],
    };
    const { documentXml } = await docxParts(await renderDocx(doc));
    const rows = documentXml.match(/<w:tr>.*?<\/w:tr>/g) ?? [];
    expect(rows).toHaveLength(2);
    // A short row stays whole on its page; the 60-line one may continue on the next.
    expect(rows[0]).toContain('<w:cantSplit/>');
    expect(rows[1]).not.toContain('<w:cantSplit/>');
  });

  it('keeps pasted line breaks (vertical tab, CR, line separator) as lines and drops invisible characters', async () => {
    const { body } = await docxParts(await renderDocx(oddText));
    expect(body).toMatch(/竖\n线/);
    expect(body).toMatch(/回\n车/);
    expect(body).toMatch(/换\n行/);
    expect(body).not.toContain('\u200b');
    expect(body).toContain('零宽');
  });

  it('refuses a row that does not fill the grid', async () => {
    const bad: FormDocument = {
      ...model,
      blocks: [{ kind: 'table', widths: [1, 1], rows: [row([label('姓名')])] }],
    };
    await expect(renderDocx(bad)).rejects.toThrow(/spans 1 of 2/);
  });
});

describe('the PDF renderer', () => {
  it('splits a row taller than a page without losing text, repeats list headers, and numbers every page', async () => {
    const { text, pages } = pdfText(await renderPdf(model));
    const perPage = text.split('\f').slice(0, pages);
    expect(pages).toBeGreaterThanOrEqual(4);
    // Every character of the long cell is on some page, the end included.
    expect(text.replace(/\s/g, '')).toContain('全文完');
    expect(text).toContain('人员60');
    perPage.forEach((one, i) => {
      expect(one, `page ${i + 1}`).toContain(WATERMARK);
      expect(one.replace(/\s/g, ''), `page ${i + 1}`).toContain(`第${i + 1}页共${pages}页`);
    });
    // The list table continues on a new page under its header again.
    const pagesWithHeader = perPage.filter((p) => p.includes('序号') && p.includes('情况'));
    expect(pagesWithHeader.length).toBeGreaterThanOrEqual(2);
  });

  it('draws no box for a tab, a soft line break or an invisible character (no glyph in the font)', async () => {
    const { text } = pdfText(await renderPdf(oddText));
    const lines = text.split('\n').map((l) => l.trim());
    // Before: each of these printed as a ⊠ (.notdef), which also broke the extracted text apart.
    expect(text).toContain('零宽字');
    expect(text).toContain('控制');
    expect(lines.some((l) => l.endsWith('竖'))).toBe(true);
    expect(lines.some((l) => l.startsWith('线'))).toBe(true);
    expect(lines.some((l) => l.endsWith('回'))).toBe(true);
    expect(lines.some((l) => l.startsWith('车'))).toBe(true);
    expect(text).toMatch(/制表\s+符/);
  });

  it('fails with a message an administrator can act on when the fonts are missing', () => {
    expect(() => locateFonts(['/nonexistent'])).toThrow(FontsMissingError);
    try {
      locateFonts(['/nonexistent']);
    } catch (error) {
      expect((error as FontsMissingError).statusCode).toBe(503);
      expect((error as Error).message).toContain('fonts-noto-cjk');
      expect((error as Error).message).toContain('NotoSerifCJK-Regular.ttc');
    }
    expect(locateFonts().serif.path).toMatch(/NotoSerifCJK-Regular\.ttc$/);
  });
});
