// An alert flags its case for level review (⑥ → ③): a special consultation falls due, the case is
// on the meeting agenda, and a meeting that takes the case up clears the flag and meets the
// obligation. The policy's targets and days apply by date. The policy version is put last: it
// changes the rules of every case in this database.
import { MEETING_KINDS } from '@anxin/shared';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/context.js';
import { listed, proposeIntake } from '../../../test/lifecycle.js';
import { formTeam, meetingAt, obligationList, obligationOf, person, recordVisit } from '../../../test/work.js';
import { cases, obligations, policies } from '../../db/schema.js';
import { DEMO_UNITS } from '../../seed/demo-town.js';
import { LEVEL_REVIEW_MEETING_KINDS } from '../obligations/recompute.js';
import { DEFAULT_POLICY, specialConsultationDueOn } from '../obligations/rules.js';

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t.close());

const report = async (personName: string, occurredAt = '2026-11-29T09:00:00+08:00', extra = {}) => {
  const response = await (await t.as('pingan')).post('/api/alerts', {
    personId: person(personName),
    description: '与家人激烈争吵，扬言轻生',
    occurredAt,
    ...extra,
  });
  if (response.statusCode !== 201) throw new Error(`alert: ${response.statusCode} ${response.body}`);
  return response.json();
};

const flag = async (caseId: string) => {
  const c = (await (await t.as('pingan')).get(`/api/cases/${caseId}`)).json();
  return { since: c.levelReviewSince as string | null, alertId: c.levelReviewAlertId as string | null };
};

const agendaIds = async () =>
  (await (await t.as('pingan')).get(`/api/meetings/agenda?orgUnitId=${DEMO_UNITS.town}`))
    .json()
    .levelReview.map((c: { id: string }) => c.id);

const storedRow = async (caseId: string) => {
  const [row] = await t.db
    .select()
    .from(obligations)
    .where(and(eq(obligations.caseId, caseId), eq(obligations.kind, 'special_consultation')));
  return row;
};

