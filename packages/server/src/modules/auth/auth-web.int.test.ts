import { and, count, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type Response, type TestContext } from '../../../test/context.js';
import { API_DEMO_USERNAMES, EXTRA_DEMO_USERNAMES } from '../../../test/seed.js';
import { auditEvents, persons, sessions, users } from '../../db/schema.js';
import { DEMO_PASSWORD, DEMO_UNITS, demoIdNumber } from '../../seed/demo-town.js';

// The web-facing rules around sign-in (SECURITY.md C and B): the per-IP limit, the Origin check,
// security headers, demo-mode information, guessing in parallel, and text PostgreSQL cannot store.

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext({ loginRateLimit: 1000 });
});
afterAll(() => t.close());

const CHINESE = /[\u4e00-\u9fa5]/;

function setCookies(response: Response): string[] {
  const header = response.headers['set-cookie'];
  if (header === undefined) return [];
  return Array.isArray(header) ? header : [header];
}

function login(username: string, password: string, headers: Record<string, string> = {}) {
  return t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password }, headers });
}

const tableCount = async (table: typeof auditEvents | typeof sessions | typeof persons) =>
  (await t.db.select({ value: count() }).from(table))[0]?.value ?? 0;

describe('per-IP rate limit on login (RL-1)', () => {
  let limited: TestContext;
  beforeAll(async () => {
    limited = await createTestContext({ loginRateLimit: 3 });
  });
  afterAll(() => limited.close());

  const attempt = (username: string, password: string, remoteAddress = '127.0.0.1') =>
    limited.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username, password },
      remoteAddress,
    });

  it('answers 429 in Chinese once an IP has used up its attempts, even with the right password', async () => {
    expect((await attempt('pingan', 'Wrong@pass1')).statusCode).toBe(401);
    expect((await attempt('cun1', 'Wrong@pass1')).statusCode).toBe(401);
    expect((await attempt('cun2', DEMO_PASSWORD)).statusCode).toBe(200);
    const blocked = await attempt('cun2', DEMO_PASSWORD);
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json().error.code).toBe('RATE_LIMITED');
    expect(blocked.json().error.message).toMatch(CHINESE);
    expect(blocked.headers['retry-after']).toBeDefined();
    expect(setCookies(blocked)).toEqual([]);
    // Another address is counted separately.
    expect((await attempt('cun2', DEMO_PASSWORD, '10.1.2.3')).statusCode).toBe(200);
  });
});

describe('Origin check on state-changing requests (CS-1)', () => {
  const person = (seq: number) => ({
    name: '来源测试',
    idNumber: demoIdNumber('19850505', seq),
    householdOrgUnitId: DEMO_UNITS.village1,
    householdAddress: '演示一村1组1号',
  });

  it('refuses a POST from a foreign origin with 403 and writes nothing', async () => {
    const pingan = await t.signIn('pingan');
    const [persons0, audit0, sessions0] = [
      await tableCount(persons),
      await tableCount(auditEvents),
      await tableCount(sessions),
    ];
    const response = await pingan.post('/api/persons', person(901), { origin: 'https://evil.example' });
    expect(response.statusCode).toBe(403);
    expect(response.json().error.message).toMatch(CHINESE);
    expect(response.json().error.message).toContain('Origin');
    const loginAttempt = await login('pingan', DEMO_PASSWORD, { origin: 'https://evil.example' });
    expect(loginAttempt.statusCode).toBe(403);
    expect(setCookies(loginAttempt)).toEqual([]);
    const nullOrigin = await pingan.post('/api/persons', person(902), { origin: 'null' });
    expect(nullOrigin.statusCode).toBe(403);
    expect([await tableCount(persons), await tableCount(auditEvents), await tableCount(sessions)]).toEqual([
      persons0,
      audit0,
      sessions0,
    ]);
  });

  it('lets a cross-origin GET through (it changes nothing)', async () => {
    const pingan = await t.signIn('pingan');
    expect((await pingan.get('/api/me', { origin: 'https://evil.example' })).statusCode).toBe(200);
  });

  it('accepts a POST whose Origin matches the Host', async () => {
    const pingan = await t.signIn('pingan');
    const browser = await pingan.post('/api/persons', person(903), {
      host: 'localhost',
      origin: 'http://localhost',
    });
    expect(browser.statusCode).toBe(201);
    const onPort = await pingan.post('/api/persons', person(904), {
      host: 'localhost:3000',
      origin: 'http://localhost:3000',
    });
    expect(onPort.statusCode).toBe(201);
  });

  // Inject and some proxies send the default port in Host; the URL parser drops it from Origin.
  it('accepts a same-origin POST when the Host carries the default port (http://localhost:80)', async () => {
    const pingan = await t.signIn('pingan');
    // Fastify's inject sends Host: localhost:80.
    const response = await pingan.post('/api/persons', person(905), { origin: 'http://localhost:80' });
    expect(response.statusCode).toBe(201);
  });
});

