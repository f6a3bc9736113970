import { and, count, desc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { alerts, cases, orgUnits, persons, users, visits } from '../../db/schema.js';
import type { Actor } from '../access/actor.js';
import { inJurisdiction } from '../access/scope.js';
import { caseScope } from '../cases/cases.queries.js';

/** Display names of users, by id (visitors, people on duty, signatories). */
export async function namesOf(db: Executor, ids: readonly string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await db
    .select({ id: users.id, displayName: users.displayName })
    .from(users)
    .where(inArray(users.id, unique));
  return new Map(rows.map((r) => [r.id, r.displayName]));
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

export async function listVisits(
  db: Executor,
  actor: Actor,
  filters: { caseId?: string | undefined; page: number; pageSize: number },
) {
  const where = and(caseScope(actor), filters.caseId ? eq(visits.caseId, filters.caseId) : undefined);
  const items = await db
    .select({ visit: visits, personId: cases.personId, personName: persons.name, level: cases.level })
    .from(visits)
    .innerJoin(cases, eq(cases.id, visits.caseId))
    .innerJoin(persons, eq(persons.id, cases.personId))
    .where(where)
    .orderBy(desc(visits.visitedAt), desc(visits.createdAt))
    .limit(filters.pageSize)
    .offset((filters.page - 1) * filters.pageSize);
  const [total] = await db
    .select({ value: count() })
    .from(visits)
    .innerJoin(cases, eq(cases.id, visits.caseId))
    .where(where);
  return { items, total: total?.value ?? 0 };
}

function alertScope(actor: Actor): SQL {
  return inJurisdiction(actor, alerts.path, alerts.assistingPath);
}

export async function listAlerts(
  db: Executor,
  actor: Actor,
  filters: { caseId?: string | undefined; status?: string | undefined; page: number; pageSize: number },
) {
  const where = and(
    alertScope(actor),
    filters.caseId ? eq(alerts.caseId, filters.caseId) : undefined,
    filters.status ? eq(alerts.status, filters.status) : undefined,
  );
  const items = await db
    .select({ alert: alerts, personName: persons.name })
    .from(alerts)
    .innerJoin(persons, eq(persons.id, alerts.personId))
    .where(where)
    .orderBy(desc(alerts.occurredAt))
    .limit(filters.pageSize)
    .offset((filters.page - 1) * filters.pageSize);
  const [total] = await db.select({ value: count() }).from(alerts).where(where);
  return { items, total: total?.value ?? 0 };
}

export async function findAlertInScope(db: Executor, actor: Actor, id: string) {
  const [row] = await db
    .select({ alert: alerts, personName: persons.name })
    .from(alerts)
    .innerJoin(persons, eq(persons.id, alerts.personId))
    .where(and(eq(alerts.id, id), alertScope(actor)));
  return row;
}
