import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/context.js';
import {
  assessmentMeeting,
  decide,
  FULL_QUORUM,
  intakeBody,
  listed,
  proposeIntake,
  recordNotice,
} from '../../../test/lifecycle.js';
import { auditEvents, cases, notifications, proposals } from '../../db/schema.js';
import { DEMO_PERSON_IDS, DEMO_UNITS, DEMO_USERS } from '../../seed/demo-town.js';

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t.close());

const caseRow = async (id: string) => (await t.db.select().from(cases).where(eq(cases.id, id)))[0];

describe('POST /api/meetings', () => {
  it.each([
    ['a time in the future', { heldAt: '2026-11-29T12:00:00+08:00' }, 'heldAt'],
    ['a village as its unit', { orgUnitId: DEMO_UNITS.village1 }, 'orgUnitId'],
    ['an unknown participant', { participantUserIds: ['b0000000-0000-4000-8000-999999999999'] }, 'participantUserIds'],
    ['an unknown kind', { kind: 'party' }, 'kind'],
    ['a time without offset', { heldAt: '2026-11-29T08:00:00' }, 'heldAt'],
  ])('refuses %s with 400 naming the field', async (_label, overrides, field) => {
    const response = await (await t.as('pingan')).post('/api/meetings', {
      kind: 'assessment',
      heldAt: '2026-11-29T08:00:00+08:00',
      orgUnitId: DEMO_UNITS.town,
      ...overrides,
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.details.map((d: { field: string }) => d.field.split('.')[0])).toContain(field);
  });

  it('is kept by the peace office, not by a village cadre (403)', async () => {
    const response = await (await t.as('cun1')).post('/api/meetings', {
      kind: 'assessment',
      heldAt: '2026-11-29T08:00:00+08:00',
      orgUnitId: DEMO_UNITS.town,
    });
    expect(response.statusCode).toBe(403);
  });

  it('may be recorded after the fact; its decisions take effect on the meeting’s date', async () => {
    const created = await proposeIntake(t, '赵志强', { proposedOn: '2026-11-20' });
    const meeting = await assessmentMeeting(t, { caseIds: [created.id], hoursAgo: 24 * 3 });
    expect(meeting.heldOn).toBe('2026-11-26');
    const response = await decide(t, meeting.id, { caseId: created.id, outcome: 'list', level: 3 });
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({ outcome: 'list', level: 3, effectiveOn: '2026-11-26' });
    const row = await caseRow(created.id);
    expect(row).toMatchObject({ status: 'listed', level: 3, listedOn: '2026-11-26', nextReviewOn: '2027-01-26' });
  });
});

describe('quorum of an assessment meeting', () => {
  it('refuses a decision naming who is missing, and writes nothing', async () => {
    const created = await proposeIntake(t, '钱秀兰');
    const meeting = await assessmentMeeting(t, {
      caseIds: [created.id],
      participants: [DEMO_USERS.pingan, DEMO_USERS.lingdao, DEMO_USERS.cun2] as string[],
    });
    expect(meeting.missingForQuorum).toEqual([{ caseId: created.id, missing: ['派出所', '演示一村'] }]);
    const response = await decide(t, meeting.id, { caseId: created.id, outcome: 'list', level: 3 });
    expect(response.statusCode).toBe(409);
    expect(response.json().error.message).toBe('研判会缺少：派出所、演示一村，不能作出决定');
    expect((await caseRow(created.id))?.status).toBe('proposed');
  });

  it('decides once the missing attend (attendance updated with the version)', async () => {
    const [row] = await t.db
      .select()
      .from(cases)
      .where(eq(cases.personId, DEMO_PERSON_IDS.钱秀兰 as string));
    const meeting = (await (await t.as('pingan')).get(`/api/meetings?caseId=${row?.id}`)).json().items[0];
    const stale = await (await t.as('pingan')).patch(`/api/meetings/${meeting.id}`, {
      participantUserIds: FULL_QUORUM,
      version: meeting.version + 5,
    });
    expect(stale.statusCode).toBe(409);
    const updated = await (await t.as('pingan')).patch(`/api/meetings/${meeting.id}`, {
      participantUserIds: FULL_QUORUM,
      minutes: '补录参会人员。',
      version: meeting.version,
    });
    expect(updated.statusCode).toBe(200);
    expect(updated.json().missingForQuorum).toEqual([{ caseId: row?.id, missing: [] }]);
    expect((await decide(t, meeting.id, { caseId: row?.id, outcome: 'reject' })).statusCode).toBe(201);
    expect(await caseRow(row?.id as string)).toMatchObject({ status: 'rejected', closedOn: meeting.heldOn });
    const [intake] = await t.db
      .select()
      .from(proposals)
      .where(eq(proposals.caseId, row?.id as string));
    expect(intake?.status).toBe('rejected');
    const removeSomeone = await (await t.as('pingan')).patch(`/api/meetings/${meeting.id}`, {
      participantUserIds: FULL_QUORUM.slice(1),
      version: updated.json().version,
    });
    expect(removeSomeone.statusCode).toBe(409);
  });

  it('refuses decisions in a meeting that is not an assessment meeting', async () => {
    const created = await proposeIntake(t, '王淑珍', { responsibleOrgUnitIds: [DEMO_UNITS.peaceOffice] });
    const joint = await (await t.as('pingan')).post('/api/meetings', {
      kind: 'joint',
      heldAt: '2026-11-29T08:00:00+08:00',
      orgUnitId: DEMO_UNITS.town,
      participantUserIds: FULL_QUORUM,
      caseIds: [created.id],
    });
    const response = await decide(t, joint.json().id, { caseId: created.id, outcome: 'list', level: 3 });
    expect(response.statusCode).toBe(409);
    expect(response.json().error.message).toContain('研判会');
  });
});

describe('decisions over a case’s life', () => {
  let caseId: string;
  beforeAll(async () => {
    caseId = await listed(t, '周文斌', 3);
  });

  it('listing wrote the level history and notified every responsible unit', async () => {
    const detail = (await (await t.as('pingan')).get(`/api/cases/${caseId}`)).json();
    expect(detail.levelHistory).toEqual([
      expect.objectContaining({
        kind: 'list',
        fromLevel: null,
        toLevel: 3,
        effectiveOn: '2026-11-29',
        reportedOn: null,
      }),
    ]);
    expect(detail.proposals[0]).toMatchObject({ kind: 'intake', status: 'accepted' });
    const notices = await t.db.select().from(notifications).where(eq(notifications.caseId, caseId));
    expect(notices.map((n) => n.orgUnitId).sort()).toEqual(
      [DEMO_UNITS.peaceOffice, DEMO_UNITS.policeStation, DEMO_UNITS.village1].sort(),
    );
    const inbox = (await (await t.as('paichusuo')).get('/api/notifications')).json();
    const notice = inbox.items.find((n: { caseId: string }) => n.caseId === caseId);
    expect(notice.title).toContain('周文斌');
    expect((await (await t.as('paichusuo')).post(`/api/notifications/${notice.id}/read`)).statusCode).toBe(204);
    expect((await (await t.as('cun2')).post(`/api/notifications/${notice.id}/read`)).statusCode).toBe(404);
  });

  it('refuses listing a case that is already listed (409, Chinese)', async () => {
    const meeting = await assessmentMeeting(t, { caseIds: [caseId] });
    const response = await decide(t, meeting.id, { caseId, outcome: 'list', level: 2 });
    expect(response.statusCode).toBe(409);
    expect(response.json().error.message).toMatch(/只有待研判的呈报可以列管/);
  });

  it('changes the level on a proposal, settling it', async () => {
    await (await t.as('cun2')).post(`/api/cases/${caseId}/proposals`, {
      kind: 'level_change',
      proposedLevel: 2,
      basis: '扬言报复。',
    });
    const meeting = await assessmentMeeting(t, { caseIds: [caseId] });
    const response = await decide(t, meeting.id, { caseId, outcome: 'change_level', level: 2 });
    expect(response.statusCode).toBe(201);
    const detail = (await (await t.as('pingan')).get(`/api/cases/${caseId}`)).json();
    expect(detail).toMatchObject({ level: 2, nextReviewOn: '2026-12-29' });
    expect(detail.levelHistory.at(-1)).toMatchObject({ kind: 'change_level', fromLevel: 3, toLevel: 2 });
    expect(detail.proposals.find((p: { kind: string }) => p.kind === 'level_change').status).toBe('accepted');
  });

  it('turns down a level-change proposal, leaving the case as it is', async () => {
    const proposed = await (await t.as('cun2')).post(`/api/cases/${caseId}/proposals`, {
      kind: 'level_change',
      proposedLevel: 1,
      basis: '再次扬言报复。',
    });
    const meeting = await assessmentMeeting(t, { caseIds: [caseId] });
    const response = await decide(t, meeting.id, { caseId, outcome: 'reject', proposalId: proposed.json().id });
    expect(response.statusCode).toBe(201);
    const detail = (await (await t.as('pingan')).get(`/api/cases/${caseId}`)).json();
    expect(detail).toMatchObject({ status: 'listed', level: 2 });
    expect(detail.proposals.find((p: { id: string }) => p.id === proposed.json().id).status).toBe('rejected');
    const nothingPending = await decide(t, meeting.id, { caseId, outcome: 'reject' });
    expect(nothingPending.statusCode).toBe(409);
  });

  it('renews at review, moving the next review date', async () => {
    const meeting = await assessmentMeeting(t, { caseIds: [caseId], hoursAgo: 2 });
    expect((await decide(t, meeting.id, { caseId, outcome: 'renew' })).statusCode).toBe(201);
    expect((await caseRow(caseId))?.nextReviewOn).toBe('2026-12-29');
  });

  it('delists only on a delisting proposal, closing the case; the person can be proposed again', async () => {
    const meeting = await assessmentMeeting(t, { caseIds: [caseId] });
    const without = await decide(t, meeting.id, { caseId, outcome: 'delist' });
    expect(without.statusCode).toBe(409);
    await (await t.as('pingan')).post(`/api/cases/${caseId}/proposals`, {
      kind: 'delist',
      reasonCode: 'dispute_resolved',
      basis: '债务纠纷经调解已化解。',
    });
    // PIPL Art. 35 (SECURITY.md PI-3): not closed while the notice to the person is unrecorded.
    const noticePending = await decide(t, meeting.id, { caseId, outcome: 'delist' });
    expect(noticePending.statusCode).toBe(409);
    expect(noticePending.json().error.code).toBe('NOTICE_PENDING');
    expect(await caseRow(caseId)).toMatchObject({ status: 'listed' });
    await recordNotice(t, caseId);
    const response = await decide(t, meeting.id, { caseId, outcome: 'delist' });
    expect(response.statusCode).toBe(201);
    expect(await caseRow(caseId)).toMatchObject({
      status: 'delisted',
      level: null,
      closedOn: '2026-11-29',
      delistReasonCode: 'dispute_resolved',
      nextReviewOn: null,
    });
    const again = await (await t.as('pingan')).post(
      '/api/cases',
      intakeBody('周文斌', { responsibleOrgUnitIds: [DEMO_UNITS.peaceOffice] }),
    );
    expect(again.statusCode).toBe(201);
    const person = (await (await t.as('pingan')).get(`/api/persons/${DEMO_PERSON_IDS.周文斌}`)).json();
    expect(person.cases.map((c: { status: string }) => c.status).sort()).toEqual(['delisted', 'proposed']);
  });

  it('audits each decision with the before and after state', async () => {
    const events = await t.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.entityId, caseId))
      .orderBy(auditEvents.seq);
    const decided = events.filter((e) => e.action === 'decision.create');
    expect(decided.length).toBeGreaterThanOrEqual(4);
    expect(decided.at(-1)?.diff).toMatchObject({ before: { status: 'listed' }, after: { status: 'delisted' } });
  });
});

