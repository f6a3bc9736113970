// The case lifecycle's endpoints (API.md: Screening, Cases and proposals, Meetings and decisions, Documents).
import type {
  ArchiveKind,
  AuditEvent,
  CaseDetail,
  CaseDocument,
  CaseDocumentList,
  CaseSummary,
  ComplianceRow,
  CreateCaseBody,
  CreateDecisionBody,
  CreateMeetingBody,
  CreateProposalBody,
  CreateScreeningReportBody,
  Decision,
  Meeting,
  PoolEntry,
  Proposal,
  ScreeningReport,
  transfer,
  UpdateMeetingBody,
  UpdateScreeningReportBody,
} from '@anxin/shared';
import { enc, get, type Page, patch, post, postForm, put } from './http';

export type Transfer = ReturnType<typeof transfer.parse>;

/** A town a case may be transferred to: the other towns of its district. */
export interface TransferTarget {
  id: string;
  name: string;
}

export interface TransferListParams {
  page: number;
  pageSize: number;
  status?: string;
}

export interface ScreeningReportParams {
  month?: string;
  orgUnitId?: string;
  status?: 'draft' | 'submitted';
}

export interface CaseListParams {
  page: number;
  pageSize: number;
  status?: string;
  level?: string;
  orgUnitId?: string;
  personId?: string;
  awaitingConfirmation?: 'true' | 'false';
  /** Part of the person's name. */
  q?: string;
}

/** What a town's next assessment meeting has to look at. */
export interface Agenda {
  pendingProposals: Proposal[];
  dueForReview: CaseSummary[];
  awaitingConfirmation: CaseSummary[];
  pool: PoolEntry[];
}

export interface AppNotification {
  id: string;
  kind: string;
  title: string;
  body: string;
  caseId: string | null;
  createdAt: string;
  readAt: string | null;
}

export const lifecycleApi = {
  // 排查上报
  screeningReports: (params: ScreeningReportParams, signal?: AbortSignal) =>
    get<Page<ScreeningReport>>('/api/screening-reports', { ...params }, signal),
  createScreeningReport: (body: CreateScreeningReportBody) => post<ScreeningReport>('/api/screening-reports', body),
  updateScreeningReport: (id: string, body: UpdateScreeningReportBody) =>
    put<ScreeningReport>(`/api/screening-reports/${enc(id)}`, body),
  submitScreeningReport: (id: string) => post<ScreeningReport>(`/api/screening-reports/${enc(id)}/submit`),
  compliance: (month: string, signal?: AbortSignal) =>
    get<ComplianceRow[]>('/api/screening-reports/compliance', { month }, signal),
  pool: (signal?: AbortSignal) =>
    get<Page<PoolEntry>>('/api/screening-entries', { status: 'pending', pageSize: 100 }, signal),
  dismissEntry: (id: string, reason: string) => post<unknown>(`/api/screening-entries/${enc(id)}/dismiss`, { reason }),

  // 列管、呈报
  cases: (params: CaseListParams, signal?: AbortSignal) => get<Page<CaseSummary>>('/api/cases', { ...params }, signal),
  case: (id: string, signal?: AbortSignal) => get<CaseDetail>(`/api/cases/${enc(id)}`, undefined, signal),
  createCase: (body: CreateCaseBody) => post<CaseDetail>('/api/cases', body),
  createProposal: (caseId: string, body: CreateProposalBody) =>
    post<Proposal>(`/api/cases/${enc(caseId)}/proposals`, body),
  proposals: (status: string | undefined, signal?: AbortSignal) =>
    get<Page<Proposal>>('/api/proposals', { status, pageSize: 100 }, signal),
  reportUpward: (caseId: string, entryId: string, reportedOn: string) =>
    post<unknown>(`/api/cases/${enc(caseId)}/level-history/${enc(entryId)}/report`, { reportedOn }),

  // 移交、指定管辖
  requestTransfer: (caseId: string, body: { toTownId: string; reason: string }) =>
    post<Transfer>(`/api/cases/${enc(caseId)}/transfers`, body),
  transferTargets: (caseId: string, signal?: AbortSignal) =>
    get<{ items: TransferTarget[] }>(`/api/cases/${enc(caseId)}/transfer-targets`, undefined, signal),
  transfers: (params: TransferListParams, signal?: AbortSignal) =>
    get<Page<Transfer>>('/api/transfers', { ...params }, signal),
  answerTransfer: (id: string, body: { accept: boolean; reason: string }) =>
    post<Transfer>(`/api/transfers/${enc(id)}/answer`, body),
  designateTransfer: (id: string, body: { townId: string; reason: string }) =>
    post<Transfer>(`/api/transfers/${enc(id)}/designate`, body),

  // 研判会议
  agenda: (orgUnitId: string, signal?: AbortSignal) => get<Agenda>('/api/meetings/agenda', { orgUnitId }, signal),
  meetings: (params: { page: number; pageSize: number; kind?: string }, signal?: AbortSignal) =>
    get<Page<Meeting>>('/api/meetings', { ...params }, signal),
  meeting: (id: string, signal?: AbortSignal) => get<Meeting>(`/api/meetings/${enc(id)}`, undefined, signal),
  createMeeting: (body: CreateMeetingBody) => post<Meeting>('/api/meetings', body),
  updateMeeting: (id: string, body: UpdateMeetingBody) => patch<Meeting>(`/api/meetings/${enc(id)}`, body),
  decide: (meetingId: string, body: CreateDecisionBody) =>
    post<Decision>(`/api/meetings/${enc(meetingId)}/decisions`, body),

  // 档案材料
  documents: (caseId: string, signal?: AbortSignal) =>
    get<CaseDocumentList>(`/api/cases/${enc(caseId)}/documents`, { pageSize: 100 }, signal),
  uploadDocument: (caseId: string, archiveKind: ArchiveKind, file: File) => {
    const form = new FormData();
    // The kind first: a streaming parser reads fields in order and the file may be large.
    form.append('archiveKind', archiveKind);
    form.append('file', file);
    return postForm<CaseDocument>(`/api/cases/${enc(caseId)}/documents`, form);
  },
  documentUrl: (id: string) => `/api/documents/${enc(id)}/content`,

  // 一人一档
  personAuditTrail: (personId: string, params: { page: number; pageSize: number }, signal?: AbortSignal) =>
    get<Page<AuditEvent>>(`/api/persons/${enc(personId)}/audit-trail`, { ...params }, signal),

  // 通知
  notifications: (signal?: AbortSignal) =>
    get<Page<AppNotification> & { unread?: number }>('/api/notifications', { pageSize: 50 }, signal),
  markNotificationRead: (id: string) => post<void>(`/api/notifications/${enc(id)}/read`),
};
