import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/context.js';
import { intakeBody, listed } from '../../../test/lifecycle.js';
import { notifications, orgUnitWebhooks, webhookDeliveries } from '../../db/schema.js';
import { DEMO_PERSONS, DEMO_UNITS } from '../../seed/demo-town.js';
import { notifyUnits } from '../notifications/notifications.service.js';

/** A local endpoint standing in for a WeCom/DingTalk robot; `reply` decides each answer. */
interface Endpoint {
  url: string;
  received: { path: string; body: string }[];
  reply: (response: ServerResponse) => void;
  close(): Promise<void>;
}

async function endpoint(): Promise<Endpoint> {
  const state: Endpoint = {
    url: '',
    received: [],
    reply: (response) => response.writeHead(200, { 'content-type': 'application/json' }).end('{"errcode":0}'),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
  const server: Server = createServer((request: IncomingMessage, response) => {
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk) => {
      body += chunk;
    });
    request.on('end', () => {
      state.received.push({ path: request.url ?? '', body });
      state.reply(response);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/cgi-bin/webhook/send?key=robot-secret-key`;
  return state;
}

let t: TestContext;
let robot: Endpoint;
/** What the app logged at warn level and above. */
const logged: string[] = [];
beforeAll(async () => {
  const stream = new Writable({
    write(chunk, _encoding, done) {
      logged.push(String(chunk));
      done();
    },
  });
  t = await createTestContext({ logger: { stream, level: 'warn' }, reminders: { webhook: { timeoutMs: 500 } } });
  robot = await endpoint();
});
afterAll(async () => {
  await robot.close();
  await t.close();
});
beforeEach(async () => {
  await t.db.delete(webhookDeliveries);
  await t.db.delete(orgUnitWebhooks);
  robot.received.length = 0;
});

async function setWebhook(unitId: string, url: string, format: 'robot' | 'json' = 'robot') {
  const response = await (await t.signIn('admin')).put(`/api/org-units/${unitId}/webhook`, { url, format });
  expect(response.statusCode).toBe(200);
}

const deliveries = (unitId: string) =>
  t.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.orgUnitId, unitId));
const hook = async (unitId: string) =>
  (await t.db.select().from(orgUnitWebhooks).where(eq(orgUnitWebhooks.orgUnitId, unitId)))[0];

describe('webhook deliveries', () => {
  it('sends a decision notice to the robot in its text format, with no personal data', async () => {
    await setWebhook(DEMO_UNITS.peaceOffice, robot.url);
    await setWebhook(DEMO_UNITS.judicialOffice, robot.url);
    const person = DEMO_PERSONS.find((p) => p.name === '赵志强');
    await listed(t, '赵志强', 3);

    // Only units that were notified and have a webhook get a delivery (not the judicial office).
    expect(await deliveries(DEMO_UNITS.peaceOffice)).toHaveLength(1);
    expect(await deliveries(DEMO_UNITS.judicialOffice)).toHaveLength(0);
    expect(robot.received).toHaveLength(0);

    const counts = await t.app.services.reminders.deliverDue();
    expect(counts).toEqual({ delivered: 1, retrying: 0, failed: 0 });
    expect(robot.received).toHaveLength(1);
    const { body, path } = robot.received[0] as { body: string; path: string };
    expect(path).toBe('/cgi-bin/webhook/send?key=robot-secret-key');
    expect(JSON.parse(body)).toEqual({
      msgtype: 'text',
      text: { content: '【安心】演示镇平安办：研判决定（列管） — 请登录安心系统查看' },
    });
    expect(body).not.toContain('赵志强');
    expect(body).not.toContain(person?.phone);
    expect(body).not.toMatch(/\d{17}[\dX]/);

    const [row] = await deliveries(DEMO_UNITS.peaceOffice);
    expect(row).toMatchObject({ status: 'delivered', attempts: 1, lastError: null });
    expect((await hook(DEMO_UNITS.peaceOffice))?.lastDeliveryAt).toEqual(t.clock.now());
    // Nothing is sent twice.
    expect(await t.app.services.reminders.deliverDue()).toEqual({ delivered: 0, retrying: 0, failed: 0 });
  });

  it('sends the plain JSON format with kind, title, unit, time and content', async () => {
    await setWebhook(DEMO_UNITS.policeStation, robot.url, 'json');
    await t.db.transaction((tx) =>
      notifyUnits(tx, [DEMO_UNITS.policeStation], { kind: 'transfer.requested', title: '移交申请：钱某', body: '…' }),
    );
    await t.app.services.reminders.deliverDue();
    const sent = JSON.parse(robot.received[0]?.body ?? '{}');
    expect(sent).toMatchObject({
      kind: 'transfer.requested',
      title: '案件移交申请',
      orgUnitId: DEMO_UNITS.policeStation,
      content: '【安心】演示镇派出所：案件移交申请 — 请登录安心系统查看',
    });
    expect(sent.createdAt).toMatch(/\+08:00$/);
    expect(JSON.stringify(sent)).not.toContain('钱某');
  });

  it('retries a failing endpoint with growing delays, then gives up, never storing the URL', async () => {
    robot.reply = (response) =>
      response.writeHead(500).end('internal error at /cgi-bin/webhook/send?key=robot-secret-key');
    await setWebhook(DEMO_UNITS.civilAffairs, robot.url);
    await t.db.transaction((tx) =>
      notifyUnits(tx, [DEMO_UNITS.civilAffairs], { kind: 'decision.delist', title: 'x', body: 'x' }),
    );
    const { deliverDue } = t.app.services.reminders;
    const waits = [30, 60, 120, 240, 480];
    expect(await deliverDue()).toEqual({ delivered: 0, retrying: 1, failed: 0 });
    for (const [index, seconds] of waits.entries()) {
      // Not before its time…
      t.clock.advance(seconds * 1000 - 1000);
      expect(await deliverDue()).toEqual({ delivered: 0, retrying: 0, failed: 0 });
      // …and right after it.
      t.clock.advance(1000);
      const last = index === waits.length - 1;
      expect(await deliverDue()).toEqual({ delivered: 0, retrying: last ? 0 : 1, failed: last ? 1 : 0 });
    }
    expect(robot.received).toHaveLength(6);
    const [row] = await deliveries(DEMO_UNITS.civilAffairs);
    expect(row).toMatchObject({ status: 'failed', attempts: 6, lastError: 'HTTP 500' });
    const saved = await hook(DEMO_UNITS.civilAffairs);
    expect(saved?.lastError).toBe('HTTP 500');
    expect(saved?.lastDeliveryAt).toBeNull();
    t.clock.advance(24 * 3_600_000);
    expect(await deliverDue()).toEqual({ delivered: 0, retrying: 0, failed: 0 });
    // Logged as it went, without the URL or its key.
    const lines = logged.filter((line) => line.includes(row?.id ?? '?'));
    expect(lines).toHaveLength(6);
    expect(lines.at(-1)).toContain('webhook delivery failed for good');
    expect(lines.join('')).not.toContain('robot-secret-key');
    expect(lines.join('')).not.toContain('/cgi-bin/webhook/send');
    robot.reply = (response) => response.writeHead(200).end('{"errcode":0}');
  });

  it('counts a robot refusal (HTTP 200 with errcode) as a failure', async () => {
    robot.reply = (response) => response.writeHead(200).end('{"errcode":93000,"errmsg":"invalid webhook url"}');
    await setWebhook(DEMO_UNITS.healthCentre, robot.url);
    await t.db.transaction((tx) => notifyUnits(tx, [DEMO_UNITS.healthCentre], { kind: 'x', title: 'x', body: 'x' }));
    expect(await t.app.services.reminders.deliverDue()).toEqual({ delivered: 0, retrying: 1, failed: 0 });
    expect((await hook(DEMO_UNITS.healthCentre))?.lastError).toBe('机器人拒收：errcode 93000 invalid webhook url');
    robot.reply = (response) => response.writeHead(200).end('{"errcode":0}');
  });

  it('does not hold up a write when the webhook is dead, and times out sending to it', async () => {
    // Accepts the connection and never answers.
    const silent = await endpoint();
    silent.reply = () => {};
    await setWebhook(DEMO_UNITS.policeStation, silent.url);
    const police = await t.signIn('paichusuo');
    const started = Date.now();
    const response = await police.post('/api/cases', intakeBody('李桂芳', { source: 'emergency', proposedLevel: 1 }));
    expect(response.statusCode).toBe(201);
    expect(Date.now() - started).toBeLessThan(3000);
    expect(silent.received).toHaveLength(0);
    const notices = await t.db.select().from(notifications).where(eq(notifications.kind, 'case.emergency_listed'));
    expect(notices.length).toBeGreaterThan(0);
    const [queued] = await deliveries(DEMO_UNITS.policeStation);
    expect(queued).toMatchObject({ status: 'pending', attempts: 0 });
    expect(JSON.stringify(queued?.payload)).not.toContain('李桂芳');

    expect(await t.app.services.reminders.deliverDue()).toEqual({ delivered: 0, retrying: 1, failed: 0 });
    expect((await deliveries(DEMO_UNITS.policeStation))[0]?.lastError).toBe('请求超时');
    await silent.close();
  });

  it('records a refused connection without the URL, and a disabled webhook gets nothing', async () => {
    const gone = await endpoint();
    await gone.close();
    await setWebhook(DEMO_UNITS.townGovernment, gone.url);
    await t.db.transaction((tx) => notifyUnits(tx, [DEMO_UNITS.townGovernment], { kind: 'x', title: 'x', body: 'x' }));
    await t.app.services.reminders.deliverDue();
    const [row] = await deliveries(DEMO_UNITS.townGovernment);
    expect(row?.lastError).toBe('连接失败（ECONNREFUSED）');

    await (await t.signIn('admin')).put(`/api/org-units/${DEMO_UNITS.townGovernment}/webhook`, {
      url: gone.url,
      enabled: false,
    });
    await t.db.transaction((tx) => notifyUnits(tx, [DEMO_UNITS.townGovernment], { kind: 'x', title: 'x', body: 'x' }));
    expect(await deliveries(DEMO_UNITS.townGovernment)).toHaveLength(1);
    // The queued retry finds the webhook disabled and is closed as failed.
    t.clock.advance(60_000);
    expect(await t.app.services.reminders.deliverDue()).toEqual({ delivered: 0, retrying: 0, failed: 1 });
  });

  it('hands a due delivery to one of two concurrent passes only', async () => {
    await setWebhook(DEMO_UNITS.peaceOffice, robot.url);
    await t.db.transaction((tx) =>
      notifyUnits(tx, [DEMO_UNITS.peaceOffice], { kind: 'decision.list', title: 'x', body: 'x' }),
    );
    const { createWebhookWorker } = await import('./webhook-outbox.js');
    const quiet = { info() {}, warn() {}, error() {} };
    const other = createWebhookWorker({ db: t.db, keys: t.app.services.keys, clock: t.clock, log: quiet });
    const results = await Promise.all([t.app.services.reminders.deliverDue(), other.deliverDue()]);
    expect(results.reduce((sum, r) => sum + r.delivered, 0)).toBe(1);
    expect(robot.received).toHaveLength(1);
  });
});
