// What the forms print, read after the case (or meeting, or return) was found in the caller's
// scope: every query here is keyed by an object the service already checked.
import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import {
  alerts,
  assessmentReports,
  caseLevelHistory,
  decisions,
  documents,
  grievances,
  meetingCases,
  meetings,
  orgUnits,
  persons,
  proposals,
  serviceItems,
  users,
  visits,
} from '../../db/schema.js';
import type { Actor } from '../access/actor.js';
import { meetingScope } from '../meetings/meetings.queries.js';

/** Display names and unit names of users, by id. */
export async function peopleOf(db: Executor, ids: readonly string[]) {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map<string, { name: string; unit: string }>();
  const rows = await db
    .select({ id: users.id, name: users.displayName, unit: orgUnits.name })
    .from(users)
    .innerJoin(orgUnits, eq(orgUnits.id, users.orgUnitId))
    .where(inArray(users.id, unique));
  return new Map(rows.map((r) => [r.id, { name: r.name, unit: r.unit }]));
}

/** Unit names by id, in the order given (unknown ids are skipped). */
export async function unitNames(db: Executor, ids: readonly string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .select({ id: orgUnits.id, name: orgUnits.name })
    .from(orgUnits)
    .where(inArray(orgUnits.id, [...ids]));
  const byId = new Map(rows.map((r) => [r.id, r.name]));
  return ids.flatMap((id) => (byId.has(id) ? [byId.get(id) as string] : []));
}

export async function unitName(db: Executor, id: string | null | undefined): Promise<string> {
  if (!id) return '';
  return (await unitNames(db, [id]))[0] ?? '';
}

/** The person's basic facts as a case row carries them, for when their own file is out of reach. */
export async function personBasics(db: Executor, personId: string) {
  const [row] = await db
    .select({
      name: persons.name,
      gender: persons.gender,
      birthDate: persons.birthDate,
      idNumberMasked: persons.idNumberMasked,
      householdOrgUnitId: persons.householdOrgUnitId,
    })
    .from(persons)
    .where(eq(persons.id, personId));
  return row;
}

export type ProposalRow = typeof proposals.$inferSelect;

export function proposalsOf(db: Executor, caseId: string, kind: string) {
  return db
    .select()
    .from(proposals)
    .where(and(eq(proposals.caseId, caseId), eq(proposals.kind, kind)))
    .orderBy(desc(proposals.proposedOn), desc(proposals.createdAt));
}

export type DecisionRow = typeof decisions.$inferSelect;

/** A case's decisions, newest first, with the meeting each was taken in. */
export async function decisionsWithMeetings(db: Executor, caseId: string) {
  return db
    .select({
      decision: decisions,
      heldAt: meetings.heldAt,
      heldOn: meetings.heldOn,
      meetingKind: meetings.kind,
      meetingUnitName: orgUnits.name,
    })
    .from(decisions)
    .innerJoin(meetings, eq(meetings.id, decisions.meetingId))
    .innerJoin(orgUnits, eq(orgUnits.id, meetings.orgUnitId))
    .where(eq(decisions.caseId, caseId))
    .orderBy(desc(decisions.effectiveOn), desc(decisions.createdAt));
}
export type DecisionWithMeeting = Awaited<ReturnType<typeof decisionsWithMeetings>>[number];

export function levelHistoryOf(db: Executor, caseId: string) {
  return db
    .select()
    .from(caseLevelHistory)
    .where(eq(caseLevelHistory.caseId, caseId))
    .orderBy(asc(caseLevelHistory.effectiveOn), asc(caseLevelHistory.createdAt));
}
export type HistoryRow = typeof caseLevelHistory.$inferSelect;

export function visitsOf(db: Executor, caseId: string) {
  return db
    .select()
    .from(visits)
    .where(eq(visits.caseId, caseId))
    .orderBy(desc(visits.visitedAt), desc(visits.createdAt));
}
export type VisitRow = typeof visits.$inferSelect;

export function reportsOf(db: Executor, caseId: string) {
  return db
    .select()
    .from(assessmentReports)
    .where(eq(assessmentReports.caseId, caseId))
    .orderBy(desc(assessmentReports.reportedOn), desc(assessmentReports.createdAt));
}
export type ReportRow = typeof assessmentReports.$inferSelect;

/** The case's uploaded files (metadata only), oldest first. */
export function documentsOf(db: Executor, caseId: string) {
  return db
    .select({
      id: documents.id,
      archiveKind: documents.archiveKind,
      fileName: documents.fileName,
      size: documents.size,
      sm3: documents.sm3,
      createdAt: documents.createdAt,
      uploadedByName: users.displayName,
    })
    .from(documents)
    .innerJoin(users, eq(users.id, documents.uploadedBy))
    .where(eq(documents.caseId, caseId))
    .orderBy(asc(documents.createdAt), asc(documents.id));
}
export type DocumentRow = Awaited<ReturnType<typeof documentsOf>>[number];

/** Meetings that had the case on their agenda and that the caller may see, oldest first. */
export async function meetingIdsOfCase(db: Executor, actor: Actor, caseId: string): Promise<string[]> {
  const rows = await db
    .select({ id: meetings.id })
    .from(meetings)
    .innerJoin(meetingCases, eq(meetingCases.meetingId, meetings.id))
    .where(and(eq(meetingCases.caseId, caseId), meetingScope(db, actor)))
    .orderBy(asc(meetings.heldAt));
  return rows.map((r) => r.id);
}

export function servicesOf(db: Executor, caseId: string) {
  return db
    .select({ item: serviceItems, unitName: orgUnits.name })
    .from(serviceItems)
    .innerJoin(orgUnits, eq(orgUnits.id, serviceItems.responsibleOrgUnitId))
    .where(eq(serviceItems.caseId, caseId))
    .orderBy(asc(serviceItems.createdAt));
}

export function grievancesOf(db: Executor, caseId: string) {
  return db
    .select({ item: grievances, unitName: orgUnits.name })
    .from(grievances)
    .innerJoin(orgUnits, eq(orgUnits.id, grievances.responsibleOrgUnitId))
    .where(eq(grievances.caseId, caseId))
    .orderBy(asc(grievances.createdAt));
}

export function alertsOf(db: Executor, caseId: string) {
  return db.select().from(alerts).where(eq(alerts.caseId, caseId)).orderBy(asc(alerts.occurredAt));
}
