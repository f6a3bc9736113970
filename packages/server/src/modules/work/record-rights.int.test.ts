// Who writes a case's file: the staff of the responsible (户籍地) town and the case's team. The
// 居住地 side (another village, another town) sees the case and hears its alerts, but does not
// record its work.
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/context.js';
import { listed } from '../../../test/lifecycle.js';
import { addShifan, formTeam, postVisit, rowCount, SHIFAN, uid } from '../../../test/work.js';
import { assessmentReports, caseTeamMembers, responsibilityLetters, visits } from '../../db/schema.js';

const RESIDENCE_ONLY = '该人员由户籍地镇（街道）负责，只有其服务管理小组成员可以登记';
const REPORT = {
  period: '2026-11',
  findings: '本月情绪稳定。',
  harmAssessment: '现实危害性较低。',
  recommendedMeasures: '继续落实帮扶措施。',
};

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext({ prepare: addShifan });
});
afterAll(() => t.close());

const written = async (caseId: string) => [
  await rowCount(t, visits, eq(visits.caseId, caseId)),
  await rowCount(t, assessmentReports, eq(assessmentReports.caseId, caseId)),
  await rowCount(t, responsibilityLetters, eq(responsibilityLetters.caseId, caseId)),
];

/** Visit, report and responsibility letter as `as`: the three answers. */
async function recordAll(caseId: string, as: string, visitors: string[]) {
  const caller = await t.as(as);
  return [
    await postVisit(t, caseId, visitors, {}, as),
    await caller.post(`/api/cases/${caseId}/assessment-reports`, REPORT),
    await caller.post(`/api/cases/${caseId}/responsibility-letter`, {
      signedOn: '2026-11-29',
      signatoryUserIds: visitors.map(uid),
    }),
  ];
}

describe('郑国平: registered in 演示二村, living in 演示一村 (same town)', () => {
  let caseId: string;
  beforeAll(async () => {
    caseId = await listed(t, '郑国平', 2);
    await formTeam(t, caseId);
  });

  it('lets 演示一村 (居住地) read the case but not record: 403 with the reason, writing nothing', async () => {
    const cun1 = await t.as('cun1');
    expect((await cun1.get(`/api/cases/${caseId}`)).statusCode).toBe(200);
    expect((await cun1.get(`/api/cases/${caseId}/visits`)).statusCode).toBe(200);
    const responses = await recordAll(caseId, 'cun1', ['sifasuo', 'cun2']);
    expect(responses.map((r) => r.statusCode)).toEqual([403, 403, 403]);
    for (const response of responses) expect(response.json().error.message).toBe(RESIDENCE_ONLY);
    expect(await written(caseId)).toEqual([0, 0, 0]);
  });

  it('lets 演示二村, the team’s village, record (201)', async () => {
    const responses = await recordAll(caseId, 'cun2', ['sifasuo', 'cun2']);
    expect(responses.map((r) => r.statusCode)).toEqual([201, 201, 201]);
    expect(responses[0]?.json().recordedBy).toBe(uid('cun2'));
    expect(await written(caseId)).toEqual([1, 1, 1]);
  });
});

describe('褚立新: registered in 演示一村, living in 示范村 of 示范镇', () => {
  let caseId: string;
  beforeAll(async () => {
    caseId = await listed(t, '褚立新', 2);
    await formTeam(t, caseId);
  });

  it('lets 示范镇平安办 read the case but not record: 403 with the reason, writing nothing', async () => {
    const shifan = await t.as(SHIFAN);
    const read = await shifan.get(`/api/cases/${caseId}`);
    expect(read.statusCode).toBe(200);
    expect(read.json().personName).toBe('褚立新');
    const responses = await recordAll(caseId, SHIFAN, ['sifasuo', 'cun1']);
    expect(responses.map((r) => r.statusCode)).toEqual([403, 403, 403]);
    for (const response of responses) expect(response.json().error.message).toBe(RESIDENCE_ONLY);
    expect(await written(caseId)).toEqual([0, 0, 0]);
  });

  it('lets a team member of the responsible town record (201)', async () => {
    const response = await postVisit(t, caseId, ['sifasuo', 'cun1'], {}, 'sifasuo');
    expect(response.statusCode).toBe(201);
    expect(await written(caseId)).toEqual([1, 0, 0]);
  });

  it('notifies both towns’ 平安办 (and 演示镇派出所) of an alert, once each', async () => {
    const response = await postVisit(
      t,
      caseId,
      ['sifasuo', 'cun1'],
      { extremeTendency: true, stateOfMind: '扬言报复', visitedAt: '2026-11-29T09:30:00+08:00' },
      'cun1',
    );
    expect(response.statusCode).toBe(201);
    const alertId = response.json().alertId;
    expect(alertId).toEqual(expect.any(String));
    const notices = async (username: string) =>
      (await (await t.as(username)).get('/api/notifications?pageSize=100'))
        .json()
        .items.filter((n: { kind: string; caseId: string }) => n.kind === 'alert.raised' && n.caseId === caseId)
        .map((n: { title: string }) => n.title);
    for (const username of ['pingan', 'paichusuo', SHIFAN]) {
      expect(await notices(username), username).toEqual(['警情：褚立新随访发现过激倾向']);
    }
    expect(await notices('minzheng')).toEqual([]);
    // The 居住地 town sees the alert itself too.
    const alerts = (await (await t.as(SHIFAN)).get(`/api/alerts?caseId=${caseId}`)).json();
    expect(alerts.items.map((a: { id: string }) => a.id)).toEqual([alertId]);
  });

  it('lets a member of the team record even from outside the responsible town', async () => {
    // The team rules admit no staff of another town, so the membership is written directly (a team
    // formed before those rules): it is the team, not the town, that grants the right.
    await t.db.insert(caseTeamMembers).values({ caseId, userId: uid(SHIFAN), role: 'member' });
    const response = await postVisit(
      t,
      caseId,
      ['sifasuo', SHIFAN],
      { visitedAt: '2026-11-29T09:40:00+08:00' },
      SHIFAN,
    );
    expect(response.statusCode).toBe(201);
    expect(response.json().recordedBy).toBe(uid(SHIFAN));
    await t.db
      .delete(caseTeamMembers)
      .where(and(eq(caseTeamMembers.caseId, caseId), eq(caseTeamMembers.userId, uid(SHIFAN))));
    expect((await postVisit(t, caseId, ['sifasuo', 'cun1'], {}, SHIFAN)).statusCode).toBe(403);
  });
});
