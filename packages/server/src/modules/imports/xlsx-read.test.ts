import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { handMadeXlsx } from './imports.test-kit.js';
import { readSheet, serialToDate, TooManyRowsError, WorkbookError, xmlText } from './xlsx-read.js';

async function workbook(build: (workbook: ExcelJS.Workbook) => void, options?: { useSharedStrings?: boolean }) {
  const book = new ExcelJS.Workbook();
  build(book);
  return Buffer.from(await book.xlsx.writeBuffer(options));
}

const texts = (sheet: ReturnType<typeof readSheet>) =>
  sheet.rows.map((row) => ({ row: row.row, cells: row.cells.map((cell) => cell && `${cell.kind}:${cell.text}`) }));

describe('readSheet', () => {
  it('reads shared and inline strings, numbers, booleans, formula results, errors and rich text', async () => {
    for (const useSharedStrings of [true, false]) {
      const bytes = await workbook(
        (book) => {
          const sheet = book.addWorksheet('数据');
          sheet.addRow(['姓名', '身份证号', '数量']);
          sheet.addRow(['张三 <&> "引号"', '50019919750312011X', 42]);
          sheet.getCell('A3').value = { richText: [{ text: '富' }, { font: { bold: true }, text: '文本' }] };
          sheet.getCell('B3').value = true;
          sheet.getCell('C3').value = { formula: 'A1&"x"', result: '姓名x' };
          sheet.getCell('D3').value = { error: '#N/A' };
          sheet.getCell('AB5').value = '远处';
        },
        { useSharedStrings },
      );
      const sheet = readSheet(bytes);
      expect(sheet.name).toBe('数据');
      expect(texts(sheet)).toEqual([
        { row: 1, cells: ['string:姓名', 'string:身份证号', 'string:数量'] },
        { row: 2, cells: ['string:张三 <&> "引号"', 'string:50019919750312011X', 'number:42'] },
        { row: 3, cells: ['string:富文本', 'boolean:TRUE', 'string:姓名x', 'error:#N/A'] },
        { row: 5, cells: [...Array(27).fill(undefined), 'string:远处'] },
      ]);
    }
  });

  it('leaves out rows without values and picks the preferred sheet', async () => {
    const bytes = await workbook((book) => {
      book.addWorksheet('说明').addRow(['说明文字']);
      const data = book.addWorksheet('排查情况');
      data.addRow(['a']);
      data.addRow([]);
      data.addRow(['   ']);
      data.addRow(['b']);
    });
    expect(readSheet(bytes).name).toBe('说明');
    const sheet = readSheet(bytes, { preferred: ['排查情况'] });
    expect(sheet.rows.map((row) => row.row)).toEqual([1, 4]);
  });

  it('gives date cells as serial numbers, which serialToDate turns into dates (1900 and 1904 systems)', async () => {
    const bytes = await workbook((book) => {
      book.addWorksheet('s').addRow([new Date(Date.UTC(2026, 10, 29))]);
    });
    const cell = readSheet(bytes).rows[0]?.cells[0];
    expect(cell?.kind).toBe('number');
    expect(serialToDate(Number(cell?.text))).toBe('2026-11-29');
    expect(serialToDate(0)).toBeNull();
    expect(serialToDate(1, true)).toBe('1904-01-02');
  });

  it('stops at the row limit', async () => {
    const bytes = await workbook((book) => {
      const sheet = book.addWorksheet('s');
      for (let i = 0; i < 12; i++) sheet.addRow([i]);
    });
    expect(() => readSheet(bytes, { maxRows: 10 })).toThrow(TooManyRowsError);
    expect(readSheet(bytes, { maxRows: 12 }).rows).toHaveLength(12);
  });

  it('reads a hand-made workbook (inline strings, shared strings, numbers)', () => {
    const sheet = readSheet(
      handMadeXlsx(
        '<row r="1"><c r="A1" t="inlineStr"><is><t>姓名</t></is></c><c r="B1" t="s"><v>0</v></c><c r="C1"><v>7</v></c></row>',
        '<si><t>身份证号</t></si>',
      ),
    );
    expect(texts(sheet)).toEqual([{ row: 1, cells: ['string:姓名', 'string:身份证号', 'number:7'] }]);
  });

  it('refuses a cell beyond the last column Excel has (XFD) at once, instead of walking millions of columns', () => {
    expect(() =>
      readSheet(
        handMadeXlsx('<row r="1"><c r="A1" t="inlineStr"><is><t>姓名</t></is></c><c r="ZZZZZZ1"><v>1</v></c></row>'),
      ),
    ).toThrow(WorkbookError);
    // The last column itself is fine.
    const last = readSheet(handMadeXlsx('<row r="1"><c r="XFD1"><v>1</v></c></row>'));
    expect(last.rows[0]?.cells).toHaveLength(16_384);
  });

  it('reads crafted XML in linear time: unclosed or repeated tags cannot hold the server for minutes', () => {
    // Each of these is a few kilobytes once deflated; a backtracking scan takes time quadratic in its size.
    const n = 100_000;
    const crafted: [string, Buffer][] = [
      ['rows left open', handMadeXlsx('<row>'.repeat(n))],
      ['cells left open', handMadeXlsx(`<row r="1">${'<c r="A1">'.repeat(n)}</row>`)],
      ['values left open', handMadeXlsx(`<row r="1"><c r="A1">${'<v>'.repeat(n)}</c></row>`)],
      ['shared strings left open', handMadeXlsx('<row r="1"><c r="A1" t="s"><v>0</v></c></row>', '<si>'.repeat(n))],
      ['runs left open', handMadeXlsx('<row r="1"><c r="A1" t="s"><v>0</v></c></row>', `<si>${'<t>'.repeat(n)}</si>`)],
      ['start tags never ended', handMadeXlsx('<row r="1"/>', undefined, '<sheet '.repeat(n))],
      ['a long attribute', handMadeXlsx('<row r="1"/>', undefined, `<sheet name="s" ${'a'.repeat(n)} r:id="rId1"/>`)],
    ];
    for (const [what, bytes] of crafted) {
      try {
        readSheet(bytes);
      } catch (error) {
        expect(error, what).toBeInstanceOf(WorkbookError);
      }
    }
    // No timed assertion: the old backtracking scans took 18 s and more on one of these inputs, the
    // linear ones take milliseconds, so the test's own time limit is what fails a regression.
  }, 60_000);

  it('refuses what is not an .xlsx: text, an old .xls, a ZIP without a workbook, a truncated file', async () => {
    expect(() => readSheet(Buffer.from('姓名,身份证号\n'))).toThrow(WorkbookError);
    const xls = Buffer.alloc(64);
    xls.writeUInt32BE(0xd0cf11e0, 0);
    expect(() => readSheet(xls)).toThrow(/另存为 \.xlsx/);
    const docx = await workbook((book) => book.addWorksheet('s'));
    expect(() => readSheet(docx.subarray(0, docx.length - 40))).toThrow(WorkbookError);
  });
});

describe('xmlText', () => {
  it('decodes entities and Excel escapes', () => {
    expect(xmlText('a &lt;b&gt; &amp; &#20013;&#x6587; _x000D_')).toBe('a <b> & 中文 \r');
  });

  it('does not throw on a character reference beyond Unicode (a crafted file is bad input, not a 500)', () => {
    expect(() => xmlText('&#x110000;&#99999999;')).not.toThrow();
  });
});

describe('serialToDate', () => {
  it('gives null, never a "+057373-…" text or an exception, for a serial past 9999-12-31', () => {
    expect(serialToDate(2_958_465)).toBe('9999-12-31');
    // 20261129 typed into a date cell as a number: not a date Excel can show.
    expect(serialToDate(20_261_129)).toBeNull();
    expect(serialToDate(1e9)).toBeNull();
    expect(serialToDate(1e300)).toBeNull();
  });
});
