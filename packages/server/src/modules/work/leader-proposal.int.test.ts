// An assessment report's prepared level-change proposal is submitted by the team's leader, whatever
// their role (a town leader, who may not propose otherwise), in one transaction with the report's
// link to it: once, never twice.
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/context.js';
import { listed } from '../../../test/lifecycle.js';
import { formTeam, rowCount, uid } from '../../../test/work.js';
import { proposals } from '../../db/schema.js';
import { DEMO_UNITS } from '../../seed/demo-town.js';

const REPORT = {
  period: '2026-11',
  findings: '本月情绪明显好转，已回村务工。',
  harmAssessment: '现实危害性降低。',
  recommendedMeasures: '调整为二级管控。',
  recommendedLevel: 2,
};

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t.close());

/** A level-1 case led by 领导小组 (role leader, no proposals.create) with a report recommending level 2. */
async function caseWithReport(personName: string) {
  const caseId = await listed(t, personName, 1);
  await formTeam(t, caseId, { leader: 'lingdao' });
  const report = await (await t.as('sifasuo')).post(`/api/cases/${caseId}/assessment-reports`, REPORT);
  expect(report.statusCode).toBe(201);
  expect(report.json()).toMatchObject({
    recommendedLevel: 2,
    levelAtReport: 1,
    proposalPrepared: true,
    proposalId: null,
  });
  return { caseId, reportId: report.json().id as string };
}

/** Level-change proposals of a case (its intake is a proposal too). */
const levelChanges = (caseId: string) =>
  rowCount(t, proposals, and(eq(proposals.caseId, caseId), eq(proposals.kind, 'level_change')));

const reportOf = async (caseId: string, reportId: string) =>
  (await (await t.as('lingdao')).get(`/api/cases/${caseId}/assessment-reports`))
    .json()
    .items.find((r: { id: string }) => r.id === reportId);

describe('POST /api/assessment-reports/:id/proposal by a team leader of role leader', () => {
  let caseId: string;
  let reportId: string;
  beforeAll(async () => {
    ({ caseId, reportId } = await caseWithReport('李桂芳'));
  });
  const submit = async (as: string) => (await t.as(as)).post(`/api/assessment-reports/${reportId}/proposal`, {});

  it('refuses members who are not the leader (403), writing nothing', async () => {
    for (const as of ['pingan', 'sifasuo']) {
      const response = await submit(as);
      expect(response.statusCode, as).toBe(403);
      expect(response.json().error.message).toBe('只有服务管理小组组长可以提交该呈报');
    }
    expect(await levelChanges(caseId)).toBe(0);
    expect((await reportOf(caseId, reportId)).proposalId).toBeNull();
  });

  it('lets the leader submit (201): the proposal is theirs and the report names it', async () => {
    const response = await submit('lingdao');
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({
      caseId,
      personName: '李桂芳',
      kind: 'level_change',
      proposedLevel: 2,
      status: 'pending',
      proposedOn: '2026-11-29',
      basis: '现实危害性评估报告（2026-11）：现实危害性降低。',
      proposerId: uid('lingdao'),
      proposerOrgUnitId: DEMO_UNITS.townGovernment,
    });
    expect((await reportOf(caseId, reportId)).proposalId).toBe(response.json().id);
    expect(await levelChanges(caseId)).toBe(1);
  });

  it('refuses a second submit (409), writing nothing', async () => {
    const response = await submit('lingdao');
    expect(response.statusCode).toBe(409);
    expect(response.json().error.code).toBe('ALREADY_SUBMITTED');
    expect(await levelChanges(caseId)).toBe(1);
  });

  it('does not let the leader propose outside the report (403: the role has no proposals.create)', async () => {
    const response = await (await t.as('lingdao')).post(`/api/cases/${caseId}/proposals`, {
      kind: 'delist',
      reasonCode: 'resolved',
      basis: '问题已化解。',
    });
    expect(response.statusCode).toBe(403);
  });
});

describe('two submits at once', () => {
  it('create one proposal, linked to the report; the other answers 409', async () => {
    const { caseId, reportId } = await caseWithReport('钱秀兰');
    const lingdao = await t.as('lingdao');
    const url = `/api/assessment-reports/${reportId}/proposal`;
    const responses = await Promise.all([lingdao.post(url, {}), lingdao.post(url, {})]);
    const statuses = responses.map((r) => r.statusCode).sort();
    expect(statuses, responses.map((r) => r.body).join(' | ')).toEqual([201, 409]);
    const created = responses.find((r) => r.statusCode === 201)?.json();
    expect(await levelChanges(caseId)).toBe(1);
    expect((await reportOf(caseId, reportId)).proposalId).toBe(created.id);
  });
});
