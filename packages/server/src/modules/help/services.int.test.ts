// 帮扶服务 through the API: put on a case, worked from the responsible unit's queue, version-checked,
// scoped by the case's jurisdiction, every write audited and notified in its transaction.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/context.js';
import { proposeIntake } from '../../../test/lifecycle.js';
import { addShifan, uid } from '../../../test/work.js';
import { serviceItems } from '../../db/schema.js';
import { auditActions, helpCounts, helpFixture, noticesOf, U } from './help.test-kit.js';

let t: TestContext;
let caseId: string;
let foreignCaseId: string;
let foreignServiceId: string;
beforeAll(async () => {
  t = await createTestContext({ prepare: addShifan });
  ({ caseId, foreignCaseId } = await helpFixture(t));
  const foreign = await (await t.as('shifan')).post(`/api/cases/${foreignCaseId}/services`, {
    type: 'temporary_assistance',
    responsibleOrgUnitId: U.otherVillage,
    description: '示范村协助申请临时救助',
  });
  if (foreign.statusCode !== 201) throw new Error(`foreign service: ${foreign.body}`);
  foreignServiceId = foreign.json().id;
});
afterAll(() => t.close());

const lowIncome = {
  type: 'minimum_living_allowance',
  responsibleOrgUnitId: U.civilAffairs,
  description: '家庭收入低于当地低保标准，协助申请纳入低保。',
  dueOn: '2026-12-31',
};
const post = async (as: string, body: Record<string, unknown>, id = caseId) =>
  (await t.as(as)).post(`/api/cases/${id}/services`, body);
const patch = async (as: string, id: string, body: Record<string, unknown>) =>
  (await t.as(as)).patch(`/api/services/${id}`, body);
const queue = async (as: string, query = '') => {
  const response = await (await t.as(as)).get(`/api/services?pageSize=100&${query}`);
  expect(response.statusCode).toBe(200);
  return response.json() as { items: { id: string; type: string; status: string }[]; total: number };
};

