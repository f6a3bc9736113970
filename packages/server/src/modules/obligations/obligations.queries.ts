import { and, asc, count, eq, gte, isNotNull, isNull, lt, lte, or, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { caseTeamMembers, obligations, orgUnits, persons, users } from '../../db/schema.js';
import type { Actor } from '../access/actor.js';
import { inJurisdiction } from '../access/scope.js';

export interface ObligationFilters {
  scope: 'mine' | 'unit' | 'all';
  status: 'overdue' | 'due' | 'all';
  /** The Beijing date that decides what is overdue. */
  today: string;
  unitPath?: string | undefined;
  kind?: string | undefined;
  caseId?: string | undefined;
  dueBy?: string | undefined;
  page: number;
  pageSize: number;
}

/**
 * Which obligations a list shows: in the actor's jurisdiction (responsible or assisting path), still
 * due (dueOn set), and for `mine` the cases whose team I am on or my own unit's return, for `unit`
 * the cases my unit's staff serve on or that are my unit's.
 */
export function obligationWhere(actor: Actor, f: Omit<ObligationFilters, 'page' | 'pageSize'>): SQL | undefined {
  const onTeamOf = (userCondition: SQL) =>
    sql`${obligations.caseId} IN (SELECT ${caseTeamMembers.caseId} FROM ${caseTeamMembers} WHERE ${userCondition})`;
  const mine =
    f.scope === 'mine'
      ? or(
          onTeamOf(sql`${caseTeamMembers.userId} = ${actor.userId}`),
          and(isNull(obligations.caseId), eq(obligations.orgUnitId, actor.orgUnitId)),
        )
      : f.scope === 'unit'
        ? or(
            onTeamOf(
              sql`${caseTeamMembers.userId} IN (SELECT ${users.id} FROM ${users} WHERE ${users.orgUnitId} = ${actor.orgUnitId})`,
            ),
            eq(obligations.orgUnitId, actor.orgUnitId),
          )
        : undefined;
  return and(
    inJurisdiction(actor, obligations.path, obligations.assistingPath),
    isNotNull(obligations.dueOn),
    f.status === 'overdue' ? lt(obligations.dueOn, f.today) : undefined,
    f.status === 'due' ? gte(obligations.dueOn, f.today) : undefined,
    f.dueBy ? lte(obligations.dueOn, f.dueBy) : undefined,
    f.unitPath ? sql`${obligations.path} LIKE ${`${f.unitPath}%`}` : undefined,
    f.kind ? eq(obligations.kind, f.kind) : undefined,
    f.caseId ? eq(obligations.caseId, f.caseId) : undefined,
    mine,
  );
}

/** One page of obligations, most urgent first, with the person's and the village's names. */
export async function listObligations(db: Executor, actor: Actor, filters: ObligationFilters) {
  const where = obligationWhere(actor, filters);
  const items = await db
    .select({ obligation: obligations, personName: persons.name, orgUnitName: orgUnits.name })
    .from(obligations)
    .leftJoin(persons, eq(persons.id, obligations.personId))
    .innerJoin(orgUnits, eq(orgUnits.id, obligations.orgUnitId))
    .where(where)
    .orderBy(asc(obligations.dueOn), asc(obligations.kind), asc(obligations.id))
    .limit(filters.pageSize)
    .offset((filters.page - 1) * filters.pageSize);
  const [total] = await db.select({ value: count() }).from(obligations).where(where);
  return { items, total: total?.value ?? 0 };
}

export type ObligationListRow = Awaited<ReturnType<typeof listObligations>>['items'][number];

/** Counts by kind (for the dashboard), under the same conditions as the list. */
export async function countByKind(db: Executor, actor: Actor, filters: Omit<ObligationFilters, 'page' | 'pageSize'>) {
  return db
    .select({ kind: obligations.kind, count: count() })
    .from(obligations)
    .where(obligationWhere(actor, filters))
    .groupBy(obligations.kind)
    .orderBy(obligations.kind);
}

/** The still-due obligations of one case (the case page). */
export function obligationsOfCase(db: Executor, caseId: string) {
  return db
    .select()
    .from(obligations)
    .where(and(eq(obligations.caseId, caseId), isNotNull(obligations.dueOn)))
    .orderBy(asc(obligations.dueOn), asc(obligations.kind));
}
