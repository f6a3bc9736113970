import { and, asc, desc, eq, gte, like, lt, max, or, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Executor } from '../../db/client.js';
import { cases, meetings, objections, orgUnits, persons, users } from '../../db/schema.js';
import type { Actor } from '../access/actor.js';
import { type CaseRow, type CaseWithPerson, caseScope } from '../cases/cases.queries.js';

export type ObjectionRow = typeof objections.$inferSelect;
export type ObjectionWithNames = {
  objection: ObjectionRow;
  recordedByName: string;
  answeredByName: string | null;
};

const recorder = alias(users, 'recorder');
const answerer = alias(users, 'answerer');
/** Agenda limits, as the rest of the agenda pages them. */
const AGENDA_LIMIT = 100;

const objectionColumns = {
  objection: objections,
  recordedByName: recorder.displayName,
  answeredByName: answerer.displayName,
};

function objectionsWithNames(db: Executor) {
  return db
    .select(objectionColumns)
    .from(objections)
    .innerJoin(recorder, eq(recorder.id, objections.recordedBy))
    .leftJoin(answerer, eq(answerer.id, objections.answeredBy));
}

/** A case's objections, newest first. The caller has checked the case is in scope. */
export async function objectionsOfCase(db: Executor, caseId: string): Promise<ObjectionWithNames[]> {
  return (await objectionsWithNames(db)
    .where(eq(objections.caseId, caseId))
    .orderBy(desc(objections.raisedOn), desc(objections.createdAt))) as ObjectionWithNames[];
}

/** One objection whose case lies in the actor's jurisdiction, with the case (absent and out of scope look alike). */
export async function findObjectionInScope(db: Executor, actor: Actor, id: string) {
  const [row] = await db
    .select({ ...objectionColumns, case: cases })
    .from(objections)
    .innerJoin(cases, eq(cases.id, objections.caseId))
    .innerJoin(recorder, eq(recorder.id, objections.recordedBy))
    .leftJoin(answerer, eq(answerer.id, objections.answeredBy))
    .where(and(eq(objections.id, id), caseScope(actor)));
  return row as (ObjectionWithNames & { case: CaseRow }) | undefined;
}

export async function displayNameOf(db: Executor, userId: string | null): Promise<string | null> {
  if (!userId) return null;
  const [row] = await db.select({ name: users.displayName }).from(users).where(eq(users.id, userId));
  return row?.name ?? null;
}

/** Cases whose responsible or assisting unit lies in a unit's subtree, as the agenda filters them. */
function inUnit(unitPath: string): SQL {
  return sql`(${cases.responsiblePath} LIKE ${`${unitPath}%`} OR ${cases.assistingPath} LIKE ${`${unitPath}%`})`;
}

/** The day of the unit's last assessment meeting before `today`, or null when it has held none. */
export async function lastAssessmentBefore(db: Executor, unitId: string, today: string): Promise<string | null> {
  const [row] = await db
    .select({ heldOn: max(meetings.heldOn) })
    .from(meetings)
    .where(and(eq(meetings.orgUnitId, unitId), eq(meetings.kind, 'assessment'), lt(meetings.heldOn, today)));
  return row?.heldOn ?? null;
}

/**
 * The objections a unit's next meeting takes up: every open one, and those answered on or after the
 * day of its last meeting (all answered ones when it has held none), oldest first.
 */
export async function agendaObjections(db: Executor, actor: Actor, unitPath: string, since: string | null) {
  const answeredSince = since
    ? and(eq(objections.status, 'answered'), gte(objections.answeredOn, since))
    : eq(objections.status, 'answered');
  return (await db
    .select({ ...objectionColumns, case: cases, personName: persons.name })
    .from(objections)
    .innerJoin(cases, eq(cases.id, objections.caseId))
    .innerJoin(persons, eq(persons.id, cases.personId))
    .innerJoin(recorder, eq(recorder.id, objections.recordedBy))
    .leftJoin(answerer, eq(answerer.id, objections.answeredBy))
    .where(and(caseScope(actor), inUnit(unitPath), or(eq(objections.status, 'open'), answeredSince)))
    .orderBy(asc(objections.raisedOn), asc(objections.createdAt))
    .limit(AGENDA_LIMIT)) as (ObjectionWithNames & { case: CaseRow; personName: string })[];
}

/**
 * Listed cases the unit is responsible for whose notice to the person is still to be recorded,
 * longest-waiting first. Only the responsible town decides the notice, so a 居住地 town's agenda
 * does not carry it.
 */
export async function noticePendingCases(db: Executor, actor: Actor, unitPath: string): Promise<CaseWithPerson[]> {
  return (await db
    .select({ case: cases, personName: persons.name, idNumberMasked: persons.idNumberMasked, townName: orgUnits.name })
    .from(cases)
    .innerJoin(persons, eq(persons.id, cases.personId))
    .innerJoin(orgUnits, eq(orgUnits.id, cases.responsibleTownId))
    .where(
      and(
        caseScope(actor),
        like(cases.responsiblePath, `${unitPath}%`),
        eq(cases.status, 'listed'),
        eq(cases.noticeStatus, 'pending'),
      ),
    )
    .orderBy(asc(cases.listedOn), asc(cases.id))
    .limit(AGENDA_LIMIT)) as CaseWithPerson[];
}
