import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/context.js';
import { auditEvents, orgUnitWebhooks, webhookDeliveries } from '../../db/schema.js';
import { DEMO_UNITS } from '../../seed/demo-town.js';

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t.close());

const KEY = '693a91f6-7aaa-4bc4-97a0-0ec2sifa5aaa';
const ROBOT_URL = `https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=${KEY}`;
const UNKNOWN_ID = 'a0000000-0000-4000-8000-999999999999';
const url = (unitId: string) => `/api/org-units/${unitId}/webhook`;

describe('webhook administration', () => {
  it('is for the administrator only', async () => {
    for (const username of [
      'pingan',
      'paichusuo',
      'sifasuo',
      'minzheng',
      'weisheng',
      'cun1',
      'lingdao',
      'quji',
      'ducha',
    ]) {
      const caller = await t.as(username);
      expect((await caller.get(url(DEMO_UNITS.peaceOffice))).statusCode).toBe(403);
      expect((await caller.put(url(DEMO_UNITS.peaceOffice), { url: ROBOT_URL })).statusCode).toBe(403);
      expect((await caller.post(`${url(DEMO_UNITS.peaceOffice)}/test`)).statusCode).toBe(403);
      expect((await caller.delete(url(DEMO_UNITS.peaceOffice))).statusCode).toBe(403);
    }
    expect((await t.anonymous.get(url(DEMO_UNITS.peaceOffice))).statusCode).toBe(401);
  });

  it('answers 404 for a unit without a webhook and for an unknown unit', async () => {
    const admin = await t.as('admin');
    const none = await admin.get(url(DEMO_UNITS.healthCentre));
    expect(none.statusCode).toBe(404);
    expect(none.json().error.message).toBe('该单位未设置推送');
    expect((await admin.get(url(UNKNOWN_ID))).statusCode).toBe(404);
    expect((await admin.put(url(UNKNOWN_ID), { url: ROBOT_URL })).statusCode).toBe(404);
    expect((await admin.delete(url(UNKNOWN_ID))).statusCode).toBe(404);
    expect((await admin.post(`${url(UNKNOWN_ID)}/test`)).statusCode).toBe(404);
  });

  it.each([
    ['not a URL', { url: 'qyapi.weixin.qq.com' }, 'url', '推送地址(url)'],
    ['an ftp URL', { url: 'ftp://example.com/hook' }, 'url', '推送地址(url)'],
    ['no URL at all', { format: 'robot' }, 'url', '推送地址(url)'],
    ['an unknown format', { url: ROBOT_URL, format: 'sms' }, 'format', '推送格式(format)'],
    ['a string for enabled', { url: ROBOT_URL, enabled: 'yes' }, 'enabled', '启用(enabled)'],
  ])('refuses %s with 400 naming the field in Chinese', async (_case, body, field, label) => {
    const response = await (await t.as('admin')).put(url(DEMO_UNITS.peaceOffice), body);
    expect(response.statusCode).toBe(400);
    const error = response.json().error;
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.details[0].field).toBe(field);
    expect(error.message).toContain(label);
  });

  it('refuses fields it does not know (no mass assignment)', async () => {
    const response = await (await t.as('admin')).put(url(DEMO_UNITS.peaceOffice), {
      url: ROBOT_URL,
      urlMasked: 'https://evil.example/…',
    });
    expect(response.statusCode).toBe(400);
  });

  it('saves the URL encrypted and shows back only scheme and host, audited without the URL', async () => {
    const admin = await t.as('admin');
    const saved = await admin.put(url(DEMO_UNITS.peaceOffice), { url: ROBOT_URL });
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toEqual({
      orgUnitId: DEMO_UNITS.peaceOffice,
      urlMasked: 'https://qyapi.weixin.qq.com/…',
      format: 'robot',
      enabled: true,
      lastDeliveryAt: null,
      lastError: null,
    });
    const read = await admin.get(url(DEMO_UNITS.peaceOffice));
    expect(read.json()).toEqual(saved.json());
    expect(read.body).not.toContain(KEY);

    const [row] = await t.db
      .select()
      .from(orgUnitWebhooks)
      .where(eq(orgUnitWebhooks.orgUnitId, DEMO_UNITS.peaceOffice));
    expect(row?.urlEncrypted).not.toContain(KEY);
    expect(row?.urlEncrypted).not.toContain('qyapi');

    const events = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'webhook.create'), eq(auditEvents.entityId, DEMO_UNITS.peaceOffice)));
    expect(events).toHaveLength(1);
    expect(JSON.stringify(events[0]?.diff)).not.toContain(KEY);
    expect(events[0]?.diff).toMatchObject({ after: { urlMasked: 'https://qyapi.weixin.qq.com/…', format: 'robot' } });
  });

  it('updates format and enabled, and records the update', async () => {
    const admin = await t.as('admin');
    const response = await admin.put(url(DEMO_UNITS.peaceOffice), {
      url: 'http://10.1.2.3:8080/sms/send?token=s3cr3t',
      format: 'json',
      enabled: false,
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ urlMasked: 'http://10.1.2.3:8080/…', format: 'json', enabled: false });
    const events = await t.db.select().from(auditEvents).where(eq(auditEvents.action, 'webhook.update'));
    expect(events).toHaveLength(1);
    expect(JSON.stringify(events[0]?.diff)).not.toContain('s3cr3t');
  });

  it('queues a test message only while the webhook is enabled', async () => {
    const admin = await t.as('admin');
    const disabled = await admin.post(`${url(DEMO_UNITS.peaceOffice)}/test`);
    expect(disabled.statusCode).toBe(409);
    expect(disabled.json().error.message).toMatch(/[\u4e00-\u9fa5]/);

    await admin.put(url(DEMO_UNITS.peaceOffice), { url: ROBOT_URL });
    const queued = await admin.post(`${url(DEMO_UNITS.peaceOffice)}/test`);
    expect(queued.statusCode).toBe(202);
    const rows = await t.db
      .select()
      .from(webhookDeliveries)
      .where(eq(webhookDeliveries.orgUnitId, DEMO_UNITS.peaceOffice));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ status: 'pending', attempts: 0 });
    expect(rows[0]?.payload).toMatchObject({ kind: 'webhook.test', title: '推送测试' });
    expect(await t.db.select().from(auditEvents).where(eq(auditEvents.action, 'webhook.test'))).toHaveLength(1);
  });

  it('deletes the webhook, cancels what was queued for it and audits it', async () => {
    const admin = await t.as('admin');
    const response = await admin.delete(url(DEMO_UNITS.peaceOffice));
    expect(response.statusCode).toBe(204);
    expect((await admin.get(url(DEMO_UNITS.peaceOffice))).statusCode).toBe(404);
    expect((await admin.delete(url(DEMO_UNITS.peaceOffice))).statusCode).toBe(404);
    const rows = await t.db
      .select()
      .from(webhookDeliveries)
      .where(eq(webhookDeliveries.orgUnitId, DEMO_UNITS.peaceOffice));
    expect(rows.map((row) => row.status)).toEqual(['failed']);
    expect(await t.db.select().from(auditEvents).where(eq(auditEvents.action, 'webhook.delete'))).toHaveLength(1);
  });

  it('verifies the audit chain after all of it', async () => {
    expect((await t.app.services.audit.verify(t.db)).ok).toBe(true);
  });
});
