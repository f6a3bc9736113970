import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/context.js';
import { assessmentMeeting, decide, intakeBody, listed, proposeIntake } from '../../../test/lifecycle.js';
import { auditEvents, cases, proposals } from '../../db/schema.js';
import { DEMO_PERSON_IDS, DEMO_UNITS } from '../../seed/demo-town.js';
import { refreshObligations } from '../obligations/recompute.js';

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t.close());

const caseCount = async () => (await t.db.select({ value: count() }).from(cases))[0]?.value;
const CHINESE = /[\u4e00-\u9fa5]/;

describe('POST /api/cases (入库呈报)', () => {
  it('creates a proposed case with its intake proposal, and audits it', async () => {
    const created = await proposeIntake(t, '赵志强');
    expect(created).toMatchObject({
      status: 'proposed',
      level: null,
      proposedLevel: 3,
      source: 'screening',
      awaitingConfirmation: false,
      responsibleTownId: DEMO_UNITS.town,
      personName: '赵志强',
      proposedOn: '2026-11-29',
    });
    expect(created.proposals).toHaveLength(1);
    expect(created.proposals[0]).toMatchObject({ kind: 'intake', status: 'pending', proposerName: '平安办 周安' });
    const events = await t.db.select().from(auditEvents).where(eq(auditEvents.entityId, created.id));
    expect(events.map((e) => e.action)).toContain('case.create');
  });

  it('refuses a second open case for the same person with 409', async () => {
    const before = await caseCount();
    const response = await (await t.as('pingan')).post('/api/cases', intakeBody('赵志强'));
    expect(response.statusCode).toBe(409);
    expect(response.json().error.message).toContain('未结案件');
    expect(await caseCount()).toBe(before);
  });

  it('accepts a proposal dated in the past and refuses one dated in the future', async () => {
    const past = await (await t.as('pingan')).post('/api/cases', intakeBody('王淑珍', { proposedOn: '2026-10-15' }));
    expect(past.statusCode).toBe(201);
    expect(past.json().proposedOn).toBe('2026-10-15');
    const future = await (await t.as('pingan')).post('/api/cases', intakeBody('冯建华', { proposedOn: '2026-12-01' }));
    expect(future.statusCode).toBe(400);
    expect(future.json().error.details[0].field).toBe('proposedOn');
  });

  it.each([
    ['no categories', { categories: [] }, 'categories'],
    ['an unknown category', { categories: ['C9'] }, 'categories'],
    ['an unknown indicator', { indicators: ['L9_9'] }, 'indicators'],
    ['level 4', { proposedLevel: 4 }, 'proposedLevel'],
    ['a missing basis', { basis: undefined }, 'basis'],
    ['no responsible unit', { responsibleOrgUnitIds: [] }, 'responsibleOrgUnitIds'],
    [
      'an unknown responsible unit',
      { responsibleOrgUnitIds: ['a0000000-0000-4000-8000-999999999999'] },
      'responsibleOrgUnitIds',
    ],
    ['an unknown field', { status: 'listed' }, 'status'],
    ['a superior assignment without its body', { source: 'superior' }, 'superiorBody'],
    ['a person outside the jurisdiction', { personId: DEMO_PERSON_IDS.卫红英 }, 'personId'],
  ])('refuses %s with 400 naming the field, writing nothing', async (_label, overrides, field) => {
    const before = await caseCount();
    const response = await (await t.as('pingan')).post('/api/cases', intakeBody('陈玉梅', overrides));
    expect(response.statusCode).toBe(400);
    expect(response.json().error.message).toMatch(CHINESE);
    const fields = response.json().error.details.map((d: { field: string }) => d.field.split('.')[0]);
    expect(fields).toContain(field);
    expect(await caseCount()).toBe(before);
  });

  it('takes a superior assignment with the assigning body and reference', async () => {
    const response = await (await t.as('paichusuo')).post(
      '/api/cases',
      intakeBody('陈玉梅', { source: 'superior', superiorBody: '区委政法委', superiorReference: '区政法〔2026〕12号' }),
    );
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({
      status: 'proposed',
      superiorBody: '区委政法委',
      superiorReference: '区政法〔2026〕12号',
    });
  });

  it('lets only the police station list in an emergency: listed, awaiting confirmation within 7 days', async () => {
    const refused = await (await t.as('pingan')).post(
      '/api/cases',
      intakeBody('李桂芳', { source: 'emergency', proposedLevel: 1 }),
    );
    expect(refused.statusCode).toBe(403);
    const response = await (await t.as('paichusuo')).post(
      '/api/cases',
      intakeBody('李桂芳', { source: 'emergency', proposedLevel: 1 }),
    );
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({
      status: 'listed',
      level: 1,
      awaitingConfirmation: true,
      confirmationDueOn: '2026-12-06',
      confirmationOverdue: false,
      listedOn: '2026-11-29',
    });
    expect(response.json().levelHistory).toEqual([
      expect.objectContaining({ kind: 'emergency', fromLevel: null, toLevel: 1 }),
    ]);
    expect(response.json().obligations).toContainEqual(
      expect.objectContaining({ kind: 'confirmation', dueOn: '2026-12-06', overdue: false }),
    );
  });

  it('shows the confirmation as overdue once 7 days pass without a meeting', async () => {
    // Backdate the listing instead of moving the clock (which would end every cached session).
    const [row] = await t.db
      .update(cases)
      .set({ listedOn: '2026-11-20', confirmationDueOn: '2026-11-27' })
      .where(eq(cases.personId, DEMO_PERSON_IDS.李桂芳 as string))
      .returning();
    await refreshObligations(t.db, '2026-11-29', { caseIds: [row?.id as string] });
    const listedCase = (await (await t.as('pingan')).get(`/api/cases/${row?.id}`)).json();
    expect(listedCase.confirmationOverdue).toBe(true);
    expect(listedCase.obligations).toContainEqual(
      expect.objectContaining({ kind: 'confirmation', dueOn: '2026-11-27', overdue: true }),
    );
    const awaiting = (await (await t.as('quji')).get('/api/cases?awaitingConfirmation=true')).json();
    expect(awaiting.items.map((c: { id: string }) => c.id)).toContain(row?.id);
  });
});

