import { describe, expect, it } from 'vitest';
import { cellBoxes, columnWidths, contentBox, printable, twips, wrapText } from './layout.js';
import { assertTableShape, checks, label, opinion, row, value } from './model.js';

/** Chinese characters one unit wide, Latin letters and digits half a unit, like a CJK font. */
const measure = (s: string) => [...s].reduce((w, c) => w + (/[\x20-\x7e]/.test(c) ? 0.5 : 1), 0);
const lines = (text: string, width: number, indent = 0) => wrapText(text, width, measure, indent).map((l) => l.text);

describe('column widths', () => {
  it('splits in proportion and, in twips, adds up exactly', () => {
    expect(columnWidths([1, 3], 400)).toEqual([100, 300]);
    const parts = columnWidths([1, 1, 1], twips(contentBox().width), true);
    expect(parts.reduce((a, b) => a + b, 0)).toBe(twips(contentBox().width));
    expect(Math.max(...parts) - Math.min(...parts)).toBeLessThanOrEqual(1);
    expect(() => columnWidths([], 100)).toThrow();
    expect(() => columnWidths([1, 0], 100)).toThrow();
  });

  it('places spanned cells on the grid', () => {
    expect(cellBoxes([10, 20, 30, 40], [1, 2, 1])).toEqual([
      { x: 0, width: 10 },
      { x: 10, width: 50 },
      { x: 60, width: 40 },
    ]);
  });

  it('a landscape page is wider than it is tall', () => {
    expect(contentBox(true).width).toBeGreaterThan(contentBox(true).height);
    expect(contentBox().width).toBeCloseTo(447.88, 1);
  });
});

describe('Chinese line breaking', () => {
  it('fills lines character by character and keeps Latin runs whole', () => {
    expect(lines('一二三四五六七', 3)).toEqual(['一二三', '四五六', '七']);
    expect(lines('编号ABCD1234', 4)).toEqual(['编号', 'ABCD1234']);
  });

  it('breaks at "\\n" and keeps empty lines', () => {
    expect(lines('一二\n\n三', 10)).toEqual(['一二', '', '三']);
  });

  it('never starts a line with closing punctuation, nor ends one with opening punctuation', () => {
    // "三，" would leave "，" at the start of line 2: "三" comes down with it.
    expect(lines('一二三，四五', 3)).toEqual(['一二', '三，四', '五']);
    expect(lines('一二（三四）', 3)).toEqual(['一二', '（三', '四）']);
    expect(lines('一二“三四', 3)).toEqual(['一二', '“三四']);
  });

  it('indents the first line of each paragraph', () => {
    const result = wrapText('一二三四五\n六七', 4, measure, 2);
    expect(result).toEqual([
      { text: '一二', indent: 2 },
      { text: '三四五', indent: 0 },
      { text: '六七', indent: 2 },
    ]);
  });

  it('drops the space a line wraps at', () => {
    expect(lines('ab cd ef', 2)).toEqual(['ab', 'cd', 'ef']);
  });

  it('makes pasted text printable: soft line breaks become lines, tabs spaces, invisible characters go', () => {
    expect(printable('一\r\n二\r三\v四\f五\u2028六')).toBe('一\n二\n三\n四\n五\n六');
    expect(printable('姓名\t赵志强')).toBe('姓名  赵志强');
    expect(printable('零\u200b宽\ufeff\u0001字')).toBe('零宽字');
    // Characters a font may lack but that are text stay (the PDF prints a box, Word falls back).
    expect(printable('表情😀 生僻字𠀀 ■□〇')).toBe('表情😀 生僻字𠀀 ■□〇');
  });

  it('breaks a Latin run wider than the line', () => {
    expect(lines('ABCDEFGH', 2)).toEqual(['ABCD', 'EFGH']);
  });
});

describe('form model helpers', () => {
  it('checks rows against the grid', () => {
    expect(() =>
      assertTableShape({ kind: 'table', widths: [1, 1, 1], rows: [row([label('姓名'), value('赵志强', 2)])] }),
    ).not.toThrow();
    expect(() =>
      assertTableShape({ kind: 'table', widths: [1, 1, 1], rows: [row([label('姓名'), value('赵志强')])] }),
    ).toThrow(/spans 2 of 3/);
  });

  it('marks what applies', () => {
    expect(
      checks([
        { text: '入库', checked: true },
        { text: '出库', checked: false },
      ]),
    ).toBe('■入库　□出库');
  });

  it('puts the seal and the date under an opinion, right-aligned', () => {
    const cell = opinion('同意列管。', '演示镇平安办（盖章）', '二〇二六年十一月二十九日', 3);
    expect(cell.span).toBe(3);
    expect(cell.paras.at(-2)).toEqual({ text: '演示镇平安办（盖章）', align: 'right' });
    expect(cell.paras.at(-1)).toEqual({ text: '二〇二六年十一月二十九日', align: 'right' });
  });
});
