import { count } from 'drizzle-orm';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { databaseUrl, dropDatabase, testDriver } from '../../test/databases.js';
import { openPostgres } from './client.js';
import { migratePostgres } from './migrate.js';
import { orgUnits } from './schema.js';

describe.skipIf(testDriver() !== 'postgres')('migrations on PostgreSQL', () => {
  it('can be started by several processes at once (advisory lock)', async () => {
    const name = `anxin_mig_${process.pid}_${Date.now()}`;
    const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    try {
      await Promise.all([1, 2, 3, 4].map(() => migratePostgres(databaseUrl(name))));
      const database = openPostgres(databaseUrl(name));
      const [row] = await database.db.select({ value: count() }).from(orgUnits);
      expect(row?.value).toBe(0);
      await database.close();
    } finally {
      await dropDatabase(name);
    }
  });
});
