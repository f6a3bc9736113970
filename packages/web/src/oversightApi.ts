// 督导问责 (plan §五(三)): inspections with their rectification items, the sampling helper, and
// accountability investigations. The alert picker reads GET /api/alerts (the alerts module's).
import type {
  CreateInspectionBody,
  CreateInvestigationBody,
  Inspection,
  InspectionDetail,
  Investigation,
  InvestigationStatus,
  Rectification,
  RectificationFilter,
  Sample,
  SampleKind,
  UpdateInvestigationBody,
  UpdateRectificationBody,
} from '@anxin/shared';
import { enc, get, type Page, patch, post } from './http';

export interface InspectionListParams {
  page: number;
  pageSize: number;
  orgUnitId?: string;
  caseId?: string;
}

export interface RectificationListParams {
  page: number;
  pageSize: number;
  status?: RectificationFilter;
  orgUnitId?: string;
  inspectionId?: string;
}

export interface SampleParams {
  orgUnitId: string;
  kind: SampleKind;
  n: number;
  seed?: string;
}

export interface InvestigationListParams {
  page: number;
  pageSize: number;
  alertId?: string;
  caseId?: string;
  status?: InvestigationStatus;
}

/** What the investigation form needs of an alert (the alerts module owns the full shape). */
export interface AlertOption {
  id: string;
  caseId: string | null;
  personName: string;
  description: string;
  occurredAt: string;
  status: string;
}

/** Query keys: a write refreshes everything under `oversight`, and the dashboard's 整改事项 card. */
export const oversightKeys = {
  all: ['oversight'] as const,
  inspections: (params?: InspectionListParams) =>
    params ? (['oversight', 'inspections', params] as const) : (['oversight', 'inspections'] as const),
  inspection: (id: string) => ['oversight', 'inspection', id] as const,
  rectifications: (params?: RectificationListParams) =>
    params ? (['oversight', 'rectifications', params] as const) : (['oversight', 'rectifications'] as const),
  investigations: (params?: InvestigationListParams) =>
    params ? (['oversight', 'investigations', params] as const) : (['oversight', 'investigations'] as const),
  investigation: (id: string) => ['oversight', 'investigation', id] as const,
  alerts: ['oversight', 'alerts'] as const,
};

export const oversightApi = {
  inspections: (params: InspectionListParams, signal?: AbortSignal) =>
    get<Page<Inspection>>('/api/inspections', { ...params }, signal),
  inspection: (id: string, signal?: AbortSignal) =>
    get<InspectionDetail>(`/api/inspections/${enc(id)}`, undefined, signal),
  createInspection: (body: CreateInspectionBody) => post<InspectionDetail>('/api/inspections', body),
  sample: (params: SampleParams, signal?: AbortSignal) => get<Sample>('/api/inspections/sample', { ...params }, signal),

  rectifications: (params: RectificationListParams, signal?: AbortSignal) =>
    get<Page<Rectification>>('/api/rectifications', { ...params }, signal),
  updateRectification: (id: string, body: UpdateRectificationBody) =>
    patch<Rectification>(`/api/rectifications/${enc(id)}`, body),

  investigations: (params: InvestigationListParams, signal?: AbortSignal) =>
    get<Page<Investigation>>('/api/investigations', { ...params }, signal),
  investigation: (id: string, signal?: AbortSignal) =>
    get<Investigation>(`/api/investigations/${enc(id)}`, undefined, signal),
  createInvestigation: (body: CreateInvestigationBody) => post<Investigation>('/api/investigations', body),
  updateInvestigation: (id: string, body: UpdateInvestigationBody) =>
    patch<Investigation>(`/api/investigations/${enc(id)}`, body),

  /** The latest alerts in the jurisdiction, for picking the incident an investigation is of. */
  alerts: (signal?: AbortSignal) => get<Page<AlertOption>>('/api/alerts', { page: 1, pageSize: 100 }, signal),
};
