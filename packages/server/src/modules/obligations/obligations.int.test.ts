import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/context.js';
import { assessmentMeeting, decide, intakeBody, listed, recordNotice } from '../../../test/lifecycle.js';
import {
  changeLevel,
  dueDates,
  formTeam,
  listAt,
  obligationList,
  obligationOf,
  recordVisit,
  rowCount,
} from '../../../test/work.js';
import { obligations, users } from '../../db/schema.js';
import { DEMO_PASSWORD, DEMO_PERSON_IDS, DEMO_UNITS } from '../../seed/demo-town.js';
import { hashPassword } from '../auth/passwords.js';
import { ensureScreeningObligations } from './recompute.js';

let t: TestContext;
const SIFASUO2 = 'sifasuo2';
beforeAll(async () => {
  t = await createTestContext({
    prepare: async (db) => {
      await db.insert(users).values({
        username: SIFASUO2,
        displayName: '司法所 钟法',
        passwordHash: await hashPassword(DEMO_PASSWORD),
        orgUnitId: DEMO_UNITS.judicialOffice,
        roles: ['judicial'],
      });
    },
  });
});
afterAll(() => t.close());

const ids: Record<string, string> = {};

describe('GET /api/obligations after listing: every kind of each level (listed 2026-11-29)', () => {
  it.each([
    [
      1,
      '赵志强',
      {
        daily_consultation: '2026-11-30',
        daily_report: '2026-11-30',
        emergency_plan: '2026-12-02',
        responsibility_letter: '2026-12-06',
        review: '2026-12-06',
      },
    ],
    [
      2,
      '钱秀兰',
      {
        visit: '2026-12-06',
        joint_meeting: '2026-12-14',
        assessment_report: '2026-12-29',
        responsibility_letter: '2026-12-06',
        review: '2026-12-29',
      },
    ],
    [
      3,
      '周文斌',
      {
        visit: '2026-12-13',
        joint_meeting: '2026-12-29',
        assessment_report: '2027-01-29',
        responsibility_letter: '2026-12-06',
        review: '2027-01-29',
      },
    ],
  ])('level %i (%s)', async (level, name, expected: Record<string, string>) => {
    const caseId = await listed(t, name, level);
    ids[name] = caseId;
    expect(await dueDates(t, caseId)).toEqual(expected);
    const visitOrReport = await obligationOf(t, caseId, level === 1 ? 'daily_report' : 'visit');
    expect(visitOrReport).toEqual({
      id: expect.any(String),
      kind: level === 1 ? 'daily_report' : 'visit',
      caseId,
      personId: DEMO_PERSON_IDS[name],
      personName: name,
      level,
      orgUnitId: name === '周文斌' ? DEMO_UNITS.village2 : DEMO_UNITS.village1,
      orgUnitName: name === '周文斌' ? '演示二村' : '演示一村',
      month: null,
      dueOn: expected[level === 1 ? 'daily_report' : 'visit'],
      lastMetOn: null,
      overdueDays: 0,
      sensitive: false,
    });
  });

  it('has an emergency listing confirmed within 7 days; the confirmation leaves once confirmed', async () => {
    const response = await (await t.as('paichusuo')).post(
      '/api/cases',
      intakeBody('吴小红', {
        source: 'emergency',
        proposedLevel: 2,
        responsibleOrgUnitIds: [DEMO_UNITS.policeStation],
      }),
    );
    expect(response.statusCode).toBe(201);
    const caseId = response.json().id;
    ids.吴小红 = caseId;
    expect(await dueDates(t, caseId)).toEqual({
      confirmation: '2026-12-06',
      visit: '2026-12-06',
      joint_meeting: '2026-12-14',
      assessment_report: '2026-12-29',
      responsibility_letter: '2026-12-06',
      review: '2026-12-29',
    });
    const meeting = await assessmentMeeting(t, { caseIds: [caseId], hoursAgo: 0.5 });
    expect((await decide(t, meeting.id, { caseId, outcome: 'confirm' })).statusCode).toBe(201);
    const due = await dueDates(t, caseId);
    expect(due.confirmation).toBeUndefined();
    expect(due.visit).toBe('2026-12-06');
  });

  it('drops every obligation of a case when it is delisted', async () => {
    const caseId = await listed(t, '王淑珍', 3);
    expect((await obligationList(t, `caseId=${caseId}`)).total).toBe(5);
    const meeting = await assessmentMeeting(t, { caseIds: [caseId], hoursAgo: 0.5 });
    await recordNotice(t, caseId);
    const response = await decide(t, meeting.id, { caseId, outcome: 'delist', reasonCode: 'stable_life' });
    expect(response.statusCode).toBe(201);
    expect(await obligationList(t, `caseId=${caseId}`)).toEqual({ items: [], total: 0 });
    expect(await rowCount(t, obligations, eq(obligations.caseId, caseId))).toBe(0);
  });
});

