// The webhook outbox: a delivery row is written in the same transaction as the notice, and a
// worker sends it after commit, retrying with backoff. A dead endpoint never blocks a write.

import { and, asc, eq, inArray, lte, or, sql } from 'drizzle-orm';
import type { Db, Executor } from '../../db/client.js';
import { orgUnits, orgUnitWebhooks, webhookDeliveries } from '../../db/schema.js';
import { beijingIso, type Clock } from '../../lib/clock.js';
import { decryptField, type Keys } from '../../lib/crypto.js';
import { errorForLog } from '../../lib/logger.js';
import { backoffMs } from './schedule.js';
import { renderWebhookBody, safeErrorText, type WebhookMessage, webhookMessage } from './webhook-payload.js';

/** The encryption context of a unit's webhook URL (binds the ciphertext to its row). */
export const webhookUrlContext = (orgUnitId: string) => `org_unit_webhooks.url:${orgUnitId}`;

/**
 * Queues one delivery per unit that has an enabled webhook, in the caller's transaction. `detail`
 * must be free of personal data (it leaves the system); the notice's title and body are not sent.
 */
export async function enqueueWebhookDeliveries(
  tx: Executor,
  unitIds: readonly string[],
  notice: { kind: string; detail?: string },
  now: Date = new Date(),
): Promise<number> {
  const unique = [...new Set(unitIds)];
  if (unique.length === 0) return 0;
  const targets = await tx
    .select({ id: orgUnits.id, name: orgUnits.name })
    .from(orgUnitWebhooks)
    .innerJoin(orgUnits, eq(orgUnits.id, orgUnitWebhooks.orgUnitId))
    .where(and(inArray(orgUnitWebhooks.orgUnitId, unique), eq(orgUnitWebhooks.enabled, true)));
  if (targets.length === 0) return 0;
  const createdAt = beijingIso(now);
  await tx.insert(webhookDeliveries).values(
    targets.map((unit) => ({
      orgUnitId: unit.id,
      payload: webhookMessage(notice, unit, createdAt),
      status: 'pending',
      nextAttemptAt: now,
    })),
  );
  return targets.length;
}

/** Minimal logger surface (pino / Fastify's logger). */
export interface JobLogger {
  info(object: object, message: string): void;
  warn(object: object, message: string): void;
  error(object: object, message: string): void;
}

export interface WebhookWorkerOptions {
  /** Per request; a robot answers in well under a second. */
  timeoutMs?: number;
  /** After this many failed attempts a delivery is marked failed. */
  maxAttempts?: number;
  /** Rows claimed per batch. */
  batchSize?: number;
  /** How long a claimed row stays with this process before another may retry it (crash safety). */
  leaseMs?: number;
  /** First retry delay; doubles with each attempt, capped at an hour. */
  backoffBaseMs?: number;
  fetch?: typeof fetch;
}

interface Claimed {
  id: string;
  orgUnitId: string;
  payload: unknown;
  attempts: number;
}

export interface DeliveryCounts {
  delivered: number;
  retrying: number;
  failed: number;
}

/** A robot answers HTTP 200 with {"errcode": n, "errmsg": …} when it refuses a message. */
function robotRefusal(text: string): string | null {
  try {
    const body = JSON.parse(text) as { errcode?: unknown; errmsg?: unknown };
    if (typeof body?.errcode === 'number' && body.errcode !== 0) {
      return `机器人拒收：errcode ${body.errcode} ${String(body.errmsg ?? '')}`.trim();
    }
  } catch {
    // Not JSON (an SMS gateway's "OK"): the status decides.
  }
  return null;
}

function failureText(error: unknown): string {
  const err = error as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (err?.name === 'TimeoutError' || err?.name === 'AbortError') return '请求超时';
  if (err?.cause?.code) return `连接失败（${err.cause.code}）`;
  return `发送失败：${err?.message ?? String(error)}`;
}

