// GET /api/stats/summary against the hand-built month of stats.test-kit.ts (November 2026, the test
// clock stands at 2026-11-29 10:00 Beijing): the town, one village, a past month, the district, and
// the refusals.
import { CATEGORIES, OBLIGATION_KINDS } from '@anxin/shared';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/context.js';
import { rowCount } from '../../../test/work.js';
import { auditEvents } from '../../db/schema.js';
import { DEMO_UNITS } from '../../seed/demo-town.js';
import { buildStatsFixture } from './stats.test-kit.js';

let t: TestContext;
const U = DEMO_UNITS;

beforeAll(async () => {
  t = await createTestContext();
  await buildStatsFixture(t);
});
afterAll(() => t.close());

async function summary(username: string, query = '') {
  const response = await (await t.as(username)).get(`/api/stats/summary${query}`);
  if (response.statusCode !== 200) throw new Error(`summary: ${response.statusCode} ${response.body}`);
  return response.json();
}

const categories = (counts: Record<string, number>) =>
  CATEGORIES.map((category) => ({ category, count: counts[category] ?? 0 }));

describe('GET /api/stats/summary of 演示镇 for November 2026 (平安办)', () => {
  it('counts the listed persons by level, category, status and village; the other town never', async () => {
    const s = await summary('pingan');
    expect(s.orgUnit).toEqual({ id: U.town, name: '演示镇', kind: 'town' });
    expect(s).toMatchObject({ month: '2026-11', asOf: '2026-11-29', today: '2026-11-29' });
    expect(s.byLevel).toEqual({ level1: 2, level2: 1, level3: 2, total: 5 });
    expect(s.byCategory).toEqual(categories({ C1: 1, C2: 1, C4: 2, C5: 1, C8: 1 }));
    expect(s.byStatus).toEqual([
      { status: 'proposed', count: 1 },
      { status: 'listed', count: 5 },
      { status: 'rejected', count: 0 },
      { status: 'delisted', count: 1 },
    ]);
    expect(s.byVillage).toEqual([
      {
        orgUnitId: U.community,
        name: '演示社区',
        kind: 'community',
        code: '500199101001',
        level1: 0,
        level2: 0,
        level3: 0,
        total: 0,
      },
      {
        orgUnitId: U.village1,
        name: '演示一村',
        kind: 'village',
        code: '500199101201',
        level1: 1,
        level2: 0,
        level3: 1,
        total: 2,
      },
      {
        orgUnitId: U.village2,
        name: '演示二村',
        kind: 'village',
        code: '500199101202',
        level1: 1,
        level2: 1,
        level3: 1,
        total: 3,
      },
    ]);
    expect(s.assisted).toEqual({ level1: 0, level2: 0, level3: 0, total: 0 });
  });

  it('counts the month: listings, delistings with their reasons, level changes, and a 12-month trend', async () => {
    const s = await summary('pingan', '?month=2026-11');
    expect(s.changes).toEqual({
      listed: 3,
      delisted: 1,
      levelChanged: 1,
      delistedByReason: [{ reasonCode: 'stable_life', count: 1 }],
    });
    expect(s.trend).toHaveLength(12);
    expect(s.trend[0]).toEqual({ month: '2025-12', listed: 0, delisted: 0, onList: 0 });
    expect(s.trend.slice(-3)).toEqual([
      { month: '2026-09', listed: 1, delisted: 0, onList: 1 },
      { month: '2026-10', listed: 2, delisted: 0, onList: 3 },
      { month: '2026-11', listed: 3, delisted: 1, onList: 5 },
    ]);
  });

  it('counts overdue obligations by kind as of today, screening returns, work, help, grievances and alerts', async () => {
    const s = await summary('pingan');
    const overdue = Object.fromEntries(
      s.overdueByKind.map((row: { kind: string; count: number }) => [row.kind, row.count]),
    );
    expect(Object.keys(overdue)).toEqual([...OBLIGATION_KINDS]);
    expect(overdue).toMatchObject({ visit: 2, joint_meeting: 1, screening_report: 1, review: 0 });
    expect(Object.values(overdue).reduce((a, b) => (a as number) + (b as number), 0)).toBe(4);
    expect(s.screening).toMatchObject({ month: '2026-11', onTime: 1, late: 1, missing: 1, draft: 0 });
    expect(s.screening.units.map((u: { name: string; status: string }) => [u.name, u.status])).toEqual([
      ['演示社区', 'missing'],
      ['演示一村', 'on_time'],
      ['演示二村', 'late'],
    ]);
    expect(s.work).toEqual({
      visits: 2,
      meetings: [{ kind: 'assessment', count: 4 }],
      assessmentReports: 1,
      dailyReports: 2,
    });
    expect(s.services).toEqual({
      byTypeStatus: [
        { type: 'legal_aid', status: 'in_progress', count: 1 },
        { type: 'minimum_living_allowance', status: 'done', count: 1 },
        { type: 'psychological_counselling', status: 'planned', count: 1 },
      ],
      createdInMonth: 2,
      completedInMonth: 1,
    });
    expect(s.grievances).toEqual({
      byStatus: [
        { status: 'open', count: 1 },
        { status: 'resolved', count: 1 },
      ],
      openedInMonth: 1,
      resolvedInMonth: 1,
      overdue: 1,
    });
    expect(s.alerts).toEqual({ open: 2, inMonth: 2, respondedInMonth: 1, disposedInMonth: 1 });
  });

  it('takes a past month at its last day, with the level each case had then', async () => {
    const s = await summary('pingan', '?month=2026-10');
    expect(s).toMatchObject({ month: '2026-10', asOf: '2026-10-31' });
    // 赵志强 was level 2 until 11-05; 孙德明 was still listed; 钱秀兰, 周文斌 and the emergency came later.
    expect(s.byLevel).toEqual({ level1: 0, level2: 1, level3: 2, total: 3 });
    expect(s.byStatus).toEqual([
      { status: 'proposed', count: 0 },
      { status: 'listed', count: 3 },
      { status: 'rejected', count: 0 },
      { status: 'delisted', count: 0 },
    ]);
    expect(s.changes).toMatchObject({ listed: 2, delisted: 0, levelChanged: 0 });
    expect(s.work.visits).toBe(1);
    expect(s.trend.at(-1)).toEqual({ month: '2026-10', listed: 2, delisted: 0, onList: 3 });
    expect(s.screening).toMatchObject({ onTime: 0, late: 0, missing: 3 });
  });

  it('lets the district see both towns, and a town of its choice', async () => {
    const district = await summary('quji');
    expect(district.orgUnit.id).toBe(U.district);
    expect(district.byLevel).toEqual({ level1: 2, level2: 1, level3: 3, total: 6 });
    expect(district.byVillage.map((v: { name: string }) => v.name)).toContain('示范村');
    expect(district.alerts.open).toBe(3);
    const other = await summary('quji', `?orgUnitId=${U.otherTown}`);
    expect(other.byLevel).toEqual({ level1: 0, level2: 0, level3: 1, total: 1 });
    expect(other.byVillage).toEqual([
      {
        orgUnitId: U.otherVillage,
        name: '示范村',
        kind: 'village',
        code: '500199102201',
        level1: 0,
        level2: 0,
        level3: 1,
        total: 1,
      },
    ]);
  });
});