describe('GET /api/cases and jurisdiction', () => {
  it('shows 演示一村’s cases to its cadre and nothing of them to 演示二村’s', async () => {
    const mine = (await (await t.as('cun1')).get('/api/cases?pageSize=100')).json();
    expect(mine.items.map((c: { personName: string }) => c.personName)).toContain('赵志强');
    const theirs = (await (await t.as('cun2')).get('/api/cases?pageSize=100')).json();
    expect(theirs.items.map((c: { personName: string }) => c.personName)).not.toContain('赵志强');
    const id = mine.items.find((c: { personName: string }) => c.personName === '赵志强').id;
    expect((await (await t.as('cun2')).get(`/api/cases/${id}`)).statusCode).toBe(404);
  });

  it('finds cases by part of the person’s name, wildcards taken literally, still within scope', async () => {
    const names = async (user: string, q: string) =>
      (await (await t.as(user)).get(`/api/cases?q=${encodeURIComponent(q)}`))
        .json()
        .items.map((c: { personName: string }) => c.personName);
    expect(await names('pingan', '志强')).toEqual(['赵志强']);
    expect(await names('pingan', '%')).toEqual([]);
    expect(await names('cun2', '志强')).toEqual([]);
  });

  it('shows a case to the village where the person lives (居住地 assists)', async () => {
    // 郑国平 is registered in 演示二村 and lives in 演示一村.
    const created = await proposeIntake(t, '郑国平', {
      responsibleOrgUnitIds: [DEMO_UNITS.peaceOffice, DEMO_UNITS.village2],
    });
    expect((await (await t.as('cun1')).get(`/api/cases/${created.id}`)).statusCode).toBe(200);
    expect((await (await t.as('cun2')).get(`/api/cases/${created.id}`)).statusCode).toBe(200);
  });

  it('filters by status and level, and refuses a bad filter with 400', async () => {
    const pingan = await t.as('pingan');
    const proposedOnly = (await pingan.get('/api/cases?status=proposed&pageSize=100')).json();
    expect(proposedOnly.items.every((c: { status: string }) => c.status === 'proposed')).toBe(true);
    expect((await pingan.get('/api/cases?level=5')).statusCode).toBe(400);
    expect((await pingan.get('/api/cases?status=open')).statusCode).toBe(400);
  });

  it('audits every read of a case, including attempts outside the jurisdiction', async () => {
    const [row] = await t.db
      .select()
      .from(cases)
      .where(eq(cases.personId, DEMO_PERSON_IDS.赵志强 as string));
    await (await t.as('cun2')).get(`/api/cases/${row?.id}`);
    const events = await t.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.entityId, row?.id as string));
    expect(
      events.some((e) => e.action === 'case.read' && e.actorUsername === 'cun2' && e.outcome === 'not_found'),
    ).toBe(true);
  });

  it('admin sees no cases (403)', async () => {
    expect((await (await t.as('admin')).get('/api/cases')).statusCode).toBe(403);
  });
});

