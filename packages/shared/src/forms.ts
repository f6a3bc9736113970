// 文书: the printed forms of a case, a meeting and a screening return, as Word (.docx) and PDF.
import { z } from 'zod';
import { id } from './common.js';

/** The forms of a case, in the order a case's life produces them; `archive` is the whole 一人一档. */
export const CASE_FORMS = [
  'intake',
  'level-change',
  'notice',
  'responsibility-letter',
  'visit',
  'assessment-report',
  'exit',
  'archive',
] as const;
export type CaseForm = (typeof CASE_FORMS)[number];

export const CASE_FORM_LABELS: Record<CaseForm, string> = {
  intake: '入库呈报表',
  'level-change': '级别变更呈报表',
  notice: '书面通知（责任单位）',
  'responsibility-letter': '管控责任书',
  visit: '随访记录表',
  'assessment-report': '现实危害性评估报告',
  exit: '出库（撤销列管）呈报表',
  archive: '一人一档（全部档案）',
};

export const FORM_FORMATS = ['docx', 'pdf'] as const;
export type FormFormat = (typeof FORM_FORMATS)[number];

/** Which record a form prints; without one, the latest of its kind. Unknown fields are refused. */
export const caseFormQuery = z.strictObject({
  /** level-change, exit: the proposal (呈报) to print. */
  proposalId: id.optional(),
  /** notice: the decision (研判决定) whose written notice to print. */
  decisionId: id.optional(),
  /** visit: the visit record. */
  visitId: id.optional(),
  /** assessment-report: the report. */
  reportId: id.optional(),
});
export type CaseFormQuery = z.infer<typeof caseFormQuery>;

export const FORM_QUERY_LABELS: Record<string, string> = {
  form: '文书',
  format: '文件格式',
  proposalId: '呈报',
  decisionId: '研判决定',
  visitId: '随访记录',
  reportId: '评估报告',
};

/** One form of a case as the 文书 card lists it: printable or not, and what it would print. */
export const caseFormItem = z.object({
  form: z.enum(CASE_FORMS),
  label: z.string(),
  /** False when there is nothing to print yet (no visit, no level change …); `note` says why. */
  available: z.boolean(),
  /** What the form prints ("2026-11-13 随访") or why it cannot be printed yet. */
  note: z.string(),
});
export type CaseFormItem = z.infer<typeof caseFormItem>;

export const caseFormList = z.object({ items: z.array(caseFormItem) });
export type CaseFormList = z.infer<typeof caseFormList>;

/** The download path of a case form, e.g. `/api/cases/<id>/forms/intake.pdf`. */
export function caseFormPath(caseId: string, form: CaseForm, format: FormFormat, query: CaseFormQuery = {}): string {
  const params = Object.entries(query)
    .filter((entry): entry is [string, string] => typeof entry[1] === 'string')
    .map(([key, val]) => `${key}=${encodeURIComponent(val)}`)
    .join('&');
  return `/api/cases/${encodeURIComponent(caseId)}/forms/${form}.${format}${params ? `?${params}` : ''}`;
}
