import { readFileSync } from 'node:fs';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { inject } from 'vitest';
import { type AppOptions, buildApp } from '../src/app.js';
import { type Database, type Db, openMemory, openPostgres } from '../src/db/client.js';
import { manualClock } from '../src/lib/clock.js';
import { DEMO_PASSWORD } from '../src/seed/demo-town.js';
import { createDatabaseFrom, databaseUrl, dropDatabase, testDriver } from './databases.js';
import { TEST_KEYS } from './seed.js';

/** 2026-11-29 10:00 Beijing time. */
export const TEST_START = new Date('2026-11-29T02:00:00.000Z');

export interface Response extends LightMyRequestResponse {
  body: string;
}

/** A signed-in (or anonymous) caller driving the app in-process through `inject`. */
export interface Caller {
  cookie: string | undefined;
  get(url: string, headers?: Record<string, string>): Promise<Response>;
  post(url: string, body?: unknown, headers?: Record<string, string>): Promise<Response>;
  put(url: string, body?: unknown, headers?: Record<string, string>): Promise<Response>;
  patch(url: string, body?: unknown, headers?: Record<string, string>): Promise<Response>;
  delete(url: string, headers?: Record<string, string>): Promise<Response>;
}

async function openTestDatabase(): Promise<{ database: Database; drop: () => Promise<void> }> {
  if (testDriver() === 'postgres') {
    const name = await createDatabaseFrom(inject('postgresTemplate'));
    return { database: openPostgres(databaseUrl(name), undefined, 5), drop: () => dropDatabase(name) };
  }
  const dump = readFileSync(inject('pgliteDump'));
  return { database: await openMemory(new Blob([dump])), drop: async () => {} };
}

export type TestContext = Awaited<ReturnType<typeof createTestContext>>;

/**
 * A fresh copy of the seeded demo town with an app on it and a clock the test moves. Use one per
 * test file (beforeAll) and `close()` it afterwards.
 */
export async function createTestContext(
  options: Partial<Omit<AppOptions, 'database' | 'keys'>> & { prepare?: (db: Db) => Promise<void> } = {},
) {
  const { database, drop } = await openTestDatabase();
  if (options.prepare) await options.prepare(database.db);
  const clock = manualClock(TEST_START);
  const app: FastifyInstance = await buildApp({ clock, logger: false, ...options, database, keys: TEST_KEYS });

  function caller(cookie?: string): Caller {
    const send = (method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, body?: unknown, headers = {}) =>
      app.inject({
        method,
        url,
        headers: { ...(cookie ? { cookie } : {}), ...headers },
        ...(body === undefined ? {} : { payload: body as Record<string, unknown> }),
      }) as Promise<Response>;
    return {
      cookie,
      get: (url, headers) => send('GET', url, undefined, headers),
      post: (url, body, headers) => send('POST', url, body ?? {}, headers),
      put: (url, body, headers) => send('PUT', url, body ?? {}, headers),
      patch: (url, body, headers) => send('PATCH', url, body ?? {}, headers),
      delete: (url, headers) => send('DELETE', url, undefined, headers),
    };
  }

  const sessions = new Map<string, Caller>();

  return {
    app,
    db: database.db,
    driver: database.driver,
    clock,
    anonymous: caller(),
    /** Signs in once per username and reuses the session. */
    async as(username: string, password = DEMO_PASSWORD): Promise<Caller> {
      const cached = sessions.get(username);
      if (cached) return cached;
      const signed = await signIn(username, password);
      sessions.set(username, signed);
      return signed;
    },
    /** A new session every call (for tests of sessions themselves). */
    signIn: (username: string, password = DEMO_PASSWORD) => signIn(username, password),
    caller,
    async close() {
      await app.close();
      await database.close();
      await drop();
    },
  };

  async function signIn(username: string, password: string): Promise<Caller> {
    const response = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
    if (response.statusCode !== 200) throw new Error(`login ${username}: ${response.statusCode} ${response.body}`);
    const setCookie = response.headers['set-cookie'];
    const first = Array.isArray(setCookie) ? setCookie[0] : setCookie;
    return caller(first?.split(';')[0]);
  }
}