describe('a level change in mid-interval counts from the last visit', () => {
  it('level 3 listed 11-01, visited 11-20, level 2 from 11-25: visit due 11-27', async () => {
    const caseId = await listAt(t, '李桂芳', 3, '2026-11-01T10:00:00+08:00');
    ids.李桂芳 = caseId;
    await formTeam(t, caseId);
    await recordVisit(t, caseId, ['sifasuo', 'cun1'], { visitedAt: '2026-11-20T10:00:00+08:00' });
    expect((await obligationOf(t, caseId, 'visit'))?.dueOn).toBe('2026-12-04');
    await changeLevel(t, caseId, 2, '2026-11-25T10:00:00+08:00');
    expect(await obligationOf(t, caseId, 'visit')).toMatchObject({
      level: 2,
      dueOn: '2026-11-27',
      lastMetOn: '2026-11-20',
      overdueDays: 2,
    });
    expect(await dueDates(t, caseId)).toEqual({
      visit: '2026-11-27',
      joint_meeting: '2026-11-16',
      assessment_report: '2026-12-01',
      responsibility_letter: '2026-11-08',
      review: '2026-12-25',
    });
  });
});

describe('screening_report rows (月度排查上报)', () => {
  beforeAll(async () => {
    await ensureScreeningObligations(t.db, '2026-11');
  });
  const screening = async (as = 'pingan', query = '') =>
    (await obligationList(t, `kind=screening_report${query}`, as)).items
      .map((o) => ({
        name: o.orgUnitName,
        dueOn: o.dueOn,
        overdueDays: o.overdueDays,
        month: o.month,
        caseId: o.caseId,
      }))
      .sort((a, b) => a.name.localeCompare(b.name));
  const row = (name: string) => ({ name, dueOn: '2026-11-21', overdueDays: 8, month: '2026-11', caseId: null });

  it('has each village’s return due on the 21st, overdue on the 29th', async () => {
    expect(await screening('pingan', '&status=overdue')).toEqual(
      [row('演示一村'), row('演示二村'), row('演示社区')].sort((a, b) => a.name.localeCompare(b.name)),
    );
  });

  it('shows a village cadre its own village’s return under scope=mine', async () => {
    expect(await screening('cun1', '&scope=mine')).toEqual([row('演示一村')]);
    expect(await screening('cun2', '&scope=all')).toEqual([row('演示二村')]);
  });

  it('is met once the village submits its return', async () => {
    const cun1 = await t.as('cun1');
    const created = await cun1.post('/api/screening-reports', {
      orgUnitId: DEMO_UNITS.village1,
      month: '2026-11',
      zeroReport: true,
    });
    expect(created.statusCode).toBe(201);
    expect((await cun1.post(`/api/screening-reports/${created.json().id}/submit`, {})).statusCode).toBe(200);
    expect((await screening()).map((r) => r.name)).not.toContain('演示一村');
    expect(await screening('cun1', '&scope=mine')).toEqual([]);
    await ensureScreeningObligations(t.db, '2026-11');
    expect((await screening()).map((r) => r.name).sort()).toEqual(['演示二村', '演示社区'].sort());
  });
});

