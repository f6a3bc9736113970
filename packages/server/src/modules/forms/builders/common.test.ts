import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from '../../obligations/rules.js';
import { birthText, categoryChecklist, dutiesAt, formNumber, intervalText, pairRow } from './common.js';

describe('the wording of the plan on the forms', () => {
  it('words intervals as the plan does', () => {
    expect(intervalText({ days: 1 })).toBe('每日');
    expect(intervalText({ days: 7 })).toBe('每周');
    expect(intervalText({ days: 14 })).toBe('每两周');
    expect(intervalText({ days: 15 })).toBe('每半月');
    expect(intervalText({ days: 3 })).toBe('每3天');
    expect(intervalText({ months: 1 })).toBe('每月');
    expect(intervalText({ months: 2 })).toBe('每两个月');
    expect(intervalText({ months: 3 })).toBe('每三个月');
    expect(intervalText(undefined)).toBe('');
  });

  it('lists the duties of each level from the policy in force', () => {
    const two = dutiesAt(2, DEFAULT_POLICY);
    expect(two[0]).toMatch(/^一、按照“一人一专班”/);
    expect(two.join('')).toContain('每周至少随访一次');
    expect(two.join('')).toContain('每半月召开一次联席会议');
    expect(two.join('')).toContain('每月撰写一次现实危害性评估报告');
    const three = dutiesAt(3, DEFAULT_POLICY).join('');
    expect(three).toContain('每两周至少随访一次');
    expect(three).toContain('每两个月撰写一次');
    const one = dutiesAt(1, DEFAULT_POLICY).join('');
    expect(one).toContain('全天候看护');
    expect(one).toContain('每日会商研判');
    expect(one).not.toContain('随访一次');
    // A policy that visits level 3 every 10 days says so.
    const custom = { ...DEFAULT_POLICY, intervals: { ...DEFAULT_POLICY.intervals, 3: { visit: { days: 10 } } } };
    expect(dutiesAt(3, custom).join('')).toContain('每10天至少随访一次');
  });

  it('ticks the case’s situations among all eight, in the plan’s order', () => {
    const lines = categoryChecklist(['C4', 'C7']).map((p) => p.text);
    expect(lines).toHaveLength(8);
    expect(lines[0]).toMatch(/^□一是多次非访/);
    expect(lines[3]).toMatch(/^■四是投资失败/);
    expect(lines[6]).toMatch(/^■七是医患/);
  });

  it('writes birth dates with figures, and short form numbers', () => {
    expect(birthText('1975-03-12')).toBe('1975年3月12日');
    expect(birthText(null)).toBe('');
    expect(formNumber('5b1f0c2e-1234-4abc-8def-0123456789ab')).toBe('5B1F0C2E12');
  });

  it('puts two label/value pairs on one row of the grid, the second value wide enough for a date', () => {
    const r = pairRow('呈报人', '周安', '呈报日期', '二〇二六年十一月二十九日');
    expect(r.cells.map((c) => c.span ?? 1)).toEqual([1, 3, 1, 1]);
    expect(r.cells[0]?.label).toBe(true);
  });
});
