import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/context.js';
import { insertListedCase } from '../../../test/lifecycle.js';
import { caseTeamMembers, notifications, obligations, orgUnits, settings, webhookDeliveries } from '../../db/schema.js';
import { DEMO_PERSON_IDS, DEMO_UNITS, DEMO_USERS } from '../../seed/demo-town.js';
import { reminderSummary } from './daily-job.js';

const PERSON = '赵志强';
let t: TestContext;
let caseId: string;
beforeAll(async () => {
  t = await createTestContext();
  // A level-3 case listed on 11-01 (visits every 14 days: overdue since 11-15), with a team from
  // the peace office and the village.
  const [village] = await t.db.select().from(orgUnits).where(eq(orgUnits.id, DEMO_UNITS.village1));
  caseId = await insertListedCase(t.db, DEMO_PERSON_IDS[PERSON] as string, { responsible: village?.path as string });
  await t.db.insert(caseTeamMembers).values([
    { caseId, userId: DEMO_USERS.pingan as string, role: 'leader' },
    { caseId, userId: DEMO_USERS.cun1 as string, role: 'member' },
    // A second peace-office member: the unit still gets each item once.
    { caseId, userId: DEMO_USERS.lingdao as string, role: 'member' },
  ]);
  await (await t.as('admin')).put(`/api/org-units/${DEMO_UNITS.village1}/webhook`, { url: 'http://127.0.0.1:9/hook' });
});
afterAll(() => t.close());

const reminders = (unitId: string) =>
  t.db
    .select()
    .from(notifications)
    .where(and(eq(notifications.orgUnitId, unitId), eq(notifications.kind, 'reminder.daily')));

describe('the reminder text', () => {
  it('lists due-today and overdue counts by kind in the policy order', () => {
    expect(
      reminderSummary([
        { kind: 'assessment_report', overdue: 0, due_today: 1 },
        { kind: 'visit', overdue: 1, due_today: 2 },
      ]),
    ).toBe('今日待办：随访 2 项、评估报告 1 项；已逾期：随访 1 项');
    expect(reminderSummary([{ kind: 'screening_report', overdue: 1, due_today: 0 }])).toBe('已逾期：月度排查上报 1 项');
  });
});

describe('the daily job', () => {
  it('runs once when two calls race, recomputing obligations and writing one reminder per unit', async () => {
    const results = await Promise.all([t.app.services.reminders.runDailyJob(), t.app.services.reminders.runDailyJob()]);
    const statuses = results.map((r) => r.status).sort();
    expect(statuses[1]).toBe('ran');
    expect(['already_ran', 'locked']).toContain(statuses[0]);

    const [state] = await t.db.select().from(settings).where(eq(settings.key, 'daily_job'));
    expect(state?.value).toMatchObject({ lastRunDate: '2026-11-29' });

    // The obligations exist now (the case was written straight to the database).
    const visit = await t.db
      .select()
      .from(obligations)
      .where(and(eq(obligations.caseId, caseId), eq(obligations.kind, 'visit')));
    expect(visit[0]?.dueOn).toBe('2026-11-15');
    // This month's screening returns were opened.
    const screening = await t.db
      .select()
      .from(obligations)
      .where(and(eq(obligations.kind, 'screening_report'), eq(obligations.month, '2026-11')));
    expect(screening.length).toBeGreaterThanOrEqual(3);

    const peace = await reminders(DEMO_UNITS.peaceOffice);
    expect(peace).toHaveLength(1);
    expect(peace[0]?.body).toBe('已逾期：随访 1 项、管控责任书 1 项。请在工作台查看并及时办理。');
    expect(peace[0]?.title).toBe('每日待办提醒（2026-11-29）：已逾期 2 项');
    expect(peace[0]?.caseId).toBeNull();

    // The village gets the case's items and its own overdue screening return, each once.
    const village = await reminders(DEMO_UNITS.village1);
    expect(village).toHaveLength(1);
    expect(village[0]?.body).toContain('随访 1 项');
    expect(village[0]?.body).toContain('月度排查上报 1 项');
    // A unit with nothing on the team and no return to file hears nothing.
    expect(await reminders(DEMO_UNITS.judicialOffice)).toHaveLength(0);

    // The village's webhook gets the counts, and nothing about the person.
    const [delivery] = await t.db
      .select()
      .from(webhookDeliveries)
      .where(eq(webhookDeliveries.orgUnitId, DEMO_UNITS.village1));
    expect(delivery?.payload).toMatchObject({ kind: 'reminder.daily', title: '每日待办提醒' });
    expect((delivery?.payload as { content?: string } | undefined)?.content).toMatch(
      /^【安心】演示一村：每日待办提醒：.*随访 1 项/,
    );
    expect(JSON.stringify(delivery?.payload)).not.toContain(PERSON);
  });

  it('does not run again on start (or by hand) the same day', async () => {
    const before = (await t.db.select().from(notifications)).length;
    expect(await t.app.services.reminders.runIfOwed()).toEqual({ status: 'already_ran', date: '2026-11-29' });
    expect(await t.app.services.reminders.runDailyJob()).toEqual({ status: 'already_ran', date: '2026-11-29' });
    expect((await t.db.select().from(notifications)).length).toBe(before);
  });

  it('waits for 08:00 the next day, then runs on start', async () => {
    t.clock.advance(20 * 3_600_000); // 11-30 06:00 Beijing
    expect(await t.app.services.reminders.runIfOwed()).toEqual({ status: 'not_due', date: '2026-11-30' });
    t.clock.advance(2 * 3_600_000); // 08:00
    expect(await t.app.services.reminders.runIfOwed()).toMatchObject({ status: 'ran', date: '2026-11-30' });
    expect(await reminders(DEMO_UNITS.peaceOffice)).toHaveLength(2);
  });
});

describe('background jobs in an app process', () => {
  it('start on ready (running the owed daily job) and stop on close', async () => {
    const app = await createTestContext({ backgroundJobs: true, reminders: { pollMs: 50 } });
    try {
      await app.app.ready();
      let state: unknown;
      for (let i = 0; i < 100 && !state; i++) {
        [state] = await app.db.select().from(settings).where(eq(settings.key, 'daily_job'));
        if (!state) await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect(state).toMatchObject({ value: { lastRunDate: '2026-11-29' } });
    } finally {
      await app.close();
    }
  });
});
