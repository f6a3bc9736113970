import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { MAX_CELL_TEXT, neutralise, safeCell, safeRow } from './xlsx-safe.js';

describe('neutralise', () => {
  it.each([
    ['=HYPERLINK("http://example.invalid","点我")', `'=HYPERLINK("http://example.invalid","点我")`],
    ['+1+2', `'+1+2`],
    ['-2+3', `'-2+3`],
    ['@SUM(A1:A2)', `'@SUM(A1:A2)`],
    ['\t=1+1', `'\t=1+1`],
    ['\r=1+1', `'\r=1+1`],
  ])('prefixes a formula trigger: %j', (input, expected) => {
    expect(neutralise(input)).toBe(expected);
  });

  it.each(['赵志强', '演示一村3组12号', 'a=b', ' =1+1', '', "'=already"])('leaves other text alone: %j', (input) => {
    expect(neutralise(input)).toBe(input);
  });

  it('cuts text to the cell limit', () => {
    expect(neutralise('字'.repeat(MAX_CELL_TEXT + 10))).toHaveLength(MAX_CELL_TEXT);
    expect(neutralise(`=${'1'.repeat(MAX_CELL_TEXT)}`)).toHaveLength(MAX_CELL_TEXT);
  });
});

describe('safeCell', () => {
  it('neutralises strings only', () => {
    expect(safeCell('=1+1')).toBe("'=1+1");
    expect(safeCell(-5)).toBe(-5);
    expect(safeCell(0)).toBe(0);
    expect(safeCell(true)).toBe(true);
    const date = new Date('2026-11-29T02:00:00Z');
    expect(safeCell(date)).toBe(date);
  });

  it('writes nothing for null, undefined and non-finite numbers', () => {
    expect(safeCell(null)).toBeNull();
    expect(safeCell(undefined)).toBeNull();
    expect(safeCell(Number.NaN)).toBeNull();
    expect(safeCell(Number.POSITIVE_INFINITY)).toBeNull();
  });

  it('maps a row', () => {
    expect(safeRow(['@x', 3, null])).toEqual(["'@x", 3, null]);
  });

  it('survives a round trip through exceljs as text, not as a formula', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('测试');
    sheet.addRow(safeRow(['=1+1', '-3', 7]));
    const buffer = await workbook.xlsx.writeBuffer();
    const back = new ExcelJS.Workbook();
    await back.xlsx.load(buffer as ArrayBuffer);
    const row = back.getWorksheet('测试')?.getRow(1);
    expect(row?.getCell(1).value).toBe("'=1+1");
    expect(row?.getCell(1).type).toBe(ExcelJS.ValueType.String);
    expect(row?.getCell(2).value).toBe("'-3");
    expect(row?.getCell(3).value).toBe(7);
  });
});