describe('an alert on a listed case', () => {
  let zhao: string;
  let first: string;
  beforeAll(async () => {
    zhao = await listed(t, '赵志强', 3);
    await formTeam(t, zhao);
  });

  it('owes nothing of the kind before', async () => {
    expect(await obligationOf(t, zhao, 'special_consultation')).toBeUndefined();
    expect(await flag(zhao)).toEqual({ since: null, alertId: null });
  });

  it('flags the case from the day it is recorded and makes a special consultation due the next day', async () => {
    first = (await report('赵志强', '2026-11-28T21:00:00+08:00')).id;
    expect(await flag(zhao)).toEqual({ since: '2026-11-29', alertId: first });
    expect(await obligationOf(t, zhao, 'special_consultation')).toMatchObject({
      dueOn: '2026-11-30',
      lastMetOn: null,
      overdueDays: 0,
    });
    // The SQL statement and the rule agree.
    expect(specialConsultationDueOn(DEFAULT_POLICY, '2026-11-29')).toBe('2026-11-30');
    // The team sees it among its own items.
    const mine = await obligationList(t, 'scope=mine&kind=special_consultation', 'cun1');
    expect(mine.items.map((o) => o.caseId)).toEqual([zhao]);
    expect(await agendaIds()).toEqual([zhao]);
  });

  it('keeps the date on a second alert but points at the later one', async () => {
    const second = (await report('赵志强', '2026-11-29T09:30:00+08:00')).id;
    expect(await flag(zhao)).toEqual({ since: '2026-11-29', alertId: second });
    // One reported after the fact, about an earlier moment, does not move the pointer back.
    await report('赵志强', '2026-11-27T08:00:00+08:00');
    expect(await flag(zhao)).toEqual({ since: '2026-11-29', alertId: second });
    expect((await obligationOf(t, zhao, 'special_consultation'))?.dueOn).toBe('2026-11-30');
  });

  it('is not cleared by a meeting held before the alert it points at', async () => {
    await meetingAt(t, 'consultation', '2026-11-28T15:00:00+08:00', [zhao]);
    expect((await flag(zhao)).since).toBe('2026-11-29');
    expect(await obligationOf(t, zhao, 'special_consultation')).toBeDefined();
  });

  it('is not cleared by a meeting that leaves the case off its agenda', async () => {
    await meetingAt(t, 'consultation', '2026-11-29T09:50:00+08:00', []);
    expect((await flag(zhao)).since).toBe('2026-11-29');
  });

  it('is cleared by a 专项会商 that takes the case up: the obligation is met and leaves the lists', async () => {
    await meetingAt(t, 'consultation', '2026-11-29T09:55:00+08:00', [zhao]);
    expect(await flag(zhao)).toEqual({ since: null, alertId: null });
    expect(await obligationOf(t, zhao, 'special_consultation')).toBeUndefined();
    expect(await storedRow(zhao)).toMatchObject({ lastMetOn: '2026-11-29', dueOn: null });
    expect(await agendaIds()).toEqual([]);
  });

  it('is owed again, afresh, after the next alert', async () => {
    const next = (await report('赵志强', '2026-11-29T09:58:00+08:00')).id;
    expect(await flag(zhao)).toEqual({ since: '2026-11-29', alertId: next });
    expect(await obligationOf(t, zhao, 'special_consultation')).toMatchObject({
      dueOn: '2026-11-30',
      lastMetOn: '2026-11-29',
    });
  });

  it('is not cleared by a meeting held earlier the same day than the alert (recorded afterwards)', async () => {
    // The 每日会商 of 08:00 is entered after the 09:58 alert, with the case on its agenda: it met
    // before the alert and cannot have considered it.
    await meetingAt(t, 'daily', '2026-11-29T08:00:00+08:00', [zhao]);
    expect((await flag(zhao)).since).toBe('2026-11-29');
    expect(await obligationOf(t, zhao, 'special_consultation')).toMatchObject({ dueOn: '2026-11-30' });
  });

  it.each(LEVEL_REVIEW_MEETING_KINDS.map((kind) => [kind]))('is cleared by a meeting of kind %s too', async (kind) => {
    if ((await flag(zhao)).since === null) await report('赵志强', '2026-11-29T09:58:00+08:00');
    expect((await flag(zhao)).since).toBe('2026-11-29');
    await meetingAt(t, kind, '2026-11-29T09:59:00+08:00', [zhao]);
    expect((await flag(zhao)).since).toBeNull();
    expect(await obligationOf(t, zhao, 'special_consultation')).toBeUndefined();
  });

  it('clears every meeting kind there is', () => {
    // Against the shared list, so a new kind of meeting has to be placed here on purpose.
    expect([...LEVEL_REVIEW_MEETING_KINDS].sort()).toEqual([...MEETING_KINDS].sort());
  });
});

describe('alerts raised elsewhere', () => {
  it('flags the case of a visit that found an extreme tendency (the same function raises both)', async () => {
    const zhou = await listed(t, '周文斌', 3);
    await formTeam(t, zhou);
    const visit = await recordVisit(t, zhou, ['sifasuo', 'cun2'], { extremeTendency: true, stateOfMind: '扬言报复' });
    expect(await flag(zhou)).toEqual({ since: '2026-11-29', alertId: visit.alertId });
    expect((await obligationOf(t, zhou, 'special_consultation'))?.dueOn).toBe('2026-11-30');
    const alert = (await (await t.as('paichusuo')).get(`/api/alerts/${visit.alertId}`)).json();
    expect(alert.events.map((e: { step: string }) => e.step)).toEqual(['reported']);
  });

  it('does not flag a case still awaiting its intake decision, nor a person without a case', async () => {
    const proposed = await proposeIntake(t, '钱秀兰');
    const alert = await report('钱秀兰', '2026-11-29T09:00:00+08:00', { caseId: proposed.id });
    expect(alert.caseId).toBe(proposed.id);
    expect(await flag(proposed.id)).toEqual({ since: null, alertId: null });
    expect(await obligationOf(t, proposed.id, 'special_consultation')).toBeUndefined();
    // Without caseId, a proposed case is not taken for the alert: only a listed one is.
    expect((await report('钱秀兰')).caseId).toBeNull();
  });

  it('refuses a closed case (409)', async () => {
    const [delisted] = await t.db
      .update(cases)
      .set({ status: 'delisted' })
      .where(eq(cases.personId, person('钱秀兰')))
      .returning({ id: cases.id });
    const response = await (await t.as('pingan')).post('/api/alerts', {
      personId: person('钱秀兰'),
      caseId: delisted?.id,
      description: '情绪激动',
      occurredAt: '2026-11-29T09:00:00+08:00',
    });
    expect(response.statusCode).toBe(409);
    expect(response.json().error.code).toBe('CASE_CLOSED');
  });
});

