import { eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, TEST_START, type TestContext } from '../../../test/context.js';
import { auditEvents, orgUnits, screeningEntries, screeningReports } from '../../db/schema.js';
import { DEMO_UNITS } from '../../seed/demo-town.js';
import { markEntryProposed } from './screening.queries.js';
import { entry, person, screeningKit, signInEveryone } from './screening.test-kit.js';

// The compliance board, the 待研判 pool, races and the HTTP surface. November's submitted returns
// of 演示一村 (赵志强, 李桂芳) and 演示二村 (周文斌) fill the pool; October belongs to the board.

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
  await signInEveryone(t);
});
afterAll(() => t.close());
afterEach(() => t.clock.set(TEST_START));

const U = DEMO_UNITS;
const { counts, at, fileReturn, submitReturn } = screeningKit(() => t);

/** The submitted November return of 演示一村. */
let mainReport: { id: string; version: number };
beforeAll(async () => {
  const village1 = await fileReturn('cun1', {
    orgUnitId: U.village1,
    month: '2026-11',
    entries: [entry('赵志强'), entry('李桂芳')],
  });
  mainReport = await submitReturn('cun1', village1.id);
  const village2 = await fileReturn('cun2', {
    orgUnitId: U.village2,
    month: '2026-11',
    entries: [entry('周文斌', { categories: ['C4'] })],
  });
  await submitReturn('cun2', village2.id);
});

describe('GET /api/screening-reports/compliance', () => {
  beforeAll(async () => {
    // October: 演示一村 on time, 演示社区 late (keyed in by the peace office), 演示二村 still a draft.
    await at('2026-10-15T02:00:00Z', async () => {
      const created = await fileReturn('cun1', { orgUnitId: U.village1, month: '2026-10', entries: [entry('钱秀兰')] });
      await submitReturn('cun1', created.id);
    });
    await at('2026-10-25T02:00:00Z', async () => {
      const created = await fileReturn('pingan', { orgUnitId: U.community, month: '2026-10', zeroReport: true });
      await submitReturn('pingan', created.id);
    });
    await fileReturn('cun2', { orgUnitId: U.village2, month: '2026-10', entries: [entry('吴小红')] });
  });

  const byName = (rows: { name: string; status: string }[]) =>
    Object.fromEntries(rows.map((row) => [row.name, row.status]));

  it('gives the peace office every village and community of the town with its status', async () => {
    const response = await (await t.as('pingan')).get('/api/screening-reports/compliance?month=2026-10');
    expect(response.statusCode).toBe(200);
    const rows = response.json();
    expect(Array.isArray(rows)).toBe(true);
    expect(byName(rows)).toEqual({ 演示一村: 'on_time', 演示二村: 'draft', 演示社区: 'late' });
    const village1 = rows.find((row: { orgUnitId: string }) => row.orgUnitId === U.village1);
    expect(village1).toMatchObject({ kind: 'village', entryCount: 1, submittedAt: '2026-10-15T10:00:00.000+08:00' });
    expect(village1.reportId).toEqual(expect.any(String));
  });

  it('shows missing for a month without returns', async () => {
    const rows = (await (await t.as('pingan')).get('/api/screening-reports/compliance?month=2026-06')).json();
    expect(byName(rows)).toEqual({ 演示一村: 'missing', 演示二村: 'missing', 演示社区: 'missing' });
    expect(rows.every((row: { reportId: string | null }) => row.reportId === null)).toBe(true);
  });

  it('gives the district its other town too (示范村 missing), and narrows to a subtree on request', async () => {
    const quji = await t.as('quji');
    const district = (await quji.get('/api/screening-reports/compliance?month=2026-10')).json();
    expect(byName(district)).toEqual({ 演示一村: 'on_time', 演示二村: 'draft', 演示社区: 'late', 示范村: 'missing' });
    const town = (await quji.get(`/api/screening-reports/compliance?month=2026-10&orgUnitId=${U.otherTown}`)).json();
    expect(byName(town)).toEqual({ 示范村: 'missing' });
    const village = (
      await (await t.as('pingan')).get(`/api/screening-reports/compliance?month=2026-10&orgUnitId=${U.village2}`)
    ).json();
    expect(byName(village)).toEqual({ 演示二村: 'draft' });
  });

  it('is for the peace office, leaders, the district and inspectors only', async () => {
    for (const username of ['lingdao', 'ducha']) {
      expect((await (await t.as(username)).get('/api/screening-reports/compliance?month=2026-10')).statusCode).toBe(
        200,
      );
    }
    for (const username of ['cun1', 'paichusuo', 'admin']) {
      expect((await (await t.as(username)).get('/api/screening-reports/compliance?month=2026-10')).statusCode).toBe(
        403,
      );
    }
  });

  it.each([
    ['', 'month'],
    ['month=2026-13', 'month'],
    ['month=2026-10&orgUnitId=x', 'orgUnitId'],
    ['month=2026-10&extra=1', 'extra'],
  ])('refuses ?%s with 400 naming the field', async (query, field) => {
    const response = await (await t.as('pingan')).get(`/api/screening-reports/compliance?${query}`);
    expect(response.statusCode).toBe(400);
    expect(response.json().error.details.map((d: { field: string }) => d.field)).toContain(field);
    if (field === 'month') expect(response.json().error.message).toContain('月份(month)');
  });
});

