// 帮扶服务 and 矛盾诉求 (issue 5, items 1–2): the work queues, a case's items, adding and updating.
import type {
  CreateGrievanceBody,
  CreateServiceBody,
  Grievance,
  GrievanceStatus,
  GrievanceType,
  HelpScope,
  HelpUnit,
  ServiceItem,
  ServiceStatus,
  ServiceType,
  UpdateGrievanceBody,
  UpdateServiceBody,
} from '@anxin/shared';
import { enc, get, type Page, patch, post } from './http';

export interface ServiceQueueParams {
  page: number;
  pageSize: number;
  scope?: HelpScope;
  status?: ServiceStatus;
  type?: ServiceType;
  orgUnitId?: string;
  overdue?: 'true';
}

export interface GrievanceQueueParams {
  page: number;
  pageSize: number;
  scope?: HelpScope;
  status?: GrievanceStatus;
  type?: GrievanceType;
  orgUnitId?: string;
  overdue?: 'true';
}

/** A case's items, and whether the caller may add one. */
export type CaseItems<T> = Page<T> & { abilities: { create: boolean } };

/** Query keys: a case's items live under the case's key, so refreshing the case refreshes them. */
export const helpKeys = {
  services: (params?: ServiceQueueParams) => (params ? (['services', params] as const) : (['services'] as const)),
  grievances: (params?: GrievanceQueueParams) =>
    params ? (['grievances', params] as const) : (['grievances'] as const),
  caseServices: (caseId: string) => ['case', caseId, 'services'] as const,
  caseGrievances: (caseId: string) => ['case', caseId, 'grievances'] as const,
  units: (caseId: string) => ['case', caseId, 'help-units'] as const,
};

export const helpApi = {
  services: (params: ServiceQueueParams, signal?: AbortSignal) =>
    get<Page<ServiceItem>>('/api/services', { ...params }, signal),
  caseServices: (caseId: string, signal?: AbortSignal) =>
    get<CaseItems<ServiceItem>>(`/api/cases/${enc(caseId)}/services`, { pageSize: 100 }, signal),
  createService: (caseId: string, body: CreateServiceBody) =>
    post<ServiceItem>(`/api/cases/${enc(caseId)}/services`, body),
  updateService: (id: string, body: UpdateServiceBody) => patch<ServiceItem>(`/api/services/${enc(id)}`, body),

  grievances: (params: GrievanceQueueParams, signal?: AbortSignal) =>
    get<Page<Grievance>>('/api/grievances', { ...params }, signal),
  caseGrievances: (caseId: string, signal?: AbortSignal) =>
    get<CaseItems<Grievance>>(`/api/cases/${enc(caseId)}/grievances`, { pageSize: 100 }, signal),
  createGrievance: (caseId: string, body: CreateGrievanceBody) =>
    post<Grievance>(`/api/cases/${enc(caseId)}/grievances`, body),
  updateGrievance: (id: string, body: UpdateGrievanceBody) => patch<Grievance>(`/api/grievances/${enc(id)}`, body),

  units: (caseId: string, signal?: AbortSignal) =>
    get<{ items: HelpUnit[] }>(`/api/cases/${enc(caseId)}/help-units`, undefined, signal),
};
