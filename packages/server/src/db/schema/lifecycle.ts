import { sql } from 'drizzle-orm';
import { boolean, date, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, updatedAt } from './columns.js';
import { orgUnits, users } from './identity.js';
import { persons } from './persons.js';

// ── Case lifecycle (§四(一), §四(二)) ─────────────────────────────────────────

/** 排查情况表: one return per reporting unit (village, community or member unit) per month. */
export const screeningReports = pgTable(
  'screening_reports',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgUnitId: uuid('org_unit_id')
      .notNull()
      .references(() => orgUnits.id),
    /** Copy of the unit's path, for jurisdiction. */
    orgUnitPath: text('org_unit_path').notNull(),
    /** "2026-11" */
    month: text('month').notNull(),
    /** 零报告: nobody found this month, said explicitly. */
    zeroReport: boolean('zero_report').notNull().default(false),
    status: text('status').notNull().default('draft'),
    submittedAt: timestamp('submitted_at', { withTimezone: true, mode: 'date' }),
    submittedBy: uuid('submitted_by').references(() => users.id),
    /** Submitted before the 22nd, 00:00 Beijing time, of its month. */
    onTime: boolean('on_time'),
    createdBy: uuid('created_by').references(() => users.id),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('screening_reports_unit_month_key').on(t.orgUnitId, t.month),
    index('screening_reports_path_idx').on(t.orgUnitPath.op('text_pattern_ops')),
    index('screening_reports_month_idx').on(t.month),
  ],
);

/** One suspect in a return. Submitted entries wait in the 待研判 pool until proposed or dismissed. */
export const screeningEntries = pgTable(
  'screening_entries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    reportId: uuid('report_id')
      .notNull()
      .references(() => screeningReports.id),
    personId: uuid('person_id')
      .notNull()
      .references(() => persons.id),
    categories: text('categories').array().notNull(),
    description: text('description').notNull(),
    /** pending (in the pool once submitted) | proposed | dismissed */
    poolStatus: text('pool_status').notNull().default('pending'),
    dismissedReason: text('dismissed_reason'),
    dismissedBy: uuid('dismissed_by').references(() => users.id),
    dismissedAt: timestamp('dismissed_at', { withTimezone: true, mode: 'date' }),
    caseId: uuid('case_id'),
    createdAt: createdAt(),
  },
  (t) => [index('screening_entries_report_idx').on(t.reportId), index('screening_entries_person_idx').on(t.personId)],
);

/** 列管案件: one listing episode of a person. */
export const cases = pgTable(
  'cases',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    personId: uuid('person_id')
      .notNull()
      .references(() => persons.id),
    source: text('source').notNull(),
    screeningEntryId: uuid('screening_entry_id').references(() => screeningEntries.id),
    /** 上级交办: the assigning body and its reference. */
    superiorBody: text('superior_body'),
    superiorReference: text('superior_reference'),
    categories: text('categories').array().notNull(),
    indicators: text('indicators').array().notNull(),
    proposedLevel: integer('proposed_level').notNull(),
    level: integer('level'),
    status: text('status').notNull(),
    awaitingConfirmation: boolean('awaiting_confirmation').notNull().default(false),
    confirmationDueOn: date('confirmation_due_on', { mode: 'string' }),
    basis: text('basis').notNull(),
    resolutionPlan: text('resolution_plan').notNull(),
    listingOpinion: text('listing_opinion'),
    responsibleOrgUnitIds: uuid('responsible_org_unit_ids').array().notNull(),
    proposerId: uuid('proposer_id').references(() => users.id),
    proposedOn: date('proposed_on', { mode: 'string' }).notNull(),
    listedOn: date('listed_on', { mode: 'string' }),
    closedOn: date('closed_on', { mode: 'string' }),
    delistReasonCode: text('delist_reason_code'),
    nextReviewOn: date('next_review_on', { mode: 'string' }),
    /** The responsible town (户籍地, or the town the district designated) and the unit path it is scoped by. */
    responsibleTownId: uuid('responsible_town_id')
      .notNull()
      .references(() => orgUnits.id),
    responsiblePath: text('responsible_path').notNull(),
    /** The 居住地 unit path when it differs: that town assists and sees the case. */
    assistingPath: text('assisting_path'),
    /**
     * 告知 (PIPL Art. 35): pending | informed | exception. An exception names which
     * (statutory_confidentiality | impede_duty) and who decided it.
     */
    noticeStatus: text('notice_status').notNull().default('pending'),
    noticeException: text('notice_exception'),
    noticeOn: date('notice_on', { mode: 'string' }),
    noticeNote: text('notice_note'),
    noticeDecidedBy: uuid('notice_decided_by').references(() => users.id),
    /** Flagged for level review by an alert (⑥) until a consultation meeting takes the case up. */
    levelReviewSince: date('level_review_since', { mode: 'string' }),
    levelReviewAlertId: uuid('level_review_alert_id'),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('cases_person_idx').on(t.personId),
    // Only one open case per person.
    uniqueIndex('cases_one_open_per_person').on(t.personId).where(sql`status IN ('proposed', 'listed')`),
    index('cases_responsible_path_idx').on(t.responsiblePath.op('text_pattern_ops')),
    index('cases_assisting_path_idx').on(t.assistingPath.op('text_pattern_ops')),
    index('cases_status_idx').on(t.status, t.level),
  ],
);

