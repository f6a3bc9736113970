import { DEMO_PASSWORD } from '@anxin/shared';
import { count } from 'drizzle-orm';
import type { Logger } from 'pino';
import { type Database, openEmbedded, openPostgres } from './db/client.js';
import { orgUnits, users } from './db/schema.js';
import { systemClock } from './lib/clock.js';
import type { Config } from './lib/config.js';
import { deriveKeys, type Keys } from './lib/crypto.js';
import { createAuditLog } from './modules/audit/audit.service.js';
import { hashPassword } from './modules/auth/passwords.js';
import { seedDemoTown } from './seed/demo-town.js';

/** Opens the configured database (PostgreSQL with DATABASE_URL, else embedded) and migrates it. */
export async function openConfiguredDatabase(config: Config, logger?: Logger): Promise<Database> {
  const database = config.databaseUrl ? openPostgres(config.databaseUrl, logger) : await openEmbedded(config.dataDir);
  try {
    await database.migrate();
  } catch (error) {
    await database.close();
    throw error;
  }
  return database;
}

export async function isEmpty(database: Database): Promise<boolean> {
  const [unitCount] = await database.db.select({ value: count() }).from(orgUnits);
  const [userCount] = await database.db.select({ value: count() }).from(users);
  return (unitCount?.value ?? 0) === 0 && (userCount?.value ?? 0) === 0;
}

/**
 * Creates the demo town when the database is empty and either it is embedded (first start on a
 * laptop) or `--demo` was given. A database that already holds data is never touched.
 */
export async function seedDemoIfWanted(database: Database, keys: Keys, wanted: boolean): Promise<boolean> {
  if (!wanted || !(await isEmpty(database))) return false;
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const audit = createAuditLog(keys.audit, systemClock);
  await database.db.transaction(async (tx) => {
    await seedDemoTown(tx, keys, passwordHash);
    await audit.record(tx, { actor: null, ip: null, requestId: null }, { action: 'demo.seed', username: 'system' });
  });
  return true;
}

export function keysFrom(config: Config): Keys {
  return deriveKeys(config.masterKey);
}
