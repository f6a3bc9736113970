import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/context.js';
import { addShifan, listAt, recordVisit, rowCount, SHIFAN, uid } from '../../../test/work.js';
import { auditEvents, investigations } from '../../db/schema.js';
import { DEMO_UNITS } from '../../seed/demo-town.js';
import { type OversightFixture, oversightFixture } from './oversight-fixtures.js';

// The service checks for an existing investigation before it inserts; a race can pass that check
// twice. `race.skipCheck` makes the check miss, so the unique index must refuse the second row.
const race = vi.hoisted(() => ({ skipCheck: false }));
vi.mock('./oversight.queries.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('./oversight.queries.js')>();
  return {
    ...original,
    investigationOfAlert: (...args: Parameters<typeof original.investigationOfAlert>) =>
      race.skipCheck ? Promise.resolve(undefined) : original.investigationOfAlert(...args),
  };
});

let t: TestContext;
let f: OversightFixture;
/** Alerts of 赵志强 raised by visits with an extreme tendency (演示一村). */
const alertIds: string[] = [];

beforeAll(async () => {
  t = await createTestContext({ prepare: addShifan });
  f = await oversightFixture(t);
  for (const day of ['26', '27', '28']) {
    const visit = await recordVisit(t, f.visitedCase, ['pingan', 'cun1'], {
      visitedAt: `2026-11-${day}T09:00:00+08:00`,
      extremeTendency: true,
      stateOfMind: '情绪激动，扬言报复邻居',
    });
    alertIds.push(visit.alertId);
  }
});
afterAll(() => t.close());

const body = (overrides: Record<string, unknown> = {}) => ({
  alertId: alertIds[0],
  findings: '随访发现过激倾向后，服务管理小组未在规定时间内通报派出所；矛盾纠纷长期未化解。',
  accountableOrgUnitIds: [DEMO_UNITS.village1, DEMO_UNITS.peaceOffice],
  accountablePersons: '演示一村 陈村（网格员）',
  outcome: '对演示一村约谈提醒，责令限期整改；平安办作出书面检查。',
  ...overrides,
});

const written = async () => ({
  investigations: await rowCount(t, investigations),
  audit: await rowCount(t, auditEvents, eq(auditEvents.action, 'investigation.create')),
});

