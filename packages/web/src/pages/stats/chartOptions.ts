// The statistics page's charts, as ECharts options built from the summary (pure: no DOM, testable).
// Tooltips render on the canvas (richText): the CSP refuses the inline styles of HTML tooltips.
import {
  CATEGORY_LABELS,
  OBLIGATION_KIND_LABELS,
  type SCREENING_STATUSES,
  SERVICE_STATUS_LABELS,
  SERVICE_STATUSES,
  SERVICE_TYPE_LABELS,
  SERVICE_TYPES,
  STATS_SCREENING_STATUS_LABELS,
  type StatsSummary,
} from '@anxin/shared';
import { categoryShortLabel } from '../../labels';
import type { ChartOption } from './echarts';

/** Level 1 is the most urgent: red, then orange, then gold (as the level tags). */
export const LEVEL_COLORS = ['#cf1322', '#fa8c16', '#d4b106'] as const;
const LEVEL_NAMES = ['一级', '二级', '三级'] as const;
const SCREENING_COLORS: Record<(typeof SCREENING_STATUSES)[number], string> = {
  on_time: '#52c41a',
  late: '#fa8c16',
  draft: '#1677ff',
  missing: '#cf1322',
};

const tooltip = (trigger: 'axis' | 'item') => ({ trigger, renderMode: 'richText' as const, confine: true });
const grid = { left: 8, right: 16, top: 36, bottom: 8, containLabel: true };
const legend = { top: 0, type: 'scroll' as const };

/** "2026-11" → "11月", with the year at January and at the first month shown. */
function monthLabel(month: string, index: number): string {
  const [year, m] = month.split('-');
  return index === 0 || m === '01' ? `${year}年${Number(m)}月` : `${Number(m)}月`;
}

export function levelOption(summary: StatsSummary): ChartOption {
  const counts = [summary.byLevel.level1, summary.byLevel.level2, summary.byLevel.level3];
  return {
    aria: { enabled: true },
    tooltip: tooltip('axis'),
    grid,
    xAxis: { type: 'category', data: [...LEVEL_NAMES] },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      {
        type: 'bar',
        name: '在册人数',
        barMaxWidth: 48,
        label: { show: true, position: 'top' },
        data: counts.map((value, index) => ({ value, itemStyle: { color: LEVEL_COLORS[index] } })),
      },
    ],
  };
}

export function categoryOption(summary: StatsSummary): ChartOption {
  const rows = [...summary.byCategory].reverse(); // 情形一 at the top
  return {
    aria: { enabled: true },
    tooltip: {
      ...tooltip('item'),
      formatter: (params: unknown) => {
        const { name, value } = params as { name: string; value: number };
        const category = summary.byCategory.find((row) => categoryShortLabel(row.category) === name)?.category;
        return `${name}：${value}人\n${category ? CATEGORY_LABELS[category] : ''}`;
      },
    },
    grid,
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', data: rows.map((row) => categoryShortLabel(row.category)) },
    series: [
      {
        type: 'bar',
        name: '人数',
        barMaxWidth: 20,
        itemStyle: { color: '#1677ff' },
        label: { show: true, position: 'right' },
        data: rows.map((row) => row.count),
      },
    ],
  };
}

export function villageOption(summary: StatsSummary, narrow: boolean): ChartOption {
  const villages = summary.byVillage;
  return {
    aria: { enabled: true },
    tooltip: tooltip('axis'),
    legend,
    grid,
    xAxis: {
      type: 'category',
      data: villages.map((row) => row.name),
      axisLabel: { interval: 0, rotate: narrow && villages.length > 3 ? 40 : 0 },
    },
    yAxis: { type: 'value', minInterval: 1 },
    series: (['level1', 'level2', 'level3'] as const).map((key, index) => ({
      type: 'bar' as const,
      name: LEVEL_NAMES[index],
      stack: 'level',
      barMaxWidth: 40,
      itemStyle: { color: LEVEL_COLORS[index] },
      data: villages.map((row) => row[key]),
    })),
  };
}

