import { and, count, desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type Response, type TestContext } from '../../../test/context.js';
import { auditEvents, type persons, sessions } from '../../db/schema.js';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, DEMO_UNITS, DEMO_USERS } from '../../seed/demo-town.js';

// The session policy of SECURITY.md B (AU-3, SE-1, SE-2, SE-3) and the web rules of C (CS-1, OUT-1).
// The clock is shared by the whole file and only moves forward: every test signs in afresh with
// t.signIn rather than reusing a cached session that an earlier test may have let expire.

let t: TestContext;
beforeAll(async () => {
  // Many logins from one IP in this file: the per-IP limit is tested with its own context below.
  t = await createTestContext({ loginRateLimit: 1000 });
});
afterAll(() => t.close());

const MINUTE = 60_000;
const CHINESE = /[\u4e00-\u9fa5]/;
const STRONG_PASSWORD = 'Qz7#wRt5pLm2';

interface ParsedCookie {
  name: string;
  value: string;
  attributes: Record<string, string | true>;
}

/** Parses one Set-Cookie header value: name=value; Attr=val; Flag */
function parseSetCookie(header: string): ParsedCookie {
  const [pair = '', ...rest] = header.split(';').map((part) => part.trim());
  const eq = pair.indexOf('=');
  const attributes: Record<string, string | true> = {};
  for (const part of rest) {
    const at = part.indexOf('=');
    if (at === -1) attributes[part.toLowerCase()] = true;
    else attributes[part.slice(0, at).toLowerCase()] = part.slice(at + 1);
  }
  return { name: pair.slice(0, eq), value: pair.slice(eq + 1), attributes };
}

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

/** auth.login events for a username, whether the attempt knew the user or not. */
const loginEvents = (username: string) =>
  t.db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.action, 'auth.login'), eq(auditEvents.actorUsername, username)))
    .orderBy(auditEvents.seq);

const sessionsOf = (userId: string) => t.db.select().from(sessions).where(eq(sessions.userId, userId));

describe('POST /api/auth/login', () => {
  it('answers 200 with the user and sets an HttpOnly, SameSite=Strict session cookie of ≥ 128 bits', async () => {
    const response = await login('pingan', DEMO_PASSWORD);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      id: DEMO_USERS.pingan,
      username: 'pingan',
      orgUnitId: DEMO_UNITS.peaceOffice,
      roles: ['peace_office'],
    });
    const cookies = setCookies(response).map(parseSetCookie);
    const session = cookies.find((c) => c.name === 'anxin_session');
    expect(session, 'a session cookie').toBeDefined();
    expect(session?.attributes.httponly).toBe(true);
    expect(String(session?.attributes.samesite).toLowerCase()).toBe('strict');
    expect(session?.attributes.path).toBe('/');
    // 128 bits in base64url are 22 characters.
    expect(session?.value.length).toBeGreaterThanOrEqual(22);
    // Only a hash of the token is stored.
    const stored = JSON.stringify(await sessionsOf(DEMO_USERS.pingan as string));
    expect(stored).not.toContain(session?.value);
  });

  it('accepts the username in any case and with surrounding spaces', async () => {
    const response = await login('  PingAn ', DEMO_PASSWORD);
    expect(response.statusCode).toBe(200);
    expect(response.json().username).toBe('pingan');
  });

  it('answers the same 401 for an unknown user and for a wrong password', async () => {
    const unknown = await login('no-such-user', DEMO_PASSWORD);
    const wrong = await login('paichusuo', 'Wrong@2026x');
    expect(unknown.statusCode).toBe(401);
    expect(wrong.statusCode).toBe(401);
    expect(unknown.json()).toEqual(wrong.json());
    expect(unknown.json().error.code).toBe('BAD_CREDENTIALS');
    expect(unknown.json().error.message).toMatch(CHINESE);
    expect(setCookies(unknown)).toEqual([]);
    expect(setCookies(wrong)).toEqual([]);
  });

  it('answers 400 in Chinese for a body without a password', async () => {
    const response = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'pingan' } });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.message).toContain('密码');
  });
});

describe('GET /api/me', () => {
  it('returns id, username, displayName, orgUnitId and roles of the signed-in user', async () => {
    const cun1 = await t.signIn('cun1');
    const response = await cun1.get('/api/me');
    expect(response.statusCode).toBe(200);
    const account = DEMO_ACCOUNTS.find((a) => a.username === 'cun1');
    expect(response.json()).toMatchObject({
      id: account?.id,
      username: 'cun1',
      displayName: account?.displayName,
      orgUnitId: DEMO_UNITS.village1,
      roles: ['village_cadre'],
    });
    expect(JSON.stringify(response.json())).not.toMatch(/passwordHash|\$argon2/);
  });

  it('answers 401 in Chinese without a cookie and with a made-up cookie', async () => {
    const anonymous = await t.anonymous.get('/api/me');
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.json().error.code).toBe('UNAUTHENTICATED');
    expect(anonymous.json().error.message).toMatch(CHINESE);
    const forged = await t.caller('anxin_session=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA').get('/api/me');
    expect(forged.statusCode).toBe(401);
  });
});

