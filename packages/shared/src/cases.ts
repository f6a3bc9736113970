import { z } from 'zod';
import { abilities, id, isoDate, pageQuery, text } from './common.js';
import {
  CASE_SOURCES,
  CASE_STATUSES,
  CATEGORIES,
  DECISION_OUTCOMES,
  DELIST_REASONS,
  INDICATORS,
  PROPOSAL_KINDS,
} from './lifecycle.js';
import { caseNotice, objection } from './notice.js';
import { team } from './work.js';

const level = z.number().int().min(1, '级别为1至3').max(3, '级别为1至3');

// 入库呈报 → 列管案件
export const createCaseBody = z.strictObject({
  personId: id,
  /** A ledger case comes only from the 在册台账 import. */
  source: z.enum(CASE_SOURCES).exclude(['ledger']),
  categories: z.array(z.enum(CATEGORIES)).min(1, '至少选择一种情形').max(8),
  indicators: z.array(z.enum(INDICATORS)).max(8).default([]),
  proposedLevel: level,
  basis: text(4000).min(1),
  resolutionPlan: text(4000).min(1),
  listingOpinion: text(2000).optional(),
  responsibleOrgUnitIds: z.array(id).min(1, '至少指定一个责任单位').max(20),
  /** A proposal made on paper before Anxin: its date (never in the future). */
  proposedOn: isoDate.optional(),
  /** The entry of the 待研判 pool this proposal comes from. */
  screeningEntryId: id.optional(),
  superiorBody: text(100).optional(),
  superiorReference: text(100).optional(),
});
export type CreateCaseBody = z.infer<typeof createCaseBody>;

export const caseListQuery = z.strictObject({
  ...pageQuery,
  status: z.enum(CASE_STATUSES).optional(),
  level: z.coerce.number().int().min(1).max(3).optional(),
  orgUnitId: id.optional(),
  personId: id.optional(),
  awaitingConfirmation: z.enum(['true', 'false']).optional(),
  /** Part of the person's name. */
  q: text(50).optional(),
});

export const createProposalBody = z.strictObject({
  kind: z.enum(['level_change', 'delist']),
  proposedLevel: level.optional(),
  reasonCode: z.enum(DELIST_REASONS).optional(),
  indicators: z.array(z.enum(INDICATORS)).max(8).optional(),
  basis: text(4000).min(1),
  proposedOn: isoDate.optional(),
});
export type CreateProposalBody = z.infer<typeof createProposalBody>;

export const proposalListQuery = z.strictObject({
  ...pageQuery,
  status: z.enum(['pending', 'accepted', 'rejected']).optional(),
  caseId: id.optional(),
});

export const proposal = z.object({
  id,
  caseId: id,
  personId: id,
  personName: z.string(),
  kind: z.enum(PROPOSAL_KINDS),
  proposedLevel: z.number().int().nullable(),
  reasonCode: z.string().nullable(),
  basis: z.string(),
  indicators: z.array(z.string()).nullable(),
  status: z.enum(['pending', 'accepted', 'rejected']),
  proposerId: id,
  proposerName: z.string(),
  proposerOrgUnitId: id,
  proposedOn: z.string(),
  decisionId: id.nullable(),
});
export type Proposal = z.infer<typeof proposal>;

export const levelHistoryEntry = z.object({
  id,
  fromLevel: z.number().int().nullable(),
  toLevel: z.number().int().nullable(),
  effectiveOn: z.string(),
  kind: z.string(),
  reason: z.string(),
  meetingId: id.nullable(),
  decisionId: id.nullable(),
  reportedOn: z.string().nullable(),
});

export const decision = z.object({
  id,
  meetingId: id,
  caseId: id,
  proposalId: id.nullable(),
  outcome: z.enum(DECISION_OUTCOMES),
  level: z.number().int().nullable(),
  reason: z.string(),
  effectiveOn: z.string(),
  decidedBy: id,
});
export type Decision = z.infer<typeof decision>;

export const caseSummary = z.object({
  id,
  personId: id,
  personName: z.string(),
  idNumberMasked: z.string(),
  source: z.enum(CASE_SOURCES),
  status: z.enum(CASE_STATUSES),
  level: z.number().int().nullable(),
  proposedLevel: z.number().int(),
  awaitingConfirmation: z.boolean(),
  confirmationDueOn: z.string().nullable(),
  /** Past its confirmation date without a meeting's confirmation (Beijing today). */
  confirmationOverdue: z.boolean(),
  categories: z.array(z.enum(CATEGORIES)),
  proposedOn: z.string(),
  listedOn: z.string().nullable(),
  closedOn: z.string().nullable(),
  nextReviewOn: z.string().nullable(),
  responsibleTownId: id,
  responsibleTownName: z.string(),
  version: z.number().int(),
  abilities,
});
export type CaseSummary = z.infer<typeof caseSummary>;

export const caseDetail = caseSummary.extend({
  indicators: z.array(z.enum(INDICATORS)),
  basis: z.string(),
  resolutionPlan: z.string(),
  listingOpinion: z.string().nullable(),
  responsibleOrgUnitIds: z.array(id),
  /** The responsible units with their names (a village cadre cannot look up a department's name). */
  responsibleUnits: z.array(z.object({ id, name: z.string() })),
  superiorBody: z.string().nullable(),
  superiorReference: z.string().nullable(),
  delistReasonCode: z.string().nullable(),
  proposerId: id.nullable(),
  /** Flagged for level review by an alert (⑥) since this date, until a meeting takes the case up (③). */
  levelReviewSince: z.string().nullable(),
  levelReviewAlertId: id.nullable(),
  levelHistory: z.array(levelHistoryEntry),
  proposals: z.array(proposal),
  decisions: z.array(decision),
  /** 一人一专班, for a listed case. */
  team: team.nullable(),
  /** What is still due on the case, most urgent first. */
  obligations: z.array(
    z.object({ kind: z.string(), dueOn: z.string(), overdue: z.boolean(), lastMetOn: z.string().nullable() }),
  ),
  /** 告知 (PIPL Art. 35): whether the person was informed, or which exception applies and who decided. */
  notice: caseNotice,
  /** 异议: the person's objections and their answers, newest first. */
  objections: z.array(objection),
});
export type CaseDetail = z.infer<typeof caseDetail>;

/** A listed case an alert flagged for level review: on the meeting agenda until a meeting takes it up. */
export const levelReviewCase = caseSummary.extend({ levelReviewSince: z.string(), levelReviewAlertId: id.nullable() });
export type LevelReviewCase = z.infer<typeof levelReviewCase>;

export const reportUpwardBody = z.strictObject({ reportedOn: isoDate });

// Transfers (移交) and designation by the district (指定管辖)
export const createTransferBody = z.strictObject({ toTownId: id, reason: text(1000).min(1) });
export const answerTransferBody = z.strictObject({ accept: z.boolean(), reason: text(1000).min(1) });
export const designateTransferBody = z.strictObject({ townId: id, reason: text(1000).min(1) });
export const transfer = z.object({
  id,
  caseId: id,
  personName: z.string(),
  fromTownId: id,
  fromTownName: z.string(),
  toTownId: id,
  toTownName: z.string(),
  reason: z.string(),
  status: z.enum(['pending', 'accepted', 'refused', 'designated']),
  answerReason: z.string().nullable(),
  designatedTownId: id.nullable(),
  designatedBy: id.nullable(),
  designatedAt: z.string().nullable(),
  designationReason: z.string().nullable(),
  version: z.number().int(),
  abilities,
});
