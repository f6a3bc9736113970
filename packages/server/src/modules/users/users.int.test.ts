import { and, count, eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/context.js';
import { API_DEMO_USERNAMES } from '../../../test/seed.js';
import { auditEvents, orgUnits, settings, users } from '../../db/schema.js';
import { DEMO_PASSWORD, DEMO_UNITS, DEMO_USERS } from '../../seed/demo-town.js';

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t.close());

const CHINESE = /[\u4e00-\u9fa5]/;
const STRONG_PASSWORD = 'Qz7#wRt5pLm2';
const UNKNOWN_ID = 'b0000000-0000-4000-8000-999999999999';

const userCount = async () => (await t.db.select({ value: count() }).from(users))[0]?.value ?? 0;

const newUser = (overrides: Record<string, unknown> = {}) => ({
  username: 'zhangsan',
  displayName: '平安办 张三',
  password: STRONG_PASSWORD,
  orgUnitId: DEMO_UNITS.peaceOffice,
  roles: ['peace_office'],
  ...overrides,
});

function expectNoSecrets(body: string) {
  expect(body).not.toMatch(/passwordHash|password_hash|\$argon2/);
  expect(body).not.toContain(STRONG_PASSWORD);
}

describe('GET /api/users', () => {
  it('lists every account to the administrator', async () => {
    const response = await (await t.as('admin')).get('/api/users');
    expect(response.statusCode).toBe(200);
    const { items, total } = response.json();
    const usernames = items.map((u: { username: string }) => u.username);
    expect(usernames).toEqual(expect.arrayContaining(API_DEMO_USERNAMES));
    expect(total).toBe(await userCount());
    expect(items).toHaveLength(total);
    expectNoSecrets(response.body);
    const pingan = items.find((u: { username: string }) => u.username === 'pingan');
    expect(pingan).toMatchObject({
      id: DEMO_USERS.pingan,
      displayName: '平安办 周安',
      orgUnitId: DEMO_UNITS.peaceOffice,
      roles: ['peace_office'],
      disabled: false,
    });
  });

  it('lists to the peace office only the accounts inside 演示镇', async () => {
    const response = await (await t.as('pingan')).get('/api/users');
    expect(response.statusCode).toBe(200);
    const { items } = response.json();
    const usernames = items.map((u: { username: string }) => u.username);
    expect(usernames).toEqual(
      expect.arrayContaining(['admin', 'pingan', 'paichusuo', 'sifasuo', 'minzheng', 'weisheng', 'cun1', 'cun2']),
    );
    expect(usernames).not.toContain('quji');
    expect(usernames).not.toContain('ducha');
    const [town] = await t.db.select().from(orgUnits).where(eq(orgUnits.id, DEMO_UNITS.town));
    const units = await t.db
      .select()
      .from(orgUnits)
      .where(
        inArray(
          orgUnits.id,
          items.map((u: { orgUnitId: string }) => u.orgUnitId),
        ),
      );
    for (const unit of units) expect(unit.path.startsWith(town?.path ?? '-')).toBe(true);
    expectNoSecrets(response.body);
  });

  it('lists to a village cadre only the accounts of the village', async () => {
    const { items } = (await (await t.as('cun1')).get('/api/users')).json();
    expect(items.map((u: { username: string }) => u.username)).toEqual(['cun1']);
  });

  it('lists to a district user both towns and the district', async () => {
    const { items } = (await (await t.as('quji')).get('/api/users')).json();
    expect(items.map((u: { username: string }) => u.username)).toEqual(expect.arrayContaining(API_DEMO_USERNAMES));
  });
});

