// When an obligation starts counting, and what it keeps: a kind owed again after a level change
// starts over from the new level's date but keeps its last record; a kind a new policy version
// adds counts from the version's date; a case listed before obligations were stored loses no record.
// The policy version is put last: it changes the rules of every case in this database.
import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/context.js';
import { insertListedCase } from '../../../test/lifecycle.js';
import { changeLevel, dueDates, formTeam, listAt, obligationOf, person, recordVisit } from '../../../test/work.js';
import { obligations, orgUnits } from '../../db/schema.js';
import { DEMO_UNITS } from '../../seed/demo-town.js';
import { listedCasesWithoutObligations } from './recompute.js';
import { DEFAULT_POLICY } from './rules.js';

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t.close());

const storedRow = async (caseId: string, kind: string) => {
  const [row] = await t.db
    .select()
    .from(obligations)
    .where(and(eq(obligations.caseId, caseId), eq(obligations.kind, kind)));
  return row;
};

describe('a kind owed again after a level change starts over but keeps its history', () => {
  let caseId: string;
  beforeAll(async () => {
    // Level 2 from 11-01, visited on 11-20 (next visit due 11-27).
    caseId = await listAt(t, '赵志强', 2, '2026-11-01T10:00:00+08:00');
    await formTeam(t, caseId, { extra: ['lingdao'] });
    await recordVisit(t, caseId, ['sifasuo', 'cun1'], { visitedAt: '2026-11-20T10:00:00+08:00' });
  });

  it('starts with the visit due a week after the last one', async () => {
    expect(await obligationOf(t, caseId, 'visit')).toMatchObject({ lastMetOn: '2026-11-20', dueOn: '2026-11-27' });
  });

  it('sets the visit aside at level 1 (11-22), keeping its last date', async () => {
    await changeLevel(t, caseId, 1, '2026-11-22T10:00:00+08:00');
    const due = await dueDates(t, caseId);
    expect(due.visit).toBeUndefined();
    expect(due.joint_meeting).toBeUndefined();
    expect(due.assessment_report).toBeUndefined();
    expect(due).toMatchObject({ daily_consultation: '2026-11-23', daily_report: '2026-11-23' });
    expect(await storedRow(caseId, 'visit')).toMatchObject({ dueOn: null, lastMetOn: '2026-11-20' });
  });

  it('owes it again at level 2 (11-25): counted from 11-25, the 11-20 visit kept → due 12-02', async () => {
    await changeLevel(t, caseId, 2, '2026-11-25T10:00:00+08:00');
    const due = await dueDates(t, caseId);
    expect(due.daily_consultation).toBeUndefined();
    expect(due.daily_report).toBeUndefined();
    expect(due.emergency_plan).toBeUndefined();
    // GREATEST(11-25, 11-20) + 7 days; not 11-27 (the old start), and the last visit is not lost.
    expect(await obligationOf(t, caseId, 'visit')).toMatchObject({
      lastMetOn: '2026-11-20',
      dueOn: '2026-12-02',
      overdueDays: 0,
    });
    // Never met: from 11-25 (15 days, a month), not from the listing on 11-01 (overdue since 11-16).
    expect(await obligationOf(t, caseId, 'joint_meeting')).toMatchObject({ lastMetOn: null, dueOn: '2026-12-10' });
    expect(await obligationOf(t, caseId, 'assessment_report')).toMatchObject({
      lastMetOn: null,
      dueOn: '2026-12-25',
    });
    expect(await storedRow(caseId, 'visit')).toMatchObject({ sinceOn: '2026-11-25', lastMetOn: '2026-11-20' });
  });

  it('counts a later visit as usual', async () => {
    await recordVisit(t, caseId, ['sifasuo', 'cun1'], { visitedAt: '2026-11-28T10:00:00+08:00' });
    expect(await obligationOf(t, caseId, 'visit')).toMatchObject({ lastMetOn: '2026-11-28', dueOn: '2026-12-05' });
  });
});

/** Two level-3 cases written straight to the database (listed 11-01, no obligation rows). */
let withVisit: string;
let untouched: string;

