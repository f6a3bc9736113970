import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/context.js';
import { listed } from '../../../test/lifecycle.js';
import { dueDates, formTeam, listAt, meetingAt, obligationOf, rowCount, uid } from '../../../test/work.js';
import { assessmentReports, dailyReports, emergencyPlans, proposals, watchLogs } from '../../db/schema.js';

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t.close());

const REPORT = {
  period: '2026-11',
  findings: '本月情绪稳定，按时服药。',
  harmAssessment: '现实危害性较低。',
  recommendedMeasures: '继续落实帮扶措施。',
};

describe('POST /api/cases/:id/assessment-reports (现实危害性评估报告)', () => {
  let caseId: string;
  beforeAll(async () => {
    // Level 2 listed on 11-10: the first report is due a month later, on 12-10.
    caseId = await listAt(t, '赵志强', 2, '2026-11-10T10:00:00+08:00');
    await formTeam(t, caseId, { leader: 'pingan' });
  });
  const post = async (body: unknown, as = 'sifasuo') =>
    (await t.as(as)).post(`/api/cases/${caseId}/assessment-reports`, body);

  it('refuses a report dated in the future (400), writing nothing', async () => {
    const response = await post({ ...REPORT, reportedOn: '2026-11-30' });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.message).toBe('报告日期(reportedOn)：不能晚于今天（2026-11-29）');
    expect(await rowCount(t, assessmentReports)).toBe(0);
    expect(await obligationOf(t, caseId, 'assessment_report')).toMatchObject({ dueOn: '2026-12-10', lastMetOn: null });
  });

  it('records a report (201) and meets the obligation: next due a month after it', async () => {
    const response = await post({ ...REPORT, reportedOn: '2026-11-28' });
    expect(response.statusCode).toBe(201);
    expect(response.json()).toEqual({
      id: expect.any(String),
      caseId,
      ...REPORT,
      reportedOn: '2026-11-28',
      recommendedLevel: null,
      levelAtReport: 2,
      proposalPrepared: false,
      proposalId: null,
      authorId: uid('sifasuo'),
      authorName: '司法所 郑法',
    });
    expect(await obligationOf(t, caseId, 'assessment_report')).toMatchObject({
      dueOn: '2026-12-28',
      lastMetOn: '2026-11-28',
    });
  });

  it('prepares no proposal when the recommended level is the current one (409 on submit)', async () => {
    const report = (await post({ ...REPORT, recommendedLevel: 2 })).json();
    expect(report).toMatchObject({ recommendedLevel: 2, proposalPrepared: false, reportedOn: '2026-11-29' });
    const response = await (await t.as('pingan')).post(`/api/assessment-reports/${report.id}/proposal`, {});
    expect(response.statusCode).toBe(409);
    expect(response.json().error.code).toBe('NO_PROPOSAL');
  });

  it('prepares a level-change proposal that only the team leader submits, once', async () => {
    const report = (
      await post({ ...REPORT, recommendedLevel: 1, harmAssessment: '近期扬言报复，危害性上升。' })
    ).json();
    expect(report).toMatchObject({ recommendedLevel: 1, levelAtReport: 2, proposalPrepared: true, proposalId: null });
    const url = `/api/assessment-reports/${report.id}/proposal`;
    const proposalCount = await rowCount(t, proposals, eq(proposals.caseId, caseId));

    const byMember = await (await t.as('sifasuo')).post(url, {});
    expect(byMember.statusCode).toBe(403);
    expect(byMember.json().error.message).toBe('只有服务管理小组组长可以提交该呈报');
    expect(await rowCount(t, proposals, eq(proposals.caseId, caseId))).toBe(proposalCount);

    const byLeader = await (await t.as('pingan')).post(url, {});
    expect(byLeader.statusCode).toBe(201);
    expect(byLeader.json()).toMatchObject({
      caseId,
      kind: 'level_change',
      proposedLevel: 1,
      status: 'pending',
      proposedOn: '2026-11-29',
      basis: '现实危害性评估报告（2026-11）：近期扬言报复，危害性上升。',
    });
    const twice = await (await t.as('pingan')).post(url, {});
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.code).toBe('ALREADY_SUBMITTED');
    expect(await rowCount(t, proposals, eq(proposals.caseId, caseId))).toBe(proposalCount + 1);

    const list = (await (await t.as('cun1')).get(`/api/cases/${caseId}/assessment-reports`)).json();
    expect(list.total).toBe(3);
    expect(list.items.find((r: { id: string }) => r.id === report.id).proposalId).toBe(byLeader.json().id);
  });

  it('answers 404 for an unknown report', async () => {
    const response = await (await t.as('pingan')).post(
      '/api/assessment-reports/d0000000-0000-4000-8000-000000000999/proposal',
      {},
    );
    expect(response.statusCode).toBe(404);
  });
});

