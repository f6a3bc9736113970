// 异议 (objections): recorded, listed, answered, refused, audited, and on the agenda.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestContext } from '../../../test/context.js';
import { decide, proposeIntake } from '../../../test/lifecycle.js';
import { meetingAt, person, rowCount, SHIFAN, uid } from '../../../test/work.js';
import { objections } from '../../db/schema.js';
import { DEMO_UNITS } from '../../seed/demo-town.js';
import { noticeContext, noticeKit } from './notice.test-kit.js';

let t: TestContext;
/** 赵志强, listed 2026-11-10 by an assessment meeting of 演示镇. */
let caseId: string;
/** 褚立新: registered in 演示一村, lives in 示范村 (示范镇 assists). */
let assistedCaseId: string;
/** 郑国平: registered in 演示二村, lives in 演示一村. */
let residentCaseId: string;
/** 卫红英, of 示范镇: outside 演示镇's jurisdiction. */
let foreignCaseId: string;

beforeAll(async () => {
  ({ t, caseId, assistedCaseId, residentCaseId, foreignCaseId } = await noticeContext());
});
afterAll(() => t.close());

const { auditOf, auditTotal, agenda } = noticeKit(() => t);

describe('异议: POST /api/cases/:id/objections', () => {
  let objectionCount: number;

  it('records an objection received by the village cadre (201), audited, on the case and the agenda', async () => {
    const response = await (await t.as('cun1')).post(`/api/cases/${caseId}/objections`, {
      raisedOn: '2026-11-21',
      content: '本人认为自己生活已恢复正常，不应被列管。',
    });
    expect(response.statusCode).toBe(201);
    const created = response.json();
    expect(created).toEqual({
      id: expect.any(String),
      caseId,
      raisedOn: '2026-11-21',
      content: '本人认为自己生活已恢复正常，不应被列管。',
      status: 'open',
      answer: null,
      answeredOn: null,
      answeredBy: null,
      answeredByName: null,
      recordedBy: uid('cun1'),
      recordedByName: '演示一村 陈村',
      createdAt: expect.stringMatching(/\+08:00$/),
      version: 1,
      abilities: { answer: false },
    });
    const [event] = await auditOf(caseId, 'objection.create');
    expect(event?.diff).toEqual({ after: { objectionId: created.id, raisedOn: '2026-11-21', status: 'open' } });
    const detail = (await (await t.as('pingan')).get(`/api/cases/${caseId}`)).json();
    expect(detail.objections).toHaveLength(1);
    expect(detail.objections[0]).toMatchObject({ id: created.id, abilities: { answer: true } });
    const onAgenda = (await agenda()).objections.find((o: { id: string }) => o.id === created.id);
    expect(onAgenda).toMatchObject({ personId: person('赵志强'), personName: '赵志强', status: 'open' });
    objectionCount = await rowCount(t, objections);
  });

  it('lets the 居住地 town’s 平安办 record what the person told it', async () => {
    const response = await (await t.as(SHIFAN)).post(`/api/cases/${assistedCaseId}/objections`, {
      raisedOn: '2026-11-22',
      content: '本人对列管有异议。',
    });
    expect(response.statusCode).toBe(201);
    expect(response.json().abilities.answer).toBe(false);
    objectionCount += 1;
  });

  it.each([
    ['an empty content', { raisedOn: '2026-11-21', content: '  ' }, 'content', '异议内容(content)'],
    ['an overlong content', { raisedOn: '2026-11-21', content: '异'.repeat(2001) }, 'content', '异议内容(content)'],
    ['no date', { content: '有异议' }, 'raisedOn', '提出日期(raisedOn)'],
    ['a date in the future', { raisedOn: '2026-11-30', content: '有异议' }, 'raisedOn', '不能晚于今天'],
    ['a date before the proposal', { raisedOn: '2026-11-09', content: '有异议' }, 'raisedOn', '不能早于案件呈报日期'],
    ['an unknown field', { raisedOn: '2026-11-21', content: '有异议', status: 'answered' }, 'status', 'status'],
  ])('refuses %s with 400 naming the field, writing nothing', async (_label, body, field, words) => {
    const audit0 = await auditTotal();
    const response = await (await t.as('pingan')).post(`/api/cases/${caseId}/objections`, body);
    expect(response.statusCode).toBe(400);
    const { error } = response.json();
    expect(error.message).toContain(words);
    expect(error.details.map((d: { field: string }) => d.field)).toContain(field);
    expect(await rowCount(t, objections)).toBe(objectionCount);
    expect(await auditTotal()).toBe(audit0);
  });

  it('answers 403 to roles that receive no objections and to a village of residence only, 404 outside', async () => {
    const body = { raisedOn: '2026-11-21', content: '有异议' };
    for (const user of ['lingdao', 'quji', 'ducha']) {
      expect((await (await t.as(user)).post(`/api/cases/${caseId}/objections`, body)).statusCode).toBe(403);
    }
    // 郑国平 lives in 演示一村 but is registered in 演示二村: 演示一村 sees the case, 演示二村 works it.
    const resident = await (await t.as('cun1')).post(`/api/cases/${residentCaseId}/objections`, body);
    expect(resident.statusCode).toBe(403);
    expect((await (await t.as('cun2')).post(`/api/cases/${caseId}/objections`, body)).statusCode).toBe(404);
    expect((await (await t.as('pingan')).post(`/api/cases/${foreignCaseId}/objections`, body)).statusCode).toBe(404);
    expect(await rowCount(t, objections)).toBe(objectionCount);
  });

  it('answers 409 on a case the meeting rejected', async () => {
    const proposed = await proposeIntake(t, '孙德明', { proposedOn: '2026-11-20' });
    const meeting = await meetingAt(t, 'assessment', '2026-11-21T10:00:00+08:00', [proposed.id]);
    expect((await decide(t, meeting.id, { caseId: proposed.id, outcome: 'reject' })).statusCode).toBe(201);
    const response = await (await t.as('pingan')).post(`/api/cases/${proposed.id}/objections`, {
      raisedOn: '2026-11-22',
      content: '有异议',
    });
    expect(response.statusCode).toBe(409);
    expect(response.json().error.code).toBe('WRONG_STATE');
    expect(await rowCount(t, objections)).toBe(objectionCount);
  });
});

