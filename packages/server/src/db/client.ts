import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import pg from 'pg';
import type { Logger } from 'pino';
import { migrateEmbedded, migratePostgres } from './migrate.js';
import * as schema from './schema.js';

/** One type for both drivers: code written against it runs on PGlite and on PostgreSQL. */
export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;
/** A transaction handle; pass it down instead of `db` (PGlite hangs on a second use of `db`). */
export type Tx = PgTransaction<PgQueryResultHKT, typeof schema>;
export type Executor = Db | Tx;
export type Driver = 'pglite' | 'postgres';

export interface Database {
  db: Db;
  driver: Driver;
  /** Applies the committed migrations (under an advisory lock on PostgreSQL). */
  migrate(): Promise<void>;
  close(): Promise<void>;
}

export class DataDirLockedError extends Error {
  constructor(dataDir: string, pid: string) {
    super(
      `数据目录 ${dataDir} 已被另一个安心进程（PID ${pid}）使用。嵌入式数据库只允许一个进程打开；` +
        '请先停止该进程，或用 ANXIN_DATA_DIR 指定其他目录。',
    );
    this.name = 'DataDirLockedError';
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Folders this process has open: its own PID in a lock file is not proof that the lock is stale. */
const openHere = new Set<string>();

/** PGlite has no lock between processes, so the data folder carries one; a stale lock is taken over. */
function lockDataDir(dataDir: string): () => void {
  const lockPath = resolve(dataDir, 'anxin.lock');
  if (openHere.has(lockPath)) throw new DataDirLockedError(dataDir, String(process.pid));
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lockPath, 'wx', 0o600);
      writeSync(fd, String(process.pid));
      closeSync(fd);
      openHere.add(lockPath);
      return () => {
        openHere.delete(lockPath);
        rmSync(lockPath, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = readFileSync(lockPath, 'utf8').trim();
      const pid = Number(holder);
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && processAlive(pid)) {
        throw new DataDirLockedError(dataDir, holder);
      }
      rmSync(lockPath, { force: true });
    }
  }
  throw new DataDirLockedError(dataDir, '?');
}

/** Opens the embedded database in `dataDir/pgdata`, holding the folder's lock file until closed. */
export async function openEmbedded(dataDir: string): Promise<Database> {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const unlock = lockDataDir(dataDir);
  try {
    const client = await PGlite.create(join(dataDir, 'pgdata'));
    return {
      db: drizzlePglite(client, { schema }) as unknown as Db,
      driver: 'pglite',
      migrate: () => migrateEmbedded(client),
      async close() {
        await client.close();
        unlock();
      },
    };
  } catch (error) {
    unlock();
    throw error;
  }
}

/** An in-memory PGlite, optionally loaded from a dump made by `dumpDataDir` (tests). */
export async function openMemory(loadDataDir?: Blob | File): Promise<Database & { client: PGlite }> {
  const client = await PGlite.create(loadDataDir ? { loadDataDir } : {});
  return {
    db: drizzlePglite(client, { schema }) as unknown as Db,
    driver: 'pglite',
    client,
    migrate: () => migrateEmbedded(client),
    close: () => client.close(),
  };
}

/**
 * Opens a pool on a real PostgreSQL server. The connection timeout and the `error` handler make a
 * database that goes away answer 503s instead of hanging requests or crashing the process.
 */
export function openPostgres(connectionString: string, logger?: Logger, poolSize = 10): Database {
  const pool = new pg.Pool({
    connectionString,
    max: poolSize,
    connectionTimeoutMillis: 5_000,
    idleTimeoutMillis: 30_000,
    query_timeout: 60_000,
  });
  pool.on('error', (error) => {
    logger?.error(
      { err: { message: error.message, code: (error as { code?: string }).code } },
      'idle PostgreSQL client failed',
    );
  });
  return {
    db: drizzlePg(pool, { schema }) as unknown as Db,
    driver: 'postgres',
    migrate: () => migratePostgres(connectionString),
    close: () => pool.end(),
  };
}
