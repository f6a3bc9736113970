import { sql } from 'drizzle-orm';
import { boolean, date, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, updatedAt } from './columns.js';
import { orgUnits, users } from './identity.js';
import { cases } from './lifecycle.js';
import { persons } from './persons.js';

// ── The work of §四(三): teams, visits, reports, level-1 records, obligations ────────────────

/** Obligation policy versions: the one in force on a date is the latest effective on or before it. */
export const policies = pgTable(
  'policies',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    effectiveFrom: date('effective_from', { mode: 'string' }).notNull(),
    body: jsonb('body').notNull(),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index('policies_effective_idx').on(t.effectiveFrom)],
);

/**
 * 待办: one row per open obligation. Met by the event's transaction (lastMetOn), its dueOn
 * recomputed by one SQL statement when level, policy or a sensitive period changes. Overdue is
 * derived when read (dueOn before today, Beijing), never stored. dueOn is null once a one-time
 * obligation is met.
 */
export const obligations = pgTable(
  'obligations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id').references(() => cases.id),
    kind: text('kind').notNull(),
    personId: uuid('person_id').references(() => persons.id),
    level: integer('level'),
    /** The person's village (or the unit filing a screening return). */
    orgUnitId: uuid('org_unit_id')
      .notNull()
      .references(() => orgUnits.id),
    /** For a screening return: "2026-11". */
    month: text('month'),
    /** Jurisdiction: the case's responsible path (or the unit's), and the assisting 居住地 path. */
    path: text('path').notNull(),
    assistingPath: text('assisting_path'),
    /** From when it counts when never met (listing, level change, start of the month). */
    sinceOn: date('since_on', { mode: 'string' }).notNull(),
    lastMetOn: date('last_met_on', { mode: 'string' }),
    dueOn: date('due_on', { mode: 'string' }),
    sensitive: boolean('sensitive').notNull().default(false),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('obligations_case_kind_key').on(t.caseId, t.kind),
    uniqueIndex('obligations_unit_month_key').on(t.orgUnitId, t.kind, t.month).where(sql`case_id IS NULL`),
    index('obligations_due_idx').on(t.dueOn, t.path.op('text_pattern_ops')),
    index('obligations_path_idx').on(t.path.op('text_pattern_ops'), t.dueOn),
    index('obligations_assisting_idx')
      .on(t.assistingPath.op('text_pattern_ops'))
      .where(sql`assisting_path IS NOT NULL`),
  ],
);

/** 敏感时期: inside it, obligations in its unit's subtree tighten. */
export const sensitivePeriods = pgTable(
  'sensitive_periods',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    startsOn: date('starts_on', { mode: 'string' }).notNull(),
    endsOn: date('ends_on', { mode: 'string' }).notNull(),
    orgUnitId: uuid('org_unit_id')
      .notNull()
      .references(() => orgUnits.id),
    orgUnitPath: text('org_unit_path').notNull(),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index('sensitive_periods_dates_idx').on(t.startsOn, t.endsOn)],
);

/** 一人一专班: the team's version, for concurrent edits. */
export const caseTeams = pgTable('case_teams', {
  caseId: uuid('case_id')
    .primaryKey()
    .references(() => cases.id),
  version: integer('version').notNull().default(1),
  updatedBy: uuid('updated_by').references(() => users.id),
  updatedAt: updatedAt(),
});

export const caseTeamMembers = pgTable(
  'case_team_members',
  {
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    /** leader | member */
    role: text('role').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('case_team_members_key').on(t.caseId, t.userId),
    index('case_team_members_user_idx').on(t.userId),
  ],
);

/** 管控责任书: who signed it and when (the document itself comes with the documents issue). */
export const responsibilityLetters = pgTable(
  'responsibility_letters',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    signedOn: date('signed_on', { mode: 'string' }).notNull(),
    signatoryUserIds: uuid('signatory_user_ids').array().notNull(),
    recordedBy: uuid('recorded_by')
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index('responsibility_letters_case_idx').on(t.caseId)],
);

/** 随访记录: by at least two team members together. */
export const visits = pgTable(
  'visits',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    visitedAt: timestamp('visited_at', { withTimezone: true, mode: 'date' }).notNull(),
    visitedOn: date('visited_on', { mode: 'string' }).notNull(),
    visitorUserIds: uuid('visitor_user_ids').array().notNull(),
    livingSituation: text('living_situation').notNull(),
    activities: text('activities').notNull(),
    stateOfMind: text('state_of_mind').notNull(),
    controlStatus: text('control_status').notNull(),
    extremeTendency: boolean('extreme_tendency').notNull(),
    measures: text('measures').notNull(),
    alertId: uuid('alert_id'),
    recordedBy: uuid('recorded_by')
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index('visits_case_idx').on(t.caseId, t.visitedAt)],
);