describe('the policy (工作规范): targets and days', () => {
  let wang: string;
  let yesterday: string;
  beforeAll(async () => {
    wang = await listed(t, '王淑珍', 2);
    yesterday = (await report('王淑珍', '2026-11-28T20:00:00+08:00')).id;
  });

  it('shows the defaults in the policy in force', async () => {
    const { current } = (await (await t.as('pingan')).get('/api/policy')).json();
    expect(current).toMatchObject({
      alertTargets: { policeResponseMinutes: 30, teamNotifiedMinutes: 60 },
      specialConsultationDays: 1,
    });
  });

  it('refuses targets out of range (400, naming the field)', async () => {
    const body = {
      ...structuredClone(DEFAULT_POLICY),
      alertTargets: { policeResponseMinutes: 0, teamNotifiedMinutes: 60 },
    };
    const response = await (await t.as('admin')).put('/api/policy', body);
    expect(response.statusCode).toBe(400);
    expect(response.json().error.details[0].field).toBe('alertTargets.policeResponseMinutes');
    const negative = await (await t.as('admin')).put('/api/policy', { ...DEFAULT_POLICY, specialConsultationDays: -1 });
    expect(negative.statusCode).toBe(400);
    expect(negative.json().error.details[0].field).toBe('specialConsultationDays');
  });

  it('reads a version stored before the new fields with their defaults, and takes a body without them', async () => {
    const { alertTargets: _targets, specialConsultationDays: _days, ...older } = DEFAULT_POLICY;
    await t.db.insert(policies).values({ effectiveFrom: '2027-07-01', body: { ...older, confirmationDays: 9 } });
    const response = await (await t.as('admin')).put('/api/policy', { ...older, effectiveFrom: '2027-06-01' });
    expect(response.statusCode).toBe(200);
    const versions = response.json().versions as { effectiveFrom: string }[];
    for (const from of ['2027-06-01', '2027-07-01']) {
      expect(
        versions.find((v) => v.effectiveFrom === from),
        from,
      ).toMatchObject({
        alertTargets: { policeResponseMinutes: 30, teamNotifiedMinutes: 60 },
        specialConsultationDays: 1,
      });
    }
    expect(versions.find((v) => v.effectiveFrom === '2027-07-01')).toMatchObject({ confirmationDays: 9 });
  });

  it('moves due dates and today’s targets from the day a version takes effect, not before', async () => {
    const response = await (await t.as('admin')).put('/api/policy', {
      ...DEFAULT_POLICY,
      alertTargets: { policeResponseMinutes: 10, teamNotifiedMinutes: 20 },
      specialConsultationDays: 3,
    });
    expect(response.statusCode).toBe(200);
    // Every flagged case is recomputed at once.
    expect((await obligationOf(t, wang, 'special_consultation'))?.dueOn).toBe('2026-12-02');
    expect(specialConsultationDueOn({ specialConsultationDays: 3 }, '2026-11-29')).toBe('2026-12-02');
    // An alert of today runs against the new targets; yesterday's keeps the targets of its day.
    const today = await report('王淑珍', '2026-11-29T09:45:00+08:00');
    expect(today.timers.policeResponse).toMatchObject({ targetMinutes: 10, state: 'overdue', elapsedMinutes: 15 });
    expect(today.timers.teamNotified).toMatchObject({ targetMinutes: 20, state: 'running' });
    const old = (await (await t.as('pingan')).get(`/api/alerts/${yesterday}`)).json();
    expect(old.timers.policeResponse).toMatchObject({ targetMinutes: 30, state: 'overdue' });
  });
});
