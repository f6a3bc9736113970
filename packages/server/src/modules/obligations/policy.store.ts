import { type PolicyBody, policyBody } from '@anxin/shared';
import { desc, lte } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { policies } from '../../db/schema.js';
import { DEFAULT_POLICY } from './rules.js';

export type PolicyRow = typeof policies.$inferSelect;

/** The built-in defaults, as the version in force before any was stored. */
export const DEFAULT_VERSION = {
  id: '00000000-0000-0000-0000-000000000000',
  effectiveFrom: '2000-01-01',
  createdBy: null,
  createdAt: new Date(0),
} as const;

/** A stored body parsed against today's schema: fields added later fall back to the defaults. */
function bodyOf(row: PolicyRow): PolicyBody {
  const parsed = policyBody.safeParse({ ...DEFAULT_POLICY, ...(row.body as object) });
  return parsed.success ? parsed.data : DEFAULT_POLICY;
}

/** The obligation policy in force on a Beijing date: the latest version effective on or before it. */
export async function readPolicy(db: Executor, on: string): Promise<PolicyBody> {
  const [row] = await db
    .select()
    .from(policies)
    .where(lte(policies.effectiveFrom, on))
    .orderBy(desc(policies.effectiveFrom), desc(policies.createdAt))
    .limit(1);
  return row ? bodyOf(row) : DEFAULT_POLICY;
}

export async function readPolicyVersion(db: Executor, on: string) {
  const [row] = await db
    .select()
    .from(policies)
    .where(lte(policies.effectiveFrom, on))
    .orderBy(desc(policies.effectiveFrom), desc(policies.createdAt))
    .limit(1);
  return row ? { ...row, body: bodyOf(row) } : { ...DEFAULT_VERSION, body: DEFAULT_POLICY };
}

export async function policyVersions(db: Executor) {
  const rows = await db.select().from(policies).orderBy(desc(policies.effectiveFrom), desc(policies.createdAt));
  return rows.map((row) => ({ ...row, body: bodyOf(row) }));
}

export type PolicyVersionRow = Awaited<ReturnType<typeof policyVersions>>[number];

/**
 * The body in force on a Beijing date among `versions` (newest first, as `policyVersions` gives
 * them): for reading many records of different days against one list, without a query each.
 */
export function policyOn(versions: readonly PolicyVersionRow[], on: string): PolicyBody {
  return versions.find((version) => version.effectiveFrom <= on)?.body ?? DEFAULT_POLICY;
}
