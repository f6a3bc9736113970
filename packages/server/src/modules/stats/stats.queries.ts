// The statistics of one unit, each a set-based query (GROUP BY / FILTER), never a loop. Every query
// carries the actor's jurisdiction (caseScope or inJurisdiction on the row's own paths) and the
// chosen unit's subtree as a path prefix:
// - a case counts in the unit of its responsible path (户籍地 village, or the town it was designated
//   or transferred to). A case assisted here (居住地 in the unit, 户籍地 elsewhere) is counted only in
//   `assisted`, so that no person is counted twice when a district adds up its towns;
// - work records, help items and grievances follow their case; alerts and obligations carry the
//   case's responsible path themselves.
import { type AnyColumn, and, count, eq, gte, inArray, isNotNull, lt, lte, ne, not, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import {
  alerts,
  assessmentReports,
  caseLevelHistory,
  cases,
  dailyReports,
  grievances,
  meetingCases,
  meetings,
  obligations,
  orgUnits,
  persons,
  serviceItems,
  visits,
} from '../../db/schema.js';
import type { Actor } from '../access/actor.js';
import { inJurisdiction } from '../access/scope.js';
import { caseScope } from '../cases/cases.queries.js';

/** The days and instants that bound one statistics month, and the day standing counts are taken on. */
export interface StatsPeriod {
  /** "2026-11" */
  month: string;
  /** First and last day of the month (Beijing dates). */
  first: string;
  last: string;
  /** The instants (ISO, +08:00) the month starts and the next one starts: for timestamp columns. */
  start: string;
  end: string;
  /** The month's last day, or today while the month runs. */
  asOf: string;
  /** True when asOf is today: the cases' own level is the level on asOf. */
  current: boolean;
  today: string;
}

/** The column's unit path lies in the subtree of `path` (paths hold only ids and slashes: no escaping). */
const under = (column: AnyColumn, path: string): SQL => sql`${column} LIKE ${`${path}%`}`;

/** Cases the actor may see whose responsible unit lies in the unit's subtree. */
function casesOfUnit(actor: Actor, unitPath: string): SQL {
  return and(caseScope(actor), under(cases.responsiblePath, unitPath)) as SQL;
}

/** On the list on `day`: listed on or before it and not closed by then. */
function listedOn(day: string): SQL {
  return sql`(${cases.listedOn} <= ${day} AND (${cases.closedOn} IS NULL OR ${cases.closedOn} > ${day}))`;
}

/**
 * The level a case had on `asOf`: its own level while the month runs; for a past month the last
 * level its history gave it by then (a case written without history keeps its own level).
 */
function levelOn(period: StatsPeriod): SQL<number> {
  if (period.current) return sql<number>`${cases.level}`;
  return sql<number>`COALESCE((
    SELECT h.to_level FROM ${caseLevelHistory} h
    WHERE h.case_id = ${cases.id} AND h.effective_on <= ${period.asOf} AND h.to_level IS NOT NULL
    ORDER BY h.effective_on DESC, h.created_at DESC LIMIT 1), ${cases.level})`;
}

/** Persons on the list on asOf, counted by their responsible unit and level. */
export function listedByUnitAndLevel(db: Executor, actor: Actor, unitPath: string, period: StatsPeriod) {
  const level = levelOn(period);
  return db
    .select({ orgUnitId: orgUnits.id, kind: orgUnits.kind, level, count: count() })
    .from(cases)
    .innerJoin(orgUnits, eq(orgUnits.path, cases.responsiblePath))
    .where(and(casesOfUnit(actor, unitPath), listedOn(period.asOf)))
    .groupBy(sql`1`, sql`2`, sql`3`);
}

/** The villages and communities under the unit (in the actor's jurisdiction), by statistics code. */
export function villagesUnder(db: Executor, actor: Actor, unitPath: string) {
  return db
    .select({ id: orgUnits.id, name: orgUnits.name, kind: orgUnits.kind, code: orgUnits.code })
    .from(orgUnits)
    .where(
      and(
        inArray(orgUnits.kind, ['village', 'community']),
        inJurisdiction(actor, orgUnits.path),
        under(orgUnits.path, unitPath),
      ),
    )
    .orderBy(sql`${orgUnits.code} ASC NULLS LAST`, orgUnits.name);
}

/** Listed persons on asOf by screening category (one case counts once in each of its categories). */
export function listedByCategory(db: Executor, actor: Actor, unitPath: string, period: StatsPeriod) {
  const category = sql<string>`unnest(${cases.categories})`;
  return db
    .select({ category, count: count() })
    .from(cases)
    .where(and(casesOfUnit(actor, unitPath), listedOn(period.asOf)))
    .groupBy(sql`1`);
}

/** Cases by status on asOf: awaiting a decision, on the list, rejected or delisted by then. */
export async function casesByStatus(db: Executor, actor: Actor, unitPath: string, asOf: string) {
  const closedBy = (status: string) =>
    sql<number>`(count(*) FILTER (WHERE ${cases.status} = ${status} AND ${cases.closedOn} <= ${asOf}))::int`;
  const [row] = await db
    .select({
      proposed: sql<number>`(count(*) FILTER (WHERE ${cases.proposedOn} <= ${asOf}
        AND (${cases.listedOn} IS NULL OR ${cases.listedOn} > ${asOf})
        AND (${cases.closedOn} IS NULL OR ${cases.closedOn} > ${asOf})))::int`,
      listed: sql<number>`(count(*) FILTER (WHERE ${listedOn(asOf)}))::int`,
      rejected: closedBy('rejected'),
      delisted: closedBy('delisted'),
    })
    .from(cases)
    .where(casesOfUnit(actor, unitPath));
  return row ?? { proposed: 0, listed: 0, rejected: 0, delisted: 0 };
}

/** Persons listed elsewhere who live in the unit (assisting path here, responsible path not), by level. */
export function assistedByLevel(db: Executor, actor: Actor, unitPath: string, period: StatsPeriod) {
  const level = levelOn(period);
  return db
    .select({ level, count: count() })
    .from(cases)
    .where(
      and(
        caseScope(actor),
        under(cases.assistingPath, unitPath),
        not(under(cases.responsiblePath, unitPath)),
        listedOn(period.asOf),
      ),
    )
    .groupBy(sql`1`);
}

/** Listings, delistings and level changes that took effect in the month. */
export async function changesInMonth(db: Executor, actor: Actor, unitPath: string, period: StatsPeriod) {
  const inMonth = (column: AnyColumn) => sql`${column} BETWEEN ${period.first} AND ${period.last}`;
  const [totals] = await db
    .select({
      listed: sql<number>`(count(*) FILTER (WHERE ${inMonth(cases.listedOn)}))::int`,
      delisted: sql<number>`(count(*) FILTER (WHERE ${cases.status} = 'delisted' AND ${inMonth(cases.closedOn)}))::int`,
    })
    .from(cases)
    .where(casesOfUnit(actor, unitPath));
  const [changed] = await db
    .select({ value: count() })
    .from(caseLevelHistory)
    .innerJoin(cases, eq(cases.id, caseLevelHistory.caseId))
    .where(
      and(
        casesOfUnit(actor, unitPath),
        eq(caseLevelHistory.kind, 'change_level'),
        gte(caseLevelHistory.effectiveOn, period.first),
        lte(caseLevelHistory.effectiveOn, period.last),
      ),
    );
  const byReason = await db
    .select({ reasonCode: sql<string>`COALESCE(${cases.delistReasonCode}, 'other')`, count: count() })
    .from(cases)
    .where(and(casesOfUnit(actor, unitPath), eq(cases.status, 'delisted'), inMonth(cases.closedOn)))
    .groupBy(sql`1`)
    .orderBy(sql`1`);
  return {
    listed: totals?.listed ?? 0,
    delisted: totals?.delisted ?? 0,
    levelChanged: changed?.value ?? 0,
    delistedByReason: byReason,
  };
}

export interface TrendMonth {
  month: string;
  first: string;
  last: string;
}

/** For each month: listings and delistings in it, and persons on the list at its end; one pass over the cases. */
export async function trend(db: Executor, actor: Actor, unitPath: string, months: readonly TrendMonth[]) {
  const values = sql.join(
    months.map((m) => sql`(${m.month}, ${m.first}::date, ${m.last}::date)`),
    sql`, `,
  );
  const rows = await db.execute(sql`
    SELECT m.month,
      (count(c.id) FILTER (WHERE c.listed_on BETWEEN m.first_day AND m.last_day))::int AS listed,
      (count(c.id) FILTER (WHERE c.status = 'delisted' AND c.closed_on BETWEEN m.first_day AND m.last_day))::int AS delisted,
      (count(c.id) FILTER (WHERE c.listed_on <= m.last_day AND (c.closed_on IS NULL OR c.closed_on > m.last_day)))::int AS on_list
    FROM (VALUES ${values}) AS m(month, first_day, last_day)
    LEFT JOIN (
      SELECT ${cases.id} AS id, ${cases.status} AS status, ${cases.listedOn} AS listed_on, ${cases.closedOn} AS closed_on
      FROM ${cases}
      WHERE ${casesOfUnit(actor, unitPath)} AND ${isNotNull(cases.listedOn)} AND ${cases.listedOn} <= ${months.at(-1)?.last}
    ) AS c ON true
    GROUP BY m.month
    ORDER BY m.month`);
  return (rows as unknown as { rows: { month: string; listed: number; delisted: number; on_list: number }[] }).rows.map(
    (row) => ({
      month: row.month,
      listed: Number(row.listed),
      delisted: Number(row.delisted),
      onList: Number(row.on_list),
    }),
  );
}

/** Obligations of the unit overdue today (due before it), by kind. */
export function overdueByKind(db: Executor, actor: Actor, unitPath: string, today: string) {
  return db
    .select({ kind: obligations.kind, count: count() })
    .from(obligations)
    .where(
      and(
        inJurisdiction(actor, obligations.path, obligations.assistingPath),
        under(obligations.path, unitPath),
        lt(obligations.dueOn, today),
      ),
    )
    .groupBy(obligations.kind);
}

/** Visits, meetings by kind and reports of the month. */
export async function workInMonth(db: Executor, actor: Actor, unitPath: string, period: StatsPeriod) {
  const ofUnit = casesOfUnit(actor, unitPath);
  const [visitCount] = await db
    .select({ value: count() })
    .from(visits)
    .innerJoin(cases, eq(cases.id, visits.caseId))
    .where(and(ofUnit, gte(visits.visitedOn, period.first), lte(visits.visitedOn, period.last)));
  const [assessmentCount] = await db
    .select({ value: count() })
    .from(assessmentReports)
    .innerJoin(cases, eq(cases.id, assessmentReports.caseId))
    .where(
      and(ofUnit, gte(assessmentReports.reportedOn, period.first), lte(assessmentReports.reportedOn, period.last)),
    );
  const [dailyCount] = await db
    .select({ value: count() })
    .from(dailyReports)
    .innerJoin(cases, eq(cases.id, dailyReports.caseId))
    .where(and(ofUnit, gte(dailyReports.reportedOn, period.first), lte(dailyReports.reportedOn, period.last)));
  // A meeting counts for the unit when a unit of its subtree held it, or a case of the unit was on its agenda.
  const agendaOfUnit = sql`EXISTS (SELECT 1 FROM ${meetingCases} INNER JOIN ${cases} ON ${cases.id} = ${meetingCases.caseId}
    WHERE ${meetingCases.meetingId} = ${meetings.id} AND ${ofUnit})`;
  const meetingCounts = await db
    .select({ kind: meetings.kind, count: count() })
    .from(meetings)
    .where(
      and(
        gte(meetings.heldOn, period.first),
        lte(meetings.heldOn, period.last),
        sql`((${inJurisdiction(actor, meetings.orgUnitPath)} AND ${under(meetings.orgUnitPath, unitPath)}) OR ${agendaOfUnit})`,
      ),
    )
    .groupBy(meetings.kind)
    .orderBy(meetings.kind);
  return {
    visits: visitCount?.value ?? 0,
    meetings: meetingCounts,
    assessmentReports: assessmentCount?.value ?? 0,
    dailyReports: dailyCount?.value ?? 0,
  };
}

/** Help items by type and status (now), and those created and completed in the month. */
export async function servicesOfUnit(db: Executor, actor: Actor, unitPath: string, period: StatsPeriod) {
  const ofUnit = casesOfUnit(actor, unitPath);
  const byTypeStatus = await db
    .select({ type: serviceItems.type, status: serviceItems.status, count: count() })
    .from(serviceItems)
    .innerJoin(cases, eq(cases.id, serviceItems.caseId))
    .where(ofUnit)
    .groupBy(serviceItems.type, serviceItems.status)
    .orderBy(serviceItems.type, serviceItems.status);
  const [flows] = await db
    .select({
      created: sql<number>`(count(*) FILTER (WHERE ${serviceItems.createdAt} >= ${period.start} AND ${serviceItems.createdAt} < ${period.end}))::int`,
      completed: sql<number>`(count(*) FILTER (WHERE ${serviceItems.completedOn} BETWEEN ${period.first} AND ${period.last}))::int`,
    })
    .from(serviceItems)
    .innerJoin(cases, eq(cases.id, serviceItems.caseId))
    .where(ofUnit);
  return { byTypeStatus, createdInMonth: flows?.created ?? 0, completedInMonth: flows?.completed ?? 0 };
}

/** Grievances by status (now), opened and resolved in the month, and open ones past their due date. */
export async function grievancesOfUnit(db: Executor, actor: Actor, unitPath: string, period: StatsPeriod) {
  const ofUnit = casesOfUnit(actor, unitPath);
  const byStatus = await db
    .select({ status: grievances.status, count: count() })
    .from(grievances)
    .innerJoin(cases, eq(cases.id, grievances.caseId))
    .where(ofUnit)
    .groupBy(grievances.status)
    .orderBy(grievances.status);
  const [flows] = await db
    .select({
      opened: sql<number>`(count(*) FILTER (WHERE ${grievances.createdAt} >= ${period.start} AND ${grievances.createdAt} < ${period.end}))::int`,
      resolved: sql<number>`(count(*) FILTER (WHERE ${grievances.resolvedOn} BETWEEN ${period.first} AND ${period.last}))::int`,
      overdue: sql<number>`(count(*) FILTER (WHERE ${grievances.status} IN ('open', 'in_progress') AND ${grievances.dueOn} < ${period.today}))::int`,
    })
    .from(grievances)
    .innerJoin(cases, eq(cases.id, grievances.caseId))
    .where(ofUnit);
  return {
    byStatus,
    openedInMonth: flows?.opened ?? 0,
    resolvedInMonth: flows?.resolved ?? 0,
    overdue: flows?.overdue ?? 0,
  };
}

/** Alerts of the unit: open now; reported, answered by the police and disposed in the month. */
export async function alertsOfUnit(db: Executor, actor: Actor, unitPath: string, period: StatsPeriod) {
  const within = (column: AnyColumn) => sql`${column} >= ${period.start} AND ${column} < ${period.end}`;
  const [row] = await db
    .select({
      open: sql<number>`(count(*) FILTER (WHERE ${ne(alerts.status, 'disposed')}))::int`,
      inMonth: sql<number>`(count(*) FILTER (WHERE ${within(alerts.occurredAt)}))::int`,
      respondedInMonth: sql<number>`(count(*) FILTER (WHERE ${within(alerts.policeRespondedAt)}))::int`,
      disposedInMonth: sql<number>`(count(*) FILTER (WHERE ${within(alerts.disposedAt)}))::int`,
    })
    .from(alerts)
    .where(and(inJurisdiction(actor, alerts.path, alerts.assistingPath), under(alerts.path, unitPath)));
  return row ?? { open: 0, inMonth: 0, respondedInMonth: 0, disposedInMonth: 0 };
}

// ── Name lists of the month, for the exports (附表) ─────────────────────────────────────────────

/** Persons listed in the month: name, responsible unit, level at listing, categories, date and source. */
export function listedInMonthRows(db: Executor, actor: Actor, unitPath: string, period: StatsPeriod) {
  const levelAtListing = sql<number | null>`COALESCE((
    SELECT h.to_level FROM ${caseLevelHistory} h
    WHERE h.case_id = ${cases.id} AND h.kind IN ('list', 'emergency')
    ORDER BY h.effective_on, h.created_at LIMIT 1), ${cases.level}, ${cases.proposedLevel})`;
  return db
    .select({
      caseId: cases.id,
      personName: persons.name,
      unitName: orgUnits.name,
      level: levelAtListing,
      categories: cases.categories,
      listedOn: cases.listedOn,
      source: cases.source,
    })
    .from(cases)
    .innerJoin(persons, eq(persons.id, cases.personId))
    .innerJoin(orgUnits, eq(orgUnits.path, cases.responsiblePath))
    .where(and(casesOfUnit(actor, unitPath), gte(cases.listedOn, period.first), lte(cases.listedOn, period.last)))
    .orderBy(cases.listedOn, persons.name, cases.id);
}

/** Persons delisted in the month: name, responsible unit, level before, date and reason. */
export function delistedInMonthRows(db: Executor, actor: Actor, unitPath: string, period: StatsPeriod) {
  const levelBefore = sql<number | null>`(
    SELECT h.from_level FROM ${caseLevelHistory} h
    WHERE h.case_id = ${cases.id} AND h.kind = 'delist'
    ORDER BY h.effective_on DESC, h.created_at DESC LIMIT 1)`;
  return db
    .select({
      caseId: cases.id,
      personName: persons.name,
      unitName: orgUnits.name,
      level: levelBefore,
      closedOn: cases.closedOn,
      reasonCode: cases.delistReasonCode,
    })
    .from(cases)
    .innerJoin(persons, eq(persons.id, cases.personId))
    .innerJoin(orgUnits, eq(orgUnits.path, cases.responsiblePath))
    .where(
      and(
        casesOfUnit(actor, unitPath),
        eq(cases.status, 'delisted'),
        gte(cases.closedOn, period.first),
        lte(cases.closedOn, period.last),
      ),
    )
    .orderBy(cases.closedOn, persons.name, cases.id);
}