describe('POST /api/investigations (责任倒查)', () => {
  it('investigates an alert: the case comes from the alert (201), audited', async () => {
    const response = await (await t.as('pingan')).post('/api/investigations', body());
    expect(response.statusCode).toBe(201);
    const created = response.json();
    expect(created).toMatchObject({
      alertId: alertIds[0],
      alert: { description: expect.stringContaining('过激倾向'), occurredAt: '2026-11-26T09:00:00.000+08:00' },
      caseId: f.visitedCase,
      personName: '赵志强',
      accountableUnits: [
        { id: DEMO_UNITS.village1, name: '演示一村' },
        { id: DEMO_UNITS.peaceOffice, name: '演示镇平安办' },
      ],
      accountablePersons: '演示一村 陈村（网格员）',
      status: 'open',
      createdBy: uid('pingan'),
      createdByName: '平安办 周安',
      version: 1,
      abilities: { update: true },
    });
    const [row] = await t.db.select().from(investigations).where(eq(investigations.id, created.id));
    expect(row?.path).toContain(DEMO_UNITS.village1);
    const events = await t.db.select().from(auditEvents).where(eq(auditEvents.entityId, created.id));
    expect(events.map((e) => e.action)).toEqual(['investigation.create']);
  });

  it('refuses a second investigation of the same alert (409, 一案一调查), nothing written', async () => {
    const before = await written();
    const response = await (await t.as('ducha')).post('/api/investigations', body({ outcome: '重复登记' }));
    expect(response.statusCode).toBe(409);
    expect(response.json().error).toMatchObject({
      code: 'DUPLICATE_INVESTIGATION',
      message: expect.stringContaining('一案一调查'),
    });
    expect(await written()).toEqual(before);
  });

  it('lets exactly one of two simultaneous investigations of an alert through', async () => {
    const [a, b] = await Promise.all([
      (await t.as('pingan')).post('/api/investigations', body({ alertId: alertIds[1] })),
      (await t.as('ducha')).post('/api/investigations', body({ alertId: alertIds[1] })),
    ]);
    expect([a?.statusCode, b?.statusCode].sort()).toEqual([201, 409]);
    expect(await rowCount(t, investigations, eq(investigations.alertId, alertIds[1] as string))).toBe(1);
    const loser = a?.statusCode === 409 ? a : b;
    expect(loser?.json().error.code).toBe('DUPLICATE_INVESTIGATION');
  });

  it('relies on the unique index when a race passes the check (409, nothing written)', async () => {
    const before = await written();
    race.skipCheck = true;
    try {
      const response = await (await t.as('ducha')).post('/api/investigations', body({ outcome: '并发登记' }));
      expect(response.statusCode).toBe(409);
      expect(response.json().error.code).toBe('DUPLICATE_INVESTIGATION');
    } finally {
      race.skipCheck = false;
    }
    expect(await written()).toEqual(before);
  });

  it('investigates an incident of a case without an alert (several per case allowed)', async () => {
    const caller = await t.as('pingan');
    const first = await caller.post('/api/investigations', body({ alertId: undefined, caseId: f.unvisitedCase }));
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ alertId: null, alert: null, caseId: f.unvisitedCase, personName: '钱秀兰' });
    const second = await caller.post(
      '/api/investigations',
      body({ alertId: undefined, caseId: f.unvisitedCase, accountablePersons: undefined, accountableOrgUnitIds: [] }),
    );
    expect(second.statusCode).toBe(201);
    expect(second.json()).toMatchObject({ accountablePersons: null, accountableUnits: [] });
  });

  it.each([
    ['neither alert nor case', { alertId: undefined }, 'alertId', '警情(alertId)：警情和案件至少填写一项'],
    ['a case other than the alert’s', { caseId: 'UNVISITED' }, 'caseId', '案件(caseId)：与警情所属案件不一致'],
    [
      'an unknown accountable unit',
      { alertId: 'ALERT2', accountableOrgUnitIds: [DEMO_UNITS.village1, '00000000-0000-4000-8000-000000000000'] },
      'accountableOrgUnitIds.1',
      '问责单位(accountableOrgUnitIds)·第2项：单位不存在或不在辖区内',
    ],
    [
      'an accountable unit of another town',
      { alertId: 'ALERT2', accountableOrgUnitIds: [DEMO_UNITS.otherPeaceOffice] },
      'accountableOrgUnitIds.0',
      '问责单位(accountableOrgUnitIds)·第1项：单位不存在或不在辖区内',
    ],
    [
      'the same unit twice',
      { alertId: 'ALERT2', accountableOrgUnitIds: [DEMO_UNITS.village1, DEMO_UNITS.village1] },
      'accountableOrgUnitIds.1',
      '同一单位重复',
    ],
    ['no findings', { alertId: 'ALERT2', findings: '' }, 'findings', '调查发现(findings)'],
    ['no outcome', { alertId: 'ALERT2', outcome: undefined }, 'outcome', '问责结果(outcome)'],
    ['an unknown field', { alertId: 'ALERT2', score: 1 }, 'score', '不允许的字段'],
  ])('refuses %s (400), nothing written', async (_name, overrides, field, message) => {
    const patched = { ...overrides } as Record<string, unknown>;
    if (patched.caseId === 'UNVISITED') patched.caseId = f.unvisitedCase;
    if (patched.alertId === 'ALERT2') patched.alertId = alertIds[2];
    const before = await written();
    const response = await (await t.as('pingan')).post('/api/investigations', body(patched));
    expect(response.statusCode).toBe(400);
    const error = response.json().error;
    expect(error.message).toContain(message);
    expect(error.details.map((d: { field: string }) => d.field)).toContain(field);
    expect(await written()).toEqual(before);
  });

  it.each([
    ['an alert of another town', () => body({ alertId: f.foreignAlert, accountableOrgUnitIds: [] })],
    ['a case of another town', () => body({ alertId: undefined, caseId: f.foreignCase, accountableOrgUnitIds: [] })],
    ['an unknown alert', () => body({ alertId: '00000000-0000-4000-8000-000000000000' })],
  ])('answers 404 for %s, nothing written', async (_name, make) => {
    const before = await written();
    const response = await (await t.as('pingan')).post('/api/investigations', make());
    expect(response.statusCode).toBe(404);
    expect(await written()).toEqual(before);
  });

  it.each(['cun1', 'lingdao', 'paichusuo', 'minzheng', 'admin'])('refuses %s (403), nothing written', async (user) => {
    const before = await written();
    const response = await (await t.as(user)).post('/api/investigations', body({ alertId: alertIds[2] }));
    expect(response.statusCode).toBe(403);
    expect(await written()).toEqual(before);
  });

  it("lets the district investigate the neighbouring town's alert, scoped by its path", async () => {
    const response = await (await t.as('quji')).post(
      '/api/investigations',
      body({ alertId: f.foreignAlert, accountableOrgUnitIds: [DEMO_UNITS.otherPeaceOffice, DEMO_UNITS.otherVillage] }),
    );
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({ caseId: f.foreignCase, personName: '卫红英' });
  });
});

