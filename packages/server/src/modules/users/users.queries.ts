import type { Role } from '@anxin/shared';
import { and, asc, eq, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { orgUnits, users } from '../../db/schema.js';
import type { Actor } from '../access/actor.js';
import { inJurisdiction } from '../access/scope.js';

export type UserRow = typeof users.$inferSelect;

/** Users inside the reader's jurisdiction; the administrator sees all accounts. */
function visible(actor: Actor): SQL | undefined {
  return actor.roles.includes('admin') ? undefined : inJurisdiction(actor, orgUnits.path);
}

export async function listVisibleUsers(db: Executor, actor: Actor): Promise<UserRow[]> {
  const rows = await db
    .select({ user: users })
    .from(users)
    .innerJoin(orgUnits, eq(orgUnits.id, users.orgUnitId))
    .where(visible(actor))
    .orderBy(asc(orgUnits.path), asc(users.username));
  return rows.map((row) => row.user);
}

export async function findVisibleUser(db: Executor, actor: Actor, id: string): Promise<UserRow | undefined> {
  const [row] = await db
    .select({ user: users })
    .from(users)
    .innerJoin(orgUnits, eq(orgUnits.id, users.orgUnitId))
    .where(and(eq(users.id, id), visible(actor)));
  return row?.user;
}

/** Usernames are unique regardless of case. */
export async function findUserByUsername(db: Executor, username: string): Promise<UserRow | undefined> {
  const [row] = await db.select().from(users).where(sql`lower(${users.username}) = ${username.trim().toLowerCase()}`);
  return row;
}

/** Inserts a user; used by the API, the CLI and the seeds. */
export async function insertUser(
  tx: Executor,
  values: {
    id?: string;
    username: string;
    displayName: string;
    passwordHash: string;
    orgUnitId: string;
    roles: Role[];
  },
): Promise<UserRow> {
  const [row] = await tx.insert(users).values(values).returning();
  return row as UserRow;
}
