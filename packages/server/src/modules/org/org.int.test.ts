import { and, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/context.js';
import { auditEvents, orgUnits } from '../../db/schema.js';
import { DEMO_UNITS } from '../../seed/demo-town.js';

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t.close());

const CHINESE = /[\u4e00-\u9fa5]/;
const UNKNOWN_ID = 'a0000000-0000-4000-8000-999999999999';

const unitCount = async () => (await t.db.select({ value: count() }).from(orgUnits))[0]?.value ?? 0;
const auditCount = async () => (await t.db.select({ value: count() }).from(auditEvents))[0]?.value ?? 0;

async function namesFor(username: string): Promise<string[]> {
  const response = await (await t.as(username)).get('/api/org-units');
  expect(response.statusCode).toBe(200);
  return response.json().items.map((u: { name: string }) => u.name);
}

const village = (overrides: Record<string, unknown> = {}) => ({
  parentId: DEMO_UNITS.town,
  name: '演示三村',
  kind: 'village',
  code: '500199101203',
  ...overrides,
});

describe('GET /api/org-units', () => {
  it('shows a village cadre their village and its ancestors only', async () => {
    const names = await namesFor('cun1');
    expect([...names].sort()).toEqual(['演示一村', '演示镇', '演示区', '演示市'].sort());
    expect(names).not.toContain('演示二村');
    expect(names).not.toContain('示范村');
  });

  it('shows a town department its town, without the neighbouring town', async () => {
    const names = await namesFor('pingan');
    expect(names).toEqual(expect.arrayContaining(['演示镇', '演示一村', '演示二村', '演示社区', '演示镇平安办']));
    expect(names).not.toContain('示范镇');
    expect(names).not.toContain('示范村');
  });

  it('shows a district user both towns', async () => {
    const names = await namesFor('quji');
    expect(names).toEqual(expect.arrayContaining(['演示区', '演示镇', '示范镇', '演示一村', '演示二村', '示范村']));
  });

  it('shows the administrator every unit', async () => {
    const response = await (await t.as('admin')).get('/api/org-units');
    expect(response.json().items).toHaveLength(await unitCount());
  });

  it('returns flat items with id, parentId, name, kind and the village code', async () => {
    const { items } = (await (await t.as('cun1')).get('/api/org-units')).json();
    const village1 = items.find((u: { id: string }) => u.id === DEMO_UNITS.village1);
    expect(village1).toMatchObject({
      id: DEMO_UNITS.village1,
      parentId: DEMO_UNITS.town,
      name: '演示一村',
      kind: 'village',
      code: '500199101201',
    });
    const city = items.find((u: { id: string }) => u.id === DEMO_UNITS.city);
    expect(city).toMatchObject({ parentId: null, kind: 'municipality' });
  });

  it('answers 401 without a session', async () => {
    expect((await t.anonymous.get('/api/org-units')).statusCode).toBe(401);
  });
});

describe('POST /api/org-units', () => {
  it('lets the administrator create a village under a town, with its path, and audits it', async () => {
    const admin = await t.as('admin');
    const response = await admin.post('/api/org-units', village());
    expect(response.statusCode).toBe(201);
    const created = response.json();
    expect(created).toMatchObject({
      parentId: DEMO_UNITS.town,
      name: '演示三村',
      kind: 'village',
      code: '500199101203',
    });
    const [row] = await t.db.select().from(orgUnits).where(eq(orgUnits.id, created.id));
    const [town] = await t.db.select().from(orgUnits).where(eq(orgUnits.id, DEMO_UNITS.town));
    expect(row?.path).toBe(`${town?.path}${created.id}/`);
    const [event] = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.entityType, 'org_unit'), eq(auditEvents.entityId, created.id)));
    expect(event).toMatchObject({ action: 'org_unit.create', actorUsername: 'admin', outcome: 'success' });
    // The town sees the new village; the village next door does not.
    expect(await namesFor('pingan')).toContain('演示三村');
    expect(await namesFor('cun1')).not.toContain('演示三村');
  });

  it.each([
    ['a village without code', village({ code: undefined, name: '无码村' }), 'code', '区划代码'],
    ['an 11-digit code', village({ code: '50019910120', name: '短码村' }), 'code', '区划代码'],
    ['a code with letters', village({ code: '50019910120A', name: '字母村' }), 'code', '区划代码'],
    [
      'a village under a district',
      village({ parentId: DEMO_UNITS.district, code: '500199101299', name: '越级村' }),
      'parentId',
      '上级单位',
    ],
    [
      'a village under a department',
      village({ parentId: DEMO_UNITS.peaceOffice, code: '500199101298', name: '部门村' }),
      'parentId',
      '上级单位',
    ],
    ['an unknown parent', village({ parentId: UNKNOWN_ID, code: '500199101297' }), 'parentId', '上级单位'],
    ['an unknown field', village({ code: '500199101296', ownerId: 'x' }), 'ownerId', 'ownerId'],
    ['an unknown kind', village({ kind: 'province', code: '500199101295' }), 'kind', '类型'],
    ['an empty name', village({ name: '', code: '500199101294' }), 'name', '名称'],
  ])('answers 400 naming the field for %s, writing nothing', async (_label, body, field, words) => {
    const admin = await t.as('admin');
    const [units0, audit0] = [await unitCount(), await auditCount()];
    const response = await admin.post('/api/org-units', body);
    expect(response.statusCode).toBe(400);
    const { error } = response.json();
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.message).toMatch(CHINESE);
    expect(error.message).toContain(words);
    expect(error.details.map((d: { field: string }) => d.field)).toContain(field);
    expect([await unitCount(), await auditCount()]).toEqual([units0, audit0]);
  });

  it('answers 409 for a code already in use, naming the unit that has it', async () => {
    const units0 = await unitCount();
    const response = await (await t.as('admin')).post(
      '/api/org-units',
      village({ code: '500199101201', name: '重码村' }),
    );
    expect(response.statusCode).toBe(409);
    expect(response.json().error.code).toBe('DUPLICATE_CODE');
    expect(response.json().error.message).toContain('演示一村');
    expect(await unitCount()).toBe(units0);
  });

  // The check before the insert can lose a race; the unique index then decides (409, never 500).
  it('answers 409, not 500, to the loser of two simultaneous creations with one code', async () => {
    const admin = await t.as('admin');
    const responses = await Promise.all(
      [0, 1, 2].map((i) => admin.post('/api/org-units', village({ code: '500199101250', name: `同码村${i}` }))),
    );
    expect(responses.map((r) => r.statusCode).sort()).toEqual([201, 409, 409]);
  });

  it('creates a department under a town without a code', async () => {
    const response = await (await t.as('admin')).post('/api/org-units', {
      parentId: DEMO_UNITS.town,
      name: '演示镇综治中心',
      kind: 'department',
    });
    expect(response.statusCode).toBe(201);
    expect(response.json().code ?? null).toBeNull();
  });

  it.each(['pingan', 'cun1', 'quji'])('answers 403 to %s, creates nothing and audits the refusal', async (username) => {
    const units0 = await unitCount();
    const response = await (await t.as(username)).post('/api/org-units', village({ code: '500199101280' }));
    expect(response.statusCode).toBe(403);
    expect(response.json().error.message).toMatch(CHINESE);
    expect(await unitCount()).toBe(units0);
    const denied = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.actorUsername, username), eq(auditEvents.action, 'denied:org.manage')));
    expect(denied.length).toBeGreaterThanOrEqual(1);
  });
});