/** 呈报: a request for a joint decision (intake, level change, delisting), with its proposer. */
export const proposals = pgTable(
  'proposals',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    kind: text('kind').notNull(),
    proposedLevel: integer('proposed_level'),
    reasonCode: text('reason_code'),
    basis: text('basis').notNull(),
    indicators: text('indicators').array(),
    /** pending | accepted | rejected */
    status: text('status').notNull().default('pending'),
    proposerId: uuid('proposer_id')
      .notNull()
      .references(() => users.id),
    proposerOrgUnitId: uuid('proposer_org_unit_id')
      .notNull()
      .references(() => orgUnits.id),
    proposedOn: date('proposed_on', { mode: 'string' }).notNull(),
    decisionId: uuid('decision_id'),
    createdAt: createdAt(),
  },
  (t) => [
    index('proposals_case_idx').on(t.caseId),
    index('proposals_status_idx').on(t.status),
    // One pending proposal of each kind per case, whoever races to file it.
    uniqueIndex('proposals_one_pending_per_kind').on(t.caseId, t.kind).where(sql`status = 'pending'`),
  ],
);

/** 会议: assessment meetings and the other kinds, with minutes. */
export const meetings = pgTable(
  'meetings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: text('kind').notNull(),
    heldAt: timestamp('held_at', { withTimezone: true, mode: 'date' }).notNull(),
    /** The Beijing date of heldAt: decisions take effect on it. */
    heldOn: date('held_on', { mode: 'string' }).notNull(),
    orgUnitId: uuid('org_unit_id')
      .notNull()
      .references(() => orgUnits.id),
    orgUnitPath: text('org_unit_path').notNull(),
    minutes: text('minutes').notNull().default(''),
    createdBy: uuid('created_by').references(() => users.id),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('meetings_path_idx').on(t.orgUnitPath.op('text_pattern_ops')), index('meetings_held_idx').on(t.heldAt)],
);

/** Attendance: who was there, with their unit and roles as they were then. */
export const meetingParticipants = pgTable(
  'meeting_participants',
  {
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => meetings.id),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    orgUnitId: uuid('org_unit_id').notNull(),
    roles: text('roles').array().notNull(),
  },
  (t) => [uniqueIndex('meeting_participants_key').on(t.meetingId, t.userId)],
);

/** The cases on a meeting's agenda. */
export const meetingCases = pgTable(
  'meeting_cases',
  {
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => meetings.id),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
  },
  (t) => [uniqueIndex('meeting_cases_key').on(t.meetingId, t.caseId)],
);

/** 研判决定: taken in a meeting, effective on the meeting's date. */
export const decisions = pgTable(
  'decisions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => meetings.id),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    proposalId: uuid('proposal_id').references(() => proposals.id),
    outcome: text('outcome').notNull(),
    level: integer('level'),
    reason: text('reason').notNull(),
    effectiveOn: date('effective_on', { mode: 'string' }).notNull(),
    decidedBy: uuid('decided_by')
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index('decisions_case_idx').on(t.caseId), index('decisions_meeting_idx').on(t.meetingId)],
);

/** Level history: every listing, level change, confirmation and delisting, with its meeting. */
export const caseLevelHistory = pgTable(
  'case_level_history',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    fromLevel: integer('from_level'),
    toLevel: integer('to_level'),
    effectiveOn: date('effective_on', { mode: 'string' }).notNull(),
    meetingId: uuid('meeting_id').references(() => meetings.id),
    decisionId: uuid('decision_id').references(() => decisions.id),
    /** list | emergency | confirm | change_level | delist */
    kind: text('kind').notNull(),
    reason: text('reason').notNull(),
    /** 报区公安局入库/变更: the date the report went to the district police, once done. */
    reportedOn: date('reported_on', { mode: 'string' }),
    reportedBy: uuid('reported_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index('case_level_history_case_idx').on(t.caseId)],
);

/** In-app notices to a unit (the written notice document comes with the documents module). */
export const notifications = pgTable(
  'notifications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgUnitId: uuid('org_unit_id')
      .notNull()
      .references(() => orgUnits.id),
    caseId: uuid('case_id').references(() => cases.id),
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    readAt: timestamp('read_at', { withTimezone: true, mode: 'date' }),
    readBy: uuid('read_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index('notifications_unit_idx').on(t.orgUnitId, t.createdAt)],
);

/** A request to move a case to another town; a dispute goes to the district, which designates. */
export const caseTransfers = pgTable(
  'case_transfers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    fromTownId: uuid('from_town_id')
      .notNull()
      .references(() => orgUnits.id),
    toTownId: uuid('to_town_id')
      .notNull()
      .references(() => orgUnits.id),
    reason: text('reason').notNull(),
    /** pending | accepted | refused (then disputed) | designated */
    status: text('status').notNull().default('pending'),
    requestedBy: uuid('requested_by')
      .notNull()
      .references(() => users.id),
    requestedAt: timestamp('requested_at', { withTimezone: true, mode: 'date' }).notNull(),
    answeredBy: uuid('answered_by').references(() => users.id),
    answeredAt: timestamp('answered_at', { withTimezone: true, mode: 'date' }),
    answerReason: text('answer_reason'),
    designatedTownId: uuid('designated_town_id').references(() => orgUnits.id),
    designatedBy: uuid('designated_by').references(() => users.id),
    designatedAt: timestamp('designated_at', { withTimezone: true, mode: 'date' }),
    designationReason: text('designation_reason'),
    districtPath: text('district_path').notNull(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    index('case_transfers_case_idx').on(t.caseId),
    // One unsettled transfer per case.
    uniqueIndex('case_transfers_one_open').on(t.caseId).where(sql`status IN ('pending', 'refused')`),
  ],
);

/** 档案材料: uploaded files of a case, by archive kind; the bytes live in document_blobs. */
