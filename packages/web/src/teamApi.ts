// The service team, the team's work records, the obligation policy and sensitive periods (issue 4 endpoints).
import type {
  AssessmentReport,
  CreateAssessmentReportBody,
  CreateSensitivePeriodBody,
  createDailyReportBody,
  createEmergencyPlanBody,
  createWatchLogBody,
  dailyReport,
  emergencyPlan,
  ObligationKind,
  PolicyVersion,
  Proposal,
  PutPolicyBody,
  PutTeamBody,
  responsibilityLetterBody,
  SensitivePeriod,
  Team,
  teamCandidate,
  Visit,
  watchLog,
} from '@anxin/shared';
import { enc, get, type Page, post, put } from './http';

export type TeamCandidate = ReturnType<typeof teamCandidate.parse>;
export type ResponsibilityLetterBody = ReturnType<typeof responsibilityLetterBody.parse>;
export type DailyReport = ReturnType<typeof dailyReport.parse>;
export type CreateDailyReportBody = ReturnType<typeof createDailyReportBody.parse>;
export type WatchLog = ReturnType<typeof watchLog.parse>;
export type CreateWatchLogBody = ReturnType<typeof createWatchLogBody.parse>;
export type EmergencyPlan = ReturnType<typeof emergencyPlan.parse>;
export type CreateEmergencyPlanBody = ReturnType<typeof createEmergencyPlanBody.parse>;

/** One open obligation of a case, as the case detail lists it. */
export interface CaseObligation {
  kind: ObligationKind | string;
  dueOn: string;
  overdue: boolean;
  lastMetOn?: string | null;
}

/** GET /api/policy: the version in force and every stored one, newest first. */
export interface PolicyResponse {
  current: PolicyVersion;
  versions: PolicyVersion[];
}

export const POLICY_QUERY_KEY = ['policy'] as const;
export const SENSITIVE_PERIODS_QUERY_KEY = ['sensitive-periods'] as const;

/** Sub-resources of a case live under its key, so invalidating the case refreshes them too. */
export const caseWorkKey = (caseId: string, part: string) => ['case', caseId, part] as const;

export const teamApi = {
  // 服务管理小组、管控责任书
  team: (caseId: string, signal?: AbortSignal) => get<Team>(`/api/cases/${enc(caseId)}/team`, undefined, signal),
  teamCandidates: (caseId: string, signal?: AbortSignal) =>
    get<{ items: TeamCandidate[] }>(`/api/cases/${enc(caseId)}/team/candidates`, undefined, signal),
  putTeam: (caseId: string, body: PutTeamBody) => put<Team>(`/api/cases/${enc(caseId)}/team`, body),
  recordResponsibilityLetter: (caseId: string, body: ResponsibilityLetterBody) =>
    post<Team>(`/api/cases/${enc(caseId)}/responsibility-letter`, body),

  // 随访记录 (of one case; the visit form and the history page are in workApi)
  caseVisits: (caseId: string, signal?: AbortSignal) =>
    get<Page<Visit>>(`/api/cases/${enc(caseId)}/visits`, { pageSize: 5 }, signal),

  // 现实危害性评估报告
  assessmentReports: (caseId: string, signal?: AbortSignal) =>
    get<Page<AssessmentReport>>(`/api/cases/${enc(caseId)}/assessment-reports`, undefined, signal),
  createAssessmentReport: (caseId: string, body: CreateAssessmentReportBody) =>
    post<AssessmentReport>(`/api/cases/${enc(caseId)}/assessment-reports`, body),
  submitReportProposal: (reportId: string, body: { basis?: string }) =>
    post<Proposal>(`/api/assessment-reports/${enc(reportId)}/proposal`, body),

  // 一级人员：每日报告、值守记录、应急处置预案
  dailyReports: (caseId: string, signal?: AbortSignal) =>
    get<Page<DailyReport>>(`/api/cases/${enc(caseId)}/daily-reports`, undefined, signal),
  createDailyReport: (caseId: string, body: CreateDailyReportBody) =>
    post<DailyReport>(`/api/cases/${enc(caseId)}/daily-reports`, body),
  watchLogs: (caseId: string, signal?: AbortSignal) =>
    get<Page<WatchLog>>(`/api/cases/${enc(caseId)}/watch-logs`, undefined, signal),
  createWatchLog: (caseId: string, body: CreateWatchLogBody) =>
    post<WatchLog>(`/api/cases/${enc(caseId)}/watch-logs`, body),
  emergencyPlans: (caseId: string, signal?: AbortSignal) =>
    get<Page<EmergencyPlan>>(`/api/cases/${enc(caseId)}/emergency-plans`, undefined, signal),
  createEmergencyPlan: (caseId: string, body: CreateEmergencyPlanBody) =>
    post<EmergencyPlan>(`/api/cases/${enc(caseId)}/emergency-plans`, body),

  // 工作规范、敏感时期
  policy: (signal?: AbortSignal) => get<PolicyResponse>('/api/policy', undefined, signal),
  putPolicy: (body: PutPolicyBody) => put<PolicyResponse>('/api/policy', body),
  sensitivePeriods: (signal?: AbortSignal) =>
    get<Page<SensitivePeriod>>('/api/sensitive-periods', { pageSize: 100 }, signal),
  createSensitivePeriod: (body: CreateSensitivePeriodBody) => post<SensitivePeriod>('/api/sensitive-periods', body),
};
