// Chinese names of the codes the statistics count, as the exports and the monthly report print them.
import {
  CASE_SOURCE_LABELS,
  CASE_STATUS_LABELS,
  CATEGORIES,
  type CaseSource,
  type CaseStatus,
  type Category,
  DELIST_REASON_LABELS,
  type DelistReason,
  GRIEVANCE_STATUS_LABELS,
  type GrievanceStatus,
  MEETING_KIND_LABELS,
  type MeetingKind,
  OBLIGATION_KIND_LABELS,
  type ObligationKind,
  SERVICE_STATUS_LABELS,
  SERVICE_TYPE_LABELS,
  type ServiceStatus,
  type ServiceType,
  STATS_SCREENING_STATUS_LABELS,
} from '@anxin/shared';

const pick = <K extends string>(labels: Record<K, string>, code: string | null | undefined): string =>
  code ? (labels[code as K] ?? code) : '—';

const LEVEL_WORDS: Record<number, string> = { 1: '一级', 2: '二级', 3: '三级' };
export const levelWord = (level: number | null | undefined) => (level ? (LEVEL_WORDS[level] ?? `${level}级`) : '—');

const NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八'];
/** 情形一 … 情形八 */
export function categoryWord(category: string): string {
  const index = CATEGORIES.indexOf(category as Category);
  return index >= 0 ? `情形${NUMERALS[index]}` : category;
}

export const statusWord = (status: string) => pick<CaseStatus>(CASE_STATUS_LABELS, status);
export const kindWord = (kind: string) => pick<ObligationKind>(OBLIGATION_KIND_LABELS, kind);
export const meetingWord = (kind: string) => pick<MeetingKind>(MEETING_KIND_LABELS, kind);
export const reasonWord = (code: string | null) => pick<DelistReason>(DELIST_REASON_LABELS, code);
export const sourceWord = (source: string) => pick<CaseSource>(CASE_SOURCE_LABELS, source);
export const serviceTypeWord = (type: string) => pick<ServiceType>(SERVICE_TYPE_LABELS, type);
export const serviceStatusWord = (status: string) => pick<ServiceStatus>(SERVICE_STATUS_LABELS, status);
export const grievanceStatusWord = (status: string) => pick<GrievanceStatus>(GRIEVANCE_STATUS_LABELS, status);
export const screeningWord = (status: string) =>
  pick<keyof typeof STATS_SCREENING_STATUS_LABELS>(STATS_SCREENING_STATUS_LABELS, status);