describe('the 待研判 pool (GET /api/screening-entries)', () => {
  /** A submitted return of 示范村 (another town), written straight to the database: no demo user files there. */
  let foreignEntryId: string;
  beforeAll(async () => {
    const [unit] = await t.db.select().from(orgUnits).where(eq(orgUnits.id, U.otherVillage));
    const [report] = await t.db
      .insert(screeningReports)
      .values({
        orgUnitId: U.otherVillage,
        orgUnitPath: unit?.path ?? '',
        month: '2026-05',
        status: 'submitted',
        submittedAt: TEST_START,
        onTime: false,
      })
      .returning();
    const [foreign] = await t.db
      .insert(screeningEntries)
      .values({ reportId: report?.id ?? '', personId: person('卫红英'), categories: ['C8'], description: '外镇' })
      .returning();
    foreignEntryId = foreign?.id ?? '';
  });

  const names = (items: { personName: string }[]) => items.map((item) => item.personName).sort();

  it('lists the pending entries of submitted returns in the peace office’s town, not drafts', async () => {
    const response = await (await t.as('pingan')).get('/api/screening-entries?status=pending&pageSize=100');
    expect(response.statusCode).toBe(200);
    const { items, total } = response.json();
    // 演示一村 11月 (赵志强, 李桂芳), 演示二村 11月 (周文斌), 演示一村 10月 (钱秀兰); not the 10月 draft of 演示二村 (吴小红).
    expect(names(items)).toEqual(['周文斌', '李桂芳', '赵志强', '钱秀兰'].sort());
    expect(total).toBe(4);
    const first = items.find((item: { personName: string }) => item.personName === '赵志强');
    expect(first).toMatchObject({
      reportId: mainReport.id,
      month: '2026-11',
      orgUnitId: U.village1,
      orgUnitName: '演示一村',
      poolStatus: 'pending',
      abilities: { dismiss: true, propose: true },
    });
  });

  it('scopes the pool: a village sees its own, the district sees the other town too', async () => {
    const cun2 = (await (await t.as('cun2')).get('/api/screening-entries')).json();
    expect(names(cun2.items)).toEqual(['周文斌']);
    expect(cun2.items[0].abilities).toEqual({ dismiss: false, propose: false });
    const quji = (await (await t.as('quji')).get('/api/screening-entries?pageSize=100')).json();
    expect(names(quji.items)).toContain('卫红英');
    const police = (await (await t.as('paichusuo')).get(`/api/screening-entries?orgUnitId=${U.village1}`)).json();
    expect(names(police.items)).toEqual(['李桂芳', '赵志强', '钱秀兰'].sort());
    expect(police.items[0].abilities).toEqual({ dismiss: false, propose: true });
  });

  it.each([
    ['status=draft', 'status'],
    ['orgUnitId=1', 'orgUnitId'],
    ['page=0', 'page'],
  ])('refuses ?%s with 400', async (query, field) => {
    const response = await (await t.as('pingan')).get(`/api/screening-entries?${query}`);
    expect(response.statusCode).toBe(400);
    expect(response.json().error.details.map((d: { field: string }) => d.field)).toContain(field);
  });

  describe('POST /api/screening-entries/:id/dismiss', () => {
    const pendingEntry = async (name: string) => {
      const { items } = (await (await t.as('pingan')).get('/api/screening-entries?pageSize=100')).json();
      return items.find((item: { personName: string }) => item.personName === name) as { id: string };
    };

    it('takes an entry out of the pool with a reason, and audits it', async () => {
      const target = await pendingEntry('李桂芳');
      const response = await (await t.as('pingan')).post(`/api/screening-entries/${target.id}/dismiss`, {
        reason: '经核实系普通家庭矛盾，已调解',
      });
      expect(response.statusCode).toBe(200);
      expect(response.json()).toMatchObject({
        id: target.id,
        poolStatus: 'dismissed',
        dismissedReason: '经核实系普通家庭矛盾，已调解',
        abilities: { dismiss: false, propose: false },
      });
      const pending = (await (await t.as('pingan')).get('/api/screening-entries?pageSize=100')).json();
      expect(names(pending.items)).not.toContain('李桂芳');
      const dismissed = (await (await t.as('pingan')).get('/api/screening-entries?status=dismissed')).json();
      expect(names(dismissed.items)).toEqual(['李桂芳']);
      const [event] = await t.db.select().from(auditEvents).where(eq(auditEvents.entityId, target.id));
      expect(event).toMatchObject({ action: 'screening_entry.dismiss', actorUsername: 'pingan' });
      const again = await (await t.as('pingan')).post(`/api/screening-entries/${target.id}/dismiss`, {
        reason: '重复',
      });
      expect(again.statusCode).toBe(409);
      expect(again.json().error.message).toContain('已排除');
    });

    it('answers 409 for an entry of a draft, 404 out of the jurisdiction or unknown, 403 to others', async () => {
      const pingan = await t.as('pingan');
      const draft = (await pingan.get('/api/screening-reports?status=draft&month=2026-10')).json().items[0];
      const draftEntry = await pingan.post(`/api/screening-entries/${draft.entries[0].id}/dismiss`, { reason: '无' });
      expect(draftEntry.statusCode).toBe(409);
      expect(draftEntry.json().error.message).toContain('尚未上报');
      expect((await pingan.post(`/api/screening-entries/${foreignEntryId}/dismiss`, { reason: '无' })).statusCode).toBe(
        404,
      );
      const unknown = await pingan.post('/api/screening-entries/d0000000-0000-4000-8000-000000000000/dismiss', {
        reason: '无',
      });
      expect(unknown.statusCode).toBe(404);
      const target = await pendingEntry('赵志强');
      for (const username of ['cun1', 'paichusuo', 'quji']) {
        const response = await (await t.as(username)).post(`/api/screening-entries/${target.id}/dismiss`, {
          reason: '无',
        });
        expect(response.statusCode).toBe(403);
      }
    });

    it.each([
      ['a missing reason', {}, 'reason'],
      ['an empty reason', { reason: '   ' }, 'reason'],
      ['an oversized reason', { reason: '因'.repeat(501) }, 'reason'],
      ['an unknown field', { reason: '无', caseId: 'x' }, 'caseId'],
    ])('refuses %s with 400 naming the field, writing nothing', async (_label, body, field) => {
      const target = await pendingEntry('赵志强');
      const before = await counts();
      const response = await (await t.as('pingan')).post(`/api/screening-entries/${target.id}/dismiss`, body);
      expect(response.statusCode).toBe(400);
      expect(response.json().error.details.map((d: { field: string }) => d.field)).toContain(field);
      if (field === 'reason') expect(response.json().error.message).toContain('排除理由(reason)');
      expect(await counts()).toEqual(before);
      expect((await pendingEntry('赵志强')).id).toBe(target.id);
    });
  });

  describe('markEntryProposed (called by the cases module in its transaction)', () => {
    it('marks a pending entry proposed with its case, once', async () => {
      const { items } = (await (await t.as('pingan')).get('/api/screening-entries')).json();
      const target = items.find((item: { personName: string }) => item.personName === '周文斌');
      const caseId = 'e0000000-0000-4000-8000-000000000001';
      await t.db.transaction((tx) => markEntryProposed(tx, target.id, caseId));
      const proposed = (await (await t.as('pingan')).get('/api/screening-entries?status=proposed')).json();
      expect(proposed.items).toHaveLength(1);
      expect(proposed.items[0]).toMatchObject({ id: target.id, poolStatus: 'proposed', caseId });
      await expect(t.db.transaction((tx) => markEntryProposed(tx, target.id, caseId))).rejects.toMatchObject({
        statusCode: 409,
      });
    });

    it('refuses an entry of a draft (409) and an unknown entry (404)', async () => {
      const draft = (await (await t.as('pingan')).get('/api/screening-reports?status=draft&month=2026-10')).json()
        .items[0];
      const caseId = 'e0000000-0000-4000-8000-000000000002';
      await expect(t.db.transaction((tx) => markEntryProposed(tx, draft.entries[0].id, caseId))).rejects.toMatchObject({
        statusCode: 409,
      });
      await expect(
        t.db.transaction((tx) => markEntryProposed(tx, 'd0000000-0000-4000-8000-000000000000', caseId)),
      ).rejects.toMatchObject({ statusCode: 404 });
    });
  });
});