export function createWebhookWorker(
  deps: { db: Db; keys: Keys; clock: Clock; log: JobLogger },
  options: WebhookWorkerOptions = {},
) {
  const { db, keys, clock, log } = deps;
  const timeoutMs = options.timeoutMs ?? 5_000;
  const maxAttempts = options.maxAttempts ?? 6;
  const batchSize = options.batchSize ?? 10;
  const leaseMs = options.leaseMs ?? 60_000;
  const post = options.fetch ?? fetch;

  /**
   * Claims due rows in one statement: `FOR UPDATE SKIP LOCKED` keeps two processes from taking the
   * same row, and the lease (next_attempt_at moved ahead, attempts counted) keeps it from being
   * taken again while it is being sent, outside any transaction. A new row is due at once.
   */
  async function claim(now: Date): Promise<Claimed[]> {
    const due = db
      .select({ id: webhookDeliveries.id })
      .from(webhookDeliveries)
      .where(
        and(
          eq(webhookDeliveries.status, 'pending'),
          or(eq(webhookDeliveries.attempts, 0), lte(webhookDeliveries.nextAttemptAt, now)),
        ),
      )
      .orderBy(asc(webhookDeliveries.nextAttemptAt))
      .limit(batchSize)
      .for('update', { skipLocked: true });
    return db
      .update(webhookDeliveries)
      .set({ attempts: sql`${webhookDeliveries.attempts} + 1`, nextAttemptAt: new Date(now.getTime() + leaseMs) })
      .where(inArray(webhookDeliveries.id, due))
      .returning({
        id: webhookDeliveries.id,
        orgUnitId: webhookDeliveries.orgUnitId,
        payload: webhookDeliveries.payload,
        attempts: webhookDeliveries.attempts,
      });
  }

  async function send(row: Claimed): Promise<'delivered' | 'retrying' | 'failed'> {
    const [hook] = await db.select().from(orgUnitWebhooks).where(eq(orgUnitWebhooks.orgUnitId, row.orgUnitId));
    if (!hook?.enabled) {
      await db
        .update(webhookDeliveries)
        .set({ status: 'failed', lastError: '推送设置已删除或停用' })
        .where(eq(webhookDeliveries.id, row.id));
      return 'failed';
    }
    let url = '';
    let error: string | null;
    try {
      url = decryptField(keys, hook.urlEncrypted, webhookUrlContext(row.orgUnitId));
      const response = await post(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json; charset=utf-8' },
        body: renderWebhookBody(hook.format, row.payload as WebhookMessage),
        redirect: 'manual',
        signal: AbortSignal.timeout(timeoutMs),
      });
      // Read to the end (the timeout covers it) so the connection is released.
      const answer = await response.text();
      if (response.status >= 200 && response.status < 300) {
        error = hook.format === 'robot' ? robotRefusal(answer) : null;
      } else {
        error = `HTTP ${response.status}`;
      }
    } catch (caught) {
      error = url ? failureText(caught) : '推送地址无法解密';
    }
    const now = clock.now();
    if (error === null) {
      await db.transaction(async (tx) => {
        await tx
          .update(webhookDeliveries)
          .set({ status: 'delivered', lastError: null })
          .where(eq(webhookDeliveries.id, row.id));
        await tx
          .update(orgUnitWebhooks)
          .set({ lastDeliveryAt: now, lastError: null })
          .where(eq(orgUnitWebhooks.orgUnitId, row.orgUnitId));
      });
      return 'delivered';
    }
    const lastError = safeErrorText(error, url);
    const failed = row.attempts >= maxAttempts;
    const retryAt = new Date(now.getTime() + backoffMs(row.attempts, options.backoffBaseMs));
    await db.transaction(async (tx) => {
      await tx
        .update(webhookDeliveries)
        .set(failed ? { status: 'failed', lastError } : { lastError, nextAttemptAt: retryAt })
        .where(eq(webhookDeliveries.id, row.id));
      await tx.update(orgUnitWebhooks).set({ lastError }).where(eq(orgUnitWebhooks.orgUnitId, row.orgUnitId));
    });
    const context = { deliveryId: row.id, orgUnitId: row.orgUnitId, attempts: row.attempts, error: lastError };
    if (failed) log.error(context, 'webhook delivery failed for good');
    else log.warn({ ...context, retryAt: retryAt.toISOString() }, 'webhook delivery failed, will retry');
    return failed ? 'failed' : 'retrying';
  }

  let running: Promise<DeliveryCounts> | null = null;

  /** Sends every delivery due now, batch by batch. Never throws: errors are logged. */
  async function deliverDue(maxBatches = 20): Promise<DeliveryCounts> {
    const counts: DeliveryCounts = { delivered: 0, retrying: 0, failed: 0 };
    try {
      for (let batch = 0; batch < maxBatches; batch++) {
        const rows = await claim(clock.now());
        if (rows.length === 0) break;
        const outcomes = await Promise.all(rows.map(send));
        for (const outcome of outcomes) counts[outcome]++;
      }
    } catch (error) {
      log.error({ error: errorForLog(error) }, 'webhook worker: database error');
    }
    return counts;
  }

  return {
    /** One pass over the due deliveries; a pass already under way is joined, not doubled. */
    deliverDue(): Promise<DeliveryCounts> {
      running ??= deliverDue().finally(() => {
        running = null;
      });
      return running;
    },
    /** Waits for a pass under way (for a clean shutdown). */
    async idle(): Promise<void> {
      await running;
    },
  };
}

export type WebhookWorker = ReturnType<typeof createWebhookWorker>;
