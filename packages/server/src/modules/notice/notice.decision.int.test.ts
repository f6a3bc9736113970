import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestContext } from '../../../test/context.js';
import { proposeIntake } from '../../../test/lifecycle.js';
import { SHIFAN, uid } from '../../../test/work.js';
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

const { caseRow, auditOf, auditTotal, putNotice, agenda } = noticeKit(() => t);

describe('告知: a listing leaves the notice pending', () => {
  it('shows a case listed by a meeting as pending, decidable by 平安办, and on the agenda', async () => {
    const detail = (await (await t.as('pingan')).get(`/api/cases/${caseId}`)).json();
    expect(detail.status).toBe('listed');
    expect(detail.notice).toEqual({
      status: 'pending',
      exception: null,
      on: null,
      note: null,
      decidedBy: null,
      decidedByName: null,
      version: detail.version,
      abilities: { decide: true, recordObjection: true },
    });
    expect(detail.objections).toEqual([]);
    const pending = (await agenda()).noticePending.map((c: { id: string }) => c.id);
    expect(pending).toEqual(expect.arrayContaining([caseId, assistedCaseId, residentCaseId]));
  });

  it('offers the decision to nobody but the responsible town’s 平安办', async () => {
    const police = (await (await t.as('paichusuo')).get(`/api/cases/${caseId}`)).json();
    expect(police.notice.abilities).toEqual({ decide: false, recordObjection: true });
    const shifan = (await (await t.as(SHIFAN)).get(`/api/cases/${assistedCaseId}`)).json();
    expect(shifan.notice.abilities).toEqual({ decide: false, recordObjection: true });
  });
});

describe('PUT /api/cases/:id/notice', () => {
  it('records that the person was informed (200), the caller as who decided, audited; off the agenda', async () => {
    const before = await caseRow(caseId);
    const response = await putNotice(caseId, { status: 'informed', on: '2026-11-12', note: '村委会当面告知本人' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      status: 'informed',
      exception: null,
      on: '2026-11-12',
      note: '村委会当面告知本人',
      decidedBy: uid('pingan'),
      decidedByName: '平安办 周安',
      version: (before?.version ?? 0) + 1,
      abilities: { decide: true, recordObjection: true },
    });
    expect(await caseRow(caseId)).toMatchObject({
      noticeStatus: 'informed',
      noticeOn: '2026-11-12',
      noticeDecidedBy: uid('pingan'),
      version: (before?.version ?? 0) + 1,
    });
    const [event] = await auditOf(caseId, 'case.notice');
    expect(event?.diff).toMatchObject({
      before: { status: 'pending', on: null },
      after: { status: 'informed', on: '2026-11-12', decidedBy: uid('pingan') },
    });
    const detail = (await (await t.as('cun1')).get(`/api/cases/${caseId}`)).json();
    expect(detail.notice).toMatchObject({ status: 'informed', decidedByName: '平安办 周安' });
    expect((await agenda()).noticePending.map((c: { id: string }) => c.id)).not.toContain(caseId);
  });

  it('allows a later change to an exception, audited with before and after', async () => {
    const response = await putNotice(caseId, {
      status: 'exception',
      exception: 'impede_duty',
      on: '2026-11-20',
      note: '正在调查中，告知将妨碍履职',
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ status: 'exception', exception: 'impede_duty', on: '2026-11-20' });
    const events = await auditOf(caseId, 'case.notice');
    expect(events).toHaveLength(2);
    expect(events.at(-1)?.diff).toMatchObject({
      before: { status: 'informed', exception: null, on: '2026-11-12' },
      after: { status: 'exception', exception: 'impede_duty', on: '2026-11-20' },
    });
  });

  it('answers 409 for a stale version, changing nothing', async () => {
    const row = await caseRow(caseId);
    const audit0 = await auditTotal();
    const response = await (await t.as('pingan')).put(`/api/cases/${caseId}/notice`, {
      status: 'informed',
      on: '2026-11-21',
      version: (row?.version ?? 1) - 1,
    });
    expect(response.statusCode).toBe(409);
    expect(response.json().error.code).toBe('STALE_VERSION');
    expect(await caseRow(caseId)).toEqual(row);
    expect(await auditTotal()).toBe(audit0);
  });

  it.each([
    ['an exception without its kind', { status: 'exception', on: '2026-11-20' }, 'exception', '例外情形(exception)'],
    [
      'a kind of exception when informed',
      { status: 'informed', exception: 'statutory_confidentiality', on: '2026-11-20' },
      'exception',
      '例外情形(exception)',
    ],
    ['an unknown exception', { status: 'exception', exception: 'other', on: '2026-11-20' }, 'exception', '例外情形'],
    ['a date in the future', { status: 'informed', on: '2026-11-30' }, 'on', '告知日期(on)：不能晚于今天'],
    ['a date before the listing', { status: 'informed', on: '2026-11-09' }, 'on', '告知日期(on)：不能早于列管日期'],
    ['a malformed date', { status: 'informed', on: '20261120' }, 'on', '告知日期(on)'],
    ['status pending', { status: 'pending', on: '2026-11-20' }, 'status', '告知状态(status)'],
    ['an overlong note', { status: 'informed', on: '2026-11-20', note: '告'.repeat(1001) }, 'note', '说明(note)'],
    ['an unknown field', { status: 'informed', on: '2026-11-20', decidedBy: uid('cun1') }, 'decidedBy', 'decidedBy'],
  ])('refuses %s with 400 naming the field, writing nothing', async (_label, body, field, words) => {
    const row = await caseRow(residentCaseId);
    const audit0 = await auditTotal();
    const response = await putNotice(residentCaseId, body);
    expect(response.statusCode).toBe(400);
    const { error } = response.json();
    expect(error.message).toContain(words);
    expect(error.details.map((d: { field: string }) => d.field)).toContain(field);
    expect(await caseRow(residentCaseId)).toEqual(row);
    expect(await auditTotal()).toBe(audit0);
  });

  it('answers 403 to other roles and to the assisting town’s 平安办, 404 outside the jurisdiction', async () => {
    const body = { status: 'informed', on: '2026-11-20' };
    for (const user of ['paichusuo', 'cun1', 'lingdao', 'ducha']) {
      expect((await putNotice(caseId, body, user)).statusCode).toBe(403);
    }
    const assisting = await putNotice(assistedCaseId, body, SHIFAN);
    expect(assisting.statusCode).toBe(403);
    expect(assisting.json().error.message).toContain('责任镇');
    expect((await putNotice(caseId, body, SHIFAN)).statusCode).toBe(404);
    expect((await putNotice(foreignCaseId, body)).statusCode).toBe(404);
    expect((await caseRow(assistedCaseId))?.noticeStatus).toBe('pending');
    expect((await caseRow(foreignCaseId))?.noticeStatus).toBe('pending');
  });

  it('answers 409 on a case that is only proposed, writing nothing', async () => {
    const proposed = await proposeIntake(t, '钱秀兰', { proposedOn: '2026-11-20' });
    const response = await putNotice(proposed.id, { status: 'informed', on: '2026-11-25' });
    expect(response.statusCode).toBe(409);
    expect(response.json().error.code).toBe('WRONG_STATE');
    expect((await caseRow(proposed.id))?.noticeStatus).toBe('pending');
    const detail = (await (await t.as('pingan')).get(`/api/cases/${proposed.id}`)).json();
    expect(detail.notice.abilities.decide).toBe(false);
  });
});
