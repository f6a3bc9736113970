// 文书, the shared core: finds a case in the caller's scope (404 otherwise, audited), reads the
// person and the case as the caller's screens show them, renders a form as Word or PDF and records
// the export (who, what, how many records) before the file leaves.
import {
  CASE_FORMS,
  type CaseForm,
  type CaseSource,
  type Category,
  FORM_FORMATS,
  type FormFormat,
  type Indicator,
} from '@anxin/shared';
import type { Db } from '../../db/client.js';
import { beijingDate, type Clock } from '../../lib/clock.js';
import { AppError, badRequest, conflict, notFound } from '../../lib/errors.js';
import { exportWatermark, recordExport } from '../../lib/exports.js';
import type { ActorContext, AuditLog } from '../audit/audit.service.js';
import { findCaseInScope } from '../cases/cases.queries.js';
import { documentPolicy } from '../documents/documents.policy.js';
import { readPolicy } from '../obligations/policy.store.js';
import type { createPersonService } from '../persons/persons.service.js';
import {
  birthText,
  type CaseContext,
  type CaseInfo,
  type FormPart,
  GENDER_LABELS,
  type PersonInfo,
} from './builders/common.js';
import { renderDocx } from './docx-renderer.js';
import { peopleOf, personBasics, unitName, unitNames } from './forms.queries.js';
import { renderPdf } from './pdf-renderer.js';

export interface CoreDeps {
  db: Db;
  clock: Clock;
  audit: AuditLog;
  persons: ReturnType<typeof createPersonService>;
}

export interface RenderedFile {
  fileName: string;
  format: FormFormat;
  body: Buffer;
}

/** What an export records besides who made it: the kind of form, the object and the query. */
export interface ExportEntry {
  kind: string;
  entityType: string;
  entityId: string;
  filters: Record<string, unknown>;
}

export type Found = NonNullable<Awaited<ReturnType<typeof findCaseInScope>>>;

/** "intake.pdf" → the form and the format; a 400 naming `form` or `format` otherwise. */
export function parseFormFile(file: string): { form: CaseForm; format: FormFormat } {
  const dot = file.lastIndexOf('.');
  const form = dot > 0 ? file.slice(0, dot) : file;
  const format = dot > 0 ? file.slice(dot + 1) : '';
  if (!(CASE_FORMS as readonly string[]).includes(form))
    throw badRequest(`文书(form)：应为 ${CASE_FORMS.join('、')} 之一`, 'form');
  if (!(FORM_FORMATS as readonly string[]).includes(format))
    throw badRequest('文件格式(format)：应为 docx 或 pdf（如 intake.pdf）', 'format');
  return { form: form as CaseForm, format: format as FormFormat };
}

/** 409 when the case has nothing of the kind yet: the case exists, the form has no content. */
export const nothingToPrint = (message: string) => conflict('NOTHING_TO_PRINT', message);

/** File names as a township files them: "赵志强-入库呈报表-20261129.pdf". */
const fileName = (...parts: string[]) =>
  parts
    .filter(Boolean)
    .join('-')
    .replace(/[\\/:*?"<>|]/g, '');

export function createFormCore({ db, clock, audit, persons: personService }: CoreDeps) {
  const today = () => beijingDate(clock.now());

  /** A refused or absent object: recorded like any other read of a person's file, then 404. */
  async function refuse(context: ActorContext, entityType: string, entityId: string, kind: string, format: string) {
    await db.transaction((tx) =>
      audit.record(tx, context, {
        action: 'export',
        entityType,
        entityId,
        outcome: 'not_found',
        diff: { kind, format },
      }),
    );
    return notFound();
  }

  async function caseInScope(context: ActorContext, caseId: string, kind: string, format: string): Promise<Found> {
    const found = await findCaseInScope(db, context.actor, caseId);
    if (!found || !documentPolicy.read(context.actor, found.case))
      throw await refuse(context, 'case', caseId, kind, format);
    return found;
  }

  /**
   * The person as GET /api/persons/:id shows them to this caller (so the ID number is printed as
   * their screen has it); when the person's own file is outside their reach (a case transferred to
   * their town), what the case shows: the name and the masked ID number.
   */
  async function personInfo(context: ActorContext, personId: string): Promise<PersonInfo> {
    try {
      const p = await personService.get(context, personId);
      const household = [p.householdOrgUnitName, p.householdAddress].filter(Boolean).join(' ');
      const residence = p.residenceOrgUnitId
        ? [p.residenceOrgUnitName, p.residenceAddress].filter(Boolean).join(' ')
        : '';
      return {
        name: p.name,
        gender: GENDER_LABELS[p.gender ?? ''] ?? '',
        birth: birthText(p.birthDate),
        idNumber: p.idNumber ?? p.idNumberMasked,
        phone: p.phone ?? '',
        household,
        residence: residence === household ? '' : residence,
        village: p.householdOrgUnitName ?? '',
      };
    } catch (error) {
      if (!(error instanceof AppError) || error.statusCode !== 404) throw error;
      const basics = await personBasics(db, personId);
      if (!basics) throw notFound();
      return {
        name: basics.name,
        gender: GENDER_LABELS[basics.gender ?? ''] ?? '',
        birth: '',
        idNumber: basics.idNumberMasked,
        phone: '',
        household: '',
        residence: '',
        village: await unitName(db, basics.householdOrgUnitId),
      };
    }
  }

  async function caseContext(context: ActorContext, found: Found): Promise<CaseContext> {
    const c = found.case;
    const [person, responsibleUnits, proposer, policy] = await Promise.all([
      personInfo(context, c.personId),
      unitNames(db, c.responsibleOrgUnitIds),
      peopleOf(db, c.proposerId ? [c.proposerId] : []),
      readPolicy(db, today()),
    ]);
    const by = c.proposerId ? proposer.get(c.proposerId) : undefined;
    const info: CaseInfo = {
      id: c.id,
      status: c.status,
      level: c.level,
      proposedLevel: c.proposedLevel,
      source: c.source as CaseSource,
      categories: c.categories as Category[],
      indicators: c.indicators as Indicator[],
      basis: c.basis,
      resolutionPlan: c.resolutionPlan,
      listingOpinion: c.listingOpinion,
      superiorBody: c.superiorBody,
      superiorReference: c.superiorReference,
      proposedOn: c.proposedOn,
      listedOn: c.listedOn,
      closedOn: c.closedOn,
      delistReasonCode: c.delistReasonCode,
      townName: found.townName,
      responsibleUnits,
      proposerName: by?.name ?? '',
      proposerUnit: by?.unit ?? '',
    };
    return { person, c: info, today: today(), policy };
  }

  /**
   * Renders the form with the caller's watermark, records the export, and names the file from
   * `nameParts` ("赵志强", "入库呈报表", "20261129").
   */
  async function deliver(
    context: ActorContext,
    part: FormPart,
    format: FormFormat,
    entry: ExportEntry,
    nameParts: string[],
  ): Promise<RenderedFile> {
    const model = {
      title: part.title,
      blocks: part.blocks,
      watermark: exportWatermark(context.actor, clock.now()),
      landscape: part.landscape === true,
    };
    const body = await (format === 'pdf' ? renderPdf(model) : renderDocx(model));
    await db.transaction((tx) => recordExport(audit, tx, context, { ...entry, format, rows: part.rows }));
    return { fileName: `${fileName(...nameParts)}.${format}`, format, body };
  }

  return { today, refuse, caseInScope, caseContext, deliver };
}
