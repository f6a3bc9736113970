import pg from 'pg';
import { openPostgres } from '../src/db/client.js';
import { migratePostgres } from '../src/db/migrate.js';
import { seedForTests } from './seed.js';

/** `ANXIN_TEST_DRIVER=postgres` runs the integration suite on the server named by TEST_DATABASE_URL. */
export function testDriver(): 'pglite' | 'postgres' {
  return process.env.ANXIN_TEST_DRIVER === 'postgres' ? 'postgres' : 'pglite';
}

function serverUrl(): string {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error('ANXIN_TEST_DRIVER=postgres needs TEST_DATABASE_URL');
  return url;
}

/** The URL of another database on the same server. */
export function databaseUrl(name: string): string {
  const url = new URL(serverUrl());
  url.pathname = `/${name}`;
  return url.toString();
}

async function admin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: serverUrl() });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export async function createTemplateDatabase(): Promise<string> {
  const name = `anxin_tpl_${process.pid}_${Date.now()}`;
  await admin((client) => client.query(`CREATE DATABASE ${name}`));
  await migratePostgres(databaseUrl(name));
  const database = openPostgres(databaseUrl(name));
  await seedForTests(database.db);
  await database.close();
  return name;
}

export async function createDatabaseFrom(template: string): Promise<string> {
  const name = `anxin_t_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  await admin((client) => client.query(`CREATE DATABASE ${name} TEMPLATE ${template}`));
  return name;
}

export async function dropDatabase(name: string): Promise<void> {
  await admin((client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
}
