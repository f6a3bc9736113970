// 整改事项 (rectifications): each village sees its own, completes them (audited), and the inspector reopens them.
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/context.js';
import { auditEvents, rectifications } from '../../db/schema.js';
import { DEMO_UNITS } from '../../seed/demo-town.js';
import { inspectionsKit } from './inspections.test-kit.js';
import { oversightFixture } from './oversight-fixtures.js';

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
  await oversightFixture(t);
});
afterAll(() => t.close());

const { createInspection, afterMidnight } = inspectionsKit(() => t);

describe('rectifications (整改事项)', () => {
  let village1Item: { id: string; version: number };
  let village2Items: { id: string }[];
  beforeAll(async () => {
    const v1 = await createInspection({
      inspectedOn: '2026-11-20',
      rectifications: [{ description: '一村：建立随访签名核对制度', dueOn: '2026-12-05' }],
    });
    village1Item = v1.rectifications[0];
    const v2 = await createInspection({
      orgUnitId: DEMO_UNITS.village2,
      inspectedOn: '2026-11-20',
      rectifications: [{ description: '二村：补报排查情况表', dueOn: '2026-11-25' }],
    });
    village2Items = v2.rectifications;
    // A town-level item: no village sees it.
    await createInspection({
      orgUnitId: DEMO_UNITS.town,
      rectifications: [{ description: '镇级：完善联席会议纪要', dueOn: '2026-12-15' }],
    });
  });

  it("shows a village cadre its own village's items only", async () => {
    const response = await (await t.as('cun1')).get('/api/rectifications?pageSize=100');
    expect(response.statusCode).toBe(200);
    const { items, total } = response.json();
    expect(total).toBe(items.length);
    expect(items.length).toBeGreaterThan(0);
    expect(items.every((r: { orgUnitId: string }) => r.orgUnitId === DEMO_UNITS.village1)).toBe(true);
    expect(items.some((r: { id: string }) => r.id === village1Item.id)).toBe(true);
    expect(items[0].abilities).toEqual({ complete: true, reopen: false });
    const cun2 = (await (await t.as('cun2')).get('/api/rectifications?pageSize=100')).json();
    expect(cun2.items.every((r: { orgUnitId: string }) => r.orgUnitId === DEMO_UNITS.village2)).toBe(true);
  });

  it('filters overdue (open and past due), open and done', async () => {
    const overdue = (await (await t.as('pingan')).get('/api/rectifications?status=overdue&pageSize=100')).json();
    expect(overdue.items.length).toBeGreaterThan(0);
    expect(overdue.items.every((r: { overdue: boolean }) => r.overdue)).toBe(true);
    expect(overdue.items.some((r: { id: string }) => r.id === village2Items[0]?.id)).toBe(true);
    const town = (await (await t.as('pingan')).get('/api/rectifications?pageSize=100')).json();
    expect(town.items.some((r: { description: string }) => r.description === '镇级：完善联席会议纪要')).toBe(true);
    expect(town.items.some((r: { orgUnitName: string }) => r.orgUnitName === '示范村')).toBe(false);
    const byUnit = (
      await (await t.as('pingan')).get(`/api/rectifications?orgUnitId=${DEMO_UNITS.village2}&status=open&pageSize=100`)
    ).json();
    expect(byUnit.items.every((r: { orgUnitName: string; status: string }) => r.orgUnitName === '演示二村')).toBe(true);
  });

  it('refuses roles outside oversight (403)', async () => {
    expect((await (await t.as('paichusuo')).get('/api/rectifications')).statusCode).toBe(403);
    expect((await (await t.as('admin')).get('/api/rectifications')).statusCode).toBe(403);
  });

  it('lets the village cadre mark its item done: doneOn is today (Beijing), audited', async () => {
    const response = await afterMidnight('cun1', (caller) =>
      caller.patch(`/api/rectifications/${village1Item.id}`, {
        status: 'done',
        note: '已建立随访签名核对制度并补签',
        version: 1,
      }),
    );
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      status: 'done',
      doneOn: '2026-11-30',
      note: '已建立随访签名核对制度并补签',
      version: 2,
      abilities: { complete: false, reopen: false },
    });
    const [event] = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.entityId, village1Item.id), eq(auditEvents.action, 'rectification.update')));
    expect(event?.diff).toMatchObject({ after: { status: 'done', doneOn: '2026-11-30' } });
  });

  it('answers a stale version with 409 and changes nothing', async () => {
    const response = await (await t.as('cun1')).patch(`/api/rectifications/${village1Item.id}`, {
      status: 'done',
      note: '另一份说明',
      version: 1,
    });
    expect(response.statusCode).toBe(409);
    expect(response.json().error.code).toBe('STALE_VERSION');
    const [row] = await t.db.select().from(rectifications).where(eq(rectifications.id, village1Item.id));
    expect(row).toMatchObject({ version: 2, note: '已建立随访签名核对制度并补签' });
  });

  it('does not let the village undo its completion (403); the inspector reopens it', async () => {
    const refused = await (await t.as('cun1')).patch(`/api/rectifications/${village1Item.id}`, {
      status: 'open',
      version: 2,
    });
    expect(refused.statusCode).toBe(403);
    const reopened = await (await t.as('pingan')).patch(`/api/rectifications/${village1Item.id}`, {
      status: 'open',
      note: '核查发现仍有3份随访记录未补签，退回继续整改',
      version: 2,
    });
    expect(reopened.statusCode).toBe(200);
    expect(reopened.json()).toMatchObject({ status: 'open', doneOn: null, version: 3 });
    const events = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.entityId, village1Item.id), eq(auditEvents.action, 'rectification.reopen')));
    expect(events).toHaveLength(1);
  });

  it("answers 404 for another village's item and 403 for a reader", async () => {
    const item = village2Items[0]?.id;
    expect(
      (await (await t.as('cun1')).patch(`/api/rectifications/${item}`, { status: 'done', version: 1 })).statusCode,
    ).toBe(404);
    expect(
      (await (await t.as('lingdao')).patch(`/api/rectifications/${item}`, { status: 'done', version: 1 })).statusCode,
    ).toBe(403);
    const [row] = await t.db
      .select()
      .from(rectifications)
      .where(eq(rectifications.id, item as string));
    expect(row).toMatchObject({ status: 'open', version: 1 });
  });

  it('refuses a bad status or a missing version (400)', async () => {
    const caller = await t.as('cun1');
    const bad = await caller.patch(`/api/rectifications/${village1Item.id}`, { status: 'finished', version: 3 });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].field).toBe('status');
    const missing = await caller.patch(`/api/rectifications/${village1Item.id}`, { status: 'done' });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.message).toContain('版本号(version)');
    const [row] = await t.db.select().from(rectifications).where(eq(rectifications.id, village1Item.id));
    expect(row).toMatchObject({ status: 'open', version: 3 });
  });
});
