import { sql } from 'drizzle-orm';
import { date, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, updatedAt } from './columns.js';
import { orgUnits, users } from './identity.js';
import { cases } from './lifecycle.js';
import { persons } from './persons.js';
import { alerts } from './work.js';

// ── Help and oversight (§四(三)3 ④–⑥, §五): services, grievances, inspections, investigations,
// the notice to the person and their objections. Scope always comes from the case (its
// responsible_path / assisting_path), never from a copy, so a transfer moves everything at once.

/** 帮扶服务: one help item of a case, worked by the responsible unit from its queue. */
export const serviceItems = pgTable(
  'service_items',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    personId: uuid('person_id')
      .notNull()
      .references(() => persons.id),
    type: text('type').notNull(),
    responsibleOrgUnitId: uuid('responsible_org_unit_id')
      .notNull()
      .references(() => orgUnits.id),
    description: text('description').notNull(),
    /** planned | in_progress | done | declined | not_eligible */
    status: text('status').notNull().default('planned'),
    outcome: text('outcome'),
    startedOn: date('started_on', { mode: 'string' }),
    completedOn: date('completed_on', { mode: 'string' }),
    dueOn: date('due_on', { mode: 'string' }),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id),
    updatedBy: uuid('updated_by').references(() => users.id),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('service_items_case_idx').on(t.caseId),
    index('service_items_unit_idx').on(t.responsibleOrgUnitId, t.status),
  ],
);

/** 矛盾纠纷与诉求: resolved by the unit with authority (事权单位) by a deadline; 平安办 supervises. */
export const grievances = pgTable(
  'grievances',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    personId: uuid('person_id')
      .notNull()
      .references(() => persons.id),
    type: text('type').notNull(),
    description: text('description').notNull(),
    responsibleOrgUnitId: uuid('responsible_org_unit_id')
      .notNull()
      .references(() => orgUnits.id),
    /** open | in_progress | resolved | unresolvable */
    status: text('status').notNull().default('open'),
    resolution: text('resolution'),
    dueOn: date('due_on', { mode: 'string' }).notNull(),
    resolvedOn: date('resolved_on', { mode: 'string' }),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id),
    updatedBy: uuid('updated_by').references(() => users.id),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('grievances_case_idx').on(t.caseId),
    index('grievances_unit_idx').on(t.responsibleOrgUnitId, t.status),
    index('grievances_due_idx').on(t.dueOn).where(sql`status IN ('open', 'in_progress')`),
  ],
);

/** The steps of an alert's joint disposal (⑥), one row per step taken, in order. */
export const alertEvents = pgTable(
  'alert_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    alertId: uuid('alert_id')
      .notNull()
      .references(() => alerts.id),
    /** reported | police_responded | team_notified | disposed | note */
    step: text('step').notNull(),
    at: timestamp('at', { withTimezone: true, mode: 'date' }).notNull(),
    note: text('note'),
    actorId: uuid('actor_id')
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index('alert_events_alert_idx').on(t.alertId, t.at)],
);

/** 督导检查 of a village (or community) or of one case's team. */
export const inspections = pgTable(
  'inspections',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgUnitId: uuid('org_unit_id')
      .notNull()
      .references(() => orgUnits.id),
    /** The inspected unit's path: jurisdiction filters by prefix. */
    path: text('path').notNull(),
    caseId: uuid('case_id').references(() => cases.id),
    inspectedOn: date('inspected_on', { mode: 'string' }).notNull(),
    findings: text('findings').notNull(),
    inspectorId: uuid('inspector_id')
      .notNull()
      .references(() => users.id),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('inspections_path_idx').on(t.path.op('text_pattern_ops')), index('inspections_case_idx').on(t.caseId)],
);

/** 整改: one rectification item of an inspection, with its due date and status. */
export const rectifications = pgTable(
  'rectifications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    inspectionId: uuid('inspection_id')
      .notNull()
      .references(() => inspections.id),
    description: text('description').notNull(),
    dueOn: date('due_on', { mode: 'string' }).notNull(),
    /** open | done */
    status: text('status').notNull().default('open'),
    doneOn: date('done_on', { mode: 'string' }),
    note: text('note'),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('rectifications_inspection_idx').on(t.inspectionId)],
);

/** 责任倒查: 一案一调查、一案一问责 — at most one per alert. */
export const investigations = pgTable(
  'investigations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    alertId: uuid('alert_id').references(() => alerts.id),
    caseId: uuid('case_id').references(() => cases.id),
    /** The path it is scoped by: the case's responsible path (or the alert's). */
    path: text('path').notNull(),
    assistingPath: text('assisting_path'),
    findings: text('findings').notNull(),
    accountableOrgUnitIds: uuid('accountable_org_unit_ids').array().notNull(),
    accountablePersons: text('accountable_persons'),
    outcome: text('outcome').notNull(),
    /** open | concluded */
    status: text('status').notNull().default('open'),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('investigations_one_per_alert').on(t.alertId).where(sql`alert_id IS NOT NULL`),
    index('investigations_path_idx').on(t.path.op('text_pattern_ops')),
    index('investigations_case_idx').on(t.caseId),
  ],
);

/** 异议: an objection the person raised against their listing, and how it was answered. */
export const objections = pgTable(
  'objections',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    raisedOn: date('raised_on', { mode: 'string' }).notNull(),
    content: text('content').notNull(),
    /** open | answered */
    status: text('status').notNull().default('open'),
    answer: text('answer'),
    answeredOn: date('answered_on', { mode: 'string' }),
    answeredBy: uuid('answered_by').references(() => users.id),
    recordedBy: uuid('recorded_by')
      .notNull()
      .references(() => users.id),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('objections_case_idx').on(t.caseId)],
);
