import { CATEGORY_LABELS } from '@anxin/shared';
import { describe, expect, it } from 'vitest';
import { categoryOption, orderedIds, parseCategories, parseLevel, splitList } from './import-values.js';
import { normaliseHeader, parseDateText, parseMonthText } from './table.js';

describe('parseCategories', () => {
  it('reads codes in any case and separator, and the plan names (which hold commas themselves)', () => {
    expect(parseCategories('C1')).toEqual({ categories: ['C1'], unknown: '' });
    expect(parseCategories('c5、C2；C5')).toEqual({ categories: ['C2', 'C5'], unknown: '' });
    expect(parseCategories(categoryOption('C4'))).toEqual({ categories: ['C4'], unknown: '' });
    expect(parseCategories(`${CATEGORY_LABELS.C7}；${CATEGORY_LABELS.C1}`)).toEqual({
      categories: ['C1', 'C7'],
      unknown: '',
    });
  });

  it('returns what it could not read', () => {
    expect(parseCategories('C9 精神异常')).toEqual({ categories: [], unknown: 'C9 精神异常' });
    expect(parseCategories('C1；其他')).toEqual({ categories: ['C1'], unknown: '其他' });
  });
});

describe('parseLevel', () => {
  it('takes 1/一/一级/1级 and the plan names', () => {
    expect(['1', '一', '一级', '1级', '一级（现实紧迫风险）'].map(parseLevel)).toEqual([1, 1, 1, 1, 1]);
    expect(parseLevel('三级')).toBe(3);
    expect(parseLevel('四级')).toBeNull();
    expect(parseLevel('')).toBeNull();
  });
});

describe('dates and months as people type them', () => {
  it('parses dates and refuses impossible ones', () => {
    expect(
      ['2026-11-29', '2026/11/29', '2026.11.29', '2026年11月29日', '20261129', '2026-1-5'].map(parseDateText),
    ).toEqual(['2026-11-29', '2026-11-29', '2026-11-29', '2026-11-29', '2026-11-29', '2026-01-05']);
    expect(parseDateText('2026-02-30')).toBeNull();
    expect(parseDateText('29/11/2026')).toBeNull();
  });

  it('parses months', () => {
    expect(['2026-11', '2026/11', '2026年11月', '202611', '2026-1'].map(parseMonthText)).toEqual([
      '2026-11',
      '2026-11',
      '2026-11',
      '2026-11',
      '2026-01',
    ]);
    expect(parseMonthText('2026-13')).toBeNull();
  });
});

describe('headers and lists', () => {
  it('compares headers without spaces, asterisks and bracket width', () => {
    expect(normaliseHeader(' *村（社区） ')).toBe('村(社区)');
  });

  it('splits names on the usual separators', () => {
    expect(splitList('pingan(组长)、paichusuo，sifasuo; cun1\nminzheng')).toEqual([
      'pingan(组长)',
      'paichusuo',
      'sifasuo',
      'cun1',
      'minzheng',
    ]);
  });
});

describe('orderedIds', () => {
  it('are UUIDv7 that sort in the order of the file, past 4,096 rows too', () => {
    const ids = orderedIds(5000, Date.UTC(2026, 10, 29));
    expect(ids[0]).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(5000);
  });
});
