import { CASE_STATUSES, CATEGORIES, OBLIGATION_KINDS, type StatsSummary } from '@anxin/shared';
import { describe, expect, it } from 'vitest';
import {
  categoryOption,
  complianceOption,
  levelOption,
  overdueRows,
  servicesOption,
  serviceTypes,
  trendOption,
  villageOption,
} from './chartOptions';

const summary: StatsSummary = {
  orgUnit: { id: 'a0000000-0000-4000-8000-000000000010', name: '演示镇', kind: 'town' },
  month: '2026-02',
  asOf: '2026-02-28',
  today: '2026-03-02',
  byLevel: { level1: 1, level2: 2, level3: 3, total: 6 },
  byCategory: CATEGORIES.map((category, index) => ({ category, count: index })),
  byStatus: CASE_STATUSES.map((status) => ({ status, count: 0 })),
  byVillage: [
    {
      orgUnitId: 'a0000000-0000-4000-8000-000000000011',
      name: '演示一村',
      kind: 'village',
      code: null,
      level1: 1,
      level2: 0,
      level3: 2,
      total: 3,
    },
    {
      orgUnitId: null,
      name: '镇（街道）直接负责',
      kind: 'town',
      code: null,
      level1: 0,
      level2: 2,
      level3: 1,
      total: 3,
    },
  ],
  assisted: { level1: 0, level2: 0, level3: 0, total: 0 },
  changes: { listed: 0, delisted: 0, levelChanged: 0, delistedByReason: [] },
  overdueByKind: OBLIGATION_KINDS.map((kind) => ({ kind, count: kind === 'visit' ? 4 : kind === 'review' ? 1 : 0 })),
  screening: { month: '2026-02', onTime: 2, late: 1, missing: 0, draft: 1, units: [] },
  trend: [
    { month: '2025-12', listed: 1, delisted: 0, onList: 4 },
    { month: '2026-01', listed: 2, delisted: 1, onList: 5 },
    { month: '2026-02', listed: 1, delisted: 0, onList: 6 },
  ],
  work: { visits: 0, meetings: [], assessmentReports: 0, dailyReports: 0 },
  services: {
    byTypeStatus: [
      { type: 'legal_aid', status: 'done', count: 2 },
      { type: 'minimum_living_allowance', status: 'planned', count: 1 },
    ],
    createdInMonth: 0,
    completedInMonth: 0,
  },
  grievances: { byStatus: [], openedInMonth: 0, resolvedInMonth: 0, overdue: 0 },
  alerts: { open: 0, inMonth: 0, respondedInMonth: 0, disposedInMonth: 0 },
};

const series = (option: ReturnType<typeof levelOption>) => option.series as { name?: string; data: unknown[] }[];

describe('statistics charts', () => {
  it('draws the levels in their colours, one tooltip on the canvas', () => {
    const option = levelOption(summary);
    expect(series(option)[0]?.data.map((d) => (d as { value: number }).value)).toEqual([1, 2, 3]);
    expect(option.tooltip).toMatchObject({ renderMode: 'richText' });
  });

  it('lists the categories 情形一 first', () => {
    const option = categoryOption(summary);
    expect((option.yAxis as { data: string[] }).data.at(-1)).toBe('情形一');
    expect(series(option)[0]?.data.at(-1)).toBe(0);
  });

  it('stacks each village by level, rotating names on a phone only when there are many', () => {
    const option = villageOption(summary, true);
    expect(series(option).map((s) => [s.name, s.data])).toEqual([
      ['一级', [1, 0]],
      ['二级', [0, 2]],
      ['三级', [2, 1]],
    ]);
    expect((option.xAxis as { axisLabel: { rotate: number } }).axisLabel.rotate).toBe(0);
  });

  it('labels the trend months, with the year where it starts and at January', () => {
    const option = trendOption(summary);
    expect((option.xAxis as { data: string[] }).data).toEqual(['2025年12月', '2026年1月', '2月']);
    expect(series(option).map((s) => s.name)).toEqual(['新增列管', '撤销列管', '月末在册']);
  });

  it('shows only the kinds that are overdue, and the compliance counts', () => {
    expect(overdueRows(summary).map((r) => r.kind)).toEqual(['visit', 'review']);
    const pie = complianceOption(summary);
    expect(series(pie)[0]?.data.map((d) => (d as { value: number }).value)).toEqual([2, 1, 1, 0]);
  });

  it('stacks help items by status for the types that have any, in the API’s order', () => {
    expect(serviceTypes(summary)).toEqual(['minimum_living_allowance', 'legal_aid']);
    const option = servicesOption(summary, false);
    expect((option.xAxis as { data: string[] }).data).toEqual(['低保', '法律援助']);
    expect(series(option).find((s) => s.name === '已完成')?.data).toEqual([0, 2]);
  });
});