describe('POST /api/cases/:id/services', () => {
  it('puts a 低保 item on the case for 民政办 (201, planned, version 1), notified and audited', async () => {
    const before = await auditActions(t, caseId, 'service.create');
    const response = await post('cun1', lowIncome);
    expect(response.statusCode).toBe(201);
    expect(response.json()).toEqual({
      id: expect.any(String),
      caseId,
      personId: expect.any(String),
      personName: '赵志强',
      level: 3,
      caseStatus: 'listed',
      type: 'minimum_living_allowance',
      responsibleOrgUnitId: U.civilAffairs,
      responsibleOrgUnitName: '演示镇民政办',
      description: lowIncome.description,
      status: 'planned',
      outcome: null,
      dueOn: '2026-12-31',
      startedOn: null,
      completedOn: null,
      overdue: false,
      overdueDays: 0,
      createdBy: uid('cun1'),
      createdByName: '演示一村 陈村',
      updatedBy: null,
      createdAt: expect.stringMatching(/\+08:00$/),
      updatedAt: expect.any(String),
      version: 1,
      // cun1 is not 民政办 and not 平安办: reads it, does not work it.
      abilities: { update: false, reassign: false, reschedule: false },
    });
    expect(await auditActions(t, caseId, 'service.create')).toHaveLength(before.length + 1);
    const notices = await noticesOf(t, 'minzheng', 'service.assigned');
    expect(notices.filter((n) => n.caseId === caseId)).toHaveLength(1);
    expect(notices[0]?.title).toBe('帮扶服务交办：赵志强（低保）');
    // Only the unit it was given to.
    expect(await noticesOf(t, 'sifasuo', 'service.assigned')).toHaveLength(0);
  });

  it('gives a 法律援助 item to 司法所 and one to a district department (区司法局)', async () => {
    const legal = await post('pingan', {
      type: 'legal_aid',
      responsibleOrgUnitId: U.judicialOffice,
      description: '债务纠纷诉讼，协助申请法律援助。',
    });
    expect(legal.statusCode).toBe(201);
    expect(legal.json()).toMatchObject({ responsibleOrgUnitName: '演示镇司法所', dueOn: null });
    const district = await post('pingan', {
      type: 'legal_education',
      responsibleOrgUnitId: U.districtJustice,
      description: '区司法局安排普法宣讲。',
    });
    expect(district.statusCode).toBe(201);
  });

  it.each([
    ['an unknown type', { ...lowIncome, type: 'cash' }, 'type'],
    ['no description', { ...lowIncome, description: '  ' }, 'description'],
    ['no unit', { type: 'legal_aid', description: '法律援助' }, 'responsibleOrgUnitId'],
    ['a unit of another town', { ...lowIncome, responsibleOrgUnitId: U.otherPeaceOffice }, 'responsibleOrgUnitId'],
    ['the town itself', { ...lowIncome, responsibleOrgUnitId: U.town }, 'responsibleOrgUnitId'],
    // 演示二村 cannot see a person of 演示一村: it could neither read nor work the item, and its
    // notice would tell it the person's name and need.
    [
      'a village that does not see the case',
      { ...lowIncome, responsibleOrgUnitId: U.village2 },
      'responsibleOrgUnitId',
    ],
    ['an unknown unit', { ...lowIncome, responsibleOrgUnitId: crypto.randomUUID() }, 'responsibleOrgUnitId'],
    ['a deadline before the listing', { ...lowIncome, dueOn: '2026-10-31' }, 'dueOn'],
    ['a malformed deadline', { ...lowIncome, dueOn: '2026-13-01' }, 'dueOn'],
    ['a status (set by the server)', { ...lowIncome, status: 'done' }, 'status'],
  ])('refuses %s with 400 naming the field, writing nothing', async (_label, body, field) => {
    const before = await helpCounts(t);
    const response = await post('pingan', body);
    expect(response.statusCode).toBe(400);
    expect(response.json().error.details.map((d: { field: string }) => d.field)).toContain(field);
    expect(response.json().error.message).toContain(field);
    expect(await helpCounts(t)).toEqual(before);
  });

  it('names the unit rule in Chinese', async () => {
    const response = await post('pingan', { ...lowIncome, responsibleOrgUnitId: U.otherVillage });
    expect(response.json().error.message).toBe(
      '责任单位(responsibleOrgUnitId)：须为演示镇的部门、本人所在村（社区）或区级部门',
    );
  });

  it('answers 404 for a case outside the jurisdiction, and 403 to roles that only read', async () => {
    const before = await helpCounts(t);
    expect((await post('pingan', lowIncome, foreignCaseId)).statusCode).toBe(404);
    expect((await post('shifan', lowIncome)).statusCode).toBe(404);
    expect((await post('cun2', lowIncome)).statusCode).toBe(404);
    expect((await post('lingdao', lowIncome)).statusCode).toBe(403);
    expect((await post('ducha', lowIncome)).statusCode).toBe(403);
    expect(await helpCounts(t)).toEqual(before);
  });

  it('answers 409 for a case that is not listed', async () => {
    const proposed = await proposeIntake(t, '钱秀兰');
    const before = await helpCounts(t);
    const response = await post('pingan', lowIncome, proposed.id);
    expect(response.statusCode).toBe(409);
    expect(response.json().error.message).toBe('只有列管中的案件可以登记帮扶服务');
    expect(await helpCounts(t)).toEqual(before);
  });
});

describe('GET /api/cases/:id/services and /api/services/:id', () => {
  it('lists the case’s items with whether the caller may add one; the read is audited', async () => {
    const reads = (await auditActions(t, caseId, 'service.read')).length;
    const mine = (await (await t.as('minzheng')).get(`/api/cases/${caseId}/services`)).json();
    expect(mine.total).toBe(3);
    expect(mine.abilities).toEqual({ create: true });
    const lowIncomeItem = mine.items.find((i: { type: string }) => i.type === 'minimum_living_allowance');
    expect(lowIncomeItem.abilities).toEqual({ update: true, reassign: false, reschedule: true });
    const leader = (await (await t.as('lingdao')).get(`/api/cases/${caseId}/services`)).json();
    expect(leader.abilities).toEqual({ create: false });
    expect(leader.items.every((i: { abilities: { update: boolean } }) => !i.abilities.update)).toBe(true);
    expect((await auditActions(t, caseId, 'service.read')).length).toBe(reads + 2);
  });

  it('answers 404 out of the jurisdiction, for the list and the item', async () => {
    expect((await (await t.as('pingan')).get(`/api/cases/${foreignCaseId}/services`)).statusCode).toBe(404);
    expect((await (await t.as('pingan')).get(`/api/services/${foreignServiceId}`)).statusCode).toBe(404);
    expect((await (await t.as('pingan')).get(`/api/services/${crypto.randomUUID()}`)).statusCode).toBe(404);
    const own = (await (await t.as('shifan')).get(`/api/services/${foreignServiceId}`)).json();
    expect(own).toMatchObject({ personName: '卫红英', responsibleOrgUnitName: '示范村' });
  });
});