describe('the statistics of one village exclude other villages', () => {
  it('演示一村: its own persons, 郑国平 only as assisted, its own work and alerts', async () => {
    const s = await summary('cun1');
    expect(s.orgUnit.id).toBe(U.village1);
    expect(s.byLevel).toEqual({ level1: 1, level2: 0, level3: 1, total: 2 });
    expect(s.byVillage).toEqual([
      {
        orgUnitId: U.village1,
        name: '演示一村',
        kind: 'village',
        code: '500199101201',
        level1: 1,
        level2: 0,
        level3: 1,
        total: 2,
      },
    ]);
    expect(s.byCategory).toEqual(categories({ C1: 1, C2: 1, C5: 1 }));
    expect(s.assisted).toEqual({ level1: 0, level2: 0, level3: 1, total: 1 });
    expect(s.changes).toMatchObject({ listed: 1, delisted: 1, levelChanged: 1 });
    expect(s.overdueByKind.filter((r: { count: number }) => r.count > 0)).toEqual([
      { kind: 'visit', count: 1 },
      { kind: 'joint_meeting', count: 1 },
    ]);
    expect(s.screening.units).toEqual([{ orgUnitId: U.village1, name: '演示一村', status: 'on_time', entryCount: 0 }]);
    // The town's meetings that had one of 一村's cases on the agenda: 11-05, 11-10, 11-20.
    expect(s.work).toEqual({
      visits: 2,
      meetings: [{ kind: 'assessment', count: 3 }],
      assessmentReports: 0,
      dailyReports: 2,
    });
    expect(s.services.byTypeStatus).toHaveLength(2);
    expect(s.grievances.byStatus).toEqual([{ status: 'open', count: 1 }]);
    expect(s.alerts).toEqual({ open: 0, inMonth: 1, respondedInMonth: 1, disposedInMonth: 1 });
  });

  it('演示二村 (as 平安办 chooses it): none of 一村’s persons', async () => {
    const s = await summary('pingan', `?orgUnitId=${U.village2}`);
    expect(s.byLevel).toEqual({ level1: 1, level2: 1, level3: 1, total: 3 });
    expect(s.byVillage.map((v: { orgUnitId: string }) => v.orgUnitId)).toEqual([U.village2]);
    expect(s.assisted.total).toBe(0);
    expect(s.work.visits).toBe(0);
    expect(s.alerts).toEqual({ open: 2, inMonth: 1, respondedInMonth: 0, disposedInMonth: 0 });
    expect(await summary('cun2')).toMatchObject({ byLevel: s.byLevel, orgUnit: { id: U.village2 } });
  });
});