describe('emergency listing confirmed by a meeting', () => {
  it('confirms within 7 days, adjusting the level', async () => {
    const emergency = await (await t.as('paichusuo')).post(
      '/api/cases',
      intakeBody('吴小红', {
        source: 'emergency',
        proposedLevel: 1,
        responsibleOrgUnitIds: [DEMO_UNITS.policeStation],
      }),
    );
    const id = emergency.json().id;
    const meeting = await assessmentMeeting(t, { caseIds: [id] });
    const agenda = (await (await t.as('pingan')).get(`/api/meetings/agenda?orgUnitId=${DEMO_UNITS.town}`)).json();
    expect(agenda.awaitingConfirmation.map((c: { id: string }) => c.id)).toContain(id);
    const changeFirst = await decide(t, meeting.id, { caseId: id, outcome: 'change_level', level: 2 });
    expect(changeFirst.statusCode).toBe(409);
    expect((await decide(t, meeting.id, { caseId: id, outcome: 'confirm', level: 2 })).statusCode).toBe(201);
    expect(await caseRow(id)).toMatchObject({
      status: 'listed',
      level: 2,
      awaitingConfirmation: false,
      confirmationDueOn: null,
    });
  });
});

describe('a delisting decided with its reason in the decision itself', () => {
  it('closes the case with the reason code when no delisting proposal was filed', async () => {
    const caseId = await listed(t, '褚立新', 3);
    const meeting = await assessmentMeeting(t, { caseIds: [caseId] });
    let response = await decide(t, meeting.id, {
      caseId,
      outcome: 'delist',
      reasonCode: 'moved_out',
      reason: '已迁往外省。',
    });
    expect(response.statusCode).toBe(409);
    await recordNotice(t, caseId);
    response = await decide(t, meeting.id, {
      caseId,
      outcome: 'delist',
      reasonCode: 'moved_out',
      reason: '已迁往外省。',
    });
    expect(response.statusCode).toBe(201);
    expect(await caseRow(caseId)).toMatchObject({ status: 'delisted', delistReasonCode: 'moved_out' });
    const detail = (await (await t.as('pingan')).get(`/api/cases/${caseId}`)).json();
    expect(detail.levelHistory.at(-1).reason).toBe('人户迁移镇外：已迁往外省。');
  });
});

