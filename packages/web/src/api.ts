import type {
  AuditEvent,
  auditVerifyResult,
  CreateOrgUnitBody,
  CreatePersonBody,
  CreateUserBody,
  DemoInfo,
  LoginBody,
  Me,
  OrgUnit,
  PersonDetail,
  PersonSummary,
  UpdateOrgUnitBody,
  UpdatePersonBody,
  UpdateUserBody,
  User,
} from '@anxin/shared';

import { enc, get, type Page, patch, post } from './http';
import { lifecycleApi } from './lifecycleApi';

export { ApiError, type FieldError, type Page, setUnauthorizedHandler } from './http';

export interface PersonListParams {
  page: number;
  pageSize: number;
  q?: string;
  orgUnitId?: string;
}

export interface AuditListParams {
  page: number;
  pageSize: number;
  entityType?: string;
  entityId?: string;
  actorId?: string;
  action?: string;
  from?: string;
  to?: string;
}

export type AuditVerifyResult = ReturnType<typeof auditVerifyResult.parse>;

/** Every endpoint the web app calls, typed with the shared contract. */
export const api = {
  demoInfo: (signal?: AbortSignal) => get<DemoInfo>('/api/demo-info', undefined, signal),
  login: (body: LoginBody) => post<unknown>('/api/auth/login', body),
  logout: () => post<void>('/api/auth/logout'),
  me: (signal?: AbortSignal) => get<Me>('/api/me', undefined, signal),

  orgUnits: (signal?: AbortSignal) => get<{ items: OrgUnit[] }>('/api/org-units', undefined, signal),
  createOrgUnit: (body: CreateOrgUnitBody) => post<OrgUnit>('/api/org-units', body),
  updateOrgUnit: (id: string, body: UpdateOrgUnitBody) => patch<OrgUnit>(`/api/org-units/${enc(id)}`, body),

  users: (signal?: AbortSignal) => get<{ items: User[] }>('/api/users', undefined, signal),
  createUser: (body: CreateUserBody) => post<User>('/api/users', body),
  updateUser: (id: string, body: UpdateUserBody) => patch<User>(`/api/users/${enc(id)}`, body),

  persons: (params: PersonListParams, signal?: AbortSignal) =>
    get<Page<PersonSummary>>('/api/persons', { ...params }, signal),
  person: (id: string, signal?: AbortSignal) => get<PersonDetail>(`/api/persons/${enc(id)}`, undefined, signal),
  createPerson: (body: CreatePersonBody) => post<{ id: string }>('/api/persons', body),
  updatePerson: (id: string, body: UpdatePersonBody) => patch<PersonDetail>(`/api/persons/${enc(id)}`, body),

  auditEvents: (params: AuditListParams, signal?: AbortSignal) =>
    get<Page<AuditEvent>>('/api/audit-events', { ...params }, signal),
  verifyAudit: () => get<AuditVerifyResult>('/api/audit-events/verify'),

  ...lifecycleApi,
};