describe('lockout after repeated failures (AU-3)', () => {
  it('locks an account for 15 minutes after 5 failures, refusing even the right password with 429', async () => {
    const username = 'weisheng';
    for (let attempt = 1; attempt <= 5; attempt++) {
      const response = await login(username, `Wrong@pass${attempt}`);
      expect(response.statusCode, `attempt ${attempt}`).toBe(401);
    }
    const locked = await login(username, DEMO_PASSWORD);
    expect(locked.statusCode).toBe(429);
    expect(locked.json().error.code).toBe('ACCOUNT_LOCKED');
    expect(locked.json().error.message).toMatch(CHINESE);
    expect(locked.json().error.message).toContain('15分钟');
    expect(setCookies(locked)).toEqual([]);

    // Another account is not affected (no mass lockout).
    expect((await login('sifasuo', DEMO_PASSWORD)).statusCode).toBe(200);

    t.clock.advance(14 * MINUTE);
    expect((await login(username, DEMO_PASSWORD)).statusCode).toBe(429);

    t.clock.advance(MINUTE + 1000);
    const unlocked = await login(username, DEMO_PASSWORD);
    expect(unlocked.statusCode).toBe(200);
    expect(setCookies(unlocked).length).toBe(1);
  });

  it('locks an unknown username the same way', async () => {
    const username = 'ghost-user';
    for (let attempt = 1; attempt <= 5; attempt++) {
      expect((await login(username, `Wrong@pass${attempt}`)).statusCode, `attempt ${attempt}`).toBe(401);
    }
    const locked = await login(username, 'Wrong@pass6');
    expect(locked.statusCode).toBe(429);
    expect(locked.json().error.code).toBe('ACCOUNT_LOCKED');
    t.clock.advance(15 * MINUTE + 1000);
    expect((await login(username, 'Wrong@pass7')).statusCode).toBe(401);
  });

  it('counts only consecutive failures: a success in between starts the count again', async () => {
    const username = 'minzheng';
    for (let attempt = 1; attempt <= 4; attempt++) expect((await login(username, 'Wrong@pass0')).statusCode).toBe(401);
    expect((await login(username, DEMO_PASSWORD)).statusCode).toBe(200);
    for (let attempt = 1; attempt <= 4; attempt++) expect((await login(username, 'Wrong@pass0')).statusCode).toBe(401);
    expect((await login(username, DEMO_PASSWORD)).statusCode).toBe(200);
  });
});

describe('audit of sign-in (LG-1)', () => {
  it('records every success and failure in audit_events', async () => {
    const before = await loginEvents('lingdao');
    expect((await login('lingdao', 'Wrong@pass1')).statusCode).toBe(401);
    expect((await login('lingdao', DEMO_PASSWORD)).statusCode).toBe(200);
    const after = await loginEvents('lingdao');
    const added = after.slice(before.length);
    expect(added.map((e) => e.outcome)).toEqual(['failure', 'success']);
    const [failure, success] = added;
    expect(failure).toMatchObject({ actorId: null, entityType: 'user', entityId: DEMO_USERS.lingdao, ip: '127.0.0.1' });
    expect(failure?.diff).toMatchObject({ reason: 'bad_password' });
    expect(success).toMatchObject({ actorId: DEMO_USERS.lingdao, entityId: DEMO_USERS.lingdao, ip: '127.0.0.1' });
    expect(success?.requestId).toBeTruthy();
    // The password tried is never stored.
    expect(JSON.stringify(added)).not.toContain('Wrong@pass1');
    expect(JSON.stringify(added)).not.toContain(DEMO_PASSWORD);
  });

  it('records failures of unknown users and refusals while locked', async () => {
    const username = 'audit-ghost';
    for (let attempt = 1; attempt <= 5; attempt++) await login(username, 'Wrong@pass1');
    expect((await login(username, 'Wrong@pass1')).statusCode).toBe(429);
    const events = await loginEvents(username);
    expect(events).toHaveLength(6);
    expect(events.every((e) => e.outcome === 'failure' && e.actorId === null)).toBe(true);
    expect(events.slice(0, 5).map((e) => (e.diff as { reason: string }).reason)).toEqual(Array(5).fill('unknown_user'));
    expect(events[5]?.diff).toMatchObject({ reason: 'locked' });
  });
});

