// 文书 outside a case: a meeting's minutes (also the extract printed in a case's archive) and a
// village's monthly return as the paper 排查情况表, each read as the caller's own page shows it.
import { eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { cases, persons, proposals } from '../../db/schema.js';
import { notFound } from '../../lib/errors.js';
import type { ActorContext } from '../audit/audit.service.js';
import { findMeetingInScope } from '../meetings/meetings.queries.js';
import type { createMeetingService } from '../meetings/meetings.service.js';
import type { findReportInScope } from '../screening/screening.queries.js';
import type { createScreeningService } from '../screening/screening.service.js';
import { outcomeText } from './builders/approval.js';
import type { FormPart } from './builders/common.js';
import { type MinutesData, screeningForm } from './builders/meeting.js';
import { peopleOf, unitName } from './forms.queries.js';

interface MeetingDeps {
  db: Db;
  meetings: ReturnType<typeof createMeetingService>;
  screening: ReturnType<typeof createScreeningService>;
}

type FoundReport = NonNullable<Awaited<ReturnType<typeof findReportInScope>>>;

export function createMeetingForms({ db, meetings, screening }: MeetingDeps) {
  /** A meeting's minutes as the caller's meeting page shows them (agenda and decisions in their scope). */
  async function minutesData(context: ActorContext, meetingId: string, onlyCase?: string): Promise<MinutesData> {
    const found = await findMeetingInScope(db, context.actor, meetingId);
    if (!found) throw notFound();
    const shown = await meetings.get(context.actor, meetingId);
    const caseIds = onlyCase ? shown.caseIds.filter((id) => id === onlyCase) : shown.caseIds;
    const names = caseIds.length
      ? await db
          .select({ id: cases.id, name: persons.name })
          .from(cases)
          .innerJoin(persons, eq(persons.id, cases.personId))
          .where(inArray(cases.id, caseIds))
      : [];
    const nameOf = new Map(names.map((n) => [n.id, n.name]));
    const decisions = shown.decisions.filter((d) => caseIds.includes(d.caseId));
    const proposalIds = decisions.flatMap((d) => (d.proposalId ? [d.proposalId] : []));
    const kinds = proposalIds.length
      ? await db
          .select({ id: proposals.id, kind: proposals.kind })
          .from(proposals)
          .where(inArray(proposals.id, proposalIds))
      : [];
    const kindOf = new Map(kinds.map((k) => [k.id, k.kind]));
    const unitIds = [...new Set(shown.participants.map((p) => p.orgUnitId))];
    const [units, recorder] = await Promise.all([
      Promise.all(unitIds.map(async (id) => [id, await unitName(db, id)] as const)),
      peopleOf(db, found.meeting.createdBy ? [found.meeting.createdBy] : []),
    ]);
    const unitOf = new Map(units);
    return {
      id: shown.id,
      kind: shown.kind,
      heldAt: found.meeting.heldAt,
      orgUnitName: shown.orgUnitName,
      minutes: shown.minutes,
      recorder: found.meeting.createdBy ? (recorder.get(found.meeting.createdBy)?.name ?? '') : '',
      participants: shown.participants.map((p) => ({ name: p.displayName, unit: unitOf.get(p.orgUnitId) ?? '' })),
      agenda: caseIds.map((id) => nameOf.get(id) ?? ''),
      decisions: decisions.map((d) => ({
        name: nameOf.get(d.caseId) ?? '',
        outcome: outcomeText(d, d.proposalId ? kindOf.get(d.proposalId) : null, false),
        level: d.level,
        effectiveOn: d.effectiveOn,
        reason: d.reason,
      })),
    };
  }

  /** A village's return (found in the caller's scope) as the 排查情况表, with its village and month. */
  async function screeningPart(
    context: ActorContext,
    reportId: string,
    found: FoundReport,
  ): Promise<{ part: FormPart; orgUnitName: string; month: string }> {
    const shown = await screening.get(context.actor, reportId);
    const filer = found.submittedBy ?? found.createdBy;
    const people = await peopleOf(db, filer ? [filer] : []);
    const part = screeningForm({
      id: shown.id,
      orgUnitName: shown.orgUnitName,
      month: shown.month,
      zeroReport: shown.zeroReport,
      status: shown.status,
      submittedAt: found.submittedAt,
      onTime: found.onTime,
      dueOn: shown.dueOn,
      filedBy: filer ? (people.get(filer)?.name ?? '') : '',
      entries: shown.entries.map((e) => ({
        personName: e.personName,
        idNumber: e.idNumberMasked,
        categories: e.categories,
        description: e.description,
      })),
    });
    return { part, orgUnitName: shown.orgUnitName, month: shown.month };
  }

  return { minutesData, screeningPart };
}

export type MeetingForms = ReturnType<typeof createMeetingForms>;
