import { and, asc, count, desc, eq, ilike, inArray, lte, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { caseLevelHistory, cases, decisions, orgUnits, persons, proposals, users } from '../../db/schema.js';
import type { Actor } from '../access/actor.js';
import { inJurisdiction } from '../access/scope.js';
import { likeText } from '../persons/persons.queries.js';

export type CaseRow = typeof cases.$inferSelect;
export type CaseWithPerson = { case: CaseRow; personName: string; idNumberMasked: string; townName: string };

/** Jurisdiction of cases: the responsible unit (户籍地 or designated town) or the assisting 居住地. */
export function caseScope(actor: Actor): SQL {
  return inJurisdiction(actor, cases.responsiblePath, cases.assistingPath);
}

function withPerson(db: Executor) {
  return db
    .select({ case: cases, personName: persons.name, idNumberMasked: persons.idNumberMasked, townName: orgUnits.name })
    .from(cases)
    .innerJoin(persons, eq(persons.id, cases.personId))
    .innerJoin(orgUnits, eq(orgUnits.id, cases.responsibleTownId));
}

export interface CaseFilters {
  status?: string | undefined;
  level?: number | undefined;
  personId?: string | undefined;
  awaitingConfirmation?: boolean | undefined;
  /** Path of a unit: cases whose responsible or assisting unit lies in its subtree. */
  unitPath?: string | undefined;
  /** Part of the person's name. */
  q?: string | undefined;
  /** Listed cases whose review falls on or before this date. */
  reviewDueBy?: string | undefined;
  /** Cases an alert flagged for level review (until a meeting takes them up). */
  levelReview?: boolean | undefined;
  page: number;
  pageSize: number;
}

export async function listCases(db: Executor, actor: Actor, filters: CaseFilters) {
  const where = and(
    caseScope(actor),
    filters.status ? eq(cases.status, filters.status) : undefined,
    filters.level ? eq(cases.level, filters.level) : undefined,
    filters.personId ? eq(cases.personId, filters.personId) : undefined,
    filters.awaitingConfirmation !== undefined
      ? eq(cases.awaitingConfirmation, filters.awaitingConfirmation)
      : undefined,
    filters.unitPath
      ? sql`(${cases.responsiblePath} LIKE ${`${filters.unitPath}%`} OR ${cases.assistingPath} LIKE ${`${filters.unitPath}%`})`
      : undefined,
    filters.q
      ? sql`${cases.personId} IN (SELECT ${persons.id} FROM ${persons} WHERE ${ilike(persons.name, `%${likeText(filters.q)}%`)})`
      : undefined,
    filters.reviewDueBy ? and(eq(cases.status, 'listed'), lte(cases.nextReviewOn, filters.reviewDueBy)) : undefined,
    filters.levelReview ? sql`${cases.levelReviewSince} IS NOT NULL` : undefined,
  );
  const items = await withPerson(db)
    .where(where)
    .orderBy(desc(cases.createdAt), cases.id)
    .limit(filters.pageSize)
    .offset((filters.page - 1) * filters.pageSize);
  const [total] = await db.select({ value: count() }).from(cases).where(where);
  return { items: items as CaseWithPerson[], total: total?.value ?? 0 };
}

export async function findCaseInScope(db: Executor, actor: Actor, id: string): Promise<CaseWithPerson | undefined> {
  const [row] = await withPerson(db).where(and(eq(cases.id, id), caseScope(actor)));
  return row as CaseWithPerson | undefined;
}

export async function findOpenCaseOfPerson(db: Executor, personId: string): Promise<CaseRow | undefined> {
  const [row] = await db
    .select()
    .from(cases)
    .where(and(eq(cases.personId, personId), inArray(cases.status, ['proposed', 'listed'])));
  return row;
}

/** A person's cases that the actor may see, newest first. */
export async function casesOfPerson(db: Executor, actor: Actor, personId: string): Promise<CaseRow[]> {
  return db
    .select()
    .from(cases)
    .where(and(eq(cases.personId, personId), caseScope(actor)))
    .orderBy(desc(cases.createdAt));
}

export function levelHistoryOf(db: Executor, caseId: string) {
  return db
    .select()
    .from(caseLevelHistory)
    .where(eq(caseLevelHistory.caseId, caseId))
    .orderBy(asc(caseLevelHistory.createdAt));
}

export function decisionsOf(db: Executor, caseId: string) {
  return db.select().from(decisions).where(eq(decisions.caseId, caseId)).orderBy(asc(decisions.createdAt));
}

const proposalColumns = {
  proposal: proposals,
  personId: cases.personId,
  personName: persons.name,
  proposerName: users.displayName,
};
export type ProposalWithNames = {
  proposal: typeof proposals.$inferSelect;
  personId: string;
  personName: string;
  proposerName: string;
};

function proposalsWithNames(db: Executor) {
  return db
    .select(proposalColumns)
    .from(proposals)
    .innerJoin(cases, eq(cases.id, proposals.caseId))
    .innerJoin(persons, eq(persons.id, cases.personId))
    .innerJoin(users, eq(users.id, proposals.proposerId));
}

export async function listProposals(
  db: Executor,
  actor: Actor,
  filters: {
    status?: string | undefined;
    caseId?: string | undefined;
    unitPath?: string | undefined;
    page: number;
    pageSize: number;
  },
) {
  const where = and(
    caseScope(actor),
    filters.status ? eq(proposals.status, filters.status) : undefined,
    filters.caseId ? eq(proposals.caseId, filters.caseId) : undefined,
    filters.unitPath
      ? sql`(${cases.responsiblePath} LIKE ${`${filters.unitPath}%`} OR ${cases.assistingPath} LIKE ${`${filters.unitPath}%`})`
      : undefined,
  );
  const items = await proposalsWithNames(db)
    .where(where)
    .orderBy(desc(proposals.createdAt))
    .limit(filters.pageSize)
    .offset((filters.page - 1) * filters.pageSize);
  const [total] = await db
    .select({ value: count() })
    .from(proposals)
    .innerJoin(cases, eq(cases.id, proposals.caseId))
    .where(where);
  return { items: items as ProposalWithNames[], total: total?.value ?? 0 };
}

export async function proposalsOfCase(db: Executor, caseId: string): Promise<ProposalWithNames[]> {
  return (await proposalsWithNames(db)
    .where(eq(proposals.caseId, caseId))
    .orderBy(asc(proposals.createdAt))) as ProposalWithNames[];
}

export async function pendingProposal(db: Executor, caseId: string, kind: string) {
  const [row] = await db
    .select()
    .from(proposals)
    .where(and(eq(proposals.caseId, caseId), eq(proposals.kind, kind), eq(proposals.status, 'pending')));
  return row;
}
