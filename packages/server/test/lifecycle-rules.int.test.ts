// The lifecycle's jurisdiction and integrity rules that span modules: who may list and decide,
// who may sit in a meeting, what a closed case leaves behind, and races.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseLevelHistory, cases, proposals, users } from '../src/db/schema.js';
import { hashPassword } from '../src/modules/auth/passwords.js';
import { DEMO_PASSWORD, DEMO_PERSON_IDS, DEMO_UNITS, DEMO_USERS } from '../src/seed/demo-town.js';
import { createTestContext, type TestContext } from './context.js';
import { assessmentMeeting, decide, intakeBody, listed, proposeIntake } from './lifecycle.js';

let t: TestContext;
let shifanId: string;
beforeAll(async () => {
  t = await createTestContext({
    // 示范镇's peace office: the town where 褚立新 (registered in 演示一村) lives.
    prepare: async (db) => {
      const [row] = await db
        .insert(users)
        .values({
          username: 'shifan',
          displayName: '示范镇平安办 严平',
          passwordHash: await hashPassword(DEMO_PASSWORD),
          orgUnitId: DEMO_UNITS.otherPeaceOffice,
          roles: ['peace_office'],
        })
        .returning();
      shifanId = row?.id as string;
    },
  });
});
afterAll(() => t.close());