describe('two decisions racing on one case', () => {
  it('lets one win; the other answers 409', async () => {
    const created = await proposeIntake(t, '冯建华', { responsibleOrgUnitIds: [DEMO_UNITS.peaceOffice] });
    const meeting = await assessmentMeeting(t, { caseIds: [created.id] });
    const results = await Promise.all([
      decide(t, meeting.id, { caseId: created.id, outcome: 'list', level: 3 }),
      decide(t, meeting.id, { caseId: created.id, outcome: 'reject' }),
      decide(t, meeting.id, { caseId: created.id, outcome: 'list', level: 2 }, 'lingdao'),
    ]);
    expect(results.map((r) => r.statusCode).sort(), results.map((r) => r.body).join('\n')).toEqual([201, 409, 409]);
    const detail = (await (await t.as('pingan')).get(`/api/cases/${created.id}`)).json();
    expect(detail.decisions).toHaveLength(1);
  });
});

describe('jurisdiction of meetings', () => {
  it('hides a meeting from a village cadre who did not attend, and shows it to one who did', async () => {
    const meeting = await assessmentMeeting(t, { participants: [DEMO_USERS.pingan, DEMO_USERS.cun1] as string[] });
    expect((await (await t.as('cun2')).get(`/api/meetings/${meeting.id}`)).statusCode).toBe(404);
    expect((await (await t.as('cun1')).get(`/api/meetings/${meeting.id}`)).statusCode).toBe(200);
    expect(
      (
        await (
          await t.as('cun2')
        ).post(`/api/meetings/${meeting.id}/decisions`, {
          caseId: DEMO_PERSON_IDS.赵志强,
          outcome: 'renew',
          reason: 'x',
        })
      ).statusCode,
    ).toBe(403);
  });

  it('answers 404 for an agenda of a town outside the jurisdiction', async () => {
    expect(
      (await (await t.as('pingan')).get(`/api/meetings/agenda?orgUnitId=${DEMO_UNITS.otherTown}`)).statusCode,
    ).toBe(404);
    expect((await (await t.as('quji')).get(`/api/meetings/agenda?orgUnitId=${DEMO_UNITS.otherTown}`)).statusCode).toBe(
      200,
    );
  });

  it('lists pending proposals and cases due for review on the agenda', async () => {
    const caseId = await listed(t, '陈玉梅', 1);
    const agenda = (await (await t.as('pingan')).get(`/api/meetings/agenda?orgUnitId=${DEMO_UNITS.town}`)).json();
    // Level 1 is reviewed after 7 days: within the agenda's week.
    expect(agenda.dueForReview.map((c: { id: string }) => c.id)).toContain(caseId);
    expect(Array.isArray(agenda.pool)).toBe(true);
  });
});