describe('POST /api/cases/:id/proposals (级别变更 / 撤销列管呈报)', () => {
  let caseId: string;
  beforeAll(async () => {
    caseId = await listed(t, '钱秀兰', 3);
  });

  it('lets the village propose a level change, recording the proposer ("谁呈报、谁负责")', async () => {
    const response = await (await t.as('cun1')).post(`/api/cases/${caseId}/proposals`, {
      kind: 'level_change',
      proposedLevel: 2,
      indicators: ['L2_2'],
      basis: '近期曾到区信访办过激信访。',
    });
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({
      kind: 'level_change',
      proposedLevel: 2,
      status: 'pending',
      proposerName: '演示一村 陈村',
    });
  });

  it('refuses a second pending proposal of the same kind with 409', async () => {
    const response = await (await t.as('pingan')).post(`/api/cases/${caseId}/proposals`, {
      kind: 'level_change',
      proposedLevel: 1,
      basis: '再次呈报。',
    });
    expect(response.statusCode).toBe(409);
  });

  it.each([
    ['a level change without a level', { kind: 'level_change', basis: 'x' }, 'proposedLevel'],
    ['a level change to the current level', { kind: 'level_change', proposedLevel: 3, basis: 'x' }, 'proposedLevel'],
    ['a delisting without a reason', { kind: 'delist', basis: 'x' }, 'reasonCode'],
    ['an unknown reason', { kind: 'delist', reasonCode: 'bored', basis: 'x' }, 'reasonCode'],
    ['an intake through this endpoint', { kind: 'intake', basis: 'x' }, 'kind'],
  ])('refuses %s with 400', async (_label, body, field) => {
    const response = await (await t.as('pingan')).post(`/api/cases/${caseId}/proposals`, body);
    expect(response.statusCode).toBe(400);
    expect(response.json().error.details.map((d: { field: string }) => d.field)).toContain(field);
  });

  it('answers 404 outside the jurisdiction and 403 for a role that may not propose', async () => {
    expect(
      (
        await (
          await t.as('cun2')
        ).post(`/api/cases/${caseId}/proposals`, { kind: 'delist', reasonCode: 'death', basis: 'x' })
      ).statusCode,
    ).toBe(404);
    expect(
      (
        await (
          await t.as('lingdao')
        ).post(`/api/cases/${caseId}/proposals`, { kind: 'delist', reasonCode: 'death', basis: 'x' })
      ).statusCode,
    ).toBe(403);
  });

  it('lists pending proposals in scope', async () => {
    const pending = (await (await t.as('pingan')).get('/api/proposals?status=pending')).json();
    expect(
      pending.items.some((p: { caseId: string; kind: string }) => p.caseId === caseId && p.kind === 'level_change'),
    ).toBe(true);
    const village2 = (await (await t.as('cun2')).get('/api/proposals?status=pending')).json();
    expect(village2.items.some((p: { caseId: string }) => p.caseId === caseId)).toBe(false);
  });

  it('refuses proposals on a case that is not listed with 409', async () => {
    const proposed = (
      await t.db
        .select()
        .from(cases)
        .where(eq(cases.personId, DEMO_PERSON_IDS.赵志强 as string))
    )[0];
    const response = await (await t.as('pingan')).post(`/api/cases/${proposed?.id}/proposals`, {
      kind: 'delist',
      reasonCode: 'death',
      basis: 'x',
    });
    expect(response.statusCode).toBe(409);
  });
});