describe('races', () => {
  it('lets one of two simultaneous first returns of a unit and month through; the other gets 409', async () => {
    const body = { orgUnitId: U.village2, month: '2026-04', zeroReport: true };
    const cun2 = await t.as('cun2');
    const statuses = (
      await Promise.all([cun2.post('/api/screening-reports', body), cun2.post('/api/screening-reports', body)])
    ).map((response) => response.statusCode);
    expect(statuses.sort()).toEqual([201, 409]);
  });

  it('submits once when two submits arrive together', async () => {
    const created = await fileReturn('cun2', { orgUnitId: U.village2, month: '2026-03', zeroReport: true });
    const cun2 = await t.as('cun2');
    const url = `/api/screening-reports/${created.id}/submit`;
    const statuses = (await Promise.all([cun2.post(url), cun2.post(url)])).map((response) => response.statusCode);
    expect(statuses.sort()).toEqual([200, 409]);
  });
});

describe('the HTTP surface', () => {
  it('submits without any body (no content type), as a plain client would', async () => {
    const created = await fileReturn('cun2', { orgUnitId: U.village2, month: '2026-02', zeroReport: true });
    const cun2 = await t.as('cun2');
    const response = await t.app.inject({
      method: 'POST',
      url: `/api/screening-reports/${created.id}/submit`,
      headers: { cookie: cun2.cookie ?? '' },
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json().status).toBe('submitted');
  });

  it('documents every screening endpoint in the OpenAPI document', async () => {
    const response = await t.anonymous.get('/api/openapi.json');
    expect(response.statusCode).toBe(200);
    const paths = Object.keys(response.json().paths);
    expect(paths).toEqual(
      expect.arrayContaining([
        '/api/screening-reports',
        '/api/screening-reports/compliance',
        '/api/screening-reports/{id}',
        '/api/screening-reports/{id}/submit',
        '/api/screening-entries',
        '/api/screening-entries/{id}/dismiss',
      ]),
    );
  });

  it.each([
    ['GET', '/api/screening-reports'],
    ['GET', '/api/screening-reports/compliance?month=2026-10'],
    ['GET', '/api/screening-entries'],
    ['POST', '/api/screening-entries/d0000000-0000-4000-8000-000000000000/dismiss'],
  ])('%s %s answers 401 without a session', async (method, url) => {
    const response = await t.app.inject({
      method: method as 'GET',
      url,
      ...(method === 'POST' ? { payload: {} } : {}),
    });
    expect(response.statusCode).toBe(401);
  });
});

describe('the audit chain', () => {
  it('still verifies after all of the above', async () => {
    const response = await (await t.as('ducha')).get('/api/audit-events/verify');
    expect(response.statusCode).toBe(200);
    expect(response.json().ok).toBe(true);
  });
});