describe('GET /api/stats/summary refusals', () => {
  it.each([
    ['a village cadre asking for another village', 'cun1', U.village2],
    ['a village cadre asking for the town above', 'cun1', U.town],
    ['平安办 asking for the other town', 'pingan', U.otherTown],
    ['平安办 asking for a village of the other town', 'pingan', U.otherVillage],
    ['平安办 asking for the district above', 'pingan', U.district],
    ['an unknown unit', 'pingan', '00000000-0000-4000-8000-000000000000'],
  ])('%s → 404', async (_title, username, unit) => {
    for (const path of ['summary', 'export.xlsx', 'monthly-report.docx']) {
      const response = await (await t.as(username)).get(`/api/stats/${path}?orgUnitId=${unit}`);
      expect(response.statusCode).toBe(404);
      expect(response.json().error.code).toBe('NOT_FOUND');
    }
  });

  it.each([
    ['2026-13', '统计月份(month)：月份格式应为 YYYY-MM'],
    ['2026-1', '统计月份(month)：月份格式应为 YYYY-MM'],
    ['November', '统计月份(month)：月份格式应为 YYYY-MM'],
    ['2026-12', '统计月份(month)：不能统计尚未到来的月份'],
    // Year 0 is no PostgreSQL date, and Date.UTC reads the years 0–99 as 1900–1999.
    ['0000-01', '统计月份(month)：不能早于2000年1月'],
    ['0099-05', '统计月份(month)：不能早于2000年1月'],
    ['1999-12', '统计月份(month)：不能早于2000年1月'],
  ])('month=%s → 400 naming month', async (month, message) => {
    for (const path of ['summary', 'export.xlsx', 'monthly-report.xlsx']) {
      const response = await (await t.as('pingan')).get(`/api/stats/${path}?month=${month}`);
      expect(response.statusCode).toBe(400);
      expect(response.json().error.message).toBe(message);
      expect(response.json().error.details[0].field).toBe('month');
    }
  });

  it('a department is not a unit with statistics (400), an unknown parameter neither', async () => {
    const department = await (await t.as('pingan')).get(`/api/stats/summary?orgUnitId=${U.peaceOffice}`);
    expect(department.statusCode).toBe(400);
    expect(department.json().error.message).toMatch(/^统计范围\(orgUnitId\)：/);
    const unknown = await (await t.as('pingan')).get('/api/stats/summary?village=1');
    expect(unknown.statusCode).toBe(400);
    const badId = await (await t.as('pingan')).get('/api/stats/summary?orgUnitId=abc');
    expect(badId.statusCode).toBe(400);
    expect(badId.json().error.details[0].field).toBe('orgUnitId');
  });

  it('the system administrator has no statistics (403), nobody without a session (401)', async () => {
    expect((await (await t.as('admin')).get('/api/stats/summary')).statusCode).toBe(403);
    expect((await t.anonymous.get('/api/stats/summary')).statusCode).toBe(401);
  });

  it('a refused export writes no export event', async () => {
    const before = await rowCount(t, auditEvents, eq(auditEvents.action, 'export'));
    await (await t.as('pingan')).get('/api/stats/export.xlsx?month=2026-13');
    await (await t.as('cun1')).get(`/api/stats/export.xlsx?orgUnitId=${U.village2}`);
    expect(await rowCount(t, auditEvents, eq(auditEvents.action, 'export'))).toBe(before);
  });
});
