import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/context.js';
import { auditEvents, persons } from '../../db/schema.js';
import { DEMO_PERSON_IDS, DEMO_PERSONS, DEMO_UNITS, demoIdNumber } from '../../seed/demo-town.js';

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t.close());

const personCount = async () => (await t.db.select({ value: count() }).from(persons))[0]?.value;
const auditCount = async () => (await t.db.select({ value: count() }).from(auditEvents))[0]?.value;

const newPerson = (overrides: Record<string, unknown> = {}) => ({
  name: '测试人员',
  idNumber: demoIdNumber('19800101', 901),
  gender: 'male',
  phone: '13900000001',
  householdOrgUnitId: DEMO_UNITS.village1,
  householdAddress: '演示一村7组1号',
  ...overrides,
});

describe('POST /api/persons', () => {
  it('creates a person, answers 201 with the full detail, and audits it', async () => {
    const pingan = await t.as('pingan');
    const before = await auditCount();
    const response = await pingan.post('/api/persons', newPerson());
    expect(response.statusCode).toBe(201);
    const body = response.json();
    expect(body).toMatchObject({
      name: '测试人员',
      idNumber: demoIdNumber('19800101', 901),
      birthDate: '1980-01-01',
      version: 1,
    });
    expect(body.idNumberMasked).toMatch(/^500\*+\d{3}[\dX]$/);
    expect(await auditCount()).toBe((before ?? 0) + 1);
    const [event] = await t.db.select().from(auditEvents).where(eq(auditEvents.entityId, body.id));
    expect(event?.action).toBe('person.create');
    expect(JSON.stringify(event?.diff)).not.toContain(demoIdNumber('19800101', 901));
  });

  it('answers 409 for an ID number already registered, naming the person only if visible', async () => {
    const existing = DEMO_PERSONS[0];
    const mine = await (await t.as('cun1')).post('/api/persons', newPerson({ idNumber: existing?.idNumber }));
    expect(mine.statusCode).toBe(409);
    expect(mine.json().error.message).toContain(existing?.name);
    const theirs = await (await t.as('cun2')).post(
      '/api/persons',
      newPerson({ idNumber: existing?.idNumber, householdOrgUnitId: DEMO_UNITS.village2 }),
    );
    expect(theirs.statusCode).toBe(409);
    expect(theirs.json().error.message).not.toContain(existing?.name);
  });

  it.each([
    ['a wrong check digit', { idNumber: '500199198001019010' }, 'idNumber', '校验位'],
    ['a missing name', { name: undefined }, 'name', '姓名'],
    ['a number as name', { name: 42 }, 'name', '姓名'],
    ['an unknown field', { ownerId: 'x' }, 'ownerId', 'ownerId'],
    ['an oversized address', { householdAddress: '地'.repeat(201) }, 'householdAddress', '户籍地址'],
    ['a bad phone', { phone: '12345' }, 'phone', '联系电话'],
    ['a department as household', { householdOrgUnitId: DEMO_UNITS.policeStation }, 'householdOrgUnitId', '户籍地'],
    [
      'a household outside the jurisdiction',
      { householdOrgUnitId: DEMO_UNITS.otherVillage },
      'householdOrgUnitId',
      '管辖',
    ],
  ])('refuses %s with 400 naming the field, writing nothing', async (_label, overrides, field, words) => {
    const pingan = await t.as('pingan');
    const [persons0, audit0] = [await personCount(), await auditCount()];
    const response = await pingan.post(
      '/api/persons',
      newPerson({ idNumber: demoIdNumber('19800101', 902), ...overrides }),
    );
    expect(response.statusCode).toBe(400);
    const { error } = response.json();
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.message).toMatch(/[\u4e00-\u9fa5]/);
    expect(error.message).toContain(words);
    expect(error.details.map((d: { field: string }) => d.field)).toContain(field);
    expect([await personCount(), await auditCount()]).toEqual([persons0, audit0]);
  });

  it('answers 400 for a body that is not JSON, and 413 for one over 1 MiB', async () => {
    const pingan = await t.as('pingan');
    const notJson = await pingan.post('/api/persons', '{"name":', { 'content-type': 'application/json' });
    expect(notJson.statusCode).toBe(400);
    const huge = await pingan.post('/api/persons', newPerson({ familyContacts: 'x'.repeat(1_100_000) }));
    expect(huge.statusCode).toBe(413);
  });

  it('refuses __proto__ in a body', async () => {
    const pingan = await t.as('pingan');
    const response = await pingan.post('/api/persons', '{"__proto__":{"admin":true},"name":"x"}', {
      'content-type': 'application/json',
    });
    expect(response.statusCode).toBe(400);
  });
});