describe('GET /api/investigations, GET /api/investigations/:id', () => {
  it('lists the investigations in the jurisdiction, filtered', async () => {
    const caller = await t.as('pingan');
    const all = (await caller.get('/api/investigations?pageSize=100')).json();
    expect(all.total).toBe(all.items.length);
    expect(all.items.length).toBeGreaterThanOrEqual(4);
    expect(all.items.some((i: { caseId: string }) => i.caseId === f.foreignCase)).toBe(false);
    const byAlert = (await caller.get(`/api/investigations?alertId=${alertIds[0]}`)).json();
    expect(byAlert.items).toHaveLength(1);
    const byCase = (await caller.get(`/api/investigations?caseId=${f.unvisitedCase}`)).json();
    expect(byCase.total).toBe(2);
    const concluded = (await caller.get('/api/investigations?status=concluded')).json();
    expect(concluded.items.every((i: { status: string }) => i.status === 'concluded')).toBe(true);
    const district = (await (await t.as('ducha')).get('/api/investigations?pageSize=100')).json();
    expect(district.items.some((i: { caseId: string }) => i.caseId === f.foreignCase)).toBe(true);
  });

  it('lets the leader read, refuses others (403), refuses a bad filter (400)', async () => {
    const leader = (await (await t.as('lingdao')).get('/api/investigations')).json();
    expect(leader.items.every((i: { abilities: { update: boolean } }) => !i.abilities.update)).toBe(true);
    expect((await (await t.as('cun1')).get('/api/investigations')).statusCode).toBe(403);
    expect((await (await t.as('paichusuo')).get('/api/investigations')).statusCode).toBe(403);
    const bad = await (await t.as('pingan')).get('/api/investigations?status=closed');
    expect(bad.statusCode).toBe(400);
  });

  it('reads one, audited; another town’s answers 404 (audited as not found)', async () => {
    const [own] = (await (await t.as('pingan')).get(`/api/investigations?alertId=${alertIds[0]}`)).json().items;
    const read = await (await t.as('pingan')).get(`/api/investigations/${own.id}`);
    expect(read.statusCode).toBe(200);
    expect(read.json().id).toBe(own.id);
    const [foreign] = (await (await t.as('quji')).get(`/api/investigations?caseId=${f.foreignCase}`)).json().items;
    expect((await (await t.as('pingan')).get(`/api/investigations/${foreign.id}`)).statusCode).toBe(404);
    const events = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'investigation.read'), eq(auditEvents.actorId, uid('pingan'))));
    expect(events.map((e) => [e.entityId, e.outcome])).toEqual(
      expect.arrayContaining([
        [own.id, 'success'],
        [foreign.id, 'not_found'],
      ]),
    );
  });
});

