// 矛盾纠纷与诉求 through the API: given to the unit with authority (事权单位) with a deadline; the
// unit or 平安办 works it; only 平安办 moves the deadline; 平安办's supervision list shows those past it.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/context.js';
import { listed } from '../../../test/lifecycle.js';
import { addShifan } from '../../../test/work.js';
import { cases, grievances } from '../../db/schema.js';
import { auditActions, helpCounts, helpFixture, noticesOf, U } from './help.test-kit.js';

let t: TestContext;
let caseId: string;
let foreignCaseId: string;
beforeAll(async () => {
  t = await createTestContext({ prepare: addShifan });
  ({ caseId, foreignCaseId } = await helpFixture(t));
});
afterAll(() => t.close());

const debt = {
  type: 'debt',
  description: '养殖场欠付饲料款纠纷，债权人多次上门催讨，双方争执激烈。',
  responsibleOrgUnitId: U.judicialOffice,
};
const post = async (as: string, body: Record<string, unknown>, id = caseId) =>
  (await t.as(as)).post(`/api/cases/${id}/grievances`, body);
const patch = async (as: string, id: string, body: Record<string, unknown>) =>
  (await t.as(as)).patch(`/api/grievances/${id}`, body);
type Item = { id: string; type: string; status: string; overdue: boolean; overdueDays: number; dueOn: string };
const queue = async (as: string, query = '') => {
  const response = await (await t.as(as)).get(`/api/grievances?pageSize=100&${query}`);
  expect(response.statusCode).toBe(200);
  return response.json() as { items: Item[]; total: number };
};
const row = async (id: string) => (await t.db.select().from(grievances).where(eq(grievances.id, id)))[0];

