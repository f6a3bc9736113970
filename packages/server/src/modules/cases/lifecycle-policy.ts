import type { Executor } from '../../db/client.js';
import { readPolicy } from '../obligations/policy.store.js';
import type { LifecyclePolicy } from './case-state.js';

/** The review and confirmation periods of the obligation policy in force on a Beijing date. */
export async function readLifecyclePolicy(db: Executor, on: string): Promise<LifecyclePolicy> {
  const policy = await readPolicy(db, on);
  return { confirmationDays: policy.confirmationDays, review: policy.review };
}
