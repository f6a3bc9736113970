// 警情与联合处置 (⑥): report an alert, read the list and one alert with its timers and timeline, and
// record the steps of the chain (出警, 通报服务管理小组, 处置结果, 处置情况).
import type { Alert, CreateAlertBody, UpdateAlertBody } from '@anxin/shared';
import { enc, get, type Page, patch, post } from './http';

export type AlertStatusFilter = 'open' | 'reported' | 'responding' | 'disposed';

export interface AlertListParams {
  page: number;
  pageSize: number;
  status?: AlertStatusFilter;
  caseId?: string;
  personId?: string;
}

/** Query keys: a recorded step refreshes the alert, the lists and the dashboard that counts it. */
export const alertKeys = {
  all: ['alerts'] as const,
  list: (params: AlertListParams) => ['alerts', 'list', params] as const,
  one: (id: string) => ['alerts', 'one', id] as const,
};

export const alertsApi = {
  list: (params: AlertListParams, signal?: AbortSignal) => get<Page<Alert>>('/api/alerts', { ...params }, signal),
  get: (id: string, signal?: AbortSignal) => get<Alert>(`/api/alerts/${enc(id)}`, undefined, signal),
  create: (body: CreateAlertBody) => post<Alert>('/api/alerts', body),
  update: (id: string, body: UpdateAlertBody) => patch<Alert>(`/api/alerts/${enc(id)}`, body),
};