describe('POST /api/users', () => {
  it('creates an account (201) that can then sign in, and audits it without the password', async () => {
    const admin = await t.as('admin');
    const response = await admin.post('/api/users', newUser());
    expect(response.statusCode).toBe(201);
    const created = response.json();
    expect(created).toMatchObject({
      username: 'zhangsan',
      displayName: '平安办 张三',
      orgUnitId: DEMO_UNITS.peaceOffice,
      roles: ['peace_office'],
      disabled: false,
    });
    expectNoSecrets(response.body);
    const session = await t.signIn('zhangsan', STRONG_PASSWORD);
    expect((await session.get('/api/me')).json()).toMatchObject({ id: created.id, roles: ['peace_office'] });
    const [event] = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'user.create'), eq(auditEvents.entityId, created.id)));
    expect(event?.actorUsername).toBe('admin');
    expect(JSON.stringify(event?.diff)).not.toContain(STRONG_PASSWORD);
    // The stored hash is not the password.
    const [row] = await t.db.select().from(users).where(eq(users.id, created.id));
    expect(row?.passwordHash).not.toContain(STRONG_PASSWORD);
    expect(row?.passwordHash).toMatch(/^\$argon2id\$/);
  });

  it.each(['zhangsan', 'ZhangSan', 'PINGAN'])('answers 409 for the taken username %s (any case)', async (username) => {
    const users0 = await userCount();
    const response = await (await t.as('admin')).post('/api/users', newUser({ username }));
    expect(response.statusCode).toBe(409);
    expect(response.json().error.code).toBe('DUPLICATE_USERNAME');
    expect(response.json().error.message).toMatch(CHINESE);
    expect(await userCount()).toBe(users0);
  });

  it.each([
    ['an unknown role', newUser({ username: 'badrole', roles: ['superuser'] }), 'roles.0', '角色'],
    ['no role', newUser({ username: 'norole', roles: [] }), 'roles', '角色'],
    [
      'a village cadre in a department',
      newUser({ username: 'cadre.dept', roles: ['village_cadre'], orgUnitId: DEMO_UNITS.policeStation }),
      'roles',
      '角色',
    ],
    [
      'a police officer in a village',
      newUser({ username: 'police.village', roles: ['police'], orgUnitId: DEMO_UNITS.village1 }),
      'roles',
      '角色',
    ],
    ['an unknown unit', newUser({ username: 'nounit', orgUnitId: UNKNOWN_ID }), 'orgUnitId', '所属单位'],
    ['a username too short', newUser({ username: 'ab' }), 'username', '用户名'],
    ['a username with spaces', newUser({ username: 'zhang san' }), 'username', '用户名'],
    ['an unknown field', newUser({ username: 'extra', passwordHash: 'x' }), 'passwordHash', 'passwordHash'],
    ['a missing display name', newUser({ username: 'noname', displayName: undefined }), 'displayName', '姓名'],
  ])('answers 400 naming the field for %s', async (_label, body, field, words) => {
    const users0 = await userCount();
    const response = await (await t.as('admin')).post('/api/users', body);
    expect(response.statusCode).toBe(400);
    const { error } = response.json();
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.message).toMatch(CHINESE);
    expect(error.message).toContain(words);
    expect(error.details.map((d: { field: string }) => d.field)).toContain(field);
    expect(await userCount()).toBe(users0);
  });

  it.each(['pingan', 'cun1', 'quji', 'ducha'])('answers 403 to %s and creates nothing', async (username) => {
    const users0 = await userCount();
    const response = await (await t.as(username)).post('/api/users', newUser({ username: `by.${username}` }));
    expect(response.statusCode).toBe(403);
    expect(response.json().error.message).toMatch(CHINESE);
    expect(await userCount()).toBe(users0);
  });

  // The check before the insert can lose a race; the unique index then decides (409, never 500).
  it('answers 409, not 500, to the loser of two simultaneous creations of one username', async () => {
    const admin = await t.as('admin');
    const responses = await Promise.all([0, 1, 2].map(() => admin.post('/api/users', newUser({ username: 'twins' }))));
    expect(responses.map((r) => r.statusCode).sort()).toEqual([201, 409, 409]);
  });
});