export function trendOption(summary: StatsSummary): ChartOption {
  return {
    aria: { enabled: true },
    tooltip: tooltip('axis'),
    legend,
    grid,
    xAxis: { type: 'category', data: summary.trend.map((row, index) => monthLabel(row.month, index)) },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      {
        type: 'line',
        name: '新增列管',
        smooth: true,
        itemStyle: { color: '#cf1322' },
        data: summary.trend.map((r) => r.listed),
      },
      {
        type: 'line',
        name: '撤销列管',
        smooth: true,
        itemStyle: { color: '#52c41a' },
        data: summary.trend.map((r) => r.delisted),
      },
      {
        type: 'line',
        name: '月末在册',
        smooth: true,
        lineStyle: { type: 'dashed' },
        itemStyle: { color: '#1677ff' },
        data: summary.trend.map((r) => r.onList),
      },
    ],
  };
}

/** The kinds overdue somewhere, in the plan's order; empty when nothing is overdue. */
export function overdueRows(summary: StatsSummary) {
  return summary.overdueByKind.filter((row) => row.count > 0);
}

export function overdueOption(summary: StatsSummary): ChartOption {
  const rows = [...overdueRows(summary)].reverse();
  return {
    aria: { enabled: true },
    tooltip: tooltip('axis'),
    grid,
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', data: rows.map((row) => OBLIGATION_KIND_LABELS[row.kind] ?? row.kind) },
    series: [
      {
        type: 'bar',
        name: '逾期项数',
        barMaxWidth: 20,
        itemStyle: { color: '#cf1322' },
        label: { show: true, position: 'right' },
        data: rows.map((row) => row.count),
      },
    ],
  };
}

export function complianceOption(summary: StatsSummary): ChartOption {
  const counts = {
    on_time: summary.screening.onTime,
    late: summary.screening.late,
    draft: summary.screening.draft,
    missing: summary.screening.missing,
  };
  return {
    aria: { enabled: true },
    tooltip: tooltip('item'),
    legend: { bottom: 0, type: 'scroll' },
    series: [
      {
        type: 'pie',
        name: '排查上报',
        radius: ['40%', '68%'],
        center: ['50%', '45%'],
        label: { formatter: '{b}\n{c}个' },
        // An empty slice keeps its legend entry but draws no label to crowd the others.
        data: (['on_time', 'late', 'draft', 'missing'] as const).map((status) => ({
          name: STATS_SCREENING_STATUS_LABELS[status],
          value: counts[status],
          itemStyle: { color: SCREENING_COLORS[status] },
          label: { show: counts[status] > 0 },
          labelLine: { show: counts[status] > 0 },
        })),
      },
    ],
  };
}

const SERVICE_COLORS = ['#d4b106', '#1677ff', '#52c41a', '#8c8c8c', '#bfbfbf'];

/** The help types that have items, in the API's order (unknown types last). */
export function serviceTypes(summary: StatsSummary): string[] {
  const present = new Set(summary.services.byTypeStatus.map((row) => row.type));
  return [
    ...SERVICE_TYPES.filter((type) => present.has(type)),
    ...[...present].filter((type) => !(SERVICE_TYPES as readonly string[]).includes(type)),
  ];
}

export function servicesOption(summary: StatsSummary, narrow: boolean): ChartOption {
  const types = serviceTypes(summary);
  const count = (type: string, status: string) =>
    summary.services.byTypeStatus.find((row) => row.type === type && row.status === status)?.count ?? 0;
  return {
    aria: { enabled: true },
    tooltip: tooltip('axis'),
    legend,
    grid,
    xAxis: {
      type: 'category',
      data: types.map((type) => SERVICE_TYPE_LABELS[type as keyof typeof SERVICE_TYPE_LABELS] ?? type),
      axisLabel: { interval: 0, rotate: narrow && types.length > 3 ? 40 : 0 },
    },
    yAxis: { type: 'value', minInterval: 1 },
    series: SERVICE_STATUSES.map((status, index) => ({
      type: 'bar' as const,
      name: SERVICE_STATUS_LABELS[status],
      stack: 'status',
      barMaxWidth: 40,
      itemStyle: { color: SERVICE_COLORS[index] },
      data: types.map((type) => count(type, status)),
    })),
  };
}