describe('cases listed before obligations were stored', () => {
  beforeAll(async () => {
    // Two level-3 cases (listed 11-01) as an older version left them: no obligation rows at all.
    const [village] = await t.db.select().from(orgUnits).where(eq(orgUnits.id, DEMO_UNITS.village1));
    const responsible = village?.path as string;
    withVisit = await insertListedCase(t.db, person('钱秀兰'), { responsible });
    untouched = await insertListedCase(t.db, person('李桂芳'), { responsible });
    await t.db.delete(obligations).where(inArray(obligations.caseId, [withVisit, untouched]));
  });

  it('are found by listedCasesWithoutObligations', async () => {
    expect(await listedCasesWithoutObligations(t.db)).toBe(true);
  });

  it('lose no visit: the visit creates the rows and is counted (11-20 + 14 days = 12-04)', async () => {
    await formTeam(t, withVisit);
    const visit = await recordVisit(t, withVisit, ['sifasuo', 'cun1'], { visitedAt: '2026-11-20T10:00:00+08:00' });
    expect(visit.visitedOn).toBe('2026-11-20');
    expect(await obligationOf(t, withVisit, 'visit')).toMatchObject({
      lastMetOn: '2026-11-20',
      dueOn: '2026-12-04',
      overdueDays: 0,
    });
    // The other case still has none.
    expect(await listedCasesWithoutObligations(t.db)).toBe(true);
    expect(await storedRow(untouched, 'visit')).toBeUndefined();
  });

  it('get their rows on the start-up check', async () => {
    expect(await t.app.services.reminders.runIfOwed()).toMatchObject({ status: 'ran', date: '2026-11-29' });
    expect(await listedCasesWithoutObligations(t.db)).toBe(false);
    expect(await obligationOf(t, untouched, 'visit')).toMatchObject({
      lastMetOn: null,
      dueOn: '2026-11-15',
      overdueDays: 14,
    });
    // The visited case kept its visit through the whole-scope recompute.
    expect(await obligationOf(t, withVisit, 'visit')).toMatchObject({ lastMetOn: '2026-11-20', dueOn: '2026-12-04' });
  });
});

describe('a policy version that adds a kind', () => {
  let caseId: string;
  beforeAll(async () => {
    // Level 3 since 11-01, never visited: the visit has been overdue since 11-15.
    caseId = await listAt(t, '周文斌', 3, '2026-11-01T10:00:00+08:00');
    await formTeam(t, caseId);
  });

  it('counts the new kind from the version’s date (today), not from the listing', async () => {
    expect(await obligationOf(t, caseId, 'daily_report')).toBeUndefined();
    const policy = structuredClone(DEFAULT_POLICY);
    policy.intervals[3].daily_report = { days: 3 };
    const response = await (await t.as('admin')).put('/api/policy', { ...policy, effectiveFrom: '2026-11-29' });
    expect(response.statusCode).toBe(200);
    expect(response.json().current).toMatchObject({ effectiveFrom: '2026-11-29' });
    // 11-29 + 3 days, not overdue since 11-04.
    expect(await obligationOf(t, caseId, 'daily_report')).toMatchObject({
      lastMetOn: null,
      dueOn: '2026-12-02',
      overdueDays: 0,
    });
    // The kinds already owed keep their start: the visit is still overdue from 11-15.
    expect(await obligationOf(t, caseId, 'visit')).toMatchObject({ dueOn: '2026-11-15', overdueDays: 14 });
  });

  it('keeps that start when a later event recomputes the case', async () => {
    await recordVisit(t, caseId, ['sifasuo', 'cun2']);
    expect(await obligationOf(t, caseId, 'visit')).toMatchObject({ lastMetOn: '2026-11-29', dueOn: '2026-12-13' });
    expect(await obligationOf(t, caseId, 'daily_report')).toMatchObject({ dueOn: '2026-12-02', overdueDays: 0 });
  });

  it('adds it to the other level-3 cases from today as well, and to no level-2 case', async () => {
    expect(await obligationOf(t, untouched, 'daily_report')).toMatchObject({ dueOn: '2026-12-02' });
    const [zhao] = (await (await t.as('pingan')).get('/api/cases?status=listed&level=2&pageSize=100')).json().items;
    expect(zhao.personName).toBe('赵志强');
    expect(await obligationOf(t, zhao.id, 'daily_report')).toBeUndefined();
  });
});

describe('a listing recorded after a policy version, back-dated before it', () => {
  it('counts from its own meeting date, like one recorded before the version', async () => {
    // The version above started today; a level-2 listing decided on 11-20 and entered now.
    const caseId = await listAt(t, '王淑珍', 2, '2026-11-20T10:00:00+08:00');
    expect(await dueDates(t, caseId)).toMatchObject({
      visit: '2026-11-27',
      joint_meeting: '2026-12-05',
      assessment_report: '2026-12-20',
    });
    expect(await obligationOf(t, caseId, 'visit')).toMatchObject({ overdueDays: 2 });
  });
});
