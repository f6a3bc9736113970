import { eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, TEST_START, type TestContext } from '../../../test/context.js';
import { auditEvents, screeningEntries, screeningReports } from '../../db/schema.js';
import { DEMO_UNITS } from '../../seed/demo-town.js';
import { entry, screeningKit, signInEveryone } from './screening.test-kit.js';

// Each (unit, month) pair belongs to one test or one describe block, so the tests do not collide:
//   演示一村 2026-11 — the main walk (create, edit, submit, pool, dismiss)
//   演示二村 2026-11 / 演示社区 2026-11 — the on-time / late boundary
//   演示一村, 演示二村, 演示社区 2026-10 — the compliance board
//   派出所 2026-11 — a member unit's zero report;  演示二村 2026-09 — the empty return
//   演示社区 2026-07 — a paper return keyed in by the peace office;  示范村 2026-05 — another town's return

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
  await signInEveryone(t);
});
afterAll(() => t.close());
afterEach(() => t.clock.set(TEST_START));

const U = DEMO_UNITS;
const { counts, countOf, at, fileReturn, submitReturn } = screeningKit(() => t);

/** The return of 演示一村 for 2026-11 that the main walk creates, edits and submits. */
let mainReport: { id: string; version: number };

describe('POST /api/screening-reports', () => {
  it('creates a draft for the cadre’s own village, keeping the order of the entries, and audits it', async () => {
    const before = await countOf(auditEvents);
    const response = await (await t.as('cun1')).post('/api/screening-reports', {
      orgUnitId: U.village1,
      month: '2026-11',
      entries: [entry('钱秀兰', { categories: ['C2', 'C3'] }), entry('赵志强'), entry('郑国平')],
    });
    expect(response.statusCode).toBe(201);
    const body = response.json();
    expect(body).toMatchObject({
      orgUnitId: U.village1,
      orgUnitName: '演示一村',
      month: '2026-11',
      zeroReport: false,
      status: 'draft',
      submittedAt: null,
      onTime: null,
      dueOn: '2026-11-21',
      version: 1,
      abilities: { update: true, submit: true },
    });
    // 郑国平 is registered in 演示二村 but lives in 演示一村: he belongs on its return.
    expect(body.entries.map((e: { personName: string }) => e.personName)).toEqual(['钱秀兰', '赵志强', '郑国平']);
    expect(body.entries[0]).toMatchObject({ categories: ['C2', 'C3'], poolStatus: 'pending', caseId: null });
    expect(body.entries[0].idNumberMasked).toMatch(/^\d{3}\*+[\dX]{4}$/);
    expect(await countOf(auditEvents)).toBe(before + 1);
    const [event] = await t.db.select().from(auditEvents).where(eq(auditEvents.entityId, body.id));
    expect(event).toMatchObject({ action: 'screening_report.create', actorUsername: 'cun1', outcome: 'success' });
    mainReport = { id: body.id, version: body.version };
  });

  it('answers 409 for a second return of the same unit and month, from anyone, writing nothing', async () => {
    const before = await counts();
    for (const username of ['cun1', 'pingan']) {
      const response = await (await t.as(username)).post('/api/screening-reports', {
        orgUnitId: U.village1,
        month: '2026-11',
        zeroReport: true,
      });
      expect(response.statusCode).toBe(409);
      expect(response.json().error).toMatchObject({ code: 'DUPLICATE_SCREENING_REPORT' });
      expect(response.json().error.message).toContain('演示一村');
    }
    expect(await counts()).toEqual(before);
  });

  it.each([
    ['a missing orgUnitId', { orgUnitId: undefined }, 'orgUnitId', '填报单位'],
    ['an orgUnitId that is not an id', { orgUnitId: 'abc' }, 'orgUnitId', '填报单位'],
    ['a missing month', { month: undefined }, 'month', '月份'],
    ['month 13', { month: '2026-13' }, 'month', 'YYYY-MM'],
    ['a month with a slash', { month: '2026/08' }, 'month', '月份'],
    ['a month as a number', { month: 202608 }, 'month', '月份'],
    ['a month in the future (Beijing)', { month: '2026-12' }, 'month', '尚未到来'],
    ['entries that are not a list', { entries: 'x' }, 'entries', '排查对象'],
    [
      'an entry without a person',
      { entries: [{ categories: ['C1'], description: '说明' }] },
      'entries.0.personId',
      '人员',
    ],
    ['a person id that is a number', { entries: [entry('赵志强', { personId: 7 })] }, 'entries.0.personId', '人员'],
    ['a bad category', { entries: [entry('赵志强', { categories: ['C9'] })] }, 'entries.0.categories.0', '情形类别'],
    ['no category', { entries: [entry('赵志强', { categories: [] })] }, 'entries.0.categories', '至少选择一种情形'],
    ['an empty description', { entries: [entry('赵志强', { description: '' })] }, 'entries.0.description', '情况描述'],
    [
      'an oversized description',
      { entries: [entry('赵志强', { description: '述'.repeat(2001) })] },
      'entries.0.description',
      '情况描述',
    ],
    ['an unknown field', { ownerId: 'x' }, 'ownerId', 'ownerId'],
    ['an unknown field in an entry', { entries: [entry('赵志强', { level: 1 })] }, 'entries.0.level', 'level'],
    ['zeroReport as text', { zeroReport: 'yes' }, 'zeroReport', '零报告'],
    ['a zero report that lists somebody', { zeroReport: true, entries: [entry('赵志强')] }, 'zeroReport', '零报告'],
    ['the same person twice', { entries: [entry('赵志强'), entry('赵志强')] }, 'entries.1.personId', '同一人'],
    ['a person out of the jurisdiction', { entries: [entry('周文斌')] }, 'entries.0.personId', '管辖'],
    [
      'a person that does not exist',
      { entries: [entry('赵志强', { personId: 'c0000000-0000-4000-8000-999999999999' })] },
      'entries.0.personId',
      '人员',
    ],
    ['the town above the village', { orgUnitId: U.town }, 'orgUnitId', '只能填报本单位'],
  ])('refuses %s with 400 naming the field, writing nothing', async (_label, overrides, field, words) => {
    const before = await counts();
    const response = await (await t.as('cun1')).post('/api/screening-reports', {
      orgUnitId: U.village1,
      month: '2026-08',
      entries: [entry('赵志强')],
      ...overrides,
    });
    expect(response.statusCode).toBe(400);
    const { error } = response.json();
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.message).toMatch(/[\u4e00-\u9fa5]/);
    expect(error.message).toContain(words);
    expect(error.details.map((d: { field: string }) => d.field)).toContain(field);
    expect(await counts()).toEqual(before);
  });

  it('answers 404 for a unit the caller cannot see (another village, another town)', async () => {
    const before = await counts();
    const foreign = await (await t.as('cun2')).post('/api/screening-reports', {
      orgUnitId: U.village1,
      month: '2026-08',
      zeroReport: true,
    });
    expect(foreign.statusCode).toBe(404);
    const otherTown = await (await t.as('pingan')).post('/api/screening-reports', {
      orgUnitId: U.otherVillage,
      month: '2026-08',
      zeroReport: true,
    });
    expect(otherTown.statusCode).toBe(404);
    expect(await counts()).toEqual(before);
  });

  it('refuses the peace office a return for another department (400), and the district any return (403)', async () => {
    const department = await (await t.as('pingan')).post('/api/screening-reports', {
      orgUnitId: U.policeStation,
      month: '2026-08',
      zeroReport: true,
    });
    expect(department.statusCode).toBe(400);
    expect(department.json().error.details[0].field).toBe('orgUnitId');
    const district = await (await t.as('quji')).post('/api/screening-reports', {
      orgUnitId: U.otherVillage,
      month: '2026-08',
      zeroReport: true,
    });
    expect(district.statusCode).toBe(403);
  });

  it('lets the peace office key in a village’s paper return, but only with that village’s people', async () => {
    const pingan = await t.as('pingan');
    const stranger = await pingan.post('/api/screening-reports', {
      orgUnitId: U.community,
      month: '2026-07',
      entries: [entry('周文斌')],
    });
    expect(stranger.statusCode).toBe(400);
    expect(stranger.json().error.message).toContain('不是本村（社区）');
    const paper = await fileReturn('pingan', {
      orgUnitId: U.community,
      month: '2026-07',
      entries: [entry('王淑珍', { categories: ['C3'] })],
    });
    expect(paper).toMatchObject({ orgUnitName: '演示社区', abilities: { update: true, submit: true } });
  });

  it('lets a member unit file and submit its own return, here a zero report', async () => {
    const created = await fileReturn('paichusuo', { orgUnitId: U.policeStation, month: '2026-11', zeroReport: true });
    expect(created).toMatchObject({ orgUnitName: '演示镇派出所', zeroReport: true, entries: [] });
    const submitted = await submitReturn('paichusuo', created.id);
    expect(submitted).toMatchObject({ status: 'submitted', onTime: false });
  });

  it('answers 401 without a session', async () => {
    const response = await t.anonymous.post('/api/screening-reports', { orgUnitId: U.village1, month: '2026-08' });
    expect(response.statusCode).toBe(401);
  });
});

