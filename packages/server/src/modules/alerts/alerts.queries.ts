import { and, asc, count, desc, eq, inArray, ne, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { alertEvents, alerts, caseTeamMembers, orgUnits, persons, users } from '../../db/schema.js';
import type { Actor } from '../access/actor.js';
import { inJurisdiction } from '../access/scope.js';

export type AlertRow = typeof alerts.$inferSelect;
export type AlertWithPerson = { alert: AlertRow; personName: string };

/**
 * Jurisdiction of alerts: the paths copied from the case (or, without a case, the person's 户籍地
 * and 居住地) when it was raised; a transfer of the case moves them (transfers.service).
 */
export function alertScope(actor: Actor): SQL {
  return inJurisdiction(actor, alerts.path, alerts.assistingPath);
}

export interface AlertFilters {
  caseId?: string | undefined;
  personId?: string | undefined;
  /** A status, or `open` (not yet disposed). */
  status?: string | undefined;
  page: number;
  pageSize: number;
}

export async function listAlerts(db: Executor, actor: Actor, filters: AlertFilters) {
  const where = and(
    alertScope(actor),
    filters.caseId ? eq(alerts.caseId, filters.caseId) : undefined,
    filters.personId ? eq(alerts.personId, filters.personId) : undefined,
    filters.status === 'open'
      ? ne(alerts.status, 'disposed')
      : filters.status
        ? eq(alerts.status, filters.status)
        : undefined,
  );
  const items = await db
    .select({ alert: alerts, personName: persons.name })
    .from(alerts)
    .innerJoin(persons, eq(persons.id, alerts.personId))
    .where(where)
    .orderBy(desc(alerts.occurredAt), desc(alerts.id))
    .limit(filters.pageSize)
    .offset((filters.page - 1) * filters.pageSize);
  const [total] = await db.select({ value: count() }).from(alerts).where(where);
  return { items: items as AlertWithPerson[], total: total?.value ?? 0 };
}

export async function findAlertInScope(db: Executor, actor: Actor, id: string): Promise<AlertWithPerson | undefined> {
  const [row] = await db
    .select({ alert: alerts, personName: persons.name })
    .from(alerts)
    .innerJoin(persons, eq(persons.id, alerts.personId))
    .where(and(eq(alerts.id, id), alertScope(actor)));
  return row;
}

/** The open alerts of the jurisdiction, oldest first: what the dashboard's timers are read from. */
export async function openAlerts(db: Executor, actor: Actor) {
  return db
    .select({
      id: alerts.id,
      caseId: alerts.caseId,
      personName: persons.name,
      occurredAt: alerts.occurredAt,
      status: alerts.status,
      policeRespondedAt: alerts.policeRespondedAt,
      teamNotifiedAt: alerts.teamNotifiedAt,
    })
    .from(alerts)
    .innerJoin(persons, eq(persons.id, alerts.personId))
    .where(and(alertScope(actor), ne(alerts.status, 'disposed')))
    .orderBy(asc(alerts.occurredAt), asc(alerts.id));
}

/** The timelines of some alerts, oldest step first, with who recorded each. */
export async function eventsOf(db: Executor, alertIds: readonly string[]) {
  if (alertIds.length === 0) return [];
  return db
    .select({ event: alertEvents, actorName: users.displayName })
    .from(alertEvents)
    .innerJoin(users, eq(users.id, alertEvents.actorId))
    .where(inArray(alertEvents.alertId, [...alertIds]))
    .orderBy(asc(alertEvents.at), asc(alertEvents.createdAt), asc(alertEvents.id));
}

/** The town's units that hold a role among `roles` (平安办, 派出所): who an alert notifies at once. */
export async function townUnitsWithRoles(db: Executor, townId: string, roles: readonly string[]): Promise<string[]> {
  const rows = await db
    .selectDistinct({ id: orgUnits.id })
    .from(users)
    .innerJoin(orgUnits, eq(orgUnits.id, users.orgUnitId))
    .where(
      and(
        eq(orgUnits.parentId, townId),
        eq(orgUnits.kind, 'department'),
        eq(users.disabled, false),
        sql`${users.roles} && ARRAY[${sql.join(
          roles.map((r) => sql`${r}`),
          sql`, `,
        )}]::text[]`,
      ),
    );
  return rows.map((r) => r.id);
}

/** The units of a case's team members: who "通报服务管理小组" reaches. */
export async function teamUnitsOf(db: Executor, caseId: string): Promise<string[]> {
  const rows = await db
    .selectDistinct({ id: users.orgUnitId })
    .from(caseTeamMembers)
    .innerJoin(users, eq(users.id, caseTeamMembers.userId))
    .where(eq(caseTeamMembers.caseId, caseId));
  return rows.map((r) => r.id);
}
