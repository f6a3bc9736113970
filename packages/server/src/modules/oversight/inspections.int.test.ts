import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Caller, createTestContext, TEST_START, type TestContext } from '../../../test/context.js';
import { rowCount, uid } from '../../../test/work.js';
import { auditEvents, inspections, notifications, rectifications } from '../../db/schema.js';
import { DEMO_UNITS } from '../../seed/demo-town.js';
import { type OversightFixture, oversightFixture } from './oversight-fixtures.js';

let t: TestContext;
let f: OversightFixture;
beforeAll(async () => {
  t = await createTestContext();
  f = await oversightFixture(t);
});
afterAll(() => t.close());

const body = (overrides: Record<string, unknown> = {}) => ({
  orgUnitId: DEMO_UNITS.village1,
  inspectedOn: '2026-11-28',
  findings: '随访记录不完整，部分随访仅一人签名；矛盾化解台账未及时更新。',
  rectifications: [
    { description: '补齐10月以来的随访签名', dueOn: '2026-12-10' },
    { description: '更新矛盾化解台账', dueOn: '2026-12-20' },
  ],
  ...overrides,
});

async function createInspection(overrides: Record<string, unknown> = {}, as = 'pingan') {
  const response = await (await t.as(as)).post('/api/inspections', body(overrides));
  if (response.statusCode !== 201) throw new Error(`inspection: ${response.statusCode} ${response.body}`);
  return response.json();
}

/**
 * Runs one request at 2026-11-30 00:30 Beijing (2026-11-29 16:30 UTC) in a session of its own (the
 * cached sessions would time out), then puts the clock back.
 */
async function afterMidnight<T>(username: string, run: (caller: Caller) => Promise<T>): Promise<T> {
  t.clock.set(new Date('2026-11-29T16:30:00.000Z'));
  try {
    return await run(await t.signIn(username));
  } finally {
    t.clock.set(TEST_START);
  }
}

/** What a refused request must leave untouched. */
async function written() {
  return {
    inspections: await rowCount(t, inspections),
    rectifications: await rowCount(t, rectifications),
    notices: await rowCount(t, notifications, eq(notifications.kind, 'inspection.created')),
    audit: await rowCount(t, auditEvents, eq(auditEvents.action, 'inspection.create')),
  };
}

