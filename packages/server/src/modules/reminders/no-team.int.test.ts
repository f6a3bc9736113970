// The daily reminder reaches a case that has no team yet: its items go to the case's responsible
// units (the units named when it was listed) instead of being nobody's.
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/context.js';
import { listAt, rowCount } from '../../../test/work.js';
import { caseTeamMembers, notifications } from '../../db/schema.js';
import { DEMO_UNITS } from '../../seed/demo-town.js';
import { DAILY_REMINDER_KIND } from './webhook-payload.js';

let t: TestContext;
let caseId: string;
beforeAll(async () => {
  t = await createTestContext();
  // Level 3 from 11-01 and no team formed: the visit (11-15) and the responsibility letter (11-08)
  // are overdue. Its responsible units: 平安办, 派出所, 演示一村 (the intake's).
  caseId = await listAt(t, '赵志强', 3, '2026-11-01T10:00:00+08:00');
});
afterAll(() => t.close());

const remindersOf = (unitId: string) =>
  t.db
    .select()
    .from(notifications)
    .where(and(eq(notifications.orgUnitId, unitId), eq(notifications.kind, DAILY_REMINDER_KIND)));

describe('the daily job and a case without a team', () => {
  it('has no team and overdue items', async () => {
    expect(await rowCount(t, caseTeamMembers, eq(caseTeamMembers.caseId, caseId))).toBe(0);
    const c = (await (await t.as('pingan')).get(`/api/cases/${caseId}`)).json();
    expect(c.responsibleOrgUnitIds).toEqual([DEMO_UNITS.peaceOffice, DEMO_UNITS.policeStation, DEMO_UNITS.village1]);
    const overdue = (await (await t.as('pingan')).get(`/api/obligations?status=overdue&caseId=${caseId}`)).json();
    expect(overdue.items.map((o: { kind: string; dueOn: string }) => `${o.kind} ${o.dueOn}`)).toEqual([
      'responsibility_letter 2026-11-08',
      'visit 2026-11-15',
    ]);
  });

  it('reminds each responsible unit of the case’s items, once', async () => {
    expect(await t.app.services.reminders.runDailyJob('2026-11-29')).toMatchObject({ status: 'ran' });
    for (const unitId of [DEMO_UNITS.peaceOffice, DEMO_UNITS.policeStation]) {
      const notices = await remindersOf(unitId);
      expect(notices, unitId).toHaveLength(1);
      expect(notices[0]).toMatchObject({
        title: '每日待办提醒（2026-11-29）：已逾期 2 项',
        body: '已逾期：随访 1 项、管控责任书 1 项。请在工作台查看并及时办理。',
        caseId: null,
      });
    }
    // The village gets them with its own overdue screening return.
    const village = await remindersOf(DEMO_UNITS.village1);
    expect(village).toHaveLength(1);
    expect(village[0]).toMatchObject({
      title: '每日待办提醒（2026-11-29）：已逾期 3 项',
      body: '已逾期：随访 1 项、管控责任书 1 项、月度排查上报 1 项。请在工作台查看并及时办理。',
    });
    // Units not responsible for the case hear nothing of it.
    for (const unitId of [DEMO_UNITS.judicialOffice, DEMO_UNITS.civilAffairs, DEMO_UNITS.healthCentre]) {
      expect(await remindersOf(unitId), unitId).toHaveLength(0);
    }
  });

  it('shows the reminder to 派出所 in GET /api/notifications', async () => {
    const response = await (await t.as('paichusuo')).get('/api/notifications?pageSize=100');
    expect(response.statusCode).toBe(200);
    const reminders = response
      .json()
      .items.filter((n: { kind: string }) => n.kind === DAILY_REMINDER_KIND)
      .map((n: { title: string }) => n.title);
    expect(reminders).toEqual(['每日待办提醒（2026-11-29）：已逾期 2 项']);
    expect((await (await t.as('sifasuo')).get('/api/notifications?pageSize=100')).json().items).toEqual([]);
  });
});