describe('GET /api/services (work queues)', () => {
  it('opens on the own unit’s items for 民政办 and 司法所, on the whole town for 平安办', async () => {
    expect((await queue('minzheng')).items.map((i) => i.type)).toEqual(['minimum_living_allowance']);
    expect((await queue('sifasuo')).items.map((i) => i.type)).toEqual(['legal_aid']);
    expect((await queue('weisheng')).items).toEqual([]);
    expect((await queue('pingan')).total).toBe(3);
    expect((await queue('minzheng', 'scope=all')).total).toBe(3);
    expect((await queue('pingan', 'scope=unit')).total).toBe(0);
  });

  it('filters by status, type, unit and case', async () => {
    expect((await queue('pingan', 'type=legal_aid')).items.map((i) => i.type)).toEqual(['legal_aid']);
    expect((await queue('pingan', `orgUnitId=${U.districtJustice}`)).items.map((i) => i.type)).toEqual([
      'legal_education',
    ]);
    expect((await queue('pingan', 'status=done')).total).toBe(0);
    expect((await queue('pingan', `caseId=${caseId}`)).total).toBe(3);
  });

  it('keeps the jurisdiction: 示范镇 sees only its own, a village only its own people', async () => {
    expect((await queue('shifan')).items.map((i) => i.id)).toEqual([foreignServiceId]);
    expect((await queue('cun1')).total).toBe(3);
    expect((await queue('cun2')).total).toBe(0);
  });

  it.each([['status=finished'], ['scope=mine'], ['type=cash'], ['overdue=yes'], ['pageSize=500']])(
    'refuses %s with 400',
    async (query) => {
      expect((await (await t.as('pingan')).get(`/api/services?${query}`)).statusCode).toBe(400);
    },
  );
});