describe('POST /api/inspections (督导检查)', () => {
  it('records findings and rectification items (201), tells the village, audited', async () => {
    const response = await (await t.as('pingan')).post('/api/inspections', body());
    expect(response.statusCode).toBe(201);
    const created = response.json();
    expect(created).toMatchObject({
      orgUnitId: DEMO_UNITS.village1,
      orgUnitName: '演示一村',
      orgUnitKind: 'village',
      caseId: null,
      personName: null,
      inspectedOn: '2026-11-28',
      inspectorId: uid('pingan'),
      inspectorName: '平安办 周安',
      rectificationCounts: { open: 2, done: 0, overdue: 0 },
      version: 1,
    });
    expect(created.rectifications).toEqual([
      expect.objectContaining({
        description: '补齐10月以来的随访签名',
        dueOn: '2026-12-10',
        status: 'open',
        doneOn: null,
        overdue: false,
        version: 1,
        abilities: { complete: true, reopen: false },
      }),
      expect.objectContaining({ description: '更新矛盾化解台账', dueOn: '2026-12-20' }),
    ]);
    const notices = await t.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.kind, 'inspection.created'), eq(notifications.orgUnitId, DEMO_UNITS.village1)));
    expect(notices).toHaveLength(1);
    expect(notices[0]?.body).toContain('整改事项2项');
    expect(notices[0]?.body).toContain('最早整改期限2026-12-10');
    const events = await t.db.select().from(auditEvents).where(eq(auditEvents.entityId, created.id));
    expect(events.map((e) => e.action)).toEqual(['inspection.create']);

    // The village cadre reads the notice among its own.
    const inbox = (await (await t.as('cun1')).get('/api/notifications')).json();
    expect(inbox.items.some((n: { kind: string }) => n.kind === 'inspection.created')).toBe(true);
  });

  it("inspects one case's team: the person is named", async () => {
    const created = await createInspection({ caseId: f.visitedCase, rectifications: [] });
    expect(created).toMatchObject({ caseId: f.visitedCase, personName: '赵志强', rectifications: [] });
    const [notice] = await t.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.kind, 'inspection.created'), eq(notifications.caseId, f.visitedCase)));
    expect(notice?.title).toBe('督导检查：演示一村（赵志强服务管理小组）');
    expect(notice?.body).toContain('未提出整改事项');
  });

  it('inspects a town', async () => {
    const created = await createInspection({ orgUnitId: DEMO_UNITS.town, rectifications: [] });
    expect(created).toMatchObject({ orgUnitName: '演示镇', orgUnitKind: 'town' });
  });

  it('accepts the date of today in Beijing just after midnight (UTC still yesterday)', async () => {
    const response = await afterMidnight('pingan', (caller) =>
      caller.post(
        '/api/inspections',
        body({ inspectedOn: '2026-11-30', rectifications: [{ description: '当日整改', dueOn: '2026-11-30' }] }),
      ),
    );
    expect(response.statusCode).toBe(201);
    expect(response.json().inspectedOn).toBe('2026-11-30');
  });

  it.each([
    [
      'a date in the future',
      { inspectedOn: '2026-11-30' },
      'inspectedOn',
      '检查日期(inspectedOn)：不能晚于今天（2026-11-29）',
    ],
    // Year 0 passes the date format but is no PostgreSQL date (it answered 500).
    ['a date in year 0', { inspectedOn: '0000-01-01' }, 'inspectedOn', '检查日期(inspectedOn)'],
    ['a date before 2000', { inspectedOn: '1999-12-31' }, 'inspectedOn', '检查日期(inspectedOn)：不能早于2000-01-01'],
    [
      'an item due before the inspection',
      {
        rectifications: [
          { description: '甲', dueOn: '2026-12-01' },
          { description: '乙', dueOn: '2026-11-27' },
        ],
      },
      'rectifications.1.dueOn',
      '整改事项(rectifications)·第2项·整改期限(dueOn)：不能早于检查日期（2026-11-28）',
    ],
    ['no findings', { findings: '  ' }, 'findings', '检查发现(findings)'],
    [
      'an item without a description',
      { rectifications: [{ description: '', dueOn: '2026-12-01' }] },
      'rectifications.0.description',
      '整改内容(description)',
    ],
    ['a malformed date', { inspectedOn: '2026-13-01' }, 'inspectedOn', '检查日期(inspectedOn)'],
    [
      'a department',
      { orgUnitId: DEMO_UNITS.peaceOffice },
      'orgUnitId',
      '检查对象(orgUnitId)：须为村（社区）或镇（街道）',
    ],
    ['a case of another village', { caseId: 'CASE_V2' }, 'caseId', '案件(caseId)：该人员不属于所选检查对象'],
    ['an unknown field', { score: 3 }, 'score', '不允许的字段'],
  ])('refuses %s (400, nothing written)', async (_name, overrides, field, message) => {
    const patched = { ...overrides } as Record<string, unknown>;
    if (patched.caseId === 'CASE_V2') patched.caseId = f.village2Case;
    const before = await written();
    const response = await (await t.as('pingan')).post('/api/inspections', body(patched));
    expect(response.statusCode).toBe(400);
    const error = response.json().error;
    expect(error.message).toContain(message);
    expect(error.details.map((d: { field: string }) => d.field)).toContain(field);
    expect(await written()).toEqual(before);
  });

  it.each([
    ['a village of another town', { orgUnitId: DEMO_UNITS.otherVillage }],
    ['an unknown unit', { orgUnitId: '00000000-0000-4000-8000-000000000000' }],
    ['a case of another town', { orgUnitId: DEMO_UNITS.town, caseId: 'FOREIGN' }],
  ])('answers 404 for %s, nothing written', async (_name, overrides) => {
    const patched = { ...overrides } as Record<string, unknown>;
    if (patched.caseId === 'FOREIGN') patched.caseId = f.foreignCase;
    const before = await written();
    const response = await (await t.as('pingan')).post('/api/inspections', body(patched));
    expect(response.statusCode).toBe(404);
    expect(await written()).toEqual(before);
  });

  it.each(['cun1', 'lingdao', 'paichusuo', 'admin'])('refuses %s (403), nothing written', async (username) => {
    const before = await written();
    const response = await (await t.as(username)).post('/api/inspections', body());
    expect(response.statusCode).toBe(403);
    expect(await written()).toEqual(before);
  });

  it('lets the district inspector inspect a village of any town of the district', async () => {
    const created = await createInspection(
      { orgUnitId: DEMO_UNITS.otherVillage, rectifications: [{ description: '示范村整改', dueOn: '2026-12-05' }] },
      'ducha',
    );
    expect(created).toMatchObject({ orgUnitName: '示范村', inspectorName: '督导 沈督' });
  });
});