describe('GET /api/persons', () => {
  it('lists only the village of a village cadre, with masked ID numbers', async () => {
    const response = await (await t.as('cun2')).get('/api/persons?pageSize=100');
    expect(response.statusCode).toBe(200);
    const { items, total } = response.json();
    const names = items.map((p: { name: string }) => p.name).sort();
    // 周文斌, 吴小红 and 郑国平 are registered in 演示二村; nobody else lives there.
    expect(names).toEqual(['吴小红', '周文斌', '郑国平'].sort());
    expect(total).toBe(3);
    for (const item of items) {
      expect(item.idNumberMasked).toMatch(/^\d{3}\*{11}[\dX]{4}$/);
      expect(item).not.toHaveProperty('idNumber');
    }
  });

  it('shows a village cadre the person who lives in the village but is registered elsewhere', async () => {
    const { items } = (await (await t.as('cun1')).get('/api/persons?pageSize=100')).json();
    expect(items.map((p: { name: string }) => p.name)).toContain('郑国平');
  });

  it('finds a person by full ID number and by part of the name', async () => {
    const pingan = await t.as('pingan');
    const person = DEMO_PERSONS[4];
    const byId = (await pingan.get(`/api/persons?q=${person?.idNumber}`)).json();
    expect(byId.items.map((p: { id: string }) => p.id)).toEqual([person?.id]);
    const byName = (await pingan.get(`/api/persons?q=${encodeURIComponent('文斌')}`)).json();
    expect(byName.items.map((p: { id: string }) => p.id)).toEqual([person?.id]);
  });

  it('does not show the district town’s people to the town, but shows all to the district', async () => {
    const town = (await (await t.as('pingan')).get('/api/persons?pageSize=100')).json();
    expect(town.items.map((p: { name: string }) => p.name)).not.toContain('卫红英');
    const district = (await (await t.as('quji')).get('/api/persons?pageSize=100')).json();
    expect(district.items.map((p: { name: string }) => p.name)).toContain('卫红英');
  });

  it('filters by village and pages', async () => {
    const pingan = await t.as('pingan');
    const page1 = (await pingan.get(`/api/persons?orgUnitId=${DEMO_UNITS.community}&pageSize=2&page=1`)).json();
    const page2 = (await pingan.get(`/api/persons?orgUnitId=${DEMO_UNITS.community}&pageSize=2&page=2`)).json();
    expect(page1.total).toBe(page2.total);
    expect(page1.items).toHaveLength(2);
    const ids = [...page1.items, ...page2.items].map((p: { id: string }) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it.each([
    ['pageSize=1000', 'pageSize'],
    ['page=0', 'page'],
    ['level=9', 'level'],
    ['orgUnitId=nope', 'orgUnitId'],
    ['color=red', 'color'],
  ])('refuses ?%s with 400', async (query, field) => {
    const response = await (await t.as('pingan')).get(`/api/persons?${query}`);
    expect(response.statusCode).toBe(400);
    expect(response.json().error.details.map((d: { field: string }) => d.field)).toContain(field);
  });
});

describe('GET /api/persons/:id', () => {
  it('shows the full ID number and phone and audits the read', async () => {
    const id = DEMO_PERSON_IDS.赵志强 as string;
    const response = await (await t.as('cun1')).get(`/api/persons/${id}`);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ name: '赵志强', phone: '13800000001', openCase: null, cases: [] });
    const reads = await t.db.select().from(auditEvents).where(eq(auditEvents.entityId, id));
    expect(reads.some((e) => e.action === 'person.read' && e.actorUsername === 'cun1' && e.outcome === 'success')).toBe(
      true,
    );
  });

  it('answers 404 outside the jurisdiction, and audits the attempt', async () => {
    const id = DEMO_PERSON_IDS.赵志强 as string;
    const response = await (await t.as('cun2')).get(`/api/persons/${id}`);
    expect(response.statusCode).toBe(404);
    const reads = await t.db.select().from(auditEvents).where(eq(auditEvents.entityId, id));
    expect(reads.some((e) => e.actorUsername === 'cun2' && e.outcome === 'not_found')).toBe(true);
  });

  it('answers 404 for an id that does not exist and 400 for one that is not an id', async () => {
    const pingan = await t.as('pingan');
    expect((await pingan.get('/api/persons/c0000000-0000-4000-8000-999999999999')).statusCode).toBe(404);
    expect((await pingan.get('/api/persons/123')).statusCode).toBe(400);
  });
});

describe('PATCH /api/persons/:id', () => {
  it('updates with the current version and refuses a stale one with 409', async () => {
    const cun1 = await t.as('cun1');
    const id = DEMO_PERSON_IDS.钱秀兰 as string;
    const current = (await cun1.get(`/api/persons/${id}`)).json();
    const first = await cun1.patch(`/api/persons/${id}`, {
      occupation: '务农',
      phone: '13900000002',
      version: current.version,
    });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ occupation: '务农', phone: '13900000002', version: current.version + 1 });
    const stale = await cun1.patch(`/api/persons/${id}`, { occupation: '务工', version: current.version });
    expect(stale.statusCode).toBe(409);
    expect((await cun1.get(`/api/persons/${id}`)).json().occupation).toBe('务农');
  });

  it('answers 404 outside the jurisdiction and 403 where the person only lives', async () => {
    const id = DEMO_PERSON_IDS.赵志强 as string;
    expect((await (await t.as('cun2')).patch(`/api/persons/${id}`, { occupation: 'x', version: 1 })).statusCode).toBe(
      404,
    );
    // 郑国平 is registered in 演示二村 and lives in 演示一村: 演示一村 sees him but may not change him.
    const guest = DEMO_PERSON_IDS.郑国平 as string;
    expect(
      (await (await t.as('cun1')).patch(`/api/persons/${guest}`, { occupation: 'x', version: 1 })).statusCode,
    ).toBe(403);
  });

  it('refuses to change the ID number (no mass assignment)', async () => {
    const id = DEMO_PERSON_IDS.李桂芳 as string;
    const response = await (await t.as('pingan')).patch(`/api/persons/${id}`, {
      idNumber: demoIdNumber('19800101', 903),
      version: 1,
    });
    expect(response.statusCode).toBe(400);
  });
});