describe('session lifetime (SE-1, SE-2)', () => {
  it('gives a new cookie at every login', async () => {
    const first = await t.signIn('pingan');
    const second = await t.signIn('pingan');
    expect(first.cookie).toBeDefined();
    expect(second.cookie).toBeDefined();
    expect(second.cookie).not.toBe(first.cookie);
  });

  it('ends the old session when the same browser signs in again (rotation)', async () => {
    const old = await t.signIn('pingan');
    expect((await old.get('/api/me')).statusCode).toBe(200);
    const again = await login('pingan', DEMO_PASSWORD, { cookie: old.cookie as string });
    expect(again.statusCode).toBe(200);
    const fresh = parseSetCookie(setCookies(again)[0] ?? '');
    expect(`${fresh.name}=${fresh.value}`).not.toBe(old.cookie);
    expect((await old.get('/api/me')).statusCode).toBe(401);
    expect((await t.caller(`${fresh.name}=${fresh.value}`).get('/api/me')).statusCode).toBe(200);
  });

  it('logs out with 204, clears the cookie, ends the session server-side and audits it', async () => {
    const session = await t.signIn('paichusuo');
    const auditBefore = await tableCount(auditEvents);
    const response = await session.post('/api/auth/logout');
    expect(response.statusCode).toBe(204);
    const cleared = setCookies(response).map(parseSetCookie);
    expect(cleared.find((c) => c.name === 'anxin_session')?.value).toBe('');
    expect((await session.get('/api/me')).statusCode).toBe(401);
    expect(await tableCount(auditEvents)).toBe(auditBefore + 1);
    const [event] = await t.db.select().from(auditEvents).orderBy(desc(auditEvents.seq)).limit(1);
    expect(event).toMatchObject({ action: 'auth.logout', actorUsername: 'paichusuo' });
  });

  it('ends a session after 30 minutes without activity', async () => {
    const session = await t.signIn('sifasuo');
    expect((await session.get('/api/me')).statusCode).toBe(200);
    t.clock.advance(30 * MINUTE + 1000);
    const response = await session.get('/api/me');
    expect(response.statusCode).toBe(401);
    expect(response.json().error.message).toMatch(CHINESE);
    const ended = await t.db
      .select()
      .from(sessions)
      .where(and(eq(sessions.userId, DEMO_USERS.sifasuo as string), eq(sessions.endReason, 'idle')));
    expect(ended.length).toBeGreaterThanOrEqual(1);
    // Once ended it stays ended, even if the clock were to allow it.
    expect((await session.get('/api/me')).statusCode).toBe(401);
  });

  it('keeps a session alive while it is used within 30 minutes', async () => {
    const session = await t.signIn('sifasuo');
    t.clock.advance(20 * MINUTE);
    expect((await session.get('/api/me')).statusCode).toBe(200);
    t.clock.advance(20 * MINUTE);
    expect((await session.get('/api/me')).statusCode).toBe(200);
  });

  it('ends a session after 12 hours even when it is used all the time', async () => {
    const session = await t.signIn('lingdao');
    let elapsed = 0;
    while (elapsed + 25 * MINUTE < 12 * 60 * MINUTE) {
      t.clock.advance(25 * MINUTE);
      elapsed += 25 * MINUTE;
      expect((await session.get('/api/me')).statusCode, `after ${elapsed / MINUTE} min`).toBe(200);
    }
    t.clock.advance(25 * MINUTE);
    expect((await session.get('/api/me')).statusCode).toBe(401);
    const [expired] = await t.db
      .select({ value: count() })
      .from(sessions)
      .where(and(eq(sessions.userId, DEMO_USERS.lingdao as string), eq(sessions.endReason, 'expired')));
    expect(expired?.value).toBeGreaterThanOrEqual(1);
  });

  it('ends every session of a user the moment an administrator disables the account', async () => {
    const admin = await t.signIn('admin');
    const created = await admin.post('/api/users', {
      username: 'kill.me',
      displayName: '待停用用户',
      password: STRONG_PASSWORD,
      orgUnitId: DEMO_UNITS.judicialOffice,
      roles: ['judicial'],
    });
    expect(created.statusCode).toBe(201);
    const userId = created.json().id as string;
    const laptop = await t.signIn('kill.me', STRONG_PASSWORD);
    const phone = await t.signIn('kill.me', STRONG_PASSWORD);
    expect((await laptop.get('/api/me')).statusCode).toBe(200);
    expect((await phone.get('/api/me')).statusCode).toBe(200);

    const disabled = await admin.patch(`/api/users/${userId}`, { disabled: true });
    expect(disabled.statusCode).toBe(200);
    expect(disabled.json().disabled).toBe(true);

    // Both sessions are ended in the database, not only refused at their next request.
    const rows = await sessionsOf(userId);
    expect(rows).toHaveLength(2);
    expect(rows.every((row) => row.endedAt !== null && row.endReason === 'user_disabled')).toBe(true);
    expect((await laptop.get('/api/me')).statusCode).toBe(401);
    expect((await phone.get('/api/me')).statusCode).toBe(401);

    // A disabled user cannot sign in, and hears the same words as for a wrong password.
    const refused = await login('kill.me', STRONG_PASSWORD);
    expect(refused.statusCode).toBe(401);
    expect(refused.json().error.code).toBe('BAD_CREDENTIALS');
    const [event] = (await loginEvents('kill.me')).slice(-1);
    expect(event?.diff).toMatchObject({ reason: 'disabled' });
  });
});