describe('password rules (AU-2)', () => {
  it.each([
    ['9 characters', 'Abcdef1!x', '至少'],
    ['two character classes', 'abcdefgh1234', '3类'],
    ['the username inside', 'Lisi@2026abc', '用户名'],
  ])('refuses a password of %s with 400 naming 密码', async (_label, password, words) => {
    const users0 = await userCount();
    const response = await (await t.as('admin')).post('/api/users', newUser({ username: 'lisi', password }));
    expect(response.statusCode).toBe(400);
    const { error } = response.json();
    expect(error.message).toContain('密码');
    expect(error.message).toContain(words);
    expect(error.details.map((d: { field: string }) => d.field)).toContain('password');
    expect(await userCount()).toBe(users0);
  });

  it('accepts 10 characters of 3 classes', async () => {
    const response = await (await t.as('admin')).post(
      '/api/users',
      newUser({ username: 'wangwu', password: 'abcdefg12!' }),
    );
    expect(response.statusCode).toBe(201);
  });

  it('accepts the demo password for a new user in demo mode', async () => {
    const response = await (await t.as('admin')).post(
      '/api/users',
      newUser({ username: 'demo.user', password: DEMO_PASSWORD }),
    );
    expect(response.statusCode).toBe(201);
    expect((await t.signIn('demo.user', DEMO_PASSWORD).then((s) => s.get('/api/me'))).statusCode).toBe(200);
  });

  it('applies the rules to a changed password too', async () => {
    const admin = await t.as('admin');
    const response = await admin.patch(`/api/users/${DEMO_USERS.weisheng}`, { password: 'short' });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.message).toContain('密码');
  });

  describe('outside demo mode', () => {
    let real: TestContext;
    beforeAll(async () => {
      real = await createTestContext({
        prepare: async (db) => {
          await db.update(settings).set({ value: false }).where(eq(settings.key, 'demo_mode'));
        },
      });
    });
    afterAll(() => real.close());

    it('refuses the demo password for a new user', async () => {
      const admin = await real.as('admin');
      const refused = await admin.post('/api/users', newUser({ username: 'real.user', password: DEMO_PASSWORD }));
      expect(refused.statusCode).toBe(400);
      expect(refused.json().error.message).toContain('密码');
      expect(refused.json().error.message).toContain('演示密码');
      const [row] = await real.db
        .select({ value: count() })
        .from(users)
        .where(sql`lower(${users.username}) = 'real.user'`);
      expect(row?.value).toBe(0);
      const accepted = await admin.post('/api/users', newUser({ username: 'real.user', password: STRONG_PASSWORD }));
      expect(accepted.statusCode).toBe(201);
    });

    it('refuses the demo password as a changed password', async () => {
      const admin = await real.as('admin');
      const response = await admin.patch(`/api/users/${DEMO_USERS.weisheng}`, { password: DEMO_PASSWORD });
      expect(response.statusCode).toBe(400);
      expect(response.json().error.message).toContain('演示密码');
    });

    it('lists no demo accounts and no password on the login page', async () => {
      const body = (await real.anonymous.get('/api/demo-info')).json();
      expect(body.demoMode).toBe(false);
      expect(body.accounts).toEqual([]);
      expect(body.password).toBeUndefined();
      expect((await (await real.as('pingan')).get('/api/me')).json().demoMode).toBe(false);
    });
  });
});

