// Need-to-know notes (健康状况, 违法犯罪记录, 家庭矛盾): encrypted at rest, written by those who may read
// them, in clear only to the open case's team, 平安办 and 督导, withheld from everyone else in scope,
// never in lists or in audit diffs.
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/context.js';
import { addShifan, formTeam, listAt, person, SHIFAN } from '../../../test/work.js';
import { auditEvents, cases, persons } from '../../db/schema.js';
import { DEMO_UNITS, demoIdNumber } from '../../seed/demo-town.js';

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext({ prepare: addShifan });
});
afterAll(() => t.close());

const NOTES = {
  healthNotes: '抑郁症病史，规律服药（测试）',
  criminalRecord: '2015年盗窃罪判处有期徒刑一年（测试）',
  familyConflict: '与兄长因宅基地长期争执（测试）',
};
const TEXTS = /抑郁症|盗窃罪|宅基地|复查/;
const WITHHELD = {
  healthNotes: null,
  criminalRecord: null,
  familyConflict: null,
  restrictedFields: ['healthNotes', 'criminalRecord', 'familyConflict'],
};

let serial = 950;
const newPerson = (overrides: Record<string, unknown> = {}) => ({
  name: '测试人员',
  idNumber: demoIdNumber('19800101', serial++),
  householdOrgUnitId: DEMO_UNITS.village1,
  householdAddress: '演示一村7组1号',
  ...overrides,
});

const row = async (id: string) => (await t.db.select().from(persons).where(eq(persons.id, id)))[0];
const eventsOf = (id: string, action: string) =>
  t.db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.entityId, id), eq(auditEvents.action, action)));
const read = async (id: string, as: string) => (await t.as(as)).get(`/api/persons/${id}`);

describe('writing the notes', () => {
  let id: string;

  it('平安办 records them on a new person: SM4-encrypted at rest, masked in the audit diff', async () => {
    const response = await (await t.as('pingan')).post('/api/persons', newPerson(NOTES));
    expect(response.statusCode).toBe(201);
    id = response.json().id;
    expect(response.json()).toMatchObject({ ...NOTES, restrictedFields: [] });
    const stored = await row(id);
    for (const column of ['healthNotesEnc', 'criminalRecordEnc', 'familyConflictEnc'] as const) {
      expect(stored?.[column]).toMatch(/^v1\./);
    }
    // A raw SELECT of the whole row holds none of the text.
    const raw = JSON.stringify(await t.db.execute(sql`SELECT p::text AS row FROM persons p WHERE p.id = ${id}`));
    expect(raw).toContain('测试人员');
    expect(raw).not.toMatch(TEXTS);
    const [event] = await eventsOf(id, 'person.create');
    expect(event?.diff).toMatchObject({
      after: { healthNotes: '[已隐藏]', criminalRecord: '[已隐藏]', familyConflict: '[已隐藏]' },
    });
    expect(JSON.stringify(event?.diff)).not.toMatch(TEXTS);
  });

  it('a reader of the notes changes and clears them; the audit says which changed, never the text', async () => {
    const version = (await row(id))?.version;
    const response = await (await t.as('pingan')).patch(`/api/persons/${id}`, {
      healthNotes: '抑郁症好转，定期复查（测试）',
      familyConflict: '',
      version,
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      healthNotes: '抑郁症好转，定期复查（测试）',
      criminalRecord: NOTES.criminalRecord,
      familyConflict: null,
    });
    expect((await row(id))?.familyConflictEnc).toBeNull();
    const [event] = await eventsOf(id, 'person.update');
    expect(event?.diff).toEqual({
      before: { healthNotes: '[已隐藏]', familyConflict: '[已隐藏]' },
      after: { healthNotes: '[已隐藏]', familyConflict: '' },
    });
  });

  it('a village cadre may enter them on a new person, then sees them withheld like any reader outside', async () => {
    const response = await (await t.as('cun1')).post('/api/persons', newPerson(NOTES));
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject(WITHHELD);
    expect(response.body).not.toMatch(TEXTS);
    const pingan = (await read(response.json().id, 'pingan')).json();
    expect(pingan).toMatchObject({ ...NOTES, restrictedFields: [] });
  });

  it('a writer outside the circle may not touch them (403, nothing written) but may edit the rest', async () => {
    const before = await row(id);
    const cun1 = await t.as('cun1');
    const denied = await cun1.patch(`/api/persons/${id}`, { healthNotes: '无', version: before?.version });
    expect(denied.statusCode).toBe(403);
    expect(denied.json().error.message).toContain('健康状况');
    expect(await row(id)).toEqual(before);
    expect((await eventsOf(id, 'person.update')).at(-1)?.outcome).toBe('denied');
    const cleared = await cun1.patch(`/api/persons/${id}`, { criminalRecord: '', version: before?.version });
    expect(cleared.statusCode).toBe(403);
    const other = await cun1.patch(`/api/persons/${id}`, { occupation: '务农', version: before?.version });
    expect(other.statusCode).toBe(200);
    expect(other.json()).toMatchObject({ occupation: '务农', ...WITHHELD });
    expect((await row(id))?.healthNotesEnc).toBe(before?.healthNotesEnc);
  });

  it.each([
    ['an overlong health note', { healthNotes: '健'.repeat(2001) }, 'healthNotes', '健康状况(healthNotes)'],
    ['a number as criminal record', { criminalRecord: 42 }, 'criminalRecord', '违法犯罪记录(criminalRecord)'],
    [
      'an overlong family conflict',
      { familyConflict: '家'.repeat(2001) },
      'familyConflict',
      '家庭矛盾(familyConflict)',
    ],
  ])('refuses %s with 400 naming the field, writing nothing', async (_label, overrides, field, words) => {
    const count0 = (await t.db.select().from(persons)).length;
    const response = await (await t.as('pingan')).post('/api/persons', newPerson(overrides));
    expect(response.statusCode).toBe(400);
    expect(response.json().error.message).toContain(words);
    expect(response.json().error.details[0].field).toBe(field);
    expect((await t.db.select().from(persons)).length).toBe(count0);
    const patch = await (await t.as('pingan')).patch(`/api/persons/${id}`, { ...overrides, version: 99 });
    expect(patch.statusCode).toBe(400);
  });
});