describe('GET /api/cases/:id/objections', () => {
  it('lists a case’s objections to its readers, audited; 404 outside', async () => {
    const response = await (await t.as('weisheng')).get(`/api/cases/${caseId}/objections`);
    expect(response.statusCode).toBe(200);
    expect(response.json().total).toBe(1);
    expect(response.json().items[0].content).toContain('不应被列管');
    const reads = await auditOf(caseId, 'objection.list');
    expect(reads.at(-1)).toMatchObject({ actorUsername: 'weisheng', outcome: 'success' });
    expect((await (await t.as('cun2')).get(`/api/cases/${caseId}/objections`)).statusCode).toBe(404);
    const denied = await auditOf(caseId, 'objection.list');
    expect(denied.at(-1)).toMatchObject({ actorUsername: 'cun2', outcome: 'not_found' });
  });
});

describe('PATCH /api/objections/:id (答复)', () => {
  async function record(caseIdToUse: string, raisedOn: string, as = 'pingan') {
    const response = await (await t.as(as)).post(`/api/cases/${caseIdToUse}/objections`, {
      raisedOn,
      content: '对列管决定有异议。',
    });
    expect(response.statusCode).toBe(201);
    return response.json();
  }
  const objectionRow = async (id: string) => (await t.db.select().from(objections).where(eq(objections.id, id)))[0];

  it('records 平安办’s answer (200), audited; the answer is final (409)', async () => {
    const open = await record(residentCaseId, '2026-11-23');
    const response = await (await t.as('pingan')).patch(`/api/objections/${open.id}`, {
      answer: '经复核，列管依据充分，已向本人说明。',
      answeredOn: '2026-11-24',
      version: 1,
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      status: 'answered',
      answer: '经复核，列管依据充分，已向本人说明。',
      answeredOn: '2026-11-24',
      answeredBy: uid('pingan'),
      answeredByName: '平安办 周安',
      version: 2,
      abilities: { answer: false },
    });
    const [event] = await auditOf(residentCaseId, 'objection.answer');
    expect(event?.diff).toEqual({
      before: { objectionId: open.id, status: 'open' },
      after: { objectionId: open.id, status: 'answered', answeredOn: '2026-11-24' },
    });
    const again = await (await t.as('pingan')).patch(`/api/objections/${open.id}`, {
      answer: '改答复',
      answeredOn: '2026-11-25',
      version: 2,
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('ALREADY_ANSWERED');
    expect((await objectionRow(open.id))?.answer).toBe('经复核，列管依据充分，已向本人说明。');
  });

  it('answers 409 for a stale version and 400 for bad dates, writing nothing', async () => {
    const open = await record(residentCaseId, '2026-11-23');
    const before = await objectionRow(open.id);
    const audit0 = await auditTotal();
    const pingan = await t.as('pingan');
    const stale = await pingan.patch(`/api/objections/${open.id}`, {
      answer: '答复',
      answeredOn: '2026-11-24',
      version: 2,
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('STALE_VERSION');
    for (const [answeredOn, message] of [
      ['2026-11-22', '答复日期(answeredOn)：不能早于异议提出日期（2026-11-23）'],
      ['2026-11-30', '答复日期(answeredOn)：不能晚于今天（2026-11-29）'],
    ] as const) {
      const bad = await pingan.patch(`/api/objections/${open.id}`, { answer: '答复', answeredOn, version: 1 });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error).toMatchObject({ message, details: [{ field: 'answeredOn', message }] });
    }
    const empty = await pingan.patch(`/api/objections/${open.id}`, {
      answer: '',
      answeredOn: '2026-11-24',
      version: 1,
    });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.details[0].field).toBe('answer');
    expect(await objectionRow(open.id)).toEqual(before);
    expect(await auditTotal()).toBe(audit0);
  });

  it('answers 403 to other roles and the assisting town, 404 outside the jurisdiction', async () => {
    const assisted = await record(assistedCaseId, '2026-11-23');
    const foreign = await record(foreignCaseId, '2026-11-23', SHIFAN);
    const body = { answer: '答复', answeredOn: '2026-11-24', version: 1 };
    expect((await (await t.as('cun1')).patch(`/api/objections/${assisted.id}`, body)).statusCode).toBe(403);
    expect((await (await t.as('ducha')).patch(`/api/objections/${assisted.id}`, body)).statusCode).toBe(403);
    expect((await (await t.as(SHIFAN)).patch(`/api/objections/${assisted.id}`, body)).statusCode).toBe(403);
    expect((await (await t.as('pingan')).patch(`/api/objections/${foreign.id}`, body)).statusCode).toBe(404);
    expect(
      (await (await t.as('pingan')).patch('/api/objections/00000000-0000-4000-8000-000000000000', body)).statusCode,
    ).toBe(404);
    expect((await objectionRow(assisted.id))?.status).toBe('open');
    expect((await objectionRow(foreign.id))?.status).toBe('open');
  });
});

describe('the agenda: objections open or answered since the town’s last meeting', () => {
  it('keeps open ones and those answered since the last assessment meeting before today', async () => {
    const pingan = await t.as('pingan');
    const recordAndAnswer = async (answeredOn: string) => {
      const created = await pingan.post(`/api/cases/${caseId}/objections`, {
        raisedOn: '2026-11-15',
        content: `异议（${answeredOn}答复）`,
      });
      const answered = await pingan.patch(`/api/objections/${created.json().id}`, {
        answer: '已答复',
        answeredOn,
        version: 1,
      });
      expect(answered.statusCode).toBe(200);
      return created.json().id as string;
    };
    const early = await recordAndAnswer('2026-11-24');
    const late = await recordAndAnswer('2026-11-26');
    const sameDay = await recordAndAnswer('2026-11-25');
    await meetingAt(t, 'assessment', '2026-11-25T15:00:00+08:00', []);
    // A meeting of another kind, and one held today, do not move the line.
    await meetingAt(t, 'joint', '2026-11-27T15:00:00+08:00', []);
    await meetingAt(t, 'assessment', '2026-11-29T08:00:00+08:00', []);
    const items = (await agenda()).objections as { id: string; status: string }[];
    const ids = items.map((o) => o.id);
    expect(ids).toContain(late);
    expect(ids).toContain(sameDay);
    expect(ids).not.toContain(early);
    expect(items.filter((o) => o.status === 'open').length).toBeGreaterThan(0);
    // The village sees its own cases' objections only; 示范镇's stay with 示范镇.
    const village = (await (await t.as('cun2')).get(`/api/meetings/agenda?orgUnitId=${DEMO_UNITS.village2}`)).json();
    const names = new Set(village.objections.map((o: { personName: string }) => o.personName));
    expect([...names]).toEqual(['郑国平']);
    const foreign = (await (await t.as(SHIFAN)).get(`/api/meetings/agenda?orgUnitId=${DEMO_UNITS.otherTown}`)).json();
    // 褚立新 has two: one 示范镇 received, one 演示镇 recorded.
    expect(foreign.objections.map((o: { personName: string }) => o.personName).sort()).toEqual([
      '卫红英',
      '褚立新',
      '褚立新',
    ]);
    // Only the responsible town records the notice: 褚立新's stays on 演示镇's agenda.
    expect(foreign.noticePending.map((c: { personName: string }) => c.personName)).toEqual(['卫红英']);
  });
});
