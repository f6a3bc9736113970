import { and, asc, eq, inArray, or, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { orgUnits } from '../../db/schema.js';
import type { Actor } from '../access/actor.js';
import { inJurisdiction } from '../access/scope.js';

export type OrgUnitRow = typeof orgUnits.$inferSelect;

/** Ids on a path "/a/b/c/" from the root down. */
export function pathIds(path: string): string[] {
  return path.split('/').filter(Boolean);
}

/**
 * The units an actor may see: the subtree of their jurisdiction plus its ancestors (so the web
 * app can draw the tree and name the district above a town). The administrator sees all.
 */
function visibleUnits(actor: Actor): SQL | undefined {
  if (actor.roles.includes('admin')) return undefined;
  if (actor.scopePath === null) return eq(orgUnits.id, actor.orgUnitId);
  return or(inJurisdiction(actor, orgUnits.path), inArray(orgUnits.id, pathIds(actor.scopePath)));
}

export function listVisibleUnits(db: Executor, actor: Actor) {
  return db.select().from(orgUnits).where(visibleUnits(actor)).orderBy(asc(orgUnits.path));
}

export async function findVisibleUnit(db: Executor, actor: Actor, id: string): Promise<OrgUnitRow | undefined> {
  const [row] = await db
    .select()
    .from(orgUnits)
    .where(and(eq(orgUnits.id, id), visibleUnits(actor)));
  return row;
}

export async function findUnit(db: Executor, id: string): Promise<OrgUnitRow | undefined> {
  const [row] = await db.select().from(orgUnits).where(eq(orgUnits.id, id));
  return row;
}

export async function findUnitByCode(db: Executor, code: string): Promise<OrgUnitRow | undefined> {
  const [row] = await db.select().from(orgUnits).where(eq(orgUnits.code, code));
  return row;
}

/** The unit of one of `kinds` on a path (e.g. the town above a village), or undefined. */
export async function ancestorOfKind(
  db: Executor,
  path: string,
  kinds: readonly string[],
): Promise<OrgUnitRow | undefined> {
  const rows = await db
    .select()
    .from(orgUnits)
    .where(and(inArray(orgUnits.id, pathIds(path)), inArray(orgUnits.kind, [...kinds])));
  // The deepest match: the nearest ancestor.
  return rows.sort((a, b) => b.path.length - a.path.length)[0];
}

export async function findUnits(db: Executor, ids: readonly string[]): Promise<OrgUnitRow[]> {
  if (ids.length === 0) return [];
  return db
    .select()
    .from(orgUnits)
    .where(inArray(orgUnits.id, [...ids]));
}