describe('PATCH /api/services/:id', () => {
  let id: string;
  beforeAll(async () => {
    id = (await queue('minzheng')).items[0]?.id as string;
  });
  const row = async () => (await t.db.select().from(serviceItems).where(eq(serviceItems.id, id)))[0];

  it('starts the work (200): startedOn is Beijing today, the version moves, audited', async () => {
    const response = await patch('minzheng', id, { status: 'in_progress', outcome: '已收取申请材料', version: 1 });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      status: 'in_progress',
      outcome: '已收取申请材料',
      startedOn: '2026-11-29',
      completedOn: null,
      version: 2,
      updatedBy: uid('minzheng'),
    });
    expect(await auditActions(t, caseId, 'service.update')).toHaveLength(1);
  });

  it('refuses a stale version with 409, writing nothing', async () => {
    const before = await row();
    const response = await patch('minzheng', id, { status: 'done', outcome: '已纳入低保', version: 1 });
    expect(response.statusCode).toBe(409);
    expect(response.json().error.code).toBe('STALE_VERSION');
    expect(await row()).toEqual(before);
  });

  it('lets two concurrent edits of one version through once (200 + 409)', async () => {
    const [a, b] = await Promise.all([
      patch('minzheng', id, { outcome: '材料已报送审核', version: 2 }),
      patch('pingan', id, { outcome: '平安办督促加快审核', version: 2 }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    expect((await row())?.version).toBe(3);
  });

  it('refuses another unit (403), a reader (403) and the other town (404), writing nothing', async () => {
    const before = await row();
    expect((await patch('sifasuo', id, { status: 'done', outcome: '越权', version: 3 })).statusCode).toBe(403);
    expect((await patch('cun1', id, { status: 'done', outcome: '越权', version: 3 })).statusCode).toBe(403);
    expect((await patch('lingdao', id, { status: 'done', outcome: '越权', version: 3 })).statusCode).toBe(403);
    expect((await patch('shifan', id, { status: 'done', outcome: '越权', version: 3 })).statusCode).toBe(404);
    expect((await patch('pingan', foreignServiceId, { status: 'done', outcome: '越权', version: 1 })).statusCode).toBe(
      404,
    );
    expect(await row()).toEqual(before);
  });

  it.each([
    ['closing without an outcome', { status: 'done', version: 3 }, 'outcome'],
    ['a deadline before today', { dueOn: '2026-11-28', version: 3 }, 'dueOn'],
    ['an unknown status', { status: 'finished', version: 3 }, 'status'],
    ['no version', { outcome: '补充' }, 'version'],
    ['nothing to change', { version: 3 }, undefined],
    ['a field that cannot be set', { description: '改写内容', version: 3 }, 'description'],
  ])('refuses %s with 400, writing nothing', async (_label, body, field) => {
    const before = await row();
    const response = await patch('minzheng', id, body);
    expect(response.statusCode).toBe(400);
    if (field) expect(response.json().error.details.map((d: { field: string }) => d.field)).toContain(field);
    expect(await row()).toEqual(before);
  });

  it('refuses a step back to planned with 409', async () => {
    const response = await patch('minzheng', id, { status: 'planned', version: 3 });
    expect(response.statusCode).toBe(409);
    expect(response.json().error.code).toBe('WRONG_STATE');
  });

  it('lets only 平安办 give it to another unit, and only to an eligible one; the new unit is notified', async () => {
    expect((await patch('minzheng', id, { responsibleOrgUnitId: U.judicialOffice, version: 3 })).statusCode).toBe(403);
    const foreign = await patch('pingan', id, { responsibleOrgUnitId: U.otherVillage, version: 3 });
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json().error.details[0].field).toBe('responsibleOrgUnitId');
    const noticesBefore = (await noticesOf(t, 'weisheng', 'service.assigned')).length;
    const moved = await patch('pingan', id, { responsibleOrgUnitId: U.healthCentre, version: 3 });
    expect(moved.statusCode).toBe(200);
    expect(moved.json()).toMatchObject({ responsibleOrgUnitName: '演示镇卫生院', status: 'in_progress', version: 4 });
    expect(await noticesOf(t, 'weisheng', 'service.assigned')).toHaveLength(noticesBefore + 1);
    // 民政办 no longer works it; back to 民政办 by 平安办.
    expect((await patch('minzheng', id, { outcome: '继续办理', version: 4 })).statusCode).toBe(403);
    expect((await patch('pingan', id, { responsibleOrgUnitId: U.civilAffairs, version: 4 })).statusCode).toBe(200);
  });

  it('completes with an outcome (200): completedOn today; then it is final (409)', async () => {
    const done = await patch('minzheng', id, { status: 'done', outcome: '已审批纳入低保，每月发放。', version: 5 });
    expect(done.statusCode).toBe(200);
    expect(done.json()).toMatchObject({
      status: 'done',
      outcome: '已审批纳入低保，每月发放。',
      startedOn: '2026-11-29',
      completedOn: '2026-11-29',
      version: 6,
      abilities: { update: false, reassign: false, reschedule: false },
    });
    const before = await row();
    const again = await patch('minzheng', id, { outcome: '补充说明', version: 6 });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toBe('该事项已办结（已完成），不能再修改');
    expect(await row()).toEqual(before);
    expect((await queue('minzheng', 'status=done')).items.map((i) => i.id)).toEqual([id]);
  });

  it('closes a planned item at once as not eligible, with its reason', async () => {
    const legal = (await queue('sifasuo')).items[0];
    const response = await patch('sifasuo', legal?.id as string, {
      status: 'not_eligible',
      outcome: '经审查不符合法律援助条件，已告知本人其他途径。',
      version: 1,
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ status: 'not_eligible', startedOn: null, completedOn: '2026-11-29' });
  });
});