describe('报区公安局入库/变更', () => {
  it('records the date the listing was reported to the district police, once', async () => {
    const caseId = await listed(t, '孙德明', 2);
    const detail = (await (await t.as('pingan')).get(`/api/cases/${caseId}`)).json();
    const entry = detail.levelHistory.find((h: { kind: string }) => h.kind === 'list');
    const police = await t.as('paichusuo');
    const bad = await police.post(`/api/cases/${caseId}/level-history/${entry.id}/report`, {
      reportedOn: '2026-12-30',
    });
    expect(bad.statusCode).toBe(400);
    const ok = await police.post(`/api/cases/${caseId}/level-history/${entry.id}/report`, { reportedOn: '2026-11-29' });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().reportedOn).toBe('2026-11-29');
    const again = await police.post(`/api/cases/${caseId}/level-history/${entry.id}/report`, {
      reportedOn: '2026-11-29',
    });
    expect(again.statusCode).toBe(409);
    expect(
      (
        await (
          await t.as('sifasuo')
        ).post(`/api/cases/${caseId}/level-history/${entry.id}/report`, { reportedOn: '2026-11-29' })
      ).statusCode,
    ).toBe(403);
  });
});

describe('the person file shows the case history', () => {
  it('lists the open case and the history on the person, and filters persons by level and status', async () => {
    const pingan = await t.as('pingan');
    const person = (await pingan.get(`/api/persons/${DEMO_PERSON_IDS.孙德明}`)).json();
    expect(person.openCase).toMatchObject({ status: 'listed', level: 2 });
    expect(person.level).toBe(2);
    expect(person.caseStatus).toBe('listed');
    const level2 = (await pingan.get('/api/persons?level=2&pageSize=100')).json();
    expect(level2.items.map((p: { name: string }) => p.name)).toEqual(['孙德明']);
    const none = (await pingan.get('/api/persons?status=none&pageSize=100')).json();
    expect(none.items.map((p: { name: string }) => p.name)).not.toContain('孙德明');
    const c4 = (await pingan.get('/api/persons?category=C4&pageSize=100')).json();
    expect(c4.items.map((p: { name: string }) => p.name)).toContain('孙德明');
  });
});

describe('meeting date against proposal date', () => {
  it('refuses to decide a proposal dated after the meeting (409)', async () => {
    const meeting = await assessmentMeeting(t, { hoursAgo: 24 * 5 });
    const created = await proposeIntake(t, '吴小红', {
      responsibleOrgUnitIds: [DEMO_UNITS.peaceOffice, DEMO_UNITS.village2],
    });
    const response = await decide(t, meeting.id, { caseId: created.id, outcome: 'list', level: 3 });
    expect(response.statusCode).toBe(409);
    expect(response.json().error.message).toContain('晚于会议日期');
    const [proposal] = await t.db.select().from(proposals).where(eq(proposals.caseId, created.id));
    expect(proposal?.status).toBe('pending');
  });
});

describe('from the 待研判 pool to an intake proposal', () => {
  it('takes a submitted return’s suspect into a proposal and out of the pool', async () => {
    const cun1 = await t.as('cun1');
    const report = await cun1.post('/api/screening-reports', {
      orgUnitId: DEMO_UNITS.village1,
      month: '2026-11',
      entries: [{ personId: DEMO_PERSON_IDS.褚立新, categories: ['C5'], description: '婚变后情绪激动。' }],
    });
    expect(report.statusCode).toBe(201);
    expect((await cun1.post(`/api/screening-reports/${report.json().id}/submit`)).statusCode).toBe(200);
    const entryId = report.json().entries[0].id;

    const wrongPerson = await (await t.as('pingan')).post(
      '/api/cases',
      intakeBody('冯建华', { screeningEntryId: entryId }),
    );
    expect(wrongPerson.statusCode).toBe(400);

    const response = await (await t.as('pingan')).post(
      '/api/cases',
      intakeBody('褚立新', { categories: ['C5'], screeningEntryId: entryId }),
    );
    expect(response.statusCode).toBe(201);
    const pool = (await (await t.as('pingan')).get('/api/screening-entries?status=proposed')).json();
    expect(pool.items.find((e: { id: string }) => e.id === entryId)).toMatchObject({
      poolStatus: 'proposed',
      caseId: response.json().id,
    });
  });
});