describe('the 居住地 town assists but does not list or decide', () => {
  let caseId: string;
  it('refuses intake by the town where the person only lives (400)', async () => {
    const response = await (await t.as('shifan')).post(
      '/api/cases',
      intakeBody('褚立新', { responsibleOrgUnitIds: [DEMO_UNITS.otherPeaceOffice] }),
    );
    expect(response.statusCode).toBe(400);
    expect(response.json().error.details[0].field).toBe('personId');
  });

  it('sees the case the 户籍地 town lists, but cannot put it on its own meeting', async () => {
    caseId = (await proposeIntake(t, '褚立新')).id;
    expect((await (await t.as('shifan')).get(`/api/cases/${caseId}`)).statusCode).toBe(200);
    const meeting = await (await t.as('shifan')).post('/api/meetings', {
      kind: 'assessment',
      heldAt: '2026-11-29T08:00:00+08:00',
      orgUnitId: DEMO_UNITS.otherTown,
      caseIds: [caseId],
    });
    expect(meeting.statusCode).toBe(400);
    expect(meeting.json().error.details[0].field).toBe('caseIds');
  });

  it('does not let people of another town sit in a town’s meeting', async () => {
    const response = await (await t.as('pingan')).post('/api/meetings', {
      kind: 'assessment',
      heldAt: '2026-11-29T08:00:00+08:00',
      orgUnitId: DEMO_UNITS.town,
      participantUserIds: [DEMO_USERS.pingan, shifanId],
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.details[0].field).toBe('participantUserIds');
    // The district's own people may sit in.
    const withDistrict = await (await t.as('pingan')).post('/api/meetings', {
      kind: 'assessment',
      heldAt: '2026-11-29T08:00:00+08:00',
      orgUnitId: DEMO_UNITS.town,
      participantUserIds: [DEMO_USERS.pingan, DEMO_USERS.quji],
    });
    expect(withDistrict.statusCode).toBe(201);
  });

  it('refuses responsible units of another town (400)', async () => {
    const response = await (await t.as('pingan')).post(
      '/api/cases',
      intakeBody('李桂芳', { responsibleOrgUnitIds: [DEMO_UNITS.peaceOffice, DEMO_UNITS.otherPeaceOffice] }),
    );
    expect(response.statusCode).toBe(400);
    expect(response.json().error.details[0].field).toBe('responsibleOrgUnitIds');
    const districtBody = await (await t.as('pingan')).post(
      '/api/cases',
      intakeBody('李桂芳', { responsibleOrgUnitIds: [DEMO_UNITS.peaceOffice, DEMO_UNITS.districtPolice] }),
    );
    expect(districtBody.statusCode).toBe(201);
  });
});

describe('what an attendee from one village sees of a meeting', () => {
  it('shows 演示二村’s cadre only the agenda cases of their own village', async () => {
    const zhao = (await proposeIntake(t, '赵志强')).id;
    const zhou = (
      await proposeIntake(t, '周文斌', { responsibleOrgUnitIds: [DEMO_UNITS.peaceOffice, DEMO_UNITS.village2] })
    ).id;
    const meeting = await assessmentMeeting(t, { caseIds: [zhao, zhou] });
    await decide(t, meeting.id, { caseId: zhao, outcome: 'list', level: 3 });
    const seen = (await (await t.as('cun2')).get(`/api/meetings/${meeting.id}`)).json();
    expect(seen.caseIds).toEqual([zhou]);
    expect(seen.decisions).toEqual([]);
    expect(
      (await (await t.as('cun2')).patch(`/api/meetings/${meeting.id}`, { minutes: 'x', version: seen.version }))
        .statusCode,
    ).toBe(403);
  });
});

describe('decisions keep the record straight', () => {
  it('lists at the proposed level when the meeting names none', async () => {
    const created = await proposeIntake(t, '王淑珍', {
      proposedLevel: 2,
      responsibleOrgUnitIds: [DEMO_UNITS.peaceOffice],
    });
    const meeting = await assessmentMeeting(t, { caseIds: [created.id] });
    expect((await decide(t, meeting.id, { caseId: created.id, outcome: 'list' })).json()).toMatchObject({ level: 2 });
  });

  it('refuses a level change without a level-change proposal ("谁呈报、谁负责")', async () => {
    const [row] = await t.db
      .select()
      .from(cases)
      .where(eq(cases.personId, DEMO_PERSON_IDS.王淑珍 as string));
    const meeting = await assessmentMeeting(t, { caseIds: [row?.id as string] });
    const response = await decide(t, meeting.id, { caseId: row?.id, outcome: 'change_level', level: 3 });
    expect(response.statusCode).toBe(409);
    expect(response.json().error.message).toContain('级别变更呈报');
  });

  it('refuses a meeting dated before the case’s last decision', async () => {
    const caseId = await listed(t, '冯建华', 3);
    await (await t.as('pingan')).post(`/api/cases/${caseId}/proposals`, {
      kind: 'level_change',
      proposedLevel: 2,
      basis: '补录早先的呈报。',
      proposedOn: '2026-11-01',
    });
    const earlier = await assessmentMeeting(t, { caseIds: [caseId], hoursAgo: 24 * 20 });
    const response = await decide(t, earlier.id, { caseId, outcome: 'change_level', level: 2 });
    expect(response.statusCode).toBe(409);
    expect(response.json().error.code).toBe('MEETING_BEFORE_LAST_DECISION');
  });

  it('settles a closed case’s other pending proposals with the closing decision', async () => {
    const [row] = await t.db
      .select()
      .from(cases)
      .where(eq(cases.personId, DEMO_PERSON_IDS.冯建华 as string));
    const caseId = row?.id as string;
    await (await t.as('pingan')).post(`/api/cases/${caseId}/proposals`, {
      kind: 'delist',
      reasonCode: 'death',
      basis: '已病故。',
    });
    const meeting = await assessmentMeeting(t, { caseIds: [caseId] });
    expect((await decide(t, meeting.id, { caseId, outcome: 'delist' })).statusCode).toBe(201);
    const open = await t.db.select().from(proposals).where(eq(proposals.caseId, caseId));
    expect(open.filter((p) => p.status === 'pending')).toEqual([]);
  });

  it('does not take a delisting to the district police as a listing report (409)', async () => {
    const [row] = await t.db
      .select()
      .from(cases)
      .where(eq(cases.personId, DEMO_PERSON_IDS.冯建华 as string));
    const [delist] = await t.db
      .select()
      .from(caseLevelHistory)
      .where(eq(caseLevelHistory.caseId, row?.id as string));
    const entries = await t.db
      .select()
      .from(caseLevelHistory)
      .where(eq(caseLevelHistory.caseId, row?.id as string));
    const delisting = entries.find((e) => e.kind === 'delist') ?? delist;
    const response = await (await t.as('paichusuo')).post(
      `/api/cases/${row?.id}/level-history/${delisting?.id}/report`,
      {
        reportedOn: '2026-11-29',
      },
    );
    expect(response.statusCode).toBe(409);
  });
});

describe('races', () => {
  it('files one pending proposal of a kind however many arrive at once', async () => {
    const caseId = await listed(t, '吴小红', 3);
    const village2 = await t.as('cun2');
    const results = await Promise.all(
      [1, 2, 3, 4, 5].map(() =>
        village2.post(`/api/cases/${caseId}/proposals`, {
          kind: 'level_change',
          proposedLevel: 2,
          basis: '同时呈报。',
        }),
      ),
    );
    expect(results.map((r) => r.statusCode).sort(), results.map((r) => r.body).join('\n')).toEqual([
      201, 409, 409, 409, 409,
    ]);
  });

  it('opens one transfer however many arrive at once', async () => {
    const [row] = await t.db
      .select()
      .from(cases)
      .where(eq(cases.personId, DEMO_PERSON_IDS.吴小红 as string));
    const pingan = await t.as('pingan');
    const results = await Promise.all(
      [1, 2, 3].map(() =>
        pingan.post(`/api/cases/${row?.id}/transfers`, { toTownId: DEMO_UNITS.otherTown, reason: '户籍迁出' }),
      ),
    );
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409, 409]);
  });
});
