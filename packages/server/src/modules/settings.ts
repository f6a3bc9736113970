import { eq } from 'drizzle-orm';
import type { Executor } from '../db/client.js';
import { settings } from '../db/schema.js';

/** Demo mode is a property of the database: set when the demo town is created in it. */
export async function readDemoMode(db: Executor): Promise<boolean> {
  const [row] = await db.select().from(settings).where(eq(settings.key, 'demo_mode'));
  return row?.value === true;
}

export async function writeDemoMode(tx: Executor, value: boolean): Promise<void> {
  await tx
    .insert(settings)
    .values({ key: 'demo_mode', value })
    .onConflictDoUpdate({ target: settings.key, set: { value, updatedAt: new Date() } });
}
