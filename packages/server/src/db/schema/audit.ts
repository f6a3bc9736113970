import { bigint, index, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { updatedAt } from './columns.js';

// 审计日志 and instance settings.
/** 审计日志: append-only (a trigger refuses UPDATE, DELETE and TRUNCATE), HMAC-SM3 hash-chained by seq. */
export const auditEvents = pgTable(
  'audit_events',
  {
    seq: bigint('seq', { mode: 'number' }).primaryKey(),
    id: uuid('id').notNull().defaultRandom(),
    at: timestamp('at', { withTimezone: true, mode: 'date' }).notNull(),
    actorId: uuid('actor_id'),
    actorUsername: text('actor_username'),
    actorRoles: text('actor_roles').array().notNull(),
    actorOrgUnitId: uuid('actor_org_unit_id'),
    /** Path of the actor's unit when it happened: who may read the event is decided by it. */
    actorUnitPath: text('actor_unit_path'),
    ip: text('ip'),
    requestId: text('request_id'),
    action: text('action').notNull(),
    entityType: text('entity_type'),
    entityId: text('entity_id'),
    outcome: text('outcome').notNull(),
    diff: jsonb('diff'),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [
    uniqueIndex('audit_events_id_key').on(t.id),
    index('audit_events_entity_idx').on(t.entityType, t.entityId),
    index('audit_events_actor_idx').on(t.actorId),
    index('audit_events_at_idx').on(t.at),
    index('audit_events_unit_path_idx').on(t.actorUnitPath.op('text_pattern_ops')),
  ],
);

/** Instance settings (e.g. demo mode), one row per key. */
export const settings = pgTable('settings', {
  key: text('key').primaryKey(),
  value: jsonb('value').notNull(),
  updatedAt: updatedAt(),
});