describe('security headers (OUT-1)', () => {
  it.each([
    ['an API answer', '/api/health'],
    ['an error answer', '/api/me'],
    ['an unknown API path', '/api/no-such-endpoint'],
    ['an unknown path outside the API', '/no/such/page'],
  ])('are present on %s', async (_label, url) => {
    const response = await t.anonymous.get(url);
    const csp = String(response.headers['content-security-policy'] ?? '');
    expect(csp).toContain("default-src 'self'");
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    const framing = /frame-ancestors 'none'|frame-ancestors 'self'/.test(csp) || !!response.headers['x-frame-options'];
    expect(framing).toBe(true);
  });
});

describe('GET /api/demo-info', () => {
  it('lists the 11 demo accounts of API.md (plus the demo extras) and the demo password in demo mode', async () => {
    const response = await t.anonymous.get('/api/demo-info');
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.demoMode).toBe(true);
    expect(body.password).toBe('Anxin@2026');
    expect(body.accounts.map((a: { username: string }) => a.username).sort()).toEqual(
      [...API_DEMO_USERNAMES, ...EXTRA_DEMO_USERNAMES].sort(),
    );
    for (const account of body.accounts) expect(account.label).toMatch(CHINESE);
  });

  it('every listed account can sign in with the demo password', async () => {
    const { accounts } = (await t.anonymous.get('/api/demo-info')).json();
    const [enabled] = await t.db
      .select({ value: count() })
      .from(users)
      .where(
        and(
          inArray(
            users.username,
            accounts.map((a: { username: string }) => a.username),
          ),
          eq(users.disabled, false),
        ),
      );
    expect(enabled?.value).toBe(API_DEMO_USERNAMES.length + EXTRA_DEMO_USERNAMES.length);
    for (const { username } of accounts) {
      expect((await login(username, DEMO_PASSWORD)).statusCode, username).toBe(200);
    }
  });
});

describe('lockout under parallel guessing (AU-3)', () => {
  it('locks after 5 failures even when 15 wrong passwords arrive at once', async () => {
    const guesses = await Promise.all(
      Array.from({ length: 15 }, () =>
        t.app.inject({
          method: 'POST',
          url: '/api/auth/login',
          payload: { username: 'quji', password: 'Wrong#Guess99' },
        }),
      ),
    );
    expect(guesses.every((r) => r.statusCode === 401 || r.statusCode === 429)).toBe(true);
    const right = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      // quji is used by no later test in this file.
      payload: { username: 'quji', password: DEMO_PASSWORD },
    });
    expect(right.statusCode).toBe(429);
  });
});

describe('text the database cannot store is bad input, and the chain stays whole', () => {
  it.each([
    ['a lone surrogate', 'ab\ud800c'],
    ['a NUL character', 'ab\u0000c'],
  ])('refuses a username with %s with 400, then the chain verifies', async (_label, username) => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: `{"username":${JSON.stringify(username)},"password":"x"}`,
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.message).toMatch(CHINESE);
    const verify = await (await t.signIn('ducha')).get('/api/audit-events/verify');
    expect(verify.json().ok).toBe(true);
  });
});
