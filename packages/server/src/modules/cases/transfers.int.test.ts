import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/context.js';
import { listed } from '../../../test/lifecycle.js';
import { auditEvents, cases, users } from '../../db/schema.js';
import { DEMO_PASSWORD, DEMO_UNITS } from '../../seed/demo-town.js';
import { hashPassword } from '../auth/passwords.js';

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext({
    // 示范镇's peace office answers transfers addressed to it.
    prepare: async (db) => {
      await db.insert(users).values({
        username: 'shifan',
        displayName: '示范镇平安办 严平',
        passwordHash: await hashPassword(DEMO_PASSWORD),
        orgUnitId: DEMO_UNITS.otherPeaceOffice,
        roles: ['peace_office'],
      });
    },
  });
});
afterAll(() => t.close());

describe('transfer of a case to another town (移交) and designation by the district (指定管辖)', () => {
  let caseId: string;
  beforeAll(async () => {
    caseId = await listed(t, '赵志强', 3);
  });

  it.each([
    ['its own town', { toTownId: DEMO_UNITS.town, reason: '户籍迁出' }, 'toTownId'],
    ['a village', { toTownId: DEMO_UNITS.otherVillage, reason: '户籍迁出' }, 'toTownId'],
    ['no reason', { toTownId: DEMO_UNITS.otherTown }, 'reason'],
  ])('refuses a transfer to %s with 400', async (_label, body, field) => {
    const response = await (await t.as('pingan')).post(`/api/cases/${caseId}/transfers`, body);
    expect(response.statusCode).toBe(400);
    expect(response.json().error.details.map((d: { field: string }) => d.field)).toContain(field);
  });

  it('lets only the responsible town ask (403 for others, 404 outside)', async () => {
    const body = { toTownId: DEMO_UNITS.otherTown, reason: '户籍迁往示范镇' };
    expect((await (await t.as('paichusuo')).post(`/api/cases/${caseId}/transfers`, body)).statusCode).toBe(403);
    expect((await (await t.as('shifan')).post(`/api/cases/${caseId}/transfers`, body)).statusCode).toBe(404);
  });

  it('is refused by the receiving town, then designated by the district', async () => {
    const requested = await (await t.as('pingan')).post(`/api/cases/${caseId}/transfers`, {
      toTownId: DEMO_UNITS.otherTown,
      reason: '户籍迁往示范镇',
    });
    expect(requested.statusCode).toBe(201);
    const id = requested.json().id;
    expect(
      (
        await (
          await t.as('pingan')
        ).post(`/api/cases/${caseId}/transfers`, { toTownId: DEMO_UNITS.otherTown, reason: '再次' })
      ).statusCode,
    ).toBe(409);

    // The receiving town sees the request addressed to it, but not the case yet.
    const inbox = (await (await t.as('shifan')).get('/api/transfers?status=pending')).json();
    expect(inbox.items.map((x: { id: string }) => x.id)).toContain(id);
    expect((await (await t.as('shifan')).get(`/api/cases/${caseId}`)).statusCode).toBe(404);
    expect(
      (await (await t.as('pingan')).post(`/api/transfers/${id}/answer`, { accept: true, reason: '本镇接收' }))
        .statusCode,
    ).toBe(404);

    const refused = await (await t.as('shifan')).post(`/api/transfers/${id}/answer`, {
      accept: false,
      reason: '本人实际仍居住在演示镇',
    });
    expect(refused.statusCode).toBe(200);
    expect(refused.json().status).toBe('refused');
    expect(
      (await (await t.as('shifan')).post(`/api/transfers/${id}/answer`, { accept: true, reason: '改为接收' }))
        .statusCode,
    ).toBe(409);

    expect(
      (
        await (
          await t.as('pingan')
        ).post(`/api/transfers/${id}/designate`, { townId: DEMO_UNITS.otherTown, reason: 'x' })
      ).statusCode,
    ).toBe(403);
    const designated = await (await t.as('quji')).post(`/api/transfers/${id}/designate`, {
      townId: DEMO_UNITS.otherTown,
      reason: '经区委政法委、区公安局、区信访办会商，户籍地已迁至示范镇，由示范镇负责。',
    });
    expect(designated.statusCode).toBe(200);
    expect(designated.json()).toMatchObject({ status: 'designated', designatedTownId: DEMO_UNITS.otherTown });
    expect(designated.json().designatedBy).toBeTruthy();
    expect(designated.json().designatedAt).toMatch(/\+08:00$/);

    const [row] = await t.db.select().from(cases).where(eq(cases.id, caseId));
    expect(row?.responsibleTownId).toBe(DEMO_UNITS.otherTown);
    expect((await (await t.as('shifan')).get(`/api/cases/${caseId}`)).statusCode).toBe(200);
    expect((await (await t.as('cun1')).get(`/api/cases/${caseId}`)).statusCode).toBe(404);
    const events = await t.db.select().from(auditEvents).where(eq(auditEvents.entityId, caseId));
    expect(events.map((e) => e.action)).toEqual(
      expect.arrayContaining(['transfer.request', 'transfer.refuse', 'transfer.designate']),
    );
  });

  it('moves the case at once when the receiving town accepts', async () => {
    const otherCase = await listed(t, '钱秀兰', 3);
    const requested = await (await t.as('pingan')).post(`/api/cases/${otherCase}/transfers`, {
      toTownId: DEMO_UNITS.otherTown,
      reason: '户籍迁往示范镇',
    });
    const accepted = await (await t.as('shifan')).post(`/api/transfers/${requested.json().id}/answer`, {
      accept: true,
      reason: '同意接收',
    });
    expect(accepted.json().status).toBe('accepted');
    const [row] = await t.db.select().from(cases).where(eq(cases.id, otherCase));
    expect(row?.responsibleTownId).toBe(DEMO_UNITS.otherTown);
  });
});
