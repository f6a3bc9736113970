// 统计报表: the summary of a unit for a month, and the addresses of its Excel export and monthly report.
import type { StatsSummary } from '@anxin/shared';
import { get } from './http';

export interface StatsParams {
  /** Empty: the caller's own jurisdiction. */
  orgUnitId?: string | undefined;
  month: string;
}

export const statsKeys = {
  summary: (params: StatsParams) => ['stats', 'summary', params] as const,
};

function query(params: StatsParams): string {
  const search = new URLSearchParams({ month: params.month });
  if (params.orgUnitId) search.set('orgUnitId', params.orgUnitId);
  return search.toString();
}

export const statsApi = {
  summary: (params: StatsParams, signal?: AbortSignal) =>
    get<StatsSummary>('/api/stats/summary', { month: params.month, orgUnitId: params.orgUnitId }, signal),
  /** Downloads are plain links: the browser saves the attachment, the server audits it. */
  exportUrl: (params: StatsParams) => `/api/stats/export.xlsx?${query(params)}`,
  reportUrl: (params: StatsParams, format: 'xlsx' | 'docx') => `/api/stats/monthly-report.${format}?${query(params)}`,
};
