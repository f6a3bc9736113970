// The benchmark's database: a throwaway PostgreSQL database (TEST_DATABASE_URL) or PGlite in a
// temporary folder, with a raw query function for the generator and a drizzle handle that records
// the statements it runs (so EXPLAIN can replay exactly what a query function sent).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import pg from 'pg';
import type { Database, Db } from '../../packages/server/src/db/client.js';
import { migrateEmbedded, migratePostgres } from '../../packages/server/src/db/migrate.js';
import * as schema from '../../packages/server/src/db/schema.js';

export type Row = Record<string, unknown>;

export interface Statement {
  sql: string;
  params: unknown[];
}

export interface BenchDatabase {
  /** What the app is built on. */
  database: Database;
  /** e.g. "PostgreSQL 15.20 (node-postgres 8.23.1)". */
  description: string;
  /** True when generation was skipped because --reuse found a loaded database. */
  reused: boolean;
  /** Runs SQL text ($1… parameters) on the driver directly. */
  query(text: string, params?: unknown[]): Promise<Row[]>;
  /** A drizzle handle on the same connection(s) that records every statement it sends. */
  recording(): { db: Db; statements: Statement[] };
  /** Closes the connections and drops the database (or deletes the folder) unless `keep`. */
  dispose(keep: boolean): Promise<void>;
}

const require = createRequire(import.meta.url);

/** A dependency's version, from the package.json above its resolved entry point. */
function packageVersion(name: string): string {
  try {
    const entry = require.resolve(name);
    const root = entry.slice(0, entry.lastIndexOf(`node_modules/${name}/`) + `node_modules/${name}/`.length);
    return (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return '?';
  }
}

function recorder(make: (logger: { logQuery(query: string, params: unknown[]): void }) => Db) {
  const statements: Statement[] = [];
  const db = make({ logQuery: (query, params) => statements.push({ sql: query, params }) });
  return { db, statements };
}

/** Only databases whose name says they are the benchmark's are dropped and recreated. */
function benchUrl(serverUrl: string): { url: string; name: string; adminUrl: string } {
  const url = new URL(serverUrl);
  const given = url.pathname.replace(/^\//, '');
  const name = /^anxin_bench\w*$/.test(given) ? given : 'anxin_bench';
  url.pathname = `/${name}`;
  const admin = new URL(serverUrl);
  admin.pathname = '/postgres';
  return { url: url.toString(), name, adminUrl: admin.toString() };
}

async function admin(adminUrl: string, statement: string): Promise<Row[]> {
  const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 10_000 });
  await client.connect();
  try {
    return (await client.query(statement)).rows as Row[];
  } finally {
    await client.end();
  }
}

export async function openPostgresBench(serverUrl: string, reuse: boolean): Promise<BenchDatabase> {
  const { url, name, adminUrl } = benchUrl(serverUrl);
  const exists = (await admin(adminUrl, `SELECT 1 FROM pg_database WHERE datname = '${name}'`)).length > 0;
  let reused = false;
  if (exists && reuse) {
    const probe = new pg.Client({ connectionString: url });
    await probe.connect();
    try {
      const rows = await probe.query('SELECT count(*)::int AS n FROM obligations').catch(() => ({ rows: [{ n: 0 }] }));
      reused = (rows.rows[0] as { n: number }).n > 0;
    } finally {
      await probe.end();
    }
  }
  if (!reused) {
    await admin(adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin(adminUrl, `CREATE DATABASE ${name}`);
  }
  process.stdout.write(`database: ${url.replace(/\/\/[^@]*@/, '//')}${reused ? ' (reused)' : ''}\n`);
  await migratePostgres(url);
  const pool = new pg.Pool({ connectionString: url, max: 10, connectionTimeoutMillis: 10_000 });
  pool.on('error', () => {});
  const version = ((await pool.query('SHOW server_version')).rows[0] as { server_version: string }).server_version;
  return {
    database: {
      db: drizzlePg(pool, { schema }) as unknown as Db,
      driver: 'postgres',
      migrate: () => migratePostgres(url),
      close: async () => {},
    },
    description: `PostgreSQL ${version} (node-postgres ${packageVersion('pg')}, pool of 10)`,
    reused,
    query: async (text, params) => (await pool.query(text, params)).rows as Row[],
    recording: () => recorder((logger) => drizzlePg(pool, { schema, logger }) as unknown as Db),
    async dispose(keep) {
      await pool.end();
      if (!keep) await admin(adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}

export async function openPgliteBench(): Promise<BenchDatabase> {
  const folder = mkdtempSync(join(tmpdir(), 'anxin-bench-'));
  process.stdout.write(`database: PGlite in ${folder}\n`);
  const client = await PGlite.create(join(folder, 'pgdata'));
  await migrateEmbedded(client);
  const [versionRow] = (await client.query<{ server_version: string }>('SHOW server_version')).rows;
  const serverVersion = versionRow?.server_version ?? '?';
  return {
    database: {
      db: drizzlePglite(client, { schema }) as unknown as Db,
      driver: 'pglite',
      migrate: () => migrateEmbedded(client),
      close: async () => {},
    },
    description: `PGlite ${packageVersion('@electric-sql/pglite')} (PostgreSQL ${serverVersion} in WASM, one connection, in-process)`,
    reused: false,
    query: async (text, params) => (await client.query<Row>(text, params)).rows,
    recording: () => recorder((logger) => drizzlePglite(client, { schema, logger }) as unknown as Db),
    async dispose(keep) {
      await client.close();
      if (keep) process.stdout.write(`kept PGlite data in ${folder}\n`);
      else rmSync(folder, { recursive: true, force: true });
    },
  };
}
