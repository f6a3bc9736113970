// 推送设置: a unit's webhook, managed by the administrator. The URL is stored SM4-encrypted (it
// may hold a robot's key) and only its scheme and host are ever shown back or audited.

import type { PutWebhookBody } from '@anxin/shared';
import { and, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { orgUnitWebhooks, webhookDeliveries } from '../../db/schema.js';
import { beijingIso, type Clock } from '../../lib/clock.js';
import { encryptField, type Keys } from '../../lib/crypto.js';
import { conflict, notFound } from '../../lib/errors.js';
import type { ActorContext, AuditLog } from '../audit/audit.service.js';
import { findVisibleUnit } from '../org/org.queries.js';
import { enqueueWebhookDeliveries, webhookUrlContext } from './webhook-outbox.js';
import { maskWebhookUrl, WEBHOOK_TEST_KIND } from './webhook-payload.js';

type WebhookRow = typeof orgUnitWebhooks.$inferSelect;

function present(row: WebhookRow) {
  return {
    orgUnitId: row.orgUnitId,
    urlMasked: row.urlMasked,
    format: row.format as PutWebhookBody['format'],
    enabled: row.enabled,
    lastDeliveryAt: row.lastDeliveryAt ? beijingIso(row.lastDeliveryAt) : null,
    lastError: row.lastError,
  };
}

/** What the audit log keeps of a webhook: never the URL itself. */
const audited = (row: Pick<WebhookRow, 'urlMasked' | 'format' | 'enabled'>) => ({
  urlMasked: row.urlMasked,
  format: row.format,
  enabled: row.enabled,
});

export function createWebhookService({
  db,
  keys,
  clock,
  audit,
}: {
  db: Db;
  keys: Keys;
  clock: Clock;
  audit: AuditLog;
}) {
  async function unitOrNotFound(context: ActorContext, orgUnitId: string) {
    const unit = await findVisibleUnit(db, context.actor, orgUnitId);
    if (!unit) throw notFound('未找到该组织机构');
    return unit;
  }

  async function find(orgUnitId: string) {
    const [row] = await db.select().from(orgUnitWebhooks).where(eq(orgUnitWebhooks.orgUnitId, orgUnitId));
    return row;
  }

  return {
    async get(context: ActorContext, orgUnitId: string) {
      await unitOrNotFound(context, orgUnitId);
      const row = await find(orgUnitId);
      if (!row) throw notFound('该单位未设置推送');
      return present(row);
    },

    async put(context: ActorContext, orgUnitId: string, body: PutWebhookBody) {
      await unitOrNotFound(context, orgUnitId);
      const values = {
        urlEncrypted: encryptField(keys, body.url, webhookUrlContext(orgUnitId)),
        urlMasked: maskWebhookUrl(body.url),
        format: body.format,
        enabled: body.enabled,
        lastError: null,
        updatedAt: clock.now(),
      };
      const row = await db.transaction(async (tx) => {
        const [before] = await tx.select().from(orgUnitWebhooks).where(eq(orgUnitWebhooks.orgUnitId, orgUnitId));
        const [saved] = await tx
          .insert(orgUnitWebhooks)
          .values({ orgUnitId, ...values })
          .onConflictDoUpdate({ target: orgUnitWebhooks.orgUnitId, set: values })
          .returning();
        await audit.record(tx, context, {
          action: before ? 'webhook.update' : 'webhook.create',
          entityType: 'org_unit',
          entityId: orgUnitId,
          // The URL changes even when its mask does not; say so without showing it.
          diff: { before: before ? audited(before) : null, after: { ...audited(values), urlReplaced: true } },
        });
        return saved as WebhookRow;
      });
      return present(row);
    },

    async remove(context: ActorContext, orgUnitId: string) {
      await unitOrNotFound(context, orgUnitId);
      await db.transaction(async (tx) => {
        const [removed] = await tx.delete(orgUnitWebhooks).where(eq(orgUnitWebhooks.orgUnitId, orgUnitId)).returning();
        if (!removed) throw notFound('该单位未设置推送');
        // Queued messages have nowhere to go now.
        await tx
          .update(webhookDeliveries)
          .set({ status: 'failed', lastError: '推送设置已删除' })
          .where(and(eq(webhookDeliveries.orgUnitId, orgUnitId), eq(webhookDeliveries.status, 'pending')));
        await audit.record(tx, context, {
          action: 'webhook.delete',
          entityType: 'org_unit',
          entityId: orgUnitId,
          diff: { before: audited(removed) },
        });
      });
    },

    /** Queues a test message; the worker sends it within seconds and records the result. */
    async test(context: ActorContext, orgUnitId: string) {
      await unitOrNotFound(context, orgUnitId);
      const row = await find(orgUnitId);
      if (!row) throw notFound('该单位未设置推送');
      if (!row.enabled) throw conflict('WEBHOOK_DISABLED', '推送已停用，请先启用后再测试');
      await db.transaction(async (tx) => {
        await enqueueWebhookDeliveries(
          tx,
          [orgUnitId],
          { kind: WEBHOOK_TEST_KIND, detail: '这是一条测试消息' },
          clock.now(),
        );
        await audit.record(tx, context, { action: 'webhook.test', entityType: 'org_unit', entityId: orgUnitId });
      });
      return { queued: true };
    },
  };
}