describe('PATCH /api/investigations/:id', () => {
  let id: string;
  beforeAll(async () => {
    const [own] = (await (await t.as('pingan')).get(`/api/investigations?alertId=${alertIds[0]}`)).json().items;
    id = own.id;
  });
  const patch = async (payload: Record<string, unknown>, as = 'pingan') =>
    (await t.as(as)).patch(`/api/investigations/${id}`, payload);
  const row = async () => (await t.db.select().from(investigations).where(eq(investigations.id, id)))[0];

  it('edits an open investigation, audited with what changed', async () => {
    const response = await patch({
      findings: '补充：派出所出警及时；小组通报延迟2小时。',
      accountableOrgUnitIds: [DEMO_UNITS.village1],
      accountablePersons: '',
      version: 1,
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      findings: '补充：派出所出警及时；小组通报延迟2小时。',
      accountableUnits: [{ id: DEMO_UNITS.village1, name: '演示一村' }],
      accountablePersons: null,
      version: 2,
    });
    const [event] = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.entityId, id), eq(auditEvents.action, 'investigation.update')));
    expect(event?.diff).toMatchObject({
      before: { accountablePersons: '演示一村 陈村（网格员）' },
      after: { accountablePersons: null, accountableOrgUnitIds: [DEMO_UNITS.village1] },
    });
  });

  it('refuses a change that changes nothing (400), nothing written', async () => {
    const response = await patch({ version: 2 });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.message).toContain('请至少填写一项');
    expect((await row())?.version).toBe(2);
  });

  it('answers a stale version with 409, nothing changed', async () => {
    const response = await patch({ outcome: '过时的修改', version: 1 });
    expect(response.statusCode).toBe(409);
    expect(response.json().error.code).toBe('STALE_VERSION');
    expect((await row())?.version).toBe(2);
  });

  it.each([
    [
      'an accountable unit of another town',
      { accountableOrgUnitIds: [DEMO_UNITS.otherVillage], version: 2 },
      'accountableOrgUnitIds.0',
    ],
    ['an empty outcome', { outcome: ' ', version: 2 }, 'outcome'],
    ['an unknown status', { status: 'closed', version: 2 }, 'status'],
    ['no version', { outcome: '新结论' }, 'version'],
  ])('refuses %s (400), nothing changed', async (_name, payload, field) => {
    const response = await patch(payload);
    expect(response.statusCode).toBe(400);
    expect(response.json().error.details.map((d: { field: string }) => d.field)).toContain(field);
    expect((await row())?.version).toBe(2);
  });

  it('refuses roles that do not manage oversight (403) and another town (404)', async () => {
    expect((await patch({ outcome: 'x', version: 2 }, 'lingdao')).statusCode).toBe(403);
    expect((await patch({ outcome: 'x', version: 2 }, 'cun1')).statusCode).toBe(403);
    const [foreign] = (await (await t.as('quji')).get(`/api/investigations?caseId=${f.foreignCase}`)).json().items;
    const response = await (await t.as('pingan')).patch(`/api/investigations/${foreign.id}`, {
      outcome: 'x',
      version: 1,
    });
    expect(response.statusCode).toBe(404);
    expect((await row())?.version).toBe(2);
  });

  it('concludes it; a concluded investigation is final (409)', async () => {
    const concluded = await patch({ outcome: '约谈演示一村负责人，通报全镇。', status: 'concluded', version: 2 });
    expect(concluded.statusCode).toBe(200);
    expect(concluded.json()).toMatchObject({ status: 'concluded', version: 3, abilities: { update: false } });
    const again = await patch({ outcome: '改判', version: 3 });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('WRONG_STATE');
    const reopen = await patch({ status: 'open', version: 3 });
    expect(reopen.statusCode).toBe(409);
    expect(await row()).toMatchObject({ status: 'concluded', version: 3, outcome: '约谈演示一村负责人，通报全镇。' });
    const events = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.entityId, id), eq(auditEvents.action, 'investigation.conclude')));
    expect(events).toHaveLength(1);
  });
});

describe('the 居住地 town reads a case’s investigations but does not write them', () => {
  /** 褚立新: registered in 演示一村 (演示镇 is responsible), lives in 示范村 (示范镇 assists). */
  let assistedCase: string;
  beforeAll(async () => {
    assistedCase = await listAt(t, '褚立新', 3, '2026-11-10T10:00:00+08:00');
  });
  const caseBody = () => body({ alertId: undefined, caseId: assistedCase, accountableOrgUnitIds: [] });

  it('refuses 示范镇平安办 an investigation of a case 演示镇 is responsible for (403), nothing written', async () => {
    const before = await written();
    const response = await (await t.as(SHIFAN)).post('/api/investigations', caseBody());
    expect(response.statusCode).toBe(403);
    expect(await written()).toEqual(before);
  });

  it('lets 示范镇 read the responsible town’s investigation, but not edit or conclude it (403)', async () => {
    const created = await (await t.as('pingan')).post('/api/investigations', caseBody());
    expect(created.statusCode).toBe(201);
    const id = created.json().id as string;
    const shifan = await t.as(SHIFAN);
    const read = await shifan.get(`/api/investigations/${id}`);
    expect(read.statusCode).toBe(200);
    expect(read.json().abilities).toEqual({ update: false });
    const listed = (await shifan.get(`/api/investigations?caseId=${assistedCase}`)).json();
    expect(listed.items.map((i: { abilities: { update: boolean } }) => i.abilities.update)).toEqual([false]);
    for (const payload of [
      { outcome: '示范镇改写', version: 1 },
      { status: 'concluded', version: 1 },
    ]) {
      expect((await shifan.patch(`/api/investigations/${id}`, payload)).statusCode).toBe(403);
    }
    const [stored] = await t.db.select().from(investigations).where(eq(investigations.id, id));
    expect(stored).toMatchObject({ status: 'open', version: 1, outcome: body().outcome });
    expect((await (await t.as('pingan')).get(`/api/investigations/${id}`)).json().abilities).toEqual({ update: true });
  });
});