describe('scope=mine|unit|all and jurisdiction', () => {
  beforeAll(async () => {
    await formTeam(t, ids.钱秀兰 as string, { extra: ['lingdao'] });
    await formTeam(t, ids.周文斌 as string);
  });
  const caseIdsOf = (items: { caseId: string | null }[]) => [...new Set(items.map((o) => o.caseId))].sort();

  it('mine: the cases whose team I am on (and, for a village, its own return)', async () => {
    const lingdao = await obligationList(t, 'scope=mine', 'lingdao');
    expect(caseIdsOf(lingdao.items)).toEqual([ids.钱秀兰]);
    expect(lingdao.total).toBe(5);
    const cun1 = await obligationList(t, 'scope=mine', 'cun1');
    expect(caseIdsOf(cun1.items)).toEqual([ids.钱秀兰, ids.李桂芳].sort());
    const cun2 = await obligationList(t, 'scope=mine', 'cun2');
    expect(caseIdsOf(cun2.items)).toEqual([null, ids.周文斌].sort());
    expect((await obligationList(t, 'scope=mine', SIFASUO2)).total).toBe(0);
  });

  it('unit: the cases my unit’s staff serve on, and my unit’s own items', async () => {
    // A second 司法所 officer on no team sees what 司法所 carries.
    const unit = await obligationList(t, 'scope=unit', SIFASUO2);
    expect(caseIdsOf(unit.items)).toEqual([ids.钱秀兰, ids.周文斌, ids.李桂芳].sort());
    expect(unit.total).toBe((await obligationList(t, 'scope=mine', 'sifasuo')).total);
    const cun2 = await obligationList(t, 'scope=unit', 'cun2');
    expect(caseIdsOf(cun2.items)).toEqual([null, ids.周文斌, ids.吴小红].sort());
    expect(cun2.items.every((o) => o.orgUnitId === DEMO_UNITS.village2)).toBe(true);
  });

  it('all: everything in my jurisdiction; 演示二村 never sees 演示一村’s items', async () => {
    const pingan = await obligationList(t, 'scope=all', 'pingan');
    expect(caseIdsOf(pingan.items)).toEqual([null, ids.赵志强, ids.钱秀兰, ids.周文斌, ids.吴小红, ids.李桂芳].sort());
    const cun2 = await obligationList(t, 'scope=all', 'cun2');
    expect(caseIdsOf(cun2.items)).toEqual([null, ids.周文斌, ids.吴小红].sort());
    expect(cun2.items.some((o) => o.orgUnitId !== DEMO_UNITS.village2)).toBe(false);
    expect((await obligationList(t, `caseId=${ids.钱秀兰}`, 'cun2')).total).toBe(0);
    expect((await obligationList(t, `orgUnitId=${DEMO_UNITS.village1}`, 'cun2')).total).toBe(0);
    const village1 = await obligationList(t, `orgUnitId=${DEMO_UNITS.village1}`, 'pingan');
    expect(caseIdsOf(village1.items)).toEqual([ids.赵志强, ids.钱秀兰, ids.李桂芳].sort());
  });
});

describe('query validation and pages', () => {
  it.each([
    ['status=late', 'status', '状态(status)：无效选项：期望以下之一 "overdue"|"due"|"all"'],
    ['scope=x', 'scope', '范围(scope)：无效选项：期望以下之一 "mine"|"unit"|"all"'],
    ['dueBy=bad', 'dueBy', '截止日期(dueBy)：日期格式应为 YYYY-MM-DD'],
    [
      'kind=party',
      'kind',
      '类型(kind)：无效选项：期望以下之一 "visit"|"joint_meeting"|"assessment_report"|"daily_consultation"|"daily_report"|"responsibility_letter"|"emergency_plan"|"confirmation"|"review"|"screening_report"|"special_consultation"',
    ],
    ['pageSize=1000', 'pageSize', '每页条数(pageSize)：数值过大：期望 number <=100'],
  ])('refuses %s with 400 in Chinese naming the field', async (query, field, message) => {
    const response = await (await t.as('pingan')).get(`/api/obligations?${query}`);
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toMatchObject({ code: 'VALIDATION_FAILED', message, details: [{ field, message }] });
  });

  it('pages most urgent first, with the total', async () => {
    const all = await obligationList(t, 'scope=all');
    const dues = all.items.map((o) => o.dueOn);
    expect(dues).toEqual([...dues].sort());
    const page = async (n: number) =>
      (await (await t.as('pingan')).get(`/api/obligations?pageSize=4&page=${n}`)).json();
    const [first, second] = [await page(1), await page(2)];
    expect(first.total).toBe(all.total);
    expect(second.total).toBe(all.total);
    expect(first.items).toEqual(all.items.slice(0, 4));
    expect(second.items).toEqual(all.items.slice(4, 8));
    expect((await page(100)).items).toEqual([]);
  });

  it('filters by status and dueBy', async () => {
    const overdue = await obligationList(t, 'status=overdue');
    expect(overdue.items.every((o) => o.dueOn < '2026-11-29' && o.overdueDays > 0)).toBe(true);
    const due = await obligationList(t, 'status=due&dueBy=2026-12-02');
    expect(due.items.every((o) => o.dueOn >= '2026-11-29' && o.dueOn <= '2026-12-02')).toBe(true);
    expect(due.items.map((o) => o.kind).sort()).toEqual([
      'assessment_report',
      'daily_consultation',
      'daily_report',
      'emergency_plan',
    ]);
    const all = await obligationList(t, 'status=all');
    expect(overdue.total + (await obligationList(t, 'status=due')).total).toBe(all.total);
  });
});
