import { z } from 'zod';
import { decision } from './cases.js';
import { abilities, id, isoDateTime, pageQuery, text } from './common.js';
import { DECISION_OUTCOMES, DELIST_REASONS, MEETING_KINDS } from './lifecycle.js';

// 会议
export const createMeetingBody = z.strictObject({
  kind: z.enum(MEETING_KINDS),
  /** When it was held; never in the future. A meeting may be recorded afterwards. */
  heldAt: isoDateTime,
  orgUnitId: id,
  participantUserIds: z.array(id).max(100).default([]),
  caseIds: z.array(id).max(200).default([]),
  minutes: text(20000).default(''),
});
export type CreateMeetingBody = z.infer<typeof createMeetingBody>;

export const updateMeetingBody = z.strictObject({
  participantUserIds: z.array(id).max(100).optional(),
  caseIds: z.array(id).max(200).optional(),
  minutes: text(20000).optional(),
  version: z.number().int().min(1),
});
export type UpdateMeetingBody = z.infer<typeof updateMeetingBody>;

export const meetingListQuery = z.strictObject({
  ...pageQuery,
  kind: z.enum(MEETING_KINDS).optional(),
  caseId: id.optional(),
});

export const createDecisionBody = z.strictObject({
  caseId: id,
  proposalId: id.optional(),
  outcome: z.enum(DECISION_OUTCOMES),
  level: z.number().int().min(1).max(3).optional(),
  /** For a delisting decided without a prior delisting proposal: the plan's reason (§四(二)4). */
  reasonCode: z.enum(DELIST_REASONS).optional(),
  reason: text(4000).min(1),
});
export type CreateDecisionBody = z.infer<typeof createDecisionBody>;

export const meeting = z.object({
  id,
  kind: z.enum(MEETING_KINDS),
  heldAt: z.string(),
  heldOn: z.string(),
  orgUnitId: id,
  orgUnitName: z.string(),
  minutes: z.string(),
  participants: z.array(z.object({ userId: id, displayName: z.string(), orgUnitId: id, roles: z.array(z.string()) })),
  caseIds: z.array(id),
  decisions: z.array(decision),
  /** For an assessment meeting: who is still needed before it may decide on each agenda case. */
  missingForQuorum: z.array(z.object({ caseId: id, missing: z.array(z.string()) })),
  version: z.number().int(),
  abilities,
});
export type Meeting = z.infer<typeof meeting>;

export const agendaQuery = z.strictObject({ orgUnitId: id });
