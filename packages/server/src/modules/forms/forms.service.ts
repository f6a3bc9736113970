// 文书: finds the object in the caller's scope (404 otherwise, audited), reads what the form prints
// exactly as the caller's screens show it, builds the one form model, renders it as Word or PDF
// and records the export (who, what, how many records) before the file leaves.
//   forms.core.ts        access, the person and case as printed, rendering and the export record
//   forms.case-forms.ts  each case form's loader and the 文书 card's list
//   forms.archive.ts     the whole 一人一档
//   forms.meetings.ts    meeting minutes and the 排查情况表
import type { CaseForm, CaseFormItem, CaseFormQuery, FormFormat } from '@anxin/shared';
import type { Db } from '../../db/client.js';
import type { Clock } from '../../lib/clock.js';
import { notFound } from '../../lib/errors.js';
import type { ActorContext, AuditLog } from '../audit/audit.service.js';
import { findCaseInScope } from '../cases/cases.queries.js';
import { documentPolicy } from '../documents/documents.policy.js';
import { findMeetingInScope } from '../meetings/meetings.queries.js';
import type { createMeetingService } from '../meetings/meetings.service.js';
import type { createPersonService } from '../persons/persons.service.js';
import { findReportInScope } from '../screening/screening.queries.js';
import type { createScreeningService } from '../screening/screening.service.js';
import { minutesForm } from './builders/meeting.js';
import { createArchive } from './forms.archive.js';
import { createCaseForms } from './forms.case-forms.js';
import { createFormCore, type RenderedFile } from './forms.core.js';
import { createMeetingForms } from './forms.meetings.js';

export { parseFormFile, type RenderedFile } from './forms.core.js';

interface Deps {
  db: Db;
  clock: Clock;
  audit: AuditLog;
  persons: ReturnType<typeof createPersonService>;
  meetings: ReturnType<typeof createMeetingService>;
  screening: ReturnType<typeof createScreeningService>;
}

export function createFormService({ db, clock, audit, persons, meetings, screening }: Deps) {
  const { today, refuse, caseInScope, caseContext, deliver } = createFormCore({ db, clock, audit, persons });
  const caseForms = createCaseForms(db);
  const meetingForms = createMeetingForms({ db, meetings, screening });
  const archive = createArchive({ db, caseForms, meetingForms });

  return {
    /** The forms of a case for the 文书 card: which can be printed now, and what each would print. */
    async list(context: ActorContext, caseId: string): Promise<CaseFormItem[]> {
      const found = await findCaseInScope(db, context.actor, caseId);
      if (!found || !documentPolicy.read(context.actor, found.case)) throw notFound();
      return caseForms.formItems(found);
    },

    /** GET /cases/:id/forms/:form.:format */
    async caseForm(
      context: ActorContext,
      caseId: string,
      form: CaseForm,
      format: FormFormat,
      query: CaseFormQuery,
    ): Promise<RenderedFile> {
      const found = await caseInScope(context, caseId, form, format);
      const ctx = await caseContext(context, found);
      const { part, recordId } =
        form === 'archive'
          ? { part: await archive(context, ctx), recordId: caseId }
          : await caseForms.builders[form](ctx, query);
      const stem =
        form === 'archive'
          ? '一人一档'
          : part.title.replace('“两失”人员', '').replace('入库（出库）', form === 'exit' ? '出库' : '入库');
      const entry = { kind: form, entityType: 'case', entityId: caseId, filters: { ...query, recordId } };
      return deliver(context, part, format, entry, [ctx.person.name, stem, today().replaceAll('-', '')]);
    },

    /** GET /meetings/:id/minutes.:format */
    async minutes(context: ActorContext, meetingId: string, format: FormFormat): Promise<RenderedFile> {
      const found = await findMeetingInScope(db, context.actor, meetingId);
      if (!found) throw await refuse(context, 'meeting', meetingId, 'minutes', format);
      const part = minutesForm(await meetingForms.minutesData(context, meetingId));
      const entry = { kind: 'minutes', entityType: 'meeting', entityId: meetingId, filters: {} };
      const stem = part.title.replace('“两失”人员', '');
      return deliver(context, part, format, entry, [found.orgUnitName, stem, found.meeting.heldOn.replaceAll('-', '')]);
    },

    /** GET /screening-reports/:id/form.:format — the village's return as the paper 排查情况表. */
    async screeningForm(context: ActorContext, reportId: string, format: FormFormat): Promise<RenderedFile> {
      const found = await findReportInScope(db, context.actor, reportId);
      if (!found) throw await refuse(context, 'screening_report', reportId, 'screening', format);
      const { part, orgUnitName, month } = await meetingForms.screeningPart(context, reportId, found);
      const entry = { kind: 'screening', entityType: 'screening_report', entityId: reportId, filters: { month } };
      return deliver(context, part, format, entry, [orgUnitName, '排查情况表', month]);
    },
  };
}

export type FormService = ReturnType<typeof createFormService>;
