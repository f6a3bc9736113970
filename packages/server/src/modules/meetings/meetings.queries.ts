import { and, asc, count, desc, eq, exists, inArray, or, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { decisions, meetingCases, meetingParticipants, meetings, orgUnits, users } from '../../db/schema.js';
import type { Actor } from '../access/actor.js';
import { inJurisdiction } from '../access/scope.js';

export type MeetingRow = typeof meetings.$inferSelect;

/** Meetings of units in the actor's jurisdiction, and any meeting the actor attended. */
export function meetingScope(db: Executor, actor: Actor): SQL {
  const attended = db
    .select({ one: meetingParticipants.userId })
    .from(meetingParticipants)
    .where(and(eq(meetingParticipants.meetingId, meetings.id), eq(meetingParticipants.userId, actor.userId)));
  return or(inJurisdiction(actor, meetings.orgUnitPath), exists(attended)) as SQL;
}

export async function findMeetingInScope(db: Executor, actor: Actor, id: string) {
  const [row] = await db
    .select({ meeting: meetings, orgUnitName: orgUnits.name })
    .from(meetings)
    .innerJoin(orgUnits, eq(orgUnits.id, meetings.orgUnitId))
    .where(and(eq(meetings.id, id), meetingScope(db, actor)));
  return row;
}

export async function listMeetings(
  db: Executor,
  actor: Actor,
  filters: { kind?: string | undefined; caseId?: string | undefined; page: number; pageSize: number },
) {
  const onAgenda = filters.caseId
    ? exists(
        db
          .select({ one: meetingCases.caseId })
          .from(meetingCases)
          .where(and(eq(meetingCases.meetingId, meetings.id), eq(meetingCases.caseId, filters.caseId))),
      )
    : undefined;
  const where = and(meetingScope(db, actor), filters.kind ? eq(meetings.kind, filters.kind) : undefined, onAgenda);
  const items = await db
    .select({ meeting: meetings, orgUnitName: orgUnits.name })
    .from(meetings)
    .innerJoin(orgUnits, eq(orgUnits.id, meetings.orgUnitId))
    .where(where)
    .orderBy(desc(meetings.heldAt))
    .limit(filters.pageSize)
    .offset((filters.page - 1) * filters.pageSize);
  const [total] = await db.select({ value: count() }).from(meetings).where(where);
  return { items, total: total?.value ?? 0 };
}

export async function participantsOf(db: Executor, meetingIds: readonly string[]) {
  if (meetingIds.length === 0) return [];
  return db
    .select({
      meetingId: meetingParticipants.meetingId,
      userId: meetingParticipants.userId,
      orgUnitId: meetingParticipants.orgUnitId,
      roles: meetingParticipants.roles,
      displayName: users.displayName,
      unitPath: orgUnits.path,
    })
    .from(meetingParticipants)
    .innerJoin(users, eq(users.id, meetingParticipants.userId))
    .innerJoin(orgUnits, eq(orgUnits.id, meetingParticipants.orgUnitId))
    .where(inArray(meetingParticipants.meetingId, [...meetingIds]))
    .orderBy(asc(users.username));
}

export async function agendaOf(db: Executor, meetingIds: readonly string[]) {
  if (meetingIds.length === 0) return [];
  return db
    .select()
    .from(meetingCases)
    .where(inArray(meetingCases.meetingId, [...meetingIds]));
}

export async function decisionsOfMeetings(db: Executor, meetingIds: readonly string[]) {
  if (meetingIds.length === 0) return [];
  return db
    .select()
    .from(decisions)
    .where(inArray(decisions.meetingId, [...meetingIds]))
    .orderBy(asc(decisions.createdAt));
}

/** Replaces attendance with the given users, recording their unit and roles as they are today. */
export async function setParticipants(tx: Executor, meetingId: string, userIds: readonly string[]) {
  await tx.delete(meetingParticipants).where(eq(meetingParticipants.meetingId, meetingId));
  if (userIds.length === 0) return;
  const attendees = await tx
    .select()
    .from(users)
    .where(inArray(users.id, [...userIds]));
  await tx
    .insert(meetingParticipants)
    .values(attendees.map((user) => ({ meetingId, userId: user.id, orgUnitId: user.orgUnitId, roles: user.roles })));
}

export async function setAgenda(tx: Executor, meetingId: string, caseIds: readonly string[]) {
  await tx.delete(meetingCases).where(eq(meetingCases.meetingId, meetingId));
  if (caseIds.length === 0) return;
  await tx.insert(meetingCases).values([...new Set(caseIds)].map((caseId) => ({ meetingId, caseId })));
}
