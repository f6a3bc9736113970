import { createServer, type Server, type Socket } from 'node:net';
import { drizzle } from 'drizzle-orm/node-postgres';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, TEST_START, type TestContext } from '../../../test/context.js';
import { TEST_KEYS } from '../../../test/seed.js';
import { buildApp } from '../../app.js';
import { type Database, type Db, openPostgres } from '../../db/client.js';
import * as schema from '../../db/schema.js';
import { manualClock } from '../../lib/clock.js';
import { isDatabaseUnavailable } from '../../lib/db-errors.js';
import { DEMO_PASSWORD } from '../../seed/demo-town.js';

// SECURITY.md §2 FT-3 and ER-1: a database that goes away answers 503 quickly, never a hang, a crash or
// driver text in the answer; the app comes back by itself when the database does.

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t.close());

const CHINESE = /[\u4e00-\u9fa5]/;

describe('GET /api/health', () => {
  it('answers 200 with the database driver in use', async () => {
    const response = await t.anonymous.get('/api/health');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ok', db: t.driver });
    expect(['pglite', 'postgres']).toContain(t.driver);
  });
});

/** A pool over a server that is not there (port 1 refuses) or does not answer. */
function deadDatabase(connectionString: string) {
  const pool = new pg.Pool({ connectionString, connectionTimeoutMillis: 2_000, max: 2 });
  pool.on('error', () => {});
  return { db: drizzle(pool, { schema }) as unknown as Db, close: () => pool.end() };
}

/** A TCP server that accepts connections and never says a word: a hung PostgreSQL. */
async function silentServer(): Promise<{ port: number; close: () => Promise<void> }> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return {
    port: address.port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

describe('with the database down', () => {
  // buildApp reads the demo-mode setting at startup, so it cannot be built on a dead database. The
  // app is therefore built on the test database through a switch, which is then thrown to a dead one.
  let current: Db;
  let app: FastifyInstance;
  let cookie: string;
  let silent: Awaited<ReturnType<typeof silentServer>>;

  beforeAll(async () => {
    current = t.db;
    const switched = new Proxy({} as Db, {
      get(_target, property) {
        const value = Reflect.get(current as object, property);
        return typeof value === 'function' ? value.bind(current) : value;
      },
    });
    const database: Database = { db: switched, driver: t.driver, migrate: async () => {}, close: async () => {} };
    app = await buildApp({ database, keys: TEST_KEYS, logger: false, clock: manualClock(TEST_START) });
    const login = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'pingan', password: DEMO_PASSWORD },
    });
    expect(login.statusCode).toBe(200);
    cookie = String(login.headers['set-cookie']).split(';')[0] as string;
    silent = await silentServer();
  });
  afterAll(async () => {
    await app.close();
    await silent.close();
  });

  async function whileDown<T>(connectionString: string, work: () => Promise<T>): Promise<T> {
    const dead = deadDatabase(connectionString);
    current = dead.db;
    try {
      return await work();
    } finally {
      current = t.db;
      await dead.close();
    }
  }

  async function timed(request: () => Promise<{ statusCode: number; body: string }>) {
    const started = performance.now();
    const response = await request();
    return { response, ms: performance.now() - started };
  }

  function expectUnavailable(response: { statusCode: number; body: string }) {
    expect(response.statusCode).toBe(503);
    const body = JSON.parse(response.body);
    expect(body.error.code).toBe('DB_UNAVAILABLE');
    expect(body.error.message).toMatch(CHINESE);
    // No driver, SQL or address text reaches the client (ER-1).
    expect(response.body).not.toMatch(/ECONNREFUSED|timeout exceeded|select|127\.0\.0\.1|postgres|stack/i);
  }

  it('answers 503 quickly when the server refuses connections', async () => {
    await whileDown('postgres://postgres@127.0.0.1:1/nothing', async () => {
      const { response, ms } = await timed(() => app.inject({ method: 'GET', url: '/api/health' }));
      expectUnavailable(response);
      expect(ms).toBeLessThan(5_000);
    });
  });

  it('answers 503 within 5 s when the server accepts but never answers', async () => {
    await whileDown(`postgres://postgres@127.0.0.1:${silent.port}/nothing`, async () => {
      const { response, ms } = await timed(() => app.inject({ method: 'GET', url: '/api/health' }));
      expectUnavailable(response);
      expect(ms).toBeLessThan(5_000);
    });
  });

  it('answers 503, not 500 or 401, to signed-in requests and to a login', async () => {
    await whileDown('postgres://postgres@127.0.0.1:1/nothing', async () => {
      const me = await app.inject({ method: 'GET', url: '/api/me', headers: { cookie } });
      expectUnavailable(me);
      const persons = await app.inject({ method: 'GET', url: '/api/persons', headers: { cookie } });
      expectUnavailable(persons);
      const login = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'pingan', password: DEMO_PASSWORD },
      });
      expectUnavailable(login);
      expect(login.headers['set-cookie']).toBeUndefined();
    });
  });

  it('recovers by itself when the database is back', async () => {
    await whileDown('postgres://postgres@127.0.0.1:1/nothing', async () => {
      expect((await app.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(503);
    });
    const health = await app.inject({ method: 'GET', url: '/api/health' });
    expect(health.statusCode).toBe(200);
    expect(health.json()).toEqual({ status: 'ok', db: t.driver });
    expect((await app.inject({ method: 'GET', url: '/api/me', headers: { cookie } })).statusCode).toBe(200);
  });

  it('fails fast, with a database-unavailable error, when started against a dead database', async () => {
    const database = openPostgres('postgres://postgres@127.0.0.1:1/nothing');
    const started = performance.now();
    try {
      const error = await buildApp({ database, keys: TEST_KEYS, logger: false }).then(
        async (built) => {
          await built.close();
          return null;
        },
        (reason: unknown) => reason,
      );
      expect(error).not.toBeNull();
      expect(isDatabaseUnavailable(error)).toBe(true);
      expect(performance.now() - started).toBeLessThan(5_000);
    } finally {
      await database.close();
    }
  });
});