describe('GET /api/inspections and /api/inspections/:id', () => {
  let overdueInspection: string;
  let foreignInspection: string;
  beforeAll(async () => {
    overdueInspection = (
      await createInspection({
        orgUnitId: DEMO_UNITS.village2,
        inspectedOn: '2026-11-01',
        rectifications: [
          { description: '二村逾期事项', dueOn: '2026-11-10' },
          { description: '二村未到期事项', dueOn: '2026-12-31' },
        ],
      })
    ).id;
    foreignInspection = (await createInspection({ orgUnitId: DEMO_UNITS.otherVillage, rectifications: [] }, 'ducha'))
      .id;
  });

  it('lists the inspections in the jurisdiction with names and counts, newest first', async () => {
    const response = await (await t.as('pingan')).get('/api/inspections?pageSize=100');
    expect(response.statusCode).toBe(200);
    const { items, total } = response.json();
    expect(total).toBe(items.length);
    expect(items.some((i: { id: string }) => i.id === foreignInspection)).toBe(false);
    expect(items.every((i: { orgUnitName: string }) => i.orgUnitName !== '示范村')).toBe(true);
    const overdue = items.find((i: { id: string }) => i.id === overdueInspection);
    expect(overdue).toMatchObject({
      orgUnitName: '演示二村',
      inspectorName: '平安办 周安',
      rectificationCounts: { open: 2, done: 0, overdue: 1 },
    });
    const dates = items.map((i: { inspectedOn: string }) => i.inspectedOn);
    expect(dates).toEqual([...dates].sort().reverse());
  });

  it('filters by unit (its subtree) and by case', async () => {
    const village2 = (await (await t.as('pingan')).get(`/api/inspections?orgUnitId=${DEMO_UNITS.village2}`)).json();
    expect(village2.items.map((i: { id: string }) => i.id)).toEqual([overdueInspection]);
    const town = (await (await t.as('pingan')).get(`/api/inspections?orgUnitId=${DEMO_UNITS.town}`)).json();
    expect(town.total).toBeGreaterThan(village2.total);
    const ofCase = (await (await t.as('pingan')).get(`/api/inspections?caseId=${f.visitedCase}`)).json();
    expect(ofCase.items.map((i: { personName: string }) => i.personName)).toEqual(['赵志强']);
    const foreign = (await (await t.as('pingan')).get(`/api/inspections?orgUnitId=${DEMO_UNITS.otherVillage}`)).json();
    expect(foreign).toEqual({ items: [], total: 0 });
  });

  it('audits a list that names a person', async () => {
    const before = await rowCount(t, auditEvents, eq(auditEvents.action, 'inspection.list'));
    await (await t.as('pingan')).get(`/api/inspections?caseId=${f.visitedCase}`);
    expect(await rowCount(t, auditEvents, eq(auditEvents.action, 'inspection.list'))).toBe(before + 1);
  });

  it('shows the district inspector every town; the leader reads; others are refused', async () => {
    const all = (await (await t.as('ducha')).get('/api/inspections?pageSize=100')).json();
    expect(all.items.some((i: { id: string }) => i.id === foreignInspection)).toBe(true);
    expect((await (await t.as('lingdao')).get('/api/inspections')).statusCode).toBe(200);
    expect((await (await t.as('cun1')).get('/api/inspections')).statusCode).toBe(403);
    expect((await (await t.as('minzheng')).get('/api/inspections')).statusCode).toBe(403);
  });

  it('reads one inspection with its items, audited', async () => {
    const response = await (await t.as('lingdao')).get(`/api/inspections/${overdueInspection}`);
    expect(response.statusCode).toBe(200);
    const detail = response.json();
    expect(detail.rectifications).toEqual([
      expect.objectContaining({ description: '二村逾期事项', overdue: true, overdueDays: 19 }),
      expect.objectContaining({ description: '二村未到期事项', overdue: false, overdueDays: 0 }),
    ]);
    // The leader reads; neither completing nor reopening is theirs.
    expect(detail.rectifications[0].abilities).toEqual({ complete: false, reopen: false });
    const events = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.entityId, overdueInspection), eq(auditEvents.action, 'inspection.read')));
    expect(events).toHaveLength(1);
  });

  it('answers 404 for an inspection of another town (audited as not found)', async () => {
    const response = await (await t.as('pingan')).get(`/api/inspections/${foreignInspection}`);
    expect(response.statusCode).toBe(404);
    const [event] = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.entityId, foreignInspection), eq(auditEvents.action, 'inspection.read')));
    expect(event?.outcome).toBe('not_found');
  });
});