describe('level-1 records: daily reports, watch logs, emergency plans', () => {
  let level2: string;
  let level1: string;
  beforeAll(async () => {
    level2 = await listed(t, '钱秀兰', 2);
    await formTeam(t, level2);
    // Level 1 listed on 11-27: the daily report was due 11-28, the emergency plan is due 11-30.
    level1 = await listAt(t, '李桂芳', 1, '2026-11-27T10:00:00+08:00');
    await formTeam(t, level1);
  });

  it.each([
    ['daily-reports', { reportedOn: '2026-11-29', content: '今日情况正常。' }, dailyReports],
    ['watch-logs', { dutyOn: '2026-11-29', shift: 'day', onDutyUserIds: [], notes: '值守正常。' }, watchLogs],
    ['emergency-plans', { adoptedOn: '2026-11-29', summary: '发现异常立即报告派出所。' }, emergencyPlans],
  ])('refuses %s on a level-2 case with 409', async (path, body, table) => {
    const payload = path === 'watch-logs' ? { ...body, onDutyUserIds: [uid('cun1')] } : body;
    const response = await (await t.as('pingan')).post(`/api/cases/${level2}/${path}`, payload);
    expect(response.statusCode).toBe(409);
    expect(response.json().error.code).toBe('WRONG_LEVEL');
    expect(await rowCount(t, table)).toBe(0);
  });

  it('starts with the level-1 obligations counted from the listing', async () => {
    expect(await dueDates(t, level1)).toEqual({
      daily_consultation: '2026-11-28',
      daily_report: '2026-11-28',
      emergency_plan: '2026-11-30',
      responsibility_letter: '2026-12-04',
      review: '2026-12-04',
    });
  });

  it('records a daily report (201) and meets daily_report: due tomorrow', async () => {
    const early = await (await t.as('cun1')).post(`/api/cases/${level1}/daily-reports`, {
      reportedOn: '2026-11-26',
      content: '情况正常。',
    });
    expect(early.statusCode).toBe(400);
    expect(early.json().error.message).toBe('报告日期(reportedOn)：不能早于列管日期（2026-11-27）');
    const response = await (await t.as('cun1')).post(`/api/cases/${level1}/daily-reports`, {
      reportedOn: '2026-11-29',
      content: '今日情况正常，已向区里报告。',
    });
    expect(response.statusCode).toBe(201);
    expect(response.json()).toEqual({
      id: expect.any(String),
      caseId: level1,
      reportedOn: '2026-11-29',
      content: '今日情况正常，已向区里报告。',
      authorId: uid('cun1'),
      authorName: '演示一村 陈村',
    });
    expect(await obligationOf(t, level1, 'daily_report')).toMatchObject({
      dueOn: '2026-11-30',
      lastMetOn: '2026-11-29',
      overdueDays: 0,
    });
  });

  it('records a watch log only with team members on duty', async () => {
    const url = `/api/cases/${level1}/watch-logs`;
    const outsider = await (await t.as('paichusuo')).post(url, {
      dutyOn: '2026-11-28',
      shift: 'night',
      onDutyUserIds: [uid('paichusuo'), uid('cun2')],
      notes: '夜间值守，未见异常。',
    });
    expect(outsider.statusCode).toBe(400);
    expect(outsider.json().error.message).toBe('值守人员(onDutyUserIds第2项)：不是该人员服务管理小组成员');
    expect(await rowCount(t, watchLogs)).toBe(0);
    const response = await (await t.as('paichusuo')).post(url, {
      dutyOn: '2026-11-28',
      shift: 'night',
      onDutyUserIds: [uid('paichusuo'), uid('cun1')],
      notes: '夜间值守，未见异常。',
    });
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({
      caseId: level1,
      dutyOn: '2026-11-28',
      shift: 'night',
      onDuty: [
        { userId: uid('paichusuo'), displayName: '派出所 吴警' },
        { userId: uid('cun1'), displayName: '演示一村 陈村' },
      ],
      recordedBy: uid('paichusuo'),
    });
    expect((await (await t.as('pingan')).get(url)).json().total).toBe(1);
  });

  it('records the emergency plan (201): the emergency_plan obligation is met and leaves', async () => {
    const response = await (await t.as('pingan')).post(`/api/cases/${level1}/emergency-plans`, {
      adoptedOn: '2026-11-28',
      summary: '发现异常立即报告派出所，小组成员30分钟内到场。',
    });
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({ caseId: level1, adoptedOn: '2026-11-28', recordedBy: uid('pingan') });
    const due = await dueDates(t, level1);
    expect(due.emergency_plan).toBeUndefined();
    expect(due.daily_report).toBe('2026-11-30');
  });
});

