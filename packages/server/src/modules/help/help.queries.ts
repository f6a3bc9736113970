// SQL of 帮扶服务 and 矛盾诉求. Scope always comes from the item's case (caseScope): a transfer of
// the case moves its items with it, and an item out of the caller's jurisdiction is not found.
import { and, asc, count, desc, eq, inArray, like, lt, not, or, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { cases, grievances, orgUnits, persons, serviceItems, users } from '../../db/schema.js';
import type { Actor } from '../access/actor.js';
import { caseScope } from '../cases/cases.queries.js';

export type ServiceRow = typeof serviceItems.$inferSelect;
export type GrievanceRow = typeof grievances.$inferSelect;

/** What every item is shown with: its person, its case and the names of its unit and creator. */
export interface ItemContext {
  personName: string;
  level: number | null;
  caseStatus: string;
  caseResponsiblePath: string;
  unitName: string;
  createdByName: string;
}

const contextColumns = {
  personName: persons.name,
  level: cases.level,
  caseStatus: cases.status,
  caseResponsiblePath: cases.responsiblePath,
  unitName: orgUnits.name,
  createdByName: users.displayName,
};

export interface QueueFilters {
  scope: 'unit' | 'all';
  status?: string | undefined;
  type?: string | undefined;
  orgUnitId?: string | undefined;
  caseId?: string | undefined;
  overdue?: 'true' | 'false' | undefined;
  page: number;
  pageSize: number;
}

const SERVICE_OPEN = ['planned', 'in_progress'];
const GRIEVANCE_OPEN = ['open', 'in_progress'];

/** Open and past its deadline on `today` (Beijing); derived when read, never stored. */
function overdueCondition(
  table: typeof serviceItems | typeof grievances,
  open: string[],
  today: string,
  overdue: 'true' | 'false' | undefined,
) {
  if (!overdue) return undefined;
  const condition = and(inArray(table.status, open), lt(table.dueOn, today)) as SQL;
  return overdue === 'true'
    ? condition
    : or(not(inArray(table.status, open)), sql`${table.dueOn} IS NULL`, not(lt(table.dueOn, today)));
}

function queueWhere(
  actor: Actor,
  table: typeof serviceItems | typeof grievances,
  open: string[],
  filters: QueueFilters,
  today: string,
) {
  return and(
    caseScope(actor),
    filters.scope === 'unit' ? eq(table.responsibleOrgUnitId, actor.orgUnitId) : undefined,
    filters.orgUnitId ? eq(table.responsibleOrgUnitId, filters.orgUnitId) : undefined,
    filters.caseId ? eq(table.caseId, filters.caseId) : undefined,
    filters.status ? eq(table.status, filters.status) : undefined,
    filters.type ? eq(table.type, filters.type) : undefined,
    overdueCondition(table, open, today, filters.overdue),
  );
}

/** Open items first, the nearest deadline first, then the newest. */
function queueOrder(table: typeof serviceItems | typeof grievances, open: string[]) {
  return [
    sql`CASE WHEN ${inArray(table.status, open)} THEN 0 ELSE 1 END`,
    sql`${table.dueOn} ASC NULLS LAST`,
    desc(table.createdAt),
    asc(table.id),
  ];
}

// ── 帮扶服务 ──────────────────────────────────────────────────────────────────────────────────

function servicesWithContext(db: Executor) {
  return db
    .select({ item: serviceItems, ...contextColumns })
    .from(serviceItems)
    .innerJoin(cases, eq(cases.id, serviceItems.caseId))
    .innerJoin(persons, eq(persons.id, serviceItems.personId))
    .innerJoin(orgUnits, eq(orgUnits.id, serviceItems.responsibleOrgUnitId))
    .innerJoin(users, eq(users.id, serviceItems.createdBy));
}

export type ServiceWithContext = { item: ServiceRow } & ItemContext;

export async function listServices(db: Executor, actor: Actor, filters: QueueFilters, today: string) {
  const where = queueWhere(actor, serviceItems, SERVICE_OPEN, filters, today);
  const items = await servicesWithContext(db)
    .where(where)
    .orderBy(...queueOrder(serviceItems, SERVICE_OPEN))
    .limit(filters.pageSize)
    .offset((filters.page - 1) * filters.pageSize);
  const [total] = await db
    .select({ value: count() })
    .from(serviceItems)
    .innerJoin(cases, eq(cases.id, serviceItems.caseId))
    .where(where);
  return { items: items as ServiceWithContext[], total: total?.value ?? 0 };
}

export async function findServiceInScope(db: Executor, actor: Actor, id: string) {
  const [row] = await servicesWithContext(db).where(and(eq(serviceItems.id, id), caseScope(actor)));
  return row as ServiceWithContext | undefined;
}

// ── 矛盾纠纷与诉求 ──────────────────────────────────────────────────────────────────────────────

function grievancesWithContext(db: Executor) {
  return db
    .select({ item: grievances, ...contextColumns })
    .from(grievances)
    .innerJoin(cases, eq(cases.id, grievances.caseId))
    .innerJoin(persons, eq(persons.id, grievances.personId))
    .innerJoin(orgUnits, eq(orgUnits.id, grievances.responsibleOrgUnitId))
    .innerJoin(users, eq(users.id, grievances.createdBy));
}

export type GrievanceWithContext = { item: GrievanceRow } & ItemContext;

export async function listGrievances(db: Executor, actor: Actor, filters: QueueFilters, today: string) {
  const where = queueWhere(actor, grievances, GRIEVANCE_OPEN, filters, today);
  const items = await grievancesWithContext(db)
    .where(where)
    .orderBy(...queueOrder(grievances, GRIEVANCE_OPEN))
    .limit(filters.pageSize)
    .offset((filters.page - 1) * filters.pageSize);
  const [total] = await db
    .select({ value: count() })
    .from(grievances)
    .innerJoin(cases, eq(cases.id, grievances.caseId))
    .where(where);
  return { items: items as GrievanceWithContext[], total: total?.value ?? 0 };
}

export async function findGrievanceInScope(db: Executor, actor: Actor, id: string) {
  const [row] = await grievancesWithContext(db).where(and(eq(grievances.id, id), caseScope(actor)));
  return row as GrievanceWithContext | undefined;
}

// ── Units an item may be given to ─────────────────────────────────────────────────────────────

/**
 * The units of a town an item may go to (its departments, the villages/communities that see the
 * case — `casePaths`, its responsible and assisting paths — and the district's departments), each
 * with the roles of its active staff, so a form can suggest 民政办 for 低保.
 */
export async function helpUnitsOf(
  db: Executor,
  town: { id: string; path: string; parentId: string | null },
  casePaths: readonly (string | null)[],
) {
  const candidates = await db
    .select({ id: orgUnits.id, name: orgUnits.name, kind: orgUnits.kind, path: orgUnits.path })
    .from(orgUnits)
    .where(
      or(
        and(eq(orgUnits.kind, 'department'), eq(orgUnits.parentId, town.id)),
        and(inArray(orgUnits.kind, ['village', 'community']), like(orgUnits.path, `${town.path}%`)),
        town.parentId ? and(eq(orgUnits.kind, 'department'), eq(orgUnits.parentId, town.parentId)) : undefined,
      ),
    );
  const units = candidates.filter(
    (unit) => unit.kind === 'department' || casePaths.some((path) => path?.startsWith(unit.path) === true),
  );
  if (units.length === 0) return [];
  // The town's own departments, then its villages and communities, then the district's departments.
  const GROUPS = ['town', 'village', 'district'] as const;
  const rank = (unit: { kind: string; path: string }) =>
    !unit.path.startsWith(town.path) ? 2 : unit.kind === 'department' ? 0 : 1;
  units.sort((a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name, 'zh-CN'));
  const staff = await db
    .select({ orgUnitId: users.orgUnitId, roles: users.roles })
    .from(users)
    .where(
      and(
        inArray(
          users.orgUnitId,
          units.map((u) => u.id),
        ),
        eq(users.disabled, false),
      ),
    );
  return units.map((unit) => ({
    id: unit.id,
    name: unit.name,
    kind: unit.kind,
    group: GROUPS[rank(unit)] as (typeof GROUPS)[number],
    roles: [...new Set(staff.filter((s) => s.orgUnitId === unit.id).flatMap((s) => s.roles))].sort(),
  }));
}
