import { and, count, desc, eq, inArray, isNull } from 'drizzle-orm';
import type { Db, Executor } from '../../db/client.js';
import { notifications } from '../../db/schema.js';
import type { Clock } from '../../lib/clock.js';
import { beijingIso } from '../../lib/clock.js';
import { notFound } from '../../lib/errors.js';
import type { Actor } from '../access/actor.js';
import { pathIds } from '../org/org.queries.js';
import { enqueueWebhookDeliveries } from '../reminders/webhook-outbox.js';

export interface Notice {
  kind: string;
  title: string;
  body: string;
  caseId?: string | null;
  /**
   * Text added to the webhook message (it leaves the system, so no names or numbers of persons);
   * without it a webhook gets only the kind of notice and the unit.
   */
  pushDetail?: string;
}

/**
 * Writes one in-app notice per unit, in the caller's transaction (the decision and its notices
 * commit together), and queues a webhook delivery for each of those units with an enabled
 * webhook; the delivery is sent after commit, so a dead endpoint never holds up the write.
 */
export async function notifyUnits(
  tx: Executor,
  unitIds: readonly string[],
  notice: Notice,
  options: { now?: Date } = {},
): Promise<void> {
  const unique = [...new Set(unitIds)];
  if (unique.length === 0) return;
  const { pushDetail, ...stored } = notice;
  await tx
    .insert(notifications)
    .values(unique.map((orgUnitId) => ({ orgUnitId, ...stored, caseId: stored.caseId ?? null })));
  await enqueueWebhookDeliveries(tx, unique, { kind: notice.kind, detail: pushDetail }, options.now);
}

/**
 * The units whose notices a user reads: their own unit and, for a department, the level it acts
 * for (a notice to 演示镇 reaches 演示镇平安办).
 */
function recipientUnits(actor: Actor): string[] {
  const units = [actor.orgUnitId];
  if (actor.scopePath) units.push(...pathIds(actor.scopePath).slice(-1));
  return [...new Set(units)];
}

export function createNotificationService({ db, clock }: { db: Db; clock: Clock }) {
  return {
    async list(actor: Actor, query: { unread?: boolean; page: number; pageSize: number }) {
      const where = and(
        inArray(notifications.orgUnitId, recipientUnits(actor)),
        query.unread ? isNull(notifications.readAt) : undefined,
      );
      const rows = await db
        .select()
        .from(notifications)
        .where(where)
        .orderBy(desc(notifications.createdAt))
        .limit(query.pageSize)
        .offset((query.page - 1) * query.pageSize);
      const [total] = await db.select({ value: count() }).from(notifications).where(where);
      const [unread] = await db
        .select({ value: count() })
        .from(notifications)
        .where(and(inArray(notifications.orgUnitId, recipientUnits(actor)), isNull(notifications.readAt)));
      return {
        total: total?.value ?? 0,
        unread: unread?.value ?? 0,
        items: rows.map((row) => ({
          id: row.id,
          orgUnitId: row.orgUnitId,
          kind: row.kind,
          title: row.title,
          body: row.body,
          caseId: row.caseId,
          createdAt: beijingIso(row.createdAt),
          readAt: row.readAt ? beijingIso(row.readAt) : null,
        })),
      };
    },

    async markRead(actor: Actor, id: string) {
      const [updated] = await db
        .update(notifications)
        .set({ readAt: clock.now(), readBy: actor.userId })
        .where(and(eq(notifications.id, id), inArray(notifications.orgUnitId, recipientUnits(actor))))
        .returning({ id: notifications.id });
      if (!updated) throw notFound();
    },
  };
}
