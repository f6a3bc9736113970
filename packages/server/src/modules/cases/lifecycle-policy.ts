import { eq } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { settings } from '../../db/schema.js';
import { DEFAULT_LIFECYCLE_POLICY, type LifecyclePolicy } from './case-state.js';

/**
 * The review and confirmation periods in force: the plan's defaults, overridden by the
 * installation's `lifecycle_policy` setting (the policy editor arrives with the obligations module).
 */
export async function readLifecyclePolicy(db: Executor): Promise<LifecyclePolicy> {
  const [row] = await db.select().from(settings).where(eq(settings.key, 'lifecycle_policy'));
  const stored = (row?.value ?? {}) as Partial<LifecyclePolicy>;
  return {
    confirmationDays: stored.confirmationDays ?? DEFAULT_LIFECYCLE_POLICY.confirmationDays,
    review: { ...DEFAULT_LIFECYCLE_POLICY.review, ...(stored.review ?? {}) },
  };
}