describe('POST /api/cases/:id/grievances', () => {
  let debtId: string;
  let neighbourId: string;

  it('gives a debt dispute to 司法所 with the default deadline of 30 days (Beijing), notified and audited', async () => {
    const response = await post('cun1', debt);
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({
      caseId,
      personName: '赵志强',
      type: 'debt',
      status: 'open',
      resolution: null,
      responsibleOrgUnitName: '演示镇司法所',
      dueOn: '2026-12-29',
      resolvedOn: null,
      overdue: false,
      version: 1,
    });
    debtId = response.json().id;
    expect(await auditActions(t, caseId, 'grievance.create')).toHaveLength(1);
    const notices = await noticesOf(t, 'sifasuo', 'grievance.assigned');
    expect(notices.map((n) => n.title)).toEqual(['矛盾诉求交办：赵志强（债务纠纷）']);
    expect(notices[0]?.body).toContain('化解期限：2026-12-29');
  });

  it('takes a deadline from a paper record that has already passed: it is overdue at once', async () => {
    const response = await post('pingan', {
      type: 'neighbour',
      description: '与邻居因排水沟占地发生争执，村调委会调解未果。',
      responsibleOrgUnitId: U.village1,
      dueOn: '2026-11-20',
    });
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({ dueOn: '2026-11-20', overdue: true, overdueDays: 9 });
    neighbourId = response.json().id;
  });

  it.each([
    ['an unknown type', { ...debt, type: 'land' }, 'type'],
    ['no description', { ...debt, description: '' }, 'description'],
    ['a unit of another town', { ...debt, responsibleOrgUnitId: U.otherVillage }, 'responsibleOrgUnitId'],
    ['the district itself', { ...debt, responsibleOrgUnitId: U.district }, 'responsibleOrgUnitId'],
    ['a deadline before the listing', { ...debt, dueOn: '2026-10-01' }, 'dueOn'],
    ['a resolution (written when it closes)', { ...debt, resolution: '已化解' }, 'resolution'],
  ])('refuses %s with 400 naming the field, writing nothing', async (_label, body, field) => {
    const before = await helpCounts(t);
    const response = await post('pingan', body);
    expect(response.statusCode).toBe(400);
    expect(response.json().error.details.map((d: { field: string }) => d.field)).toContain(field);
    expect(await helpCounts(t)).toEqual(before);
  });

  it('names the 事权单位 in its message', async () => {
    const response = await post('pingan', { ...debt, responsibleOrgUnitId: U.otherPeaceOffice });
    expect(response.json().error.message).toBe(
      '事权单位(responsibleOrgUnitId)：须为演示镇的部门、本人所在村（社区）或区级部门',
    );
  });

  it('answers 404 outside the jurisdiction, 403 to readers, 409 for a case no longer listed', async () => {
    const before = await helpCounts(t);
    expect((await post('pingan', debt, foreignCaseId)).statusCode).toBe(404);
    expect((await post('quji', debt)).statusCode).toBe(403);
    expect((await post('lingdao', debt)).statusCode).toBe(403);
    // 孙德明: listed, then delisted (written directly: the decision path is the meetings' tests').
    const closed = await listed(t, '孙德明', 3);
    await t.db.update(cases).set({ status: 'delisted' }).where(eq(cases.id, closed));
    const afterListing = await helpCounts(t);
    const refused = await post('pingan', debt, closed);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.message).toBe('只有列管中的案件可以登记矛盾诉求');
    expect(await helpCounts(t)).toEqual(afterListing);
    expect(afterListing.grievances).toBe(before.grievances);
  });

  describe('GET /api/grievances (queues and 超期督办)', () => {
    it('opens on 司法所’s own items; 平安办 sees the town, and its supervision list holds the overdue one', async () => {
      expect((await queue('sifasuo')).items.map((i) => i.id)).toEqual([debtId]);
      // Nearest deadline first.
      expect((await queue('pingan')).items.map((i) => i.id)).toEqual([neighbourId, debtId]);
      const overdue = await queue('pingan', 'overdue=true');
      expect(overdue.items.map((i) => [i.id, i.overdueDays])).toEqual([[neighbourId, 9]]);
      expect((await queue('pingan', 'overdue=false')).items.map((i) => i.id)).toEqual([debtId]);
      expect((await queue('cun1', 'scope=unit')).items.map((i) => i.id)).toEqual([neighbourId]);
      expect((await queue('pingan', 'type=neighbour')).total).toBe(1);
      expect((await queue('pingan', `orgUnitId=${U.judicialOffice}`)).items.map((i) => i.id)).toEqual([debtId]);
      expect((await queue('shifan')).total).toBe(0);
      expect((await queue('cun2')).total).toBe(0);
    });

    it('lists a case’s grievances (audited) and reads one (audited), 404 outside', async () => {
      const reads = (await auditActions(t, caseId, 'grievance.read')).length;
      const list = (await (await t.as('sifasuo')).get(`/api/cases/${caseId}/grievances`)).json();
      expect(list.total).toBe(2);
      expect(list.abilities).toEqual({ create: true });
      const one = await (await t.as('sifasuo')).get(`/api/grievances/${debtId}`);
      expect(one.json()).toMatchObject({ id: debtId, abilities: { update: true, reassign: false, reschedule: false } });
      expect((await auditActions(t, caseId, 'grievance.read')).length).toBe(reads + 2);
      expect((await (await t.as('shifan')).get(`/api/grievances/${debtId}`)).statusCode).toBe(404);
      expect((await (await t.as('shifan')).get(`/api/cases/${caseId}/grievances`)).statusCode).toBe(404);
    });
  });

  describe('PATCH /api/grievances/:id', () => {
    it('starts the mediation (200), by 司法所', async () => {
      const response = await patch('sifasuo', debtId, { status: 'in_progress', version: 1 });
      expect(response.statusCode).toBe(200);
      expect(response.json()).toMatchObject({ status: 'in_progress', resolvedOn: null, version: 2 });
      expect(await auditActions(t, caseId, 'grievance.update')).toHaveLength(1);
    });

    it('leaves the deadline to 平安办: 司法所 403, 平安办 200, never before today (400)', async () => {
      const before = await row(debtId);
      const asked = await patch('sifasuo', debtId, { dueOn: '2027-01-15', version: 2 });
      expect(asked.statusCode).toBe(403);
      expect(asked.json().error.message).toBe('化解期限由责任镇平安办调整，请向平安办申请延期');
      const past = await patch('pingan', neighbourId, { dueOn: '2026-11-25', version: 1 });
      expect(past.statusCode).toBe(400);
      expect(past.json().error.message).toBe('化解期限(dueOn)：不能早于今天（2026-11-29）');
      expect(await row(debtId)).toEqual(before);
      const extended = await patch('pingan', neighbourId, { dueOn: '2026-12-15', version: 1 });
      expect(extended.statusCode).toBe(200);
      expect(extended.json()).toMatchObject({ dueOn: '2026-12-15', overdue: false, version: 2 });
      expect((await queue('pingan', 'overdue=true')).total).toBe(0);
    });

    it('refuses another unit (403), the other town (404) and a stale version (409), writing nothing', async () => {
      const before = await row(debtId);
      expect((await patch('minzheng', debtId, { status: 'resolved', resolution: '越权', version: 2 })).statusCode).toBe(
        403,
      );
      expect((await patch('shifan', debtId, { status: 'resolved', resolution: '越权', version: 2 })).statusCode).toBe(
        404,
      );
      const stale = await patch('sifasuo', debtId, { status: 'resolved', resolution: '已调解', version: 1 });
      expect(stale.statusCode).toBe(409);
      expect(stale.json().error.code).toBe('STALE_VERSION');
      expect(await row(debtId)).toEqual(before);
    });

    it('needs the resolution to close (400), refuses a step back (409)', async () => {
      const before = await row(debtId);
      const bare = await patch('sifasuo', debtId, { status: 'resolved', version: 2 });
      expect(bare.statusCode).toBe(400);
      expect(bare.json().error.message).toBe('化解情况(resolution)：改为“已化解”时须填写化解情况');
      const back = await patch('sifasuo', debtId, { status: 'open', version: 2 });
      expect(back.statusCode).toBe(409);
      expect(back.json().error.code).toBe('WRONG_STATE');
      expect(await row(debtId)).toEqual(before);
    });

    it('resolves with the resolution (200, resolvedOn today); then it is final (409)', async () => {
      const done = await patch('sifasuo', debtId, {
        status: 'resolved',
        resolution: '经司法所调解，双方达成分期还款协议并已履行第一期。',
        version: 2,
      });
      expect(done.statusCode).toBe(200);
      expect(done.json()).toMatchObject({ status: 'resolved', resolvedOn: '2026-11-29', version: 3 });
      const again = await patch('pingan', debtId, { dueOn: '2027-01-01', version: 3 });
      expect(again.statusCode).toBe(409);
      expect(again.json().error.message).toBe('该事项已办结（已化解），不能再修改');
    });

    it('lets 平安办 give it to another 事权单位 (the new unit is notified) and close it as unresolvable', async () => {
      const moved = await patch('pingan', neighbourId, { responsibleOrgUnitId: U.judicialOffice, version: 2 });
      expect(moved.statusCode).toBe(200);
      expect(moved.json()).toMatchObject({ responsibleOrgUnitName: '演示镇司法所', dueOn: '2026-12-15' });
      expect((await noticesOf(t, 'sifasuo', 'grievance.assigned')).map((n) => n.title)).toContain(
        '矛盾诉求交办：赵志强（邻里纠纷）',
      );
      expect((await patch('cun1', neighbourId, { status: 'in_progress', version: 3 })).statusCode).toBe(403);
      const closed = await patch('sifasuo', neighbourId, {
        status: 'unresolvable',
        resolution: '对方拒绝调解，已引导通过诉讼解决，继续释法说理。',
        version: 3,
      });
      expect(closed.statusCode).toBe(200);
      expect(closed.json()).toMatchObject({ status: 'unresolvable', resolvedOn: '2026-11-29' });
    });
  });
});