describe('PATCH /api/org-units/:id', () => {
  it('lets the administrator rename a unit, and audits the change', async () => {
    const admin = await t.as('admin');
    const response = await admin.patch(`/api/org-units/${DEMO_UNITS.village2}`, { name: '演示二村（新）' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ id: DEMO_UNITS.village2, name: '演示二村（新）', code: '500199101202' });
    const [row] = await t.db.select().from(orgUnits).where(eq(orgUnits.id, DEMO_UNITS.village2));
    expect(row?.name).toBe('演示二村（新）');
    expect(row?.version).toBe(2);
    const [event] = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'org_unit.update'), eq(auditEvents.entityId, DEMO_UNITS.village2)));
    expect(event?.diff).toMatchObject({ before: { name: '演示二村' }, after: { name: '演示二村（新）' } });
  });

  it('answers 404 in Chinese for an unknown id', async () => {
    const response = await (await t.as('admin')).patch(`/api/org-units/${UNKNOWN_ID}`, { name: '不存在' });
    expect(response.statusCode).toBe(404);
    expect(response.json().error.message).toMatch(CHINESE);
  });

  it('answers 400 for a code on a department and 409 for a code in use', async () => {
    const admin = await t.as('admin');
    const department = await admin.patch(`/api/org-units/${DEMO_UNITS.peaceOffice}`, { code: '500199101277' });
    expect(department.statusCode).toBe(400);
    expect(department.json().error.message).toContain('区划代码');
    const taken = await admin.patch(`/api/org-units/${DEMO_UNITS.village1}`, { code: '500199102201' });
    expect(taken.statusCode).toBe(409);
    const [row] = await t.db.select().from(orgUnits).where(eq(orgUnits.id, DEMO_UNITS.village1));
    expect(row?.code).toBe('500199101201');
  });

  it('answers 400 for an attempt to move a unit (parentId is not editable)', async () => {
    const response = await (await t.as('admin')).patch(`/api/org-units/${DEMO_UNITS.village1}`, {
      parentId: DEMO_UNITS.otherTown,
    });
    expect(response.statusCode).toBe(400);
    const [row] = await t.db.select().from(orgUnits).where(eq(orgUnits.id, DEMO_UNITS.village1));
    expect(row?.parentId).toBe(DEMO_UNITS.town);
  });

  it('answers 403 to the peace office and changes nothing', async () => {
    const response = await (await t.as('pingan')).patch(`/api/org-units/${DEMO_UNITS.village1}`, { name: '改名' });
    expect(response.statusCode).toBe(403);
    const [row] = await t.db.select().from(orgUnits).where(eq(orgUnits.id, DEMO_UNITS.village1));
    expect(row?.name).toBe('演示一村');
  });
});

describe('concurrent edits of a unit', () => {
  it('answers 409 to an edit that carries a stale version, and returns the version', async () => {
    const admin = await t.as('admin');
    const unit = (await admin.get('/api/org-units'))
      .json()
      .items.find((u: { id: string }) => u.id === DEMO_UNITS.village2);
    expect(unit.version).toBeGreaterThanOrEqual(1);
    const first = await admin.patch(`/api/org-units/${DEMO_UNITS.village2}`, {
      name: '演示二村',
      version: unit.version,
    });
    expect(first.statusCode).toBe(200);
    expect(first.json().version).toBe(unit.version + 1);
    const stale = await admin.patch(`/api/org-units/${DEMO_UNITS.village2}`, { name: '旧名', version: unit.version });
    expect(stale.statusCode).toBe(409);
  });
});