describe('GET /api/screening-reports', () => {
  it('shows the return to its village and to the town, with entries', async () => {
    const own = await (await t.as('cun1')).get(`/api/screening-reports/${mainReport.id}`);
    expect(own.statusCode).toBe(200);
    expect(own.json().entries).toHaveLength(3);
    const town = await (await t.as('pingan')).get('/api/screening-reports?month=2026-11');
    expect(town.statusCode).toBe(200);
    expect(town.json().items.map((r: { id: string }) => r.id)).toContain(mainReport.id);
  });

  it('shows 演示二村’s cadre nothing of 演示一村’s returns', async () => {
    const cun2 = await t.as('cun2');
    const list = (await cun2.get('/api/screening-reports?pageSize=100')).json();
    expect(list.items.every((r: { orgUnitId: string }) => r.orgUnitId === U.village2)).toBe(true);
    expect((await cun2.get(`/api/screening-reports?orgUnitId=${U.village1}`)).json()).toEqual({ items: [], total: 0 });
    expect((await cun2.get(`/api/screening-reports/${mainReport.id}`)).statusCode).toBe(404);
    const edit = await cun2.put(`/api/screening-reports/${mainReport.id}`, {
      entries: [],
      zeroReport: true,
      version: mainReport.version,
    });
    expect(edit.statusCode).toBe(404);
    expect((await cun2.post(`/api/screening-reports/${mainReport.id}/submit`)).statusCode).toBe(404);
    // Untouched by all that.
    const [row] = await t.db.select().from(screeningReports).where(eq(screeningReports.id, mainReport.id));
    expect(row).toMatchObject({ status: 'draft', version: 1, zeroReport: false });
  });

  it('filters by unit, status and month, and pages', async () => {
    const pingan = await t.as('pingan');
    const drafts = (await pingan.get('/api/screening-reports?status=draft&pageSize=100')).json();
    expect(drafts.items.every((r: { status: string }) => r.status === 'draft')).toBe(true);
    const village = (await pingan.get(`/api/screening-reports?orgUnitId=${U.village1}&month=2026-11`)).json();
    expect(village.items.map((r: { id: string }) => r.id)).toEqual([mainReport.id]);
    const page1 = (await pingan.get('/api/screening-reports?pageSize=1&page=1')).json();
    const page2 = (await pingan.get('/api/screening-reports?pageSize=1&page=2')).json();
    expect(page1.total).toBeGreaterThanOrEqual(2);
    expect(page1.items[0].id).not.toBe(page2.items[0].id);
  });

  it.each([
    ['month=2026-13', 'month'],
    ['status=sent', 'status'],
    ['pageSize=1000', 'pageSize'],
    ['orgUnitId=nope', 'orgUnitId'],
    ['colour=red', 'colour'],
  ])('refuses ?%s with 400', async (query, field) => {
    const response = await (await t.as('pingan')).get(`/api/screening-reports?${query}`);
    expect(response.statusCode).toBe(400);
    expect(response.json().error.details.map((d: { field: string }) => d.field)).toContain(field);
  });

  it('answers 404 for an unknown id and 400 for one that is not an id', async () => {
    const pingan = await t.as('pingan');
    expect((await pingan.get('/api/screening-reports/d0000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
    expect((await pingan.get('/api/screening-reports/123')).statusCode).toBe(400);
  });

  it('shows the town’s police the village return but not as theirs to change (403)', async () => {
    const police = await t.as('paichusuo');
    const seen = await police.get(`/api/screening-reports/${mainReport.id}`);
    expect(seen.statusCode).toBe(200);
    expect(seen.json().abilities).toEqual({ update: false, submit: false });
    const edit = await police.put(`/api/screening-reports/${mainReport.id}`, {
      entries: [],
      zeroReport: true,
      version: 1,
    });
    expect(edit.statusCode).toBe(403);
    expect((await police.post(`/api/screening-reports/${mainReport.id}/submit`)).statusCode).toBe(403);
    const refusals = await t.db.select().from(auditEvents).where(eq(auditEvents.entityId, mainReport.id));
    expect(refusals.some((e) => e.outcome === 'denied' && e.actorUsername === 'paichusuo')).toBe(true);
  });
});

describe('PUT /api/screening-reports/:id', () => {
  it('replaces the entries of a draft and audits it', async () => {
    const response = await (await t.as('cun1')).put(`/api/screening-reports/${mainReport.id}`, {
      entries: [entry('赵志强', { categories: ['C1', 'C7'], description: '近期多次到镇政府吵闹' }), entry('李桂芳')],
      zeroReport: false,
      version: 1,
    });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.version).toBe(2);
    expect(body.entries.map((e: { personName: string }) => e.personName)).toEqual(['赵志强', '李桂芳']);
    expect(body.entries[0]).toMatchObject({ categories: ['C1', 'C7'], description: '近期多次到镇政府吵闹' });
    const stored = await t.db.select().from(screeningEntries).where(eq(screeningEntries.reportId, mainReport.id));
    expect(stored).toHaveLength(2);
    const events = await t.db.select().from(auditEvents).where(eq(auditEvents.entityId, mainReport.id));
    expect(events.some((e) => e.action === 'screening_report.update' && e.outcome === 'success')).toBe(true);
    mainReport.version = body.version;
  });

  it('answers 409 for a stale version and keeps the entries', async () => {
    const response = await (await t.as('cun1')).put(`/api/screening-reports/${mainReport.id}`, {
      entries: [],
      zeroReport: true,
      version: 1,
    });
    expect(response.statusCode).toBe(409);
    expect(response.json().error.code).toBe('STALE_VERSION');
    const stored = await t.db.select().from(screeningEntries).where(eq(screeningEntries.reportId, mainReport.id));
    expect(stored).toHaveLength(2);
  });

  it.each([
    ['a missing version', { version: undefined }, 'version', '版本号'],
    ['missing entries', { entries: undefined }, 'entries', '排查对象'],
    ['a zero report with entries', { zeroReport: true }, 'zeroReport', '零报告'],
    ['a person out of the jurisdiction', { entries: [entry('吴小红')] }, 'entries.0.personId', '管辖'],
    ['an unknown field', { month: '2026-10' }, 'month', 'month'],
  ])('refuses %s with 400, writing nothing', async (_label, overrides, field, words) => {
    const before = await counts();
    const response = await (await t.as('cun1')).put(`/api/screening-reports/${mainReport.id}`, {
      entries: [entry('赵志强')],
      zeroReport: false,
      version: mainReport.version,
      ...overrides,
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.message).toContain(words);
    expect(response.json().error.details.map((d: { field: string }) => d.field)).toContain(field);
    expect(await counts()).toEqual(before);
  });
});

describe('POST /api/screening-reports/:id/submit', () => {
  it('refuses an empty return that is not a zero report, then takes it as one', async () => {
    const empty = await fileReturn('cun2', { orgUnitId: U.village2, month: '2026-09' });
    const refused = await (await t.as('cun2')).post(`/api/screening-reports/${empty.id}/submit`);
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.message).toBe('请填写排查对象，或勾选零报告');
    const zero = await (await t.as('cun2')).put(`/api/screening-reports/${empty.id}`, {
      entries: [],
      zeroReport: true,
      version: empty.version,
    });
    expect(zero.statusCode).toBe(200);
    expect((await submitReturn('cun2', empty.id)).zeroReport).toBe(true);
  });

  it('refuses a stale version in the body with 409', async () => {
    const response = await (await t.as('cun1')).post(`/api/screening-reports/${mainReport.id}/submit`, {
      version: 1,
    });
    expect(response.statusCode).toBe(409);
  });

  it('submits (late on the 29th), audits it, and puts the entries in the pool', async () => {
    const body = await submitReturn('cun1', mainReport.id);
    expect(body).toMatchObject({
      status: 'submitted',
      submittedAt: '2026-11-29T10:00:00.000+08:00',
      onTime: false,
      version: mainReport.version + 1,
      abilities: { update: false, submit: false },
    });
    expect(body.entries.every((e: { poolStatus: string }) => e.poolStatus === 'pending')).toBe(true);
    const events = await t.db.select().from(auditEvents).where(eq(auditEvents.entityId, mainReport.id));
    expect(events.some((e) => e.action === 'screening_report.submit' && e.outcome === 'success')).toBe(true);
    mainReport.version = body.version;
  });

  it('answers 409 to a second submit and to an edit of a submitted return', async () => {
    const cun1 = await t.as('cun1');
    const again = await cun1.post(`/api/screening-reports/${mainReport.id}/submit`);
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('ALREADY_SUBMITTED');
    const edit = await cun1.put(`/api/screening-reports/${mainReport.id}`, {
      entries: [],
      zeroReport: true,
      version: mainReport.version,
    });
    expect(edit.statusCode).toBe(409);
    expect(edit.json().error.message).toBe('已上报的排查情况表不能修改');
  });

  it('is on time at 21st 23:59:59 Beijing and late at the 22nd 00:00', async () => {
    const onTime = await at('2026-11-21T15:59:59Z', async () => {
      const created = await fileReturn('cun2', {
        orgUnitId: U.village2,
        month: '2026-11',
        entries: [entry('周文斌', { categories: ['C4'] })],
      });
      return submitReturn('cun2', created.id);
    });
    expect(onTime).toMatchObject({ onTime: true, submittedAt: '2026-11-21T23:59:59.000+08:00' });
    const late = await at('2026-11-21T16:00:00Z', async () => {
      const created = await fileReturn('pingan', { orgUnitId: U.community, month: '2026-11', zeroReport: true });
      return submitReturn('pingan', created.id);
    });
    expect(late).toMatchObject({ onTime: false, submittedAt: '2026-11-22T00:00:00.000+08:00' });
    const board = (await (await t.as('pingan')).get('/api/screening-reports/compliance?month=2026-11')).json();
    const status = Object.fromEntries(board.map((row: { name: string; status: string }) => [row.name, row.status]));
    expect(status).toMatchObject({ 演示二村: 'on_time', 演示社区: 'late', 演示一村: 'late' });
  });

  it('answers 404 for an unknown return', async () => {
    const response = await (await t.as('pingan')).post(
      '/api/screening-reports/d0000000-0000-4000-8000-000000000000/submit',
    );
    expect(response.statusCode).toBe(404);
  });
});
