// What follows a case when another town accepts it (移交): its alerts and its obligations move to
// the new town's jurisdiction, and the old town's team stands down (the new town forms its own).
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/context.js';
import { listed } from '../../../test/lifecycle.js';
import { addShifan, formTeam, obligationList, recordVisit, rowCount, SHIFAN } from '../../../test/work.js';
import { caseTeamMembers } from '../../db/schema.js';
import { DEMO_UNITS } from '../../seed/demo-town.js';

let t: TestContext;
let caseId: string;
let alertId: string;
beforeAll(async () => {
  t = await createTestContext({ prepare: addShifan });
  // Level 3, listed today, with a team and an alert raised by today's visit.
  caseId = await listed(t, '赵志强', 3);
  await formTeam(t, caseId);
  const visit = await recordVisit(t, caseId, ['sifasuo', 'cun1'], { extremeTendency: true, stateOfMind: '扬言报复' });
  alertId = visit.alertId;
});
afterAll(() => t.close());

const alertIds = async (as: string) =>
  (await (await t.as(as)).get(`/api/alerts?caseId=${caseId}`)).json().items.map((a: { id: string }) => a.id);
const obligationKinds = async (as: string) =>
  (await obligationList(t, `caseId=${caseId}`, as)).items.map((o) => o.kind).sort();

describe('a case transferred to 示范镇 and accepted', () => {
  it('belongs to 演示镇 before: its alert, team and obligations', async () => {
    expect(await alertIds('pingan')).toEqual([alertId]);
    expect(await alertIds(SHIFAN)).toEqual([]);
    const team = (await (await t.as('pingan')).get(`/api/cases/${caseId}/team`)).json();
    expect(team.members).toHaveLength(6);
    expect(await obligationKinds('pingan')).toEqual([
      'assessment_report',
      'joint_meeting',
      'responsibility_letter',
      'review',
      // The visit's alert flagged the case for level review: a special consultation is due (③).
      'special_consultation',
      'visit',
    ]);
    expect(await obligationKinds(SHIFAN)).toEqual([]);
  });

  it('moves on acceptance', async () => {
    const requested = await (await t.as('pingan')).post(`/api/cases/${caseId}/transfers`, {
      toTownId: DEMO_UNITS.otherTown,
      reason: '户籍迁往示范镇',
    });
    expect(requested.statusCode).toBe(201);
    const accepted = await (await t.as(SHIFAN)).post(`/api/transfers/${requested.json().id}/answer`, {
      accept: true,
      reason: '同意接收',
    });
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json().status).toBe('accepted');
  });

  it('shows the alert to the new town, and no longer to the old one', async () => {
    expect(await alertIds(SHIFAN)).toEqual([alertId]);
    const alert = await (await t.as(SHIFAN)).get(`/api/alerts/${alertId}`);
    expect(alert.statusCode).toBe(200);
    expect(alert.json()).toMatchObject({ id: alertId, caseId, personName: '赵志强' });
    expect(await alertIds('pingan')).toEqual([]);
    expect(await alertIds('paichusuo')).toEqual([]);
    expect((await (await t.as('pingan')).get(`/api/alerts/${alertId}`)).statusCode).toBe(404);
  });

  it('leaves the case without a team: the new town forms its own', async () => {
    const team = await (await t.as(SHIFAN)).get(`/api/cases/${caseId}/team`);
    expect(team.statusCode).toBe(200);
    expect(team.json().members).toEqual([]);
    // Every department is missing (the person's village lies outside 示范镇, so none is required).
    expect(team.json().missingUnits.map((m: { unit: string }) => m.unit)).toEqual([
      'peace_office',
      'police',
      'judicial',
      'civil_affairs',
      'health',
    ]);
    expect(await rowCount(t, caseTeamMembers, eq(caseTeamMembers.caseId, caseId))).toBe(0);
    // The old team's village can no longer open it.
    expect((await (await t.as('cun1')).get(`/api/cases/${caseId}/team`)).statusCode).toBe(404);
  });

  it('puts the obligations in the new town’s jurisdiction, with their history', async () => {
    expect(await obligationKinds(SHIFAN)).toEqual([
      'assessment_report',
      'joint_meeting',
      'responsibility_letter',
      'review',
      // The visit's alert flagged the case for level review: a special consultation is due (③).
      'special_consultation',
      'visit',
    ]);
    const visit = (await obligationList(t, `caseId=${caseId}&kind=visit`, SHIFAN)).items[0];
    expect(visit).toMatchObject({ lastMetOn: '2026-11-29', dueOn: '2026-12-13', personName: '赵志强' });
    expect(await obligationKinds('pingan')).toEqual([]);
    expect(await obligationKinds('cun1')).toEqual([]);
  });
});