describe('reading the notes (知悉范围)', () => {
  const qian = person('钱秀兰');
  let caseId: string;

  beforeAll(async () => {
    caseId = await listAt(t, '钱秀兰', 3, '2026-11-10T10:00:00+08:00');
    // The level-3 team: 平安办 (leader), 派出所, 司法所, 民政办, 卫生院 and 演示一村's cadre.
    await formTeam(t, caseId);
    const version = (await row(qian))?.version;
    const response = await (await t.as('pingan')).patch(`/api/persons/${qian}`, { ...NOTES, version });
    if (response.statusCode !== 200) throw new Error(`notes: ${response.statusCode} ${response.body}`);
  });

  it.each([
    ['cun1', 'the village cadre on the team'],
    ['paichusuo', '派出所 on the team'],
    ['weisheng', '卫生院 on the team'],
    ['pingan', '平安办'],
    ['ducha', '督导'],
  ])('shows them in clear to %s (%s)', async (username) => {
    const response = await read(qian, username);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ ...NOTES, restrictedFields: [] });
  });

  it.each([
    ['lingdao', 'a leader not on the (level-3) team'],
    ['quji', 'the district'],
  ])('withholds them from %s (%s)', async (username) => {
    const response = await read(qian, username);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject(WITHHELD);
    expect(response.body).not.toMatch(TEXTS);
  });

  it.each([['cun2'], [SHIFAN]])('answers 404 to %s, outside the jurisdiction', async (username) => {
    expect((await read(qian, username)).statusCode).toBe(404);
  });

  it('records in the audited read whether they were shown', async () => {
    await read(qian, 'cun1');
    await read(qian, 'lingdao');
    const reads = await eventsOf(qian, 'person.read');
    const last = (username: string) => reads.filter((e) => e.actorUsername === username).at(-1);
    expect(last('cun1')?.diff).toEqual({ after: { needToKnowNotes: 'shown' } });
    expect(last('lingdao')?.diff).toEqual({ after: { needToKnowNotes: 'withheld' } });
  });

  it('never puts them in the persons list', async () => {
    const response = await (await t.as('pingan')).get('/api/persons?pageSize=100');
    expect(response.statusCode).toBe(200);
    expect(response.body).not.toMatch(TEXTS);
    expect(response.body).not.toMatch(/healthNotes|criminalRecord|familyConflict/);
  });

  it('never shows the text in the audit search or the file’s audit trail', async () => {
    const search = await (await t.as('ducha')).get(`/api/audit-events?entityId=${qian}&pageSize=100`);
    expect(search.statusCode).toBe(200);
    expect(search.json().total).toBeGreaterThan(0);
    expect(search.body).not.toMatch(TEXTS);
    const trail = await (await t.as('pingan')).get(`/api/persons/${qian}/audit-trail?pageSize=100`);
    expect(trail.statusCode).toBe(200);
    expect(trail.body).not.toMatch(TEXTS);
  });

  it('stops showing them to the team once the case is closed', async () => {
    await t.db.update(cases).set({ status: 'delisted', closedOn: '2026-11-28' }).where(eq(cases.id, caseId));
    expect((await read(qian, 'cun1')).json()).toMatchObject(WITHHELD);
    expect((await read(qian, 'paichusuo')).json()).toMatchObject(WITHHELD);
    expect((await read(qian, 'pingan')).json()).toMatchObject({ ...NOTES, restrictedFields: [] });
  });
});
