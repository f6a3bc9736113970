import { z } from 'zod';
import { id, isoDate, isoDateTime, pageQuery, text } from './common.js';
import { TEAM_UNITS } from './obligations.js';

const level = z.number().int().min(1, '级别为1至3').max(3, '级别为1至3');

// ── Service team (一人一专班) ──────────────────────────────────────────────────────────────

export const TEAM_ROLES = ['leader', 'member'] as const;
export const putTeamBody = z.strictObject({
  members: z
    .array(z.strictObject({ userId: id, role: z.enum(TEAM_ROLES) }))
    .min(2, '服务管理小组至少2人')
    .max(30),
  /** The team's version as read (0: no team yet); a stale one answers 409. */
  version: z.number().int().min(0).optional(),
});
export type PutTeamBody = z.infer<typeof putTeamBody>;

export const teamMember = z.object({
  userId: id,
  displayName: z.string(),
  orgUnitId: id,
  orgUnitName: z.string(),
  roles: z.array(z.string()),
  role: z.enum(TEAM_ROLES),
});
export type TeamMember = z.infer<typeof teamMember>;

export const responsibilityLetter = z.object({
  id,
  signedOn: z.string(),
  signatories: z.array(z.object({ userId: id, displayName: z.string() })),
  recordedBy: id,
});

export const team = z.object({
  caseId: id,
  members: z.array(teamMember),
  /** Units the case's level requires that no member covers (empty when complete). */
  missingUnits: z.array(z.object({ unit: z.enum(TEAM_UNITS), label: z.string() })),
  responsibilityLetter: responsibilityLetter.nullable(),
  version: z.number().int(),
});
export type Team = z.infer<typeof team>;

export const responsibilityLetterBody = z.strictObject({
  signedOn: isoDate,
  signatoryUserIds: z.array(id).min(1, '至少一名签订人').max(30),
});

// ── Visits (随访记录) ───────────────────────────────────────────────────────────────────────

export const CONTROL_STATUSES = ['in_control', 'out_of_control'] as const;
export const CONTROL_STATUS_LABELS = { in_control: '在控', out_of_control: '失控' } as const;

export const createVisitBody = z.strictObject({
  visitedAt: isoDateTime,
  visitorUserIds: z.array(id).min(2, '随访须由2名以上小组成员同行').max(20),
  livingSituation: text(4000).min(1),
  activities: text(4000).min(1),
  stateOfMind: text(4000).min(1),
  controlStatus: z.enum(CONTROL_STATUSES),
  extremeTendency: z.boolean(),
  measures: text(4000).min(1),
});
export type CreateVisitBody = z.infer<typeof createVisitBody>;

export const visit = z.object({
  id,
  caseId: id,
  visitedAt: z.string(),
  visitedOn: z.string(),
  visitors: z.array(z.object({ userId: id, displayName: z.string() })),
  livingSituation: z.string(),
  activities: z.string(),
  stateOfMind: z.string(),
  controlStatus: z.enum(CONTROL_STATUSES),
  extremeTendency: z.boolean(),
  measures: z.string(),
  /** The alert the visit raised (extreme tendency or out of control). */
  alertId: id.nullable(),
  recordedBy: id,
  createdAt: z.string(),
});
export type Visit = z.infer<typeof visit>;

export const workListQuery = z.strictObject({ ...pageQuery });
export const visitListQuery = z.strictObject({ ...pageQuery, caseId: id.optional() });
/** A visit in the cross-case history, with the person's name. */
export const visitWithPerson = visit.extend({
  personId: id,
  personName: z.string(),
  level: z.number().int().nullable(),
});

/** Users who may join a case's team: the case's town departments, the district's bodies, the person's village. */
export const teamCandidate = teamMember.omit({ role: true });

// ── Risk assessment reports (现实危害性评估报告) ─────────────────────────────────────────────

export const createAssessmentReportBody = z.strictObject({
  /** The period assessed, e.g. "2026-11" or "2026-10至2026-11". */
  period: text(50).min(1),
  /** The date the report was written (default today; not in the future). */
  reportedOn: isoDate.optional(),
  findings: text(8000).min(1),
  harmAssessment: text(8000).min(1),
  recommendedMeasures: text(8000).min(1),
  recommendedLevel: level.optional(),
});
export type CreateAssessmentReportBody = z.infer<typeof createAssessmentReportBody>;

export const assessmentReport = z.object({
  id,
  caseId: id,
  period: z.string(),
  reportedOn: z.string(),
  findings: z.string(),
  harmAssessment: z.string(),
  recommendedMeasures: z.string(),
  recommendedLevel: z.number().int().nullable(),
  /** The level when the report was written. */
  levelAtReport: z.number().int().nullable(),
  /** A recommended level that differs: a level-change proposal is prepared for the team leader. */
  proposalPrepared: z.boolean(),
  /** The proposal once the team leader submitted it. */
  proposalId: id.nullable(),
  authorId: id,
  authorName: z.string(),
});
export type AssessmentReport = z.infer<typeof assessmentReport>;

// ── Level 1 records: daily reports, watch logs, emergency plan ───────────────────────────────

export const createDailyReportBody = z.strictObject({
  reportedOn: isoDate,
  content: text(8000).min(1),
});
export const dailyReport = z.object({
  id,
  caseId: id,
  reportedOn: z.string(),
  content: z.string(),
  authorId: id,
  authorName: z.string(),
});

export const WATCH_SHIFTS = ['day', 'night', 'full_day'] as const;
export const WATCH_SHIFT_LABELS = { day: '白班', night: '夜班', full_day: '全天' } as const;
/** 值守记录: who was on duty and what they did. A record of people's work; nothing is tracked. */
export const createWatchLogBody = z.strictObject({
  dutyOn: isoDate,
  shift: z.enum(WATCH_SHIFTS),
  onDutyUserIds: z.array(id).min(1, '至少一名值守人员').max(20),
  notes: text(8000).min(1),
});
export const watchLog = z.object({
  id,
  caseId: id,
  dutyOn: z.string(),
  shift: z.enum(WATCH_SHIFTS),
  onDuty: z.array(z.object({ userId: id, displayName: z.string() })),
  notes: z.string(),
  recordedBy: id,
});

export const createEmergencyPlanBody = z.strictObject({
  adoptedOn: isoDate,
  summary: text(8000).min(1),
});
export const emergencyPlan = z.object({
  id,
  caseId: id,
  adoptedOn: z.string(),
  summary: z.string(),
  recordedBy: id,
});

// Alerts (警情) and their joint disposal live in alerts.ts.

/** The team leader submits the level-change proposal an assessment report prepared. */
export const submitReportProposalBody = z.strictObject({ basis: text(4000).optional() });
