import { and, asc, count, desc, eq, gte, inArray, isNotNull, lt, lte, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import {
  alerts,
  cases,
  inspections,
  investigations,
  obligations,
  orgUnits,
  persons,
  rectifications,
  users,
  visits,
} from '../../db/schema.js';
import type { Actor } from '../access/actor.js';
import { inJurisdiction } from '../access/scope.js';
import { caseScope } from '../cases/cases.queries.js';

const prefix = (path: string) => `${path}%`;

// ── Inspections ──────────────────────────────────────────────────────────────────────────────

/** An inspection is scoped by the inspected unit's path: a village cadre sees its own village's. */
function inspectionScope(actor: Actor): SQL {
  return inJurisdiction(actor, inspections.path);
}

const inspectionColumns = {
  inspection: inspections,
  orgUnitName: orgUnits.name,
  orgUnitKind: orgUnits.kind,
  inspectorName: users.displayName,
  personId: cases.personId,
  personName: persons.name,
};

function inspectionsWithNames(db: Executor) {
  return db
    .select(inspectionColumns)
    .from(inspections)
    .innerJoin(orgUnits, eq(orgUnits.id, inspections.orgUnitId))
    .innerJoin(users, eq(users.id, inspections.inspectorId))
    .leftJoin(cases, eq(cases.id, inspections.caseId))
    .leftJoin(persons, eq(persons.id, cases.personId));
}

/** A row as read with its names (the columns above; left-joined ones may be null). */
export type InspectionRow = Awaited<ReturnType<typeof inspectionsWithNames>>[number];

export async function listInspections(
  db: Executor,
  actor: Actor,
  filters: { unitPath?: string | undefined; caseId?: string | undefined; page: number; pageSize: number },
) {
  const where = and(
    inspectionScope(actor),
    filters.unitPath ? sql`${inspections.path} LIKE ${prefix(filters.unitPath)}` : undefined,
    filters.caseId ? eq(inspections.caseId, filters.caseId) : undefined,
  );
  const items = await inspectionsWithNames(db)
    .where(where)
    .orderBy(desc(inspections.inspectedOn), desc(inspections.createdAt), asc(inspections.id))
    .limit(filters.pageSize)
    .offset((filters.page - 1) * filters.pageSize);
  const [total] = await db.select({ value: count() }).from(inspections).where(where);
  return { items: items as InspectionRow[], total: total?.value ?? 0 };
}

export async function findInspectionInScope(db: Executor, actor: Actor, id: string) {
  const [row] = await inspectionsWithNames(db).where(and(eq(inspections.id, id), inspectionScope(actor)));
  return row as InspectionRow | undefined;
}

/** Open, done and overdue (open, due before `today`) items per inspection. */
export async function rectificationCountsOf(db: Executor, inspectionIds: readonly string[], today: string) {
  if (inspectionIds.length === 0) return new Map<string, { open: number; done: number; overdue: number }>();
  const rows = await db
    .select({
      inspectionId: rectifications.inspectionId,
      open: sql<number>`count(*) FILTER (WHERE ${rectifications.status} = 'open')`.mapWith(Number),
      done: sql<number>`count(*) FILTER (WHERE ${rectifications.status} = 'done')`.mapWith(Number),
      overdue:
        sql<number>`count(*) FILTER (WHERE ${rectifications.status} = 'open' AND ${rectifications.dueOn} < ${today})`.mapWith(
          Number,
        ),
    })
    .from(rectifications)
    .where(inArray(rectifications.inspectionId, [...inspectionIds]))
    .groupBy(rectifications.inspectionId);
  return new Map(rows.map((r) => [r.inspectionId, { open: r.open, done: r.done, overdue: r.overdue }]));
}

// ── Rectifications ───────────────────────────────────────────────────────────────────────────

const rectificationColumns = {
  rectification: rectifications,
  orgUnitId: inspections.orgUnitId,
  orgUnitName: orgUnits.name,
  inspectedOn: inspections.inspectedOn,
  inspectionPath: inspections.path,
  inspectorName: users.displayName,
  caseId: inspections.caseId,
  personName: persons.name,
};

function rectificationsWithNames(db: Executor) {
  return db
    .select(rectificationColumns)
    .from(rectifications)
    .innerJoin(inspections, eq(inspections.id, rectifications.inspectionId))
    .innerJoin(orgUnits, eq(orgUnits.id, inspections.orgUnitId))
    .innerJoin(users, eq(users.id, inspections.inspectorId))
    .leftJoin(cases, eq(cases.id, inspections.caseId))
    .leftJoin(persons, eq(persons.id, cases.personId));
}

/** A row as read with its names (the columns above; left-joined ones may be null). */
export type RectificationRow = Awaited<ReturnType<typeof rectificationsWithNames>>[number];

export async function listRectifications(
  db: Executor,
  actor: Actor,
  filters: {
    status?: 'open' | 'done' | 'overdue' | undefined;
    unitPath?: string | undefined;
    inspectionId?: string | undefined;
    today: string;
    page: number;
    pageSize: number;
  },
) {
  const where = and(
    inspectionScope(actor),
    filters.status === 'done' ? eq(rectifications.status, 'done') : undefined,
    filters.status === 'open' ? eq(rectifications.status, 'open') : undefined,
    filters.status === 'overdue'
      ? and(eq(rectifications.status, 'open'), lt(rectifications.dueOn, filters.today))
      : undefined,
    filters.unitPath ? sql`${inspections.path} LIKE ${prefix(filters.unitPath)}` : undefined,
    filters.inspectionId ? eq(rectifications.inspectionId, filters.inspectionId) : undefined,
  );
  const items = await rectificationsWithNames(db)
    .where(where)
    // Open items first, the most urgent first; done ones after, the latest first.
    .orderBy(
      desc(rectifications.status),
      sql`CASE WHEN ${rectifications.status} = 'open' THEN ${rectifications.dueOn} END`,
      desc(rectifications.doneOn),
      asc(rectifications.createdAt),
      asc(rectifications.id),
    )
    .limit(filters.pageSize)
    .offset((filters.page - 1) * filters.pageSize);
  const [total] = await db
    .select({ value: count() })
    .from(rectifications)
    .innerJoin(inspections, eq(inspections.id, rectifications.inspectionId))
    .where(where);
  return { items: items as RectificationRow[], total: total?.value ?? 0 };
}

/** The items of one inspection, in the order they were written. */
export async function rectificationsOfInspection(db: Executor, inspectionId: string) {
  return (await rectificationsWithNames(db)
    .where(eq(rectifications.inspectionId, inspectionId))
    .orderBy(asc(rectifications.createdAt), asc(rectifications.dueOn), asc(rectifications.id))) as RectificationRow[];
}

export async function findRectificationInScope(db: Executor, actor: Actor, id: string) {
  const [row] = await rectificationsWithNames(db).where(and(eq(rectifications.id, id), inspectionScope(actor)));
  return row as RectificationRow | undefined;
}

// ── The sampling helper ──────────────────────────────────────────────────────────────────────

/**
 * Ids of the visits in [from, to] to cases the unit is responsible for (its subtree), in the
 * actor's jurisdiction, in a fixed order (so a seed always draws the same ones).
 */
export async function visitIdsInWindow(db: Executor, actor: Actor, unitPath: string, from: string, to: string) {
  const rows = await db
    .select({ id: visits.id })
    .from(visits)
    .innerJoin(cases, eq(cases.id, visits.caseId))
    .where(
      and(
        caseScope(actor),
        sql`${cases.responsiblePath} LIKE ${prefix(unitPath)}`,
        gte(visits.visitedOn, from),
        lte(visits.visitedOn, to),
      ),
    )
    .orderBy(asc(visits.id));
  return rows.map((r) => r.id);
}

export async function visitsWithPersons(db: Executor, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return db
    .select({ visit: visits, personId: cases.personId, personName: persons.name, level: cases.level })
    .from(visits)
    .innerJoin(cases, eq(cases.id, visits.caseId))
    .innerJoin(persons, eq(persons.id, cases.personId))
    .where(inArray(visits.id, [...ids]));
}

/** Cases the unit is responsible for with at least one obligation past due, in a fixed order. */
export async function caseIdsWithOverdue(db: Executor, actor: Actor, unitPath: string, today: string) {
  const rows = await db
    .selectDistinct({ caseId: obligations.caseId })
    .from(obligations)
    .where(
      and(
        inJurisdiction(actor, obligations.path, obligations.assistingPath),
        sql`${obligations.path} LIKE ${prefix(unitPath)}`,
        isNotNull(obligations.caseId),
        isNotNull(obligations.dueOn),
        lt(obligations.dueOn, today),
      ),
    )
    .orderBy(asc(obligations.caseId));
  return rows.map((r) => r.caseId as string);
}

export async function overdueOfCases(db: Executor, caseIds: readonly string[], today: string) {
  if (caseIds.length === 0) return [];
  return db
    .select({
      caseId: cases.id,
      personId: cases.personId,
      personName: persons.name,
      level: cases.level,
      kind: obligations.kind,
      dueOn: obligations.dueOn,
    })
    .from(obligations)
    .innerJoin(cases, eq(cases.id, obligations.caseId))
    .innerJoin(persons, eq(persons.id, cases.personId))
    .where(and(inArray(obligations.caseId, [...caseIds]), isNotNull(obligations.dueOn), lt(obligations.dueOn, today)))
    .orderBy(asc(obligations.dueOn), asc(obligations.kind));
}

// ── Alerts (read only: the alerts module owns them) ──────────────────────────────────────────

/** An alert in the actor's jurisdiction (its path or the 居住地 path). */
export async function findAlertForInvestigation(db: Executor, actor: Actor, id: string) {
  const [row] = await db
    .select()
    .from(alerts)
    .where(and(eq(alerts.id, id), inJurisdiction(actor, alerts.path, alerts.assistingPath)));
  return row;
}

// ── Investigations ───────────────────────────────────────────────────────────────────────────

function investigationScope(actor: Actor): SQL {
  return inJurisdiction(actor, investigations.path, investigations.assistingPath);
}

const investigationColumns = {
  investigation: investigations,
  createdByName: users.displayName,
  personId: cases.personId,
  personName: persons.name,
  alertDescription: alerts.description,
  alertOccurredAt: alerts.occurredAt,
  alertStatus: alerts.status,
};

function investigationsWithNames(db: Executor) {
  return db
    .select(investigationColumns)
    .from(investigations)
    .innerJoin(users, eq(users.id, investigations.createdBy))
    .leftJoin(alerts, eq(alerts.id, investigations.alertId))
    .leftJoin(cases, eq(cases.id, investigations.caseId))
    .leftJoin(persons, eq(persons.id, cases.personId));
}

/** A row as read with its names (the columns above; left-joined ones may be null). */
export type InvestigationRow = Awaited<ReturnType<typeof investigationsWithNames>>[number];

export async function listInvestigations(
  db: Executor,
  actor: Actor,
  filters: {
    alertId?: string | undefined;
    caseId?: string | undefined;
    status?: string | undefined;
    page: number;
    pageSize: number;
  },
) {
  const where = and(
    investigationScope(actor),
    filters.alertId ? eq(investigations.alertId, filters.alertId) : undefined,
    filters.caseId ? eq(investigations.caseId, filters.caseId) : undefined,
    filters.status ? eq(investigations.status, filters.status) : undefined,
  );
  const items = await investigationsWithNames(db)
    .where(where)
    .orderBy(desc(investigations.createdAt), asc(investigations.id))
    .limit(filters.pageSize)
    .offset((filters.page - 1) * filters.pageSize);
  const [total] = await db.select({ value: count() }).from(investigations).where(where);
  return { items: items as InvestigationRow[], total: total?.value ?? 0 };
}

export async function findInvestigationInScope(db: Executor, actor: Actor, id: string) {
  const [row] = await investigationsWithNames(db).where(and(eq(investigations.id, id), investigationScope(actor)));
  return row as InvestigationRow | undefined;
}

/** The investigation of an alert, wherever it is (one per alert, whoever recorded it). */
export async function investigationOfAlert(db: Executor, alertId: string) {
  const [row] = await db
    .select({ id: investigations.id })
    .from(investigations)
    .where(eq(investigations.alertId, alertId));
  return row;
}

/** Names of units by id (the accountable units of investigations). */
export async function unitNames(db: Executor, ids: readonly string[]) {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map<string, string>();
  const rows = await db
    .select({ id: orgUnits.id, name: orgUnits.name })
    .from(orgUnits)
    .where(inArray(orgUnits.id, unique));
  return new Map(rows.map((r) => [r.id, r.name]));
}
