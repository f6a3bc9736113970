// The work of §四(三) the web app reads and records: the dashboard, obligations (待办), the visit history and
// form (see /work/notes/issue4-api.md). A case's team and its other records are in teamApi.ts.
import type { CreateVisitBody, Dashboard, Obligation, ObligationKind, Visit, visitWithPerson } from '@anxin/shared';
import { enc, get, type Page, post } from './http';

/** A visit in the cross-case history, with the person it was about. */
export type VisitWithPerson = ReturnType<typeof visitWithPerson.parse>;

export type ObligationScope = 'mine' | 'unit' | 'all';
export type ObligationStatus = 'overdue' | 'due' | 'all';

export interface ObligationListParams {
  page: number;
  pageSize: number;
  scope?: ObligationScope;
  status?: ObligationStatus;
  kind?: ObligationKind;
  orgUnitId?: string;
  caseId?: string;
  dueBy?: string;
}

export interface VisitListParams {
  page: number;
  pageSize: number;
  caseId?: string;
}

/** Query keys, so a recorded visit can refresh everything that counts it. */
export const workKeys = {
  dashboard: ['dashboard'] as const,
  obligations: (params?: ObligationListParams) =>
    params ? (['obligations', params] as const) : (['obligations'] as const),
  visits: (params?: VisitListParams) => (params ? (['visits', params] as const) : (['visits'] as const)),
};

export const workApi = {
  dashboard: (signal?: AbortSignal) => get<Dashboard>('/api/dashboard', undefined, signal),
  obligations: (params: ObligationListParams, signal?: AbortSignal) =>
    get<Page<Obligation>>('/api/obligations', { ...params }, signal),

  visits: (params: VisitListParams, signal?: AbortSignal) =>
    get<Page<VisitWithPerson>>('/api/visits', { ...params }, signal),
  createVisit: (caseId: string, body: CreateVisitBody) => post<Visit>(`/api/cases/${enc(caseId)}/visits`, body),
};