/** 现实危害性评估报告 */
export const assessmentReports = pgTable(
  'assessment_reports',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    period: text('period').notNull(),
    reportedOn: date('reported_on', { mode: 'string' }).notNull(),
    findings: text('findings').notNull(),
    harmAssessment: text('harm_assessment').notNull(),
    recommendedMeasures: text('recommended_measures').notNull(),
    recommendedLevel: integer('recommended_level'),
    levelAtReport: integer('level_at_report'),
    proposalId: uuid('proposal_id'),
    authorId: uuid('author_id')
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index('assessment_reports_case_idx').on(t.caseId)],
);

/** 每日报告 to the district, for level 1. */
export const dailyReports = pgTable(
  'daily_reports',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    reportedOn: date('reported_on', { mode: 'string' }).notNull(),
    content: text('content').notNull(),
    authorId: uuid('author_id')
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index('daily_reports_case_idx').on(t.caseId, t.reportedOn)],
);

/** 值守记录: shift, people on duty, notes. */
export const watchLogs = pgTable(
  'watch_logs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    dutyOn: date('duty_on', { mode: 'string' }).notNull(),
    shift: text('shift').notNull(),
    onDutyUserIds: uuid('on_duty_user_ids').array().notNull(),
    notes: text('notes').notNull(),
    recordedBy: uuid('recorded_by')
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index('watch_logs_case_idx').on(t.caseId, t.dutyOn)],
);

/** 应急处置预案 on file for level 1. */
export const emergencyPlans = pgTable(
  'emergency_plans',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    adoptedOn: date('adopted_on', { mode: 'string' }).notNull(),
    summary: text('summary').notNull(),
    recordedBy: uuid('recorded_by')
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index('emergency_plans_case_idx').on(t.caseId)],
);

/** 警情: raised by a visit (extreme tendency, out of control) or reported directly. */
export const alerts = pgTable(
  'alerts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id').references(() => cases.id),
    personId: uuid('person_id')
      .notNull()
      .references(() => persons.id),
    source: text('source').notNull(),
    visitId: uuid('visit_id'),
    description: text('description').notNull(),
    occurredAt: timestamp('occurred_at', { withTimezone: true, mode: 'date' }).notNull(),
    /** reported | responding | disposed */
    status: text('status').notNull().default('reported'),
    path: text('path').notNull(),
    assistingPath: text('assisting_path'),
    reportedBy: uuid('reported_by')
      .notNull()
      .references(() => users.id),
    /** The joint-disposal chain (⑥): each step's time and who recorded it; timers run against the policy's targets. */
    policeRespondedAt: timestamp('police_responded_at', { withTimezone: true, mode: 'date' }),
    policeRespondedBy: uuid('police_responded_by').references(() => users.id),
    teamNotifiedAt: timestamp('team_notified_at', { withTimezone: true, mode: 'date' }),
    teamNotifiedBy: uuid('team_notified_by').references(() => users.id),
    disposition: text('disposition'),
    disposedAt: timestamp('disposed_at', { withTimezone: true, mode: 'date' }),
    disposedBy: uuid('disposed_by').references(() => users.id),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('alerts_case_idx').on(t.caseId), index('alerts_path_idx').on(t.path.op('text_pattern_ops'))],
);

/** A unit's webhook (WeCom/DingTalk robot or SMS gateway); the URL is stored SM4-encrypted. */
export const orgUnitWebhooks = pgTable('org_unit_webhooks', {
  orgUnitId: uuid('org_unit_id')
    .primaryKey()
    .references(() => orgUnits.id),
  urlEncrypted: text('url_encrypted').notNull(),
  urlMasked: text('url_masked').notNull(),
  format: text('format').notNull(),
  enabled: boolean('enabled').notNull().default(true),
  lastDeliveryAt: timestamp('last_delivery_at', { withTimezone: true, mode: 'date' }),
  lastError: text('last_error'),
  updatedAt: updatedAt(),
});

/** Outbox of webhook deliveries: written with the notice, sent after commit, retried with backoff. */
export const webhookDeliveries = pgTable(
  'webhook_deliveries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgUnitId: uuid('org_unit_id')
      .notNull()
      .references(() => orgUnits.id),
    payload: jsonb('payload').notNull(),
    /** pending | delivered | failed */
    status: text('status').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true, mode: 'date' }).notNull(),
    lastError: text('last_error'),
    createdAt: createdAt(),
  },
  (t) => [index('webhook_deliveries_due_idx').on(t.status, t.nextAttemptAt)],
);