describe('meetings meet obligations: 联席会议 and 每日会商', () => {
  it('a joint meeting meets joint_meeting of each case on its agenda, from the meeting’s date', async () => {
    const [caseId] = (await (await t.as('pingan')).get('/api/cases?status=listed&level=2&pageSize=100'))
      .json()
      .items.filter((c: { personName: string }) => c.personName === '赵志强')
      .map((c: { id: string }) => c.id);
    expect(await obligationOf(t, caseId, 'joint_meeting')).toMatchObject({ dueOn: '2026-11-25', overdueDays: 4 });
    const meeting = await meetingAt(t, 'joint', '2026-11-28T15:00:00+08:00', [caseId], [uid('pingan'), uid('sifasuo')]);
    expect(meeting.heldOn).toBe('2026-11-28');
    expect(await obligationOf(t, caseId, 'joint_meeting')).toMatchObject({
      dueOn: '2026-12-13',
      lastMetOn: '2026-11-28',
      overdueDays: 0,
    });
  });

  it('a daily consultation meets daily_consultation of a level-1 case', async () => {
    const [caseId] = (await (await t.as('pingan')).get('/api/cases?status=listed&level=1&pageSize=100'))
      .json()
      .items.map((c: { id: string }) => c.id);
    expect(await obligationOf(t, caseId, 'daily_consultation')).toMatchObject({ dueOn: '2026-11-28' });
    await meetingAt(t, 'daily', '2026-11-29T08:00:00+08:00', [caseId], [uid('pingan'), uid('lingdao')]);
    expect(await obligationOf(t, caseId, 'daily_consultation')).toMatchObject({
      dueOn: '2026-11-30',
      lastMetOn: '2026-11-29',
    });
  });

  it('an assessment meeting meets neither', async () => {
    const [caseId] = (await (await t.as('pingan')).get('/api/cases?status=listed&level=2&pageSize=100'))
      .json()
      .items.filter((c: { personName: string }) => c.personName === '钱秀兰')
      .map((c: { id: string }) => c.id);
    await meetingAt(t, 'assessment', '2026-11-29T09:50:00+08:00', [caseId]);
    expect(await obligationOf(t, caseId, 'joint_meeting')).toMatchObject({ dueOn: '2026-12-14', lastMetOn: null });
  });
});