describe('PATCH /api/users/:id', () => {
  let userId: string;
  let session: Awaited<ReturnType<TestContext['signIn']>>;
  beforeAll(async () => {
    const created = await (await t.as('admin')).post(
      '/api/users',
      newUser({ username: 'zhaoliu', displayName: '赵六', orgUnitId: DEMO_UNITS.townGovernment, roles: ['leader'] }),
    );
    userId = created.json().id;
    session = await t.signIn('zhaoliu', STRONG_PASSWORD);
  });

  it('changes display name and roles, which apply to the user’s next request', async () => {
    const response = await (await t.as('admin')).patch(`/api/users/${userId}`, {
      displayName: '赵六（平安办）',
      roles: ['leader', 'peace_office'],
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ displayName: '赵六（平安办）', roles: ['leader', 'peace_office'] });
    expectNoSecrets(response.body);
    const [row] = await t.db.select().from(users).where(eq(users.id, userId));
    expect(row).toMatchObject({ displayName: '赵六（平安办）', roles: ['leader', 'peace_office'], version: 2 });
    const me = (await session.get('/api/me')).json();
    expect(me.roles).toEqual(['leader', 'peace_office']);
    expect((await session.get('/api/audit-events')).statusCode).toBe(200);
    const [event] = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'user.update'), eq(auditEvents.entityId, userId)));
    expect(event?.diff).toMatchObject({ before: { roles: ['leader'] }, after: { roles: ['leader', 'peace_office'] } });
  });

  it('ends the user’s sessions when the password is changed by the administrator', async () => {
    const response = await (await t.as('admin')).patch(`/api/users/${userId}`, { password: 'Nw8$kLp3zQx9' });
    expect(response.statusCode).toBe(200);
    expectNoSecrets(response.body);
    expect((await session.get('/api/me')).statusCode).toBe(401);
    expect((await t.signIn('zhaoliu', 'Nw8$kLp3zQx9').then((s) => s.get('/api/me'))).statusCode).toBe(200);
    const events = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'user.update'), eq(auditEvents.entityId, userId)));
    expect(JSON.stringify(events)).not.toContain('Nw8$kLp3zQx9');
  });

  it('refuses roles that do not fit the unit', async () => {
    const response = await (await t.as('admin')).patch(`/api/users/${userId}`, { roles: ['village_cadre'] });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.message).toContain('角色');
  });

  it('does not let the administrator disable their own account', async () => {
    const admin = await t.as('admin');
    const response = await admin.patch(`/api/users/${DEMO_USERS.admin}`, { disabled: true });
    expect(response.statusCode).toBe(403);
    expect(response.json().error.message).toMatch(CHINESE);
    const [row] = await t.db
      .select()
      .from(users)
      .where(eq(users.id, DEMO_USERS.admin as string));
    expect(row?.disabled).toBe(false);
    expect((await admin.get('/api/me')).statusCode).toBe(200);
  });

  it('answers 404 for an unknown id and 400 for a malformed one', async () => {
    const admin = await t.as('admin');
    const unknown = await admin.patch(`/api/users/${UNKNOWN_ID}`, { displayName: '无人' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.message).toMatch(CHINESE);
    expect((await admin.patch('/api/users/123', { displayName: '无人' })).statusCode).toBe(400);
  });

  it('refuses fields that may not be set (no mass assignment)', async () => {
    const admin = await t.as('admin');
    const response = await admin.patch(`/api/users/${userId}`, { username: 'renamed', passwordHash: 'x' });
    expect(response.statusCode).toBe(400);
    const [row] = await t.db.select().from(users).where(eq(users.id, userId));
    expect(row?.username).toBe('zhaoliu');
  });

  it('answers 403 to a non-administrator and changes nothing', async () => {
    const response = await (await t.as('pingan')).patch(`/api/users/${DEMO_USERS.cun1}`, { displayName: '改名' });
    expect(response.statusCode).toBe(403);
    const [row] = await t.db
      .select()
      .from(users)
      .where(eq(users.id, DEMO_USERS.cun1 as string));
    expect(row?.displayName).toBe('演示一村 陈村');
  });
});

describe('separation of duties (三员分立, AC-6)', () => {
  it('refuses to give the system administrator a role that reads person data', async () => {
    const admin = await t.as('admin');
    const own = await admin.patch(`/api/users/${DEMO_USERS.admin}`, { roles: ['admin', 'peace_office'] });
    expect(own.statusCode).toBe(403);
    const other = await admin.post(
      '/api/users',
      newUser({ username: 'superuser1', orgUnitId: DEMO_UNITS.peaceOffice, roles: ['admin', 'peace_office'] }),
    );
    expect(other.statusCode).toBe(400);
    expect(other.json().error.message).toContain('系统管理员不能同时担任其他角色');
    expect((await admin.get('/api/persons')).statusCode).toBe(403);
  });

  it('answers 409 to an edit that carries a stale version', async () => {
    const admin = await t.as('admin');
    const target = DEMO_USERS.sifasuo as string;
    const current = (await admin.get('/api/users')).json().items.find((u: { id: string }) => u.id === target);
    expect(
      (await admin.patch(`/api/users/${target}`, { displayName: '司法所 郑法', version: current.version })).statusCode,
    ).toBe(200);
    expect(
      (await admin.patch(`/api/users/${target}`, { displayName: '司法所 旧值', version: current.version })).statusCode,
    ).toBe(409);
  });
});
