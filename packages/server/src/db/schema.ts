import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  bigint,
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

const createdAt = () => timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow();
const updatedAt = () => timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow();

/** 组织机构: the tree of municipality › district › town › village/community, with departments. */
export const orgUnits = pgTable(
  'org_units',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    parentId: uuid('parent_id').references((): AnyPgColumn => orgUnits.id),
    name: text('name').notNull(),
    kind: text('kind').notNull(),
    /** 12-digit 统计用区划代码 for villages and communities. */
    code: text('code'),
    /** Ids from the root down to this unit, "/a/b/c/": a prefix match finds a subtree. */
    path: text('path').notNull(),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('org_units_parent_idx').on(t.parentId),
    uniqueIndex('org_units_code_key').on(t.code),
    index('org_units_path_idx').on(t.path.op('text_pattern_ops')),
  ],
);

/** 用户 */
export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    username: text('username').notNull(),
    displayName: text('display_name').notNull(),
    passwordHash: text('password_hash').notNull(),
    orgUnitId: uuid('org_unit_id')
      .notNull()
      .references(() => orgUnits.id),
    roles: text('roles').array().notNull(),
    disabled: boolean('disabled').notNull().default(false),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('users_username_key').on(sql`lower(${t.username})`), index('users_org_unit_idx').on(t.orgUnitId)],
);

/** Server-side sessions: only the SM3 hash of the cookie token is stored. */
export const sessions = pgTable(
  'sessions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tokenHash: text('token_hash').notNull(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true, mode: 'date' }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }).notNull(),
    endedAt: timestamp('ended_at', { withTimezone: true, mode: 'date' }),
    endReason: text('end_reason'),
    ip: text('ip'),
  },
  (t) => [uniqueIndex('sessions_token_hash_key').on(t.tokenHash), index('sessions_user_idx').on(t.userId)],
);

/** Failed logins per username (known or not), so an unknown user locks like a real one. */
export const loginAttempts = pgTable('login_attempts', {
  username: text('username').primaryKey(),
  failures: integer('failures').notNull().default(0),
  lockedUntil: timestamp('locked_until', { withTimezone: true, mode: 'date' }),
  lastFailureAt: timestamp('last_failure_at', { withTimezone: true, mode: 'date' }),
});

/** 人员. ID number and phone are SM4-encrypted with an HMAC-SM3 tag; idNumberIndex is the blind index. */
export const persons = pgTable(
  'persons',
  {
    id: uuid('id').primaryKey(),
    name: text('name').notNull(),
    gender: text('gender'),
    idNumberEnc: text('id_number_enc').notNull(),
    idNumberIndex: text('id_number_index').notNull(),
    idNumberMasked: text('id_number_masked').notNull(),
    birthDate: date('birth_date', { mode: 'string' }).notNull(),
    phoneEnc: text('phone_enc'),
    householdOrgUnitId: uuid('household_org_unit_id')
      .notNull()
      .references(() => orgUnits.id),
    /** Copy of the household unit's path: jurisdiction filters by prefix without a join. */
    householdPath: text('household_path').notNull(),
    householdAddress: text('household_address').notNull(),
    residenceOrgUnitId: uuid('residence_org_unit_id').references(() => orgUnits.id),
    residencePath: text('residence_path'),
    residenceAddress: text('residence_address'),
    occupation: text('occupation'),
    /** Encrypted like the phone: family contacts are written with their numbers. */
    familyContactsEnc: text('family_contacts_enc'),
    version: integer('version').notNull().default(1),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('persons_id_number_index_key').on(t.idNumberIndex),
    index('persons_household_path_idx').on(t.householdPath.op('text_pattern_ops')),
    index('persons_residence_path_idx').on(t.residencePath.op('text_pattern_ops')),
    index('persons_name_idx').on(t.name),
  ],
);

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
