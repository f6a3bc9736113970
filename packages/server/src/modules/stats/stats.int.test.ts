// GET /api/stats/summary, /api/stats/export.xlsx and /api/stats/monthly-report.(xlsx|docx) against a
// hand-built month (November 2026, the test clock stands at 2026-11-29 10:00 Beijing):
//
//   person          village   history                                         on 11-29
//   赵志强           一村      listed L2 10-10, changed to L1 11-05, [C1]       L1
//   钱秀兰           一村      listed L3 11-10, [C2, C5]                        L3
//   孙德明           一村      listed L3 09-15 (lives in 社区), delisted 11-20  delisted (stable_life)
//   周文斌           二村      listed L2 11-12, [C4]                            L2
//   郑国平           二村      listed L3 10-20 (lives in 一村), [C4]            L3 (一村 assists)
//   =HYPERLINK(…)   二村      emergency listing L1 11-26 by 派出所, [C8]        L1
//   王淑珍           社区      proposed 11-25                                   proposed
//   卫红英           示范村    listed L3 (the other town)                       never counted in 演示镇
//
// Obligations, help items, grievances, alerts, returns, visits and reports are written straight to
// the tables, so the expected counts below are known by construction.
import { CATEGORIES, OBLIGATION_KINDS } from '@anxin/shared';
import { and, desc, eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/context.js';
import { decide, insertListedCase, proposeIntake, recordNotice } from '../../../test/lifecycle.js';
import { meetingAt, rowCount } from '../../../test/work.js';
import {
  alerts,
  assessmentReports,
  auditEvents,
  dailyReports,
  grievances,
  obligations,
  orgUnits,
  screeningReports,
  serviceItems,
  visits,
} from '../../db/schema.js';
import { DEMO_PERSON_IDS, DEMO_UNITS, DEMO_USERS, demoIdNumber } from '../../seed/demo-town.js';

let t: TestContext;
const U = DEMO_UNITS;
const FORMULA_NAME = '=HYPERLINK("http://x","点我")';
const cases: Record<string, string> = {};
const persons: Record<string, string> = { ...DEMO_PERSON_IDS } as Record<string, string>;
const paths: Record<string, string> = {};

const INDICATOR = { 1: 'L1_1', 2: 'L2_1', 3: 'L3_1' } as const;
const at = (date: string) => `${date}T10:00:00+08:00`;

/** Proposed and listed by an assessment meeting held on `date`, with the given categories. */
async function listOn(name: string, level: 1 | 2 | 3, date: string, categories: string[], village: string) {
  const created = await proposeIntake(t, name, {
    personId: persons[name],
    proposedLevel: level,
    proposedOn: date,
    categories,
    indicators: [INDICATOR[level]],
    responsibleOrgUnitIds: [U.peaceOffice, U.policeStation, village],
  });
  const meeting = await meetingAt(t, 'assessment', at(date), [created.id]);
  const response = await decide(t, meeting.id, { caseId: created.id, outcome: 'list', level });
  if (response.statusCode !== 201) throw new Error(`list ${name}: ${response.statusCode} ${response.body}`);
  cases[name] = created.id;
}

async function changeLevelOn(name: string, level: 1 | 2 | 3, date: string) {
  const caseId = cases[name] as string;
  const proposal = await (await t.as('pingan')).post(`/api/cases/${caseId}/proposals`, {
    kind: 'level_change',
    proposedLevel: level,
    basis: '近期思想波动较大。',
    proposedOn: date,
  });
  if (proposal.statusCode !== 201) throw new Error(`proposal: ${proposal.statusCode} ${proposal.body}`);
  const meeting = await meetingAt(t, 'assessment', at(date), [caseId]);
  const response = await decide(t, meeting.id, { caseId, outcome: 'change_level', level });
  if (response.statusCode !== 201) throw new Error(`change: ${response.statusCode} ${response.body}`);
}

async function buildFixture() {
  for (const unit of await t.db.select().from(orgUnits)) paths[unit.id] = unit.path;
  const created = await (await t.as('pingan')).post('/api/persons', {
    name: FORMULA_NAME,
    idNumber: demoIdNumber('19850101', 201),
    householdOrgUnitId: U.village2,
    householdAddress: '演示二村7组1号',
  });
  if (created.statusCode !== 201) throw new Error(`person: ${created.statusCode} ${created.body}`);
  persons[FORMULA_NAME] = created.json().id;

  await listOn('孙德明', 3, '2026-09-15', ['C4'], U.village1);
  await listOn('赵志强', 2, '2026-10-10', ['C1'], U.village1);
  await listOn('郑国平', 3, '2026-10-20', ['C4'], U.village2);
  await changeLevelOn('赵志强', 1, '2026-11-05');
  await listOn('钱秀兰', 3, '2026-11-10', ['C2', 'C5'], U.village1);
  await listOn('周文斌', 2, '2026-11-12', ['C4'], U.village2);
  await recordNotice(t, cases.孙德明 as string);
  const delisting = await meetingAt(t, 'assessment', at('2026-11-20'), [cases.孙德明 as string]);
  const delisted = await decide(t, delisting.id, {
    caseId: cases.孙德明,
    outcome: 'delist',
    reasonCode: 'stable_life',
    reason: '已稳定就业。',
  });
  if (delisted.statusCode !== 201) throw new Error(`delist: ${delisted.statusCode} ${delisted.body}`);
  const emergency = await (await t.as('paichusuo')).post('/api/cases', {
    personId: persons[FORMULA_NAME],
    source: 'emergency',
    categories: ['C8'],
    indicators: ['L1_1'],
    proposedLevel: 1,
    basis: '扬言报复，已紧急稳控。',
    resolutionPlan: '派出所、平安办联合稳控。',
    responsibleOrgUnitIds: [U.peaceOffice, U.policeStation, U.village2],
    proposedOn: '2026-11-26',
  });
  if (emergency.statusCode !== 201) throw new Error(`emergency: ${emergency.statusCode} ${emergency.body}`);
  cases[FORMULA_NAME] = emergency.json().id;
  await proposeIntake(t, '王淑珍', {
    proposedOn: '2026-11-25',
    responsibleOrgUnitIds: [U.peaceOffice, U.policeStation, U.community],
  });
  cases.卫红英 = await insertListedCase(t.db, persons.卫红英 as string, {
    responsible: paths[U.otherVillage] as string,
    townId: U.otherTown,
  });

  // Obligations as they stand: four overdue in 演示镇, one due later, one overdue in 示范镇.
  await t.db.delete(obligations);
  const due = (name: string, kind: string, village: string, dueOn: string, assisting: string | null = null) => ({
    caseId: cases[name] as string,
    personId: persons[name] as string,
    kind,
    level: 3,
    orgUnitId: village,
    path: paths[village] as string,
    assistingPath: assisting,
    sinceOn: '2026-11-01',
    dueOn,
  });
  await t.db.insert(obligations).values([
    due('赵志强', 'visit', U.village1, '2026-11-20'),
    due('钱秀兰', 'joint_meeting', U.village1, '2026-11-28'),
    due('周文斌', 'visit', U.village2, '2026-11-10'),
    due('郑国平', 'visit', U.village2, '2026-12-05', paths[U.village1]),
    due('卫红英', 'visit', U.otherVillage, '2026-11-01'),
    {
      kind: 'screening_report',
      orgUnitId: U.community,
      month: '2026-11',
      path: paths[U.community] as string,
      sinceOn: '2026-11-01',
      dueOn: '2026-11-21',
    },
  ]);

  // November returns: 一村 on time, 二村 late, 社区 none; 示范村 on time (other town).
  const report = (unit: string, onTime: boolean, submittedAt: string) => ({
    orgUnitId: unit,
    orgUnitPath: paths[unit] as string,
    month: '2026-11',
    zeroReport: true,
    status: 'submitted',
    submittedAt: new Date(submittedAt),
    onTime,
  });
  await t.db
    .insert(screeningReports)
    .values([
      report(U.village1, true, '2026-11-15T10:00:00+08:00'),
      report(U.village2, false, '2026-11-25T10:00:00+08:00'),
      report(U.otherVillage, true, '2026-11-10T10:00:00+08:00'),
    ]);

  // Visits: two in November and one in October for 赵志强; one in November in 示范镇.
  const visit = (name: string, day: string) => ({
    caseId: cases[name] as string,
    visitedAt: new Date(at(day)),
    visitedOn: day,
    visitorUserIds: [DEMO_USERS.pingan as string, DEMO_USERS.cun1 as string],
    livingSituation: '生活正常',
    activities: '务农',
    stateOfMind: '平稳',
    controlStatus: 'in_control',
    extremeTendency: false,
    measures: '继续随访',
    recordedBy: DEMO_USERS.pingan as string,
  });
  await t.db
    .insert(visits)
    .values([
      visit('赵志强', '2026-11-10'),
      visit('赵志强', '2026-11-24'),
      visit('赵志强', '2026-10-20'),
      visit('卫红英', '2026-11-10'),
    ]);
  await t.db.insert(assessmentReports).values({
    caseId: cases.周文斌 as string,
    period: '2026-11',
    reportedOn: '2026-11-20',
    findings: '情绪平稳',
    harmAssessment: '危害性较低',
    recommendedMeasures: '继续帮扶',
    authorId: DEMO_USERS.pingan as string,
  });
  await t.db.insert(dailyReports).values(
    ['2026-11-27', '2026-11-28'].map((day) => ({
      caseId: cases.赵志强 as string,
      reportedOn: day,
      content: '情况稳定',
      authorId: DEMO_USERS.pingan as string,
    })),
  );

  // Help items: three in 演示镇 (two created in November, one completed in November), one in 示范镇.
  const service = (name: string, type: string, status: string, created: string, completedOn: string | null) => ({
    caseId: cases[name] as string,
    personId: persons[name] as string,
    type,
    status,
    responsibleOrgUnitId: U.civilAffairs,
    description: '帮扶',
    completedOn,
    createdBy: DEMO_USERS.minzheng as string,
    createdAt: new Date(at(created)),
  });
  await t.db
    .insert(serviceItems)
    .values([
      service('赵志强', 'legal_aid', 'in_progress', '2026-11-03', null),
      service('赵志强', 'minimum_living_allowance', 'done', '2026-10-05', '2026-11-15'),
      service('周文斌', 'psychological_counselling', 'planned', '2026-11-20', null),
      service('卫红英', 'legal_aid', 'planned', '2026-11-20', null),
    ]);
  const grievance = (name: string, status: string, created: string, dueOn: string, resolvedOn: string | null) => ({
    caseId: cases[name] as string,
    personId: persons[name] as string,
    type: 'neighbour',
    description: '邻里纠纷',
    responsibleOrgUnitId: U.judicialOffice,
    status,
    dueOn,
    resolvedOn,
    createdBy: DEMO_USERS.sifasuo as string,
    createdAt: new Date(at(created)),
  });
  await t.db
    .insert(grievances)
    .values([
      grievance('钱秀兰', 'open', '2026-11-05', '2026-11-25', null),
      grievance('周文斌', 'resolved', '2026-10-20', '2026-11-30', '2026-11-18'),
      grievance('卫红英', 'open', '2026-11-05', '2026-11-20', null),
    ]);
  const alert = (name: string, village: string, occurred: string, status: string, extra = {}) => ({
    caseId: cases[name] as string,
    personId: persons[name] as string,
    source: 'report',
    description: '情绪激动',
    occurredAt: new Date(at(occurred)),
    status,
    path: paths[village] as string,
    reportedBy: DEMO_USERS.cun1 as string,
    ...extra,
  });
  await t.db.insert(alerts).values([
    alert('赵志强', U.village1, '2026-11-08', 'disposed', {
      policeRespondedAt: new Date('2026-11-08T10:20:00+08:00'),
      disposedAt: new Date('2026-11-09T09:00:00+08:00'),
      disposition: '已劝导',
    }),
    alert(FORMULA_NAME, U.village2, '2026-11-27', 'reported'),
    alert('郑国平', U.village2, '2026-10-15', 'responding', {
      policeRespondedAt: new Date('2026-10-15T10:30:00+08:00'),
    }),
    alert('卫红英', U.otherVillage, '2026-11-27', 'reported'),
  ]);
}

beforeAll(async () => {
  t = await createTestContext();
  await buildFixture();
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

async function lastExport() {
  const [event] = await t.db
    .select()
    .from(auditEvents)
    .where(eq(auditEvents.action, 'export'))
    .orderBy(desc(auditEvents.seq))
    .limit(1);
  return event;
}

const WATERMARK = '导出人 pingan 2026-11-29 10:00';

describe('GET /api/stats/export.xlsx', () => {
  let workbook: ExcelJS.Workbook;
  let response: Awaited<ReturnType<Awaited<ReturnType<TestContext['as']>>['get']>>;

  beforeAll(async () => {
    response = await (await t.as('pingan')).get('/api/stats/export.xlsx?month=2026-11');
    workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
  });

  const sheet = (name: string) => {
    const found = workbook.getWorksheet(name);
    if (!found) throw new Error(`no sheet ${name}`);
    return found;
  };
  const values = (name: string, row: number) => (sheet(name).getRow(row).values as unknown[]).slice(1);

  it('answers an attachment named after the unit and month', () => {
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(response.headers['content-disposition']).toBe(
      `attachment; filename*=UTF-8''${encodeURIComponent('演示镇统计报表（2026年11月）.xlsx')}`,
    );
  });

  it('has one sheet per table with Chinese headers and the numbers of the summary', () => {
    expect(workbook.worksheets.map((ws) => ws.name)).toEqual([
      '概况',
      '按级别',
      '按类别',
      '按状态',
      '按村（社区）',
      '月度趋势',
      '逾期待办',
      '排查上报',
      '工作落实',
      '帮扶服务',
      '矛盾诉求',
      '本月新增列管名单',
      '本月撤销列管名单',
    ]);
    expect(values('按级别', 1)).toEqual(['级别', '人数']);
    expect([2, 3, 4].map((row) => values('按级别', row))).toEqual([
      ['一级', 2],
      ['二级', 1],
      ['三级', 2],
    ]);
    expect(values('按村（社区）', 1)).toEqual(['村（社区）', '区划代码', '一级', '二级', '三级', '合计']);
    expect(values('按村（社区）', 4)).toEqual(['演示二村', '500199101202', 1, 1, 1, 3]);
    expect(values('月度趋势', 13)).toEqual(['2026-11', 3, 1, 5]);
    expect(values('逾期待办', 2)).toEqual(['随访', 2]);
    expect(values('帮扶服务', 2)).toEqual(['法律援助', '办理中', 1]);
    expect(values('概况', 5)).toEqual(['在册列管人数', 5]);
  });

  it('names the month’s new listings, with a formula-looking name written as text', () => {
    const names = sheet('本月新增列管名单');
    expect(values('本月新增列管名单', 1)).toEqual(['姓名', '村（社区）', '列管级别', '列管日期', '排查情形', '来源']);
    expect(values('本月新增列管名单', 2)).toEqual([
      '钱秀兰',
      '演示一村',
      '三级',
      '2026-11-10',
      '情形二、情形五',
      '村（社区）排查',
    ]);
    expect(values('本月新增列管名单', 4)).toEqual([
      `'${FORMULA_NAME}`,
      '演示二村',
      '一级',
      '2026-11-26',
      '情形八',
      '派出所紧急列管',
    ]);
    expect(names.getRow(4).getCell(1).type).toBe(ExcelJS.ValueType.String);
    expect(names.getRow(4).getCell(1).formula).toBeUndefined();
    expect(values('本月撤销列管名单', 2)).toEqual([
      '孙德明',
      '演示一村',
      '三级',
      '2026-11-20',
      '就业稳定、收入稳定、生活得到保障，已回归正常社会生活',
    ]);
  });

  it('carries the watermark in every sheet’s footer and as its last line', () => {
    for (const ws of workbook.worksheets) {
      expect(ws.headerFooter.oddFooter).toContain(WATERMARK);
      expect(ws.getRow(ws.rowCount).getCell(1).value).toBe(WATERMARK);
    }
  });

  it('is audited as an export with its data rows', async () => {
    const dataRows = workbook.worksheets.reduce((sum, ws) => sum + ws.rowCount - 3, 0);
    const event = await lastExport();
    expect(event).toMatchObject({ actorId: DEMO_USERS.pingan, entityType: 'org_unit', entityId: U.town });
    expect(event?.diff).toEqual({
      kind: 'stats',
      format: 'xlsx',
      rows: dataRows,
      filters: { orgUnitId: U.town, month: '2026-11' },
    });
    // 16 + 3 + 8 + 4 + 3 + 12 + kinds + 3 + 4 + 3 + 2 + 3 + 1
    expect(dataRows).toBe(16 + 3 + 8 + 4 + 3 + 12 + OBLIGATION_KINDS.length + 3 + 4 + 3 + 2 + 3 + 1);
  });
});

describe('GET /api/stats/monthly-report', () => {
  it('.docx: the title, the five sections with the month’s numbers, the name lists and the watermark', async () => {
    const response = await (await t.as('pingan')).get(
      `/api/stats/monthly-report.docx?month=2026-11&orgUnitId=${U.town}`,
    );
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    );
    const title = '演示镇“两失”人员服务管理工作月报（2026年11月）';
    expect(response.headers['content-disposition']).toContain(encodeURIComponent(`${title}.docx`));
    const zip = await JSZip.loadAsync(response.rawPayload);
    const xml = (await zip.file('word/document.xml')?.async('string')) ?? '';
    const text = [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');
    expect(text).toContain(title);
    for (const heading of ['一、列管情况', '二、排查上报', '三、工作落实', '四、帮扶服务与矛盾化解', '五、警情处置']) {
      expect(text).toContain(heading);
    }
    expect(text).toContain(
      '截至2026年11月29日，演示镇在册列管“两失”人员5人，其中一级（现实紧迫风险）2人、二级（突出风险）1人、三级（潜在风险）2人。本月新增列管3人，撤销列管1人，变更级别1人次。',
    );
    expect(text).toContain('本月应上报排查情况表的村（社区）3个，按时上报1个，逾期上报1个，已填未报0个，未上报1个。');
    expect(text).toContain('未上报的村（社区）：演示社区。');
    expect(text).toContain('本月开展随访2次，召开会议4次（研判会4次），形成现实危害性评估报告1份、每日报告2份。');
    expect(text).toContain('截至2026年11月29日，逾期未落实的工作4项：随访2项、联席会议1项、月度排查上报1项。');
    expect(text).toContain('本月新增帮扶服务2项，落实完成1项；目前在办2项。');
    expect(text).toContain('本月新受理矛盾纠纷与诉求1件，化解1件；超过期限尚未化解1件。');
    expect(text).toContain('本月接报警情2起，派出所响应1起，处置完毕1起；截至2026年11月29日，尚有2起未处置完毕。');
    expect(text).toContain('附表1　本月新增列管人员名单');
    expect(text).toContain('钱秀兰');
    expect(text).toContain('孙德明');
    expect(text).not.toContain('卫红英');
    const footers = await Promise.all(
      Object.keys(zip.files)
        .filter((name) => /^word\/footer\d*\.xml$/.test(name))
        .map((name) => zip.file(name)?.async('string')),
    );
    expect(footers.join('')).toContain(WATERMARK);
    const event = await lastExport();
    expect(event?.diff).toMatchObject({ kind: 'monthly_report', format: 'docx', filters: { month: '2026-11' } });
    // Tables: 3 villages + total, 8 categories, 3 returns, 3 overdue kinds, 3 service types; 3 + 1 names.
    expect((event?.diff as { rows: number } | undefined)?.rows).toBe(4 + 8 + 3 + 3 + 3 + 3 + 1);
  });

  it('.xlsx: the report sheet with title and sections, the name lists on their own sheets', async () => {
    const response = await (await t.as('cun1')).get('/api/stats/monthly-report.xlsx?month=2026-11');
    expect(response.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((ws) => ws.name)).toEqual([
      '月报',
      '附表1　本月新增列管人员名单',
      '附表2　本月撤销列管人员名单',
    ]);
    const report = workbook.getWorksheet('月报');
    expect(report?.getCell('A1').value).toBe('演示一村“两失”人员服务管理工作月报（2026年11月）');
    const column = (report?.getColumn(1).values ?? []).map(String);
    expect(column).toContain('一、列管情况');
    expect(column.some((value) => value.includes('在册列管“两失”人员2人'))).toBe(true);
    expect(column.some((value) => value.includes('另有户籍地在外、居住在本辖区的协助管理人员1人'))).toBe(true);
    expect(column.at(-1)).toBe('导出人 cun1 2026-11-29 10:00');
    const listedNames = workbook.getWorksheet('附表1　本月新增列管人员名单')?.getColumn(1).values ?? [];
    expect(listedNames).toContain('钱秀兰');
    expect(listedNames).not.toContain('周文斌');
    const event = await lastExport();
    expect(event).toMatchObject({ actorId: DEMO_USERS.cun1, entityId: U.village1 });
    expect(event?.diff).toMatchObject({ kind: 'monthly_report', format: 'xlsx' });
  });

  it('writes one export event per download, none for a summary read', async () => {
    const count = () =>
      rowCount(
        t,
        auditEvents,
        and(eq(auditEvents.action, 'export'), eq(auditEvents.actorId, DEMO_USERS.lingdao as string)),
      );
    expect(await count()).toBe(0);
    await (await t.as('lingdao')).get('/api/stats/summary');
    expect(await count()).toBe(0);
    await (await t.as('lingdao')).get('/api/stats/monthly-report.xlsx');
    await (await t.as('lingdao')).get('/api/stats/export.xlsx');
    expect(await count()).toBe(2);
  });
});
