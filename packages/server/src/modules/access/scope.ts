import { type AnyColumn, like, or, type SQL, sql } from 'drizzle-orm';
import type { Actor } from './actor.js';

/**
 * The jurisdiction condition every scoped query carries: one of the given unit-path columns lies
 * in the actor's subtree. Without a scope (the system administrator) nothing matches.
 * Paths hold only UUIDs and slashes, so the prefix needs no LIKE escaping.
 */
export function inJurisdiction(actor: Actor, ...pathColumns: AnyColumn[]): SQL {
  if (actor.scopePath === null) return sql`false`;
  const prefix = `${actor.scopePath}%`;
  const conditions = pathColumns.map((column) => like(column, prefix));
  return (conditions.length === 1 ? conditions[0] : or(...conditions)) as SQL;
}
