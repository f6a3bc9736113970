// A case transferred to another town (移交) takes its help items along: scope comes from the case,
// so the old town's units lose them and the new town's 平安办 gives them to its own units.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/context.js';
import { listed } from '../../../test/lifecycle.js';
import { addShifan, SHIFAN } from '../../../test/work.js';
import { helpFixture, U } from './help.test-kit.js';

let t: TestContext;
let caseId: string;
let serviceId: string;
let grievanceId: string;
beforeAll(async () => {
  t = await createTestContext({ prepare: addShifan });
  ({ caseId } = await helpFixture(t));
  const service = await (await t.as('minzheng')).post(`/api/cases/${caseId}/services`, {
    type: 'temporary_assistance',
    responsibleOrgUnitId: U.civilAffairs,
    description: '遭遇意外支出，申请临时救助。',
  });
  serviceId = service.json().id;
  const grievance = await (await t.as('pingan')).post(`/api/cases/${caseId}/grievances`, {
    type: 'labor',
    description: '在外务工被拖欠工资三个月。',
    responsibleOrgUnitId: U.judicialOffice,
  });
  grievanceId = grievance.json().id;
  const requested = await (await t.as('pingan')).post(`/api/cases/${caseId}/transfers`, {
    toTownId: U.otherTown,
    reason: '户籍迁往示范镇',
  });
  const accepted = await (await t.as(SHIFAN)).post(`/api/transfers/${requested.json().id}/answer`, {
    accept: true,
    reason: '同意接收',
  });
  if (accepted.statusCode !== 200) throw new Error(`transfer: ${accepted.body}`);
});
afterAll(() => t.close());

const ids = async (as: string, path: string) =>
  (await (await t.as(as)).get(`/api/${path}?scope=all`)).json().items.map((i: { id: string }) => i.id);

describe('help items of a case accepted by 示范镇', () => {
  it('leave the old town’s queues and reads (404)', async () => {
    expect(await ids('minzheng', 'services')).toEqual([]);
    expect(await ids('pingan', 'grievances')).toEqual([]);
    expect((await (await t.as('minzheng')).get(`/api/services/${serviceId}`)).statusCode).toBe(404);
    expect(
      (await (await t.as('minzheng')).patch(`/api/services/${serviceId}`, { status: 'in_progress', version: 1 }))
        .statusCode,
    ).toBe(404);
  });

  it('appear in the new town’s, whose 平安办 works them and hands them to its own units', async () => {
    expect(await ids(SHIFAN, 'services')).toEqual([serviceId]);
    expect(await ids(SHIFAN, 'grievances')).toEqual([grievanceId]);
    const item = (await (await t.as(SHIFAN)).get(`/api/services/${serviceId}`)).json();
    expect(item.abilities).toEqual({ update: true, reassign: true, reschedule: true });
    // The old town's unit is no longer eligible as a new assignment; 示范镇's own units are.
    const stale = await (await t.as(SHIFAN)).patch(`/api/services/${serviceId}`, {
      responsibleOrgUnitId: U.judicialOffice,
      version: 1,
    });
    expect(stale.statusCode).toBe(400);
    // The case is now scoped by 示范镇 itself (赵志强 is still registered in 演示一村): 示范村 does
    // not see it, so it cannot be given the item.
    const village = await (await t.as(SHIFAN)).patch(`/api/grievances/${grievanceId}`, {
      responsibleOrgUnitId: U.otherVillage,
      version: 1,
    });
    expect(village.statusCode).toBe(400);
    const moved = await (await t.as(SHIFAN)).patch(`/api/grievances/${grievanceId}`, {
      responsibleOrgUnitId: U.otherPeaceOffice,
      version: 1,
    });
    expect(moved.statusCode).toBe(200);
    expect(moved.json()).toMatchObject({ responsibleOrgUnitName: '示范镇平安办', status: 'open' });
    const units = (await (await t.as(SHIFAN)).get(`/api/cases/${caseId}/help-units`)).json();
    expect(units.items.map((u: { name: string }) => u.name)).toEqual([
      '示范镇平安办',
      ...['区委政法委', '区公安局', '区信访办', '区司法局', '区民政局', '区卫健委'].sort((a, b) =>
        a.localeCompare(b, 'zh-CN'),
      ),
    ]);
  });
});

describe('GET /api/cases/:id/help-units', () => {
  it('lists the units of the case’s town and district, with their staff’s roles; 404 outside', async () => {
    const other = await listed(t, '钱秀兰', 3);
    const response = await (await t.as('pingan')).get(`/api/cases/${other}/help-units`);
    expect(response.statusCode).toBe(200);
    const byName = new Map<string, string[]>(
      response.json().items.map((u: { name: string; roles: string[] }) => [u.name, u.roles]),
    );
    expect(byName.get('演示镇民政办')).toEqual(['civil_affairs']);
    expect(byName.get('演示镇司法所')).toEqual(['judicial']);
    expect(byName.get('演示一村')).toEqual(['village_cadre']);
    expect(byName.get('区民政局')).toEqual([]);
    expect(byName.has('示范村')).toBe(false);
    // 钱秀兰 is registered in 演示一村 and lives there: the other village and the community do not see her.
    expect(byName.has('演示二村')).toBe(false);
    expect(byName.has('演示社区')).toBe(false);
    expect(byName.has('演示镇')).toBe(false);
    const groups = new Map<string, string>(
      response.json().items.map((u: { name: string; group: string }) => [u.name, u.group]),
    );
    expect([groups.get('演示镇民政办'), groups.get('演示一村'), groups.get('区民政局')]).toEqual([
      'town',
      'village',
      'district',
    ]);
    expect((await (await t.as(SHIFAN)).get(`/api/cases/${other}/help-units`)).statusCode).toBe(404);
    expect((await (await t.as('lingdao')).get(`/api/cases/${other}/help-units`)).statusCode).toBe(403);
  });
});