describe('rectifications (整改事项)', () => {
  let village1Item: { id: string; version: number };
  let village2Items: { id: string }[];
  beforeAll(async () => {
    const v1 = await createInspection({
      inspectedOn: '2026-11-20',
      rectifications: [{ description: '一村：建立随访签名核对制度', dueOn: '2026-12-05' }],
    });
    village1Item = v1.rectifications[0];
    const v2 = await createInspection({
      orgUnitId: DEMO_UNITS.village2,
      inspectedOn: '2026-11-20',
      rectifications: [{ description: '二村：补报排查情况表', dueOn: '2026-11-25' }],
    });
    village2Items = v2.rectifications;
    // A town-level item: no village sees it.
    await createInspection({
      orgUnitId: DEMO_UNITS.town,
      rectifications: [{ description: '镇级：完善联席会议纪要', dueOn: '2026-12-15' }],
    });
  });

  it("shows a village cadre its own village's items only", async () => {
    const response = await (await t.as('cun1')).get('/api/rectifications?pageSize=100');
    expect(response.statusCode).toBe(200);
    const { items, total } = response.json();
    expect(total).toBe(items.length);
    expect(items.length).toBeGreaterThan(0);
    expect(items.every((r: { orgUnitId: string }) => r.orgUnitId === DEMO_UNITS.village1)).toBe(true);
    expect(items.some((r: { id: string }) => r.id === village1Item.id)).toBe(true);
    expect(items[0].abilities).toEqual({ complete: true, reopen: false });
    const cun2 = (await (await t.as('cun2')).get('/api/rectifications?pageSize=100')).json();
    expect(cun2.items.every((r: { orgUnitId: string }) => r.orgUnitId === DEMO_UNITS.village2)).toBe(true);
  });

  it('filters overdue (open and past due), open and done', async () => {
    const overdue = (await (await t.as('pingan')).get('/api/rectifications?status=overdue&pageSize=100')).json();
    expect(overdue.items.length).toBeGreaterThan(0);
    expect(overdue.items.every((r: { overdue: boolean }) => r.overdue)).toBe(true);
    expect(overdue.items.some((r: { id: string }) => r.id === village2Items[0]?.id)).toBe(true);
    const town = (await (await t.as('pingan')).get('/api/rectifications?pageSize=100')).json();
    expect(town.items.some((r: { description: string }) => r.description === '镇级：完善联席会议纪要')).toBe(true);
    expect(town.items.some((r: { orgUnitName: string }) => r.orgUnitName === '示范村')).toBe(false);
    const byUnit = (
      await (await t.as('pingan')).get(`/api/rectifications?orgUnitId=${DEMO_UNITS.village2}&status=open&pageSize=100`)
    ).json();
    expect(byUnit.items.every((r: { orgUnitName: string; status: string }) => r.orgUnitName === '演示二村')).toBe(true);
  });

  it('refuses roles outside oversight (403)', async () => {
    expect((await (await t.as('paichusuo')).get('/api/rectifications')).statusCode).toBe(403);
    expect((await (await t.as('admin')).get('/api/rectifications')).statusCode).toBe(403);
  });

  it('lets the village cadre mark its item done: doneOn is today (Beijing), audited', async () => {
    const response = await afterMidnight('cun1', (caller) =>
      caller.patch(`/api/rectifications/${village1Item.id}`, {
        status: 'done',
        note: '已建立随访签名核对制度并补签',
        version: 1,
      }),
    );
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      status: 'done',
      doneOn: '2026-11-30',
      note: '已建立随访签名核对制度并补签',
      version: 2,
      abilities: { complete: false, reopen: false },
    });
    const [event] = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.entityId, village1Item.id), eq(auditEvents.action, 'rectification.update')));
    expect(event?.diff).toMatchObject({ after: { status: 'done', doneOn: '2026-11-30' } });
  });

  it('answers a stale version with 409 and changes nothing', async () => {
    const response = await (await t.as('cun1')).patch(`/api/rectifications/${village1Item.id}`, {
      status: 'done',
      note: '另一份说明',
      version: 1,
    });
    expect(response.statusCode).toBe(409);
    expect(response.json().error.code).toBe('STALE_VERSION');
    const [row] = await t.db.select().from(rectifications).where(eq(rectifications.id, village1Item.id));
    expect(row).toMatchObject({ version: 2, note: '已建立随访签名核对制度并补签' });
  });

  it('does not let the village undo its completion (403); the inspector reopens it', async () => {
    const refused = await (await t.as('cun1')).patch(`/api/rectifications/${village1Item.id}`, {
      status: 'open',
      version: 2,
    });
    expect(refused.statusCode).toBe(403);
    const reopened = await (await t.as('pingan')).patch(`/api/rectifications/${village1Item.id}`, {
      status: 'open',
      note: '核查发现仍有3份随访记录未补签，退回继续整改',
      version: 2,
    });
    expect(reopened.statusCode).toBe(200);
    expect(reopened.json()).toMatchObject({ status: 'open', doneOn: null, version: 3 });
    const events = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.entityId, village1Item.id), eq(auditEvents.action, 'rectification.reopen')));
    expect(events).toHaveLength(1);
  });

  it("answers 404 for another village's item and 403 for a reader", async () => {
    const item = village2Items[0]?.id;
    expect(
      (await (await t.as('cun1')).patch(`/api/rectifications/${item}`, { status: 'done', version: 1 })).statusCode,
    ).toBe(404);
    expect(
      (await (await t.as('lingdao')).patch(`/api/rectifications/${item}`, { status: 'done', version: 1 })).statusCode,
    ).toBe(403);
    const [row] = await t.db
      .select()
      .from(rectifications)
      .where(eq(rectifications.id, item as string));
    expect(row).toMatchObject({ status: 'open', version: 1 });
  });

  it('refuses a bad status or a missing version (400)', async () => {
    const caller = await t.as('cun1');
    const bad = await caller.patch(`/api/rectifications/${village1Item.id}`, { status: 'finished', version: 3 });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].field).toBe('status');
    const missing = await caller.patch(`/api/rectifications/${village1Item.id}`, { status: 'done' });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.message).toContain('版本号(version)');
    const [row] = await t.db.select().from(rectifications).where(eq(rectifications.id, village1Item.id));
    expect(row).toMatchObject({ status: 'open', version: 3 });
  });
});