describe('sensitive fields at rest', () => {
  it('stores no plaintext ID number or phone', async () => {
    const rows = await t.db.select().from(persons);
    const dump = JSON.stringify(rows);
    for (const person of DEMO_PERSONS) expect(dump).not.toContain(person.idNumber);
    expect(dump).not.toContain('13800000001');
  });
});

describe('free text that carries numbers', () => {
  it('stores family contacts encrypted and keeps their numbers out of the audit diff', async () => {
    const pingan = await t.as('pingan');
    const contacts = `妻 13987654321，身份证 ${demoIdNumber('19800101', 904)}`;
    const created = await pingan.post(
      '/api/persons',
      newPerson({ idNumber: demoIdNumber('19800101', 905), familyContacts: contacts }),
    );
    expect(created.statusCode).toBe(201);
    expect(created.json().familyContacts).toBe(contacts);
    const [row] = await t.db.select().from(persons).where(eq(persons.id, created.json().id));
    expect(JSON.stringify(row)).not.toContain('13987654321');
    const events = await t.db.select().from(auditEvents).where(eq(auditEvents.entityId, created.json().id));
    const diffs = JSON.stringify(events.map((e) => e.diff));
    expect(diffs).not.toContain('13987654321');
    expect(diffs).not.toContain(demoIdNumber('19800101', 904));
  });

  it('refuses a name with a NUL character or a lone surrogate with 400, writing nothing', async () => {
    const pingan = await t.as('pingan');
    const [persons0, audit0] = [await personCount(), await auditCount()];
    for (const name of ['张\u0000三', '张\ud800三']) {
      const body = JSON.stringify(newPerson({ idNumber: demoIdNumber('19800101', 906) })).replace(
        '测试人员',
        JSON.stringify(name).slice(1, -1),
      );
      const response = await pingan.post('/api/persons', body, { 'content-type': 'application/json' });
      expect(response.statusCode).toBe(400);
      expect(response.json().error.details[0].field).toBe('name');
    }
    expect([await personCount(), await auditCount()]).toEqual([persons0, audit0]);
  });
});

describe('refusals are on record', () => {
  it('audits a refused change of a person who only lives in the village', async () => {
    const guest = DEMO_PERSON_IDS.郑国平 as string;
    await (await t.as('cun1')).patch(`/api/persons/${guest}`, { occupation: 'x', version: 1 });
    const events = await t.db.select().from(auditEvents).where(eq(auditEvents.entityId, guest));
    expect(
      events.some((e) => e.action === 'person.update' && e.outcome === 'denied' && e.actorUsername === 'cun1'),
    ).toBe(true);
  });
});