describe('GET /api/inspections/sample (抽查)', () => {
  const sample = async (query: string, as = 'pingan') => (await t.as(as)).get(`/api/inspections/sample?${query}`);

  it('draws visits of the last 30 days in the unit, the same for the same seed', async () => {
    const response = await sample(`orgUnitId=${DEMO_UNITS.village1}&kind=visits&n=1&seed=abc`);
    expect(response.statusCode).toBe(200);
    const first = response.json();
    expect(first).toMatchObject({
      orgUnitId: DEMO_UNITS.village1,
      orgUnitName: '演示一村',
      kind: 'visits',
      seed: 'abc',
      population: 2,
      from: '2026-10-31',
      to: '2026-11-29',
      cases: [],
    });
    expect(first.visits).toHaveLength(1);
    expect(f.visitIds.recent).toContain(first.visits[0].visitId);
    expect(first.visits[0]).toMatchObject({
      caseId: f.visitedCase,
      personName: '赵志强',
      level: 3,
      visitors: [
        { userId: uid('pingan'), displayName: '平安办 周安' },
        { userId: uid('cun1'), displayName: '演示一村 陈村' },
      ],
      controlStatus: 'in_control',
      extremeTendency: false,
    });
    for (let i = 0; i < 3; i++) {
      const again = (await sample(`orgUnitId=${DEMO_UNITS.village1}&kind=visits&n=1&seed=abc`)).json();
      expect(again.visits).toEqual(first.visits);
    }
    const all = (await sample(`orgUnitId=${DEMO_UNITS.village1}&kind=visits&n=5&seed=abc`)).json();
    expect(all.visits.map((v: { visitId: string }) => v.visitId).sort()).toEqual([...f.visitIds.recent].sort());
    expect(all.visits.map((v: { visitId: string }) => v.visitId)).not.toContain(f.visitIds.old);
  });

  it('differs between seeds (over a few draws) and picks a seed when none is given', async () => {
    const draws = new Set<string>();
    for (const seed of ['a', 'b', 'c', 'd', 'e', 'f']) {
      const result = (await sample(`orgUnitId=${DEMO_UNITS.village1}&kind=visits&n=1&seed=${seed}`)).json();
      draws.add(result.visits[0].visitId);
    }
    expect(draws.size).toBe(2);
    const unseeded = (await sample(`orgUnitId=${DEMO_UNITS.village1}&kind=visits`)).json();
    expect(unseeded.seed).toMatch(/^[0-9a-f]{8}$/);
    const replay = (await sample(`orgUnitId=${DEMO_UNITS.village1}&kind=visits&seed=${unseeded.seed}`)).json();
    expect(replay.visits).toEqual(unseeded.visits);
  });

  it('draws cases with overdue obligations, with the overdue kinds', async () => {
    const result = (await sample(`orgUnitId=${DEMO_UNITS.village1}&kind=missed&n=10&seed=x`)).json();
    expect(result).toMatchObject({ kind: 'missed', from: null, visits: [] });
    const unvisited = result.cases.find((c: { caseId: string }) => c.caseId === f.unvisitedCase);
    expect(unvisited).toMatchObject({ personName: '钱秀兰', level: 3 });
    expect(unvisited.overdue).toContainEqual({ kind: 'visit', dueOn: '2026-10-15', overdueDays: 45 });
    // Only 演示一村's cases; the other village's overdue case is not among them.
    expect(result.cases.map((c: { caseId: string }) => c.caseId)).not.toContain(f.village2Case);
    expect(result.population).toBe(result.cases.length);

    const village2 = (await sample(`orgUnitId=${DEMO_UNITS.village2}&kind=missed&seed=x`)).json();
    expect(village2.cases).toEqual([
      expect.objectContaining({
        caseId: f.village2Case,
        personName: '周文斌',
        overdue: expect.arrayContaining([{ kind: 'visit', dueOn: '2026-11-27', overdueDays: 2 }]),
      }),
    ]);
    const few = (await sample(`orgUnitId=${DEMO_UNITS.town}&kind=missed&n=1&seed=x`)).json();
    expect(few.cases).toHaveLength(1);
    expect(few.population).toBeGreaterThanOrEqual(3);
  });

  it('audits the draw with the cases it showed', async () => {
    const result = (await sample(`orgUnitId=${DEMO_UNITS.village2}&kind=missed&seed=audit1`)).json();
    const events = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'inspection.sample'), eq(auditEvents.entityId, DEMO_UNITS.village2)));
    const last = events.at(-1);
    expect(last?.diff).toMatchObject({
      after: { kind: 'missed', seed: 'audit1', caseIds: result.cases.map((c: { caseId: string }) => c.caseId) },
    });
  });

  it.each([
    ['n=0', `orgUnitId=${DEMO_UNITS.village1}&kind=visits&n=0`, 'n'],
    ['n=51', `orgUnitId=${DEMO_UNITS.village1}&kind=visits&n=51`, 'n'],
    ['an unknown kind', `orgUnitId=${DEMO_UNITS.village1}&kind=all`, 'kind'],
    ['a seed with spaces', `orgUnitId=${DEMO_UNITS.village1}&kind=visits&seed=a%20b`, 'seed'],
    ['no unit', 'kind=visits', 'orgUnitId'],
    ['a department', `orgUnitId=${DEMO_UNITS.peaceOffice}&kind=visits`, 'orgUnitId'],
  ])('refuses %s (400)', async (_name, query, field) => {
    const response = await sample(query);
    expect(response.statusCode).toBe(400);
    expect(response.json().error.details[0].field).toBe(field);
  });

  it('answers 404 for a unit of another town and 403 for roles that do not inspect', async () => {
    expect((await sample(`orgUnitId=${DEMO_UNITS.otherVillage}&kind=visits`)).statusCode).toBe(404);
    expect((await sample(`orgUnitId=${DEMO_UNITS.otherVillage}&kind=missed`, 'ducha')).statusCode).toBe(200);
    expect((await sample(`orgUnitId=${DEMO_UNITS.village1}&kind=visits`, 'cun1')).statusCode).toBe(403);
    expect((await sample(`orgUnitId=${DEMO_UNITS.village1}&kind=visits`, 'lingdao')).statusCode).toBe(403);
  });
});
