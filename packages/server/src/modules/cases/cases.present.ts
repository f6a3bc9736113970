import type { CaseSource, CaseStatus, Category, DecisionOutcome, ProposalKind } from '@anxin/shared';
import type { caseLevelHistory, decisions } from '../../db/schema.js';
import type { Actor } from '../access/actor.js';
import { caseAbilities } from './cases.policy.js';
import type { CaseWithPerson, ProposalWithNames } from './cases.queries.js';

/** The case as lists show it; `today` is the Beijing date that decides what is overdue. */
export function presentCaseSummary(actor: Actor, row: CaseWithPerson, today: string) {
  const c = row.case;
  return {
    id: c.id,
    personId: c.personId,
    personName: row.personName,
    idNumberMasked: row.idNumberMasked,
    source: c.source as CaseSource,
    status: c.status as CaseStatus,
    level: c.level,
    proposedLevel: c.proposedLevel,
    awaitingConfirmation: c.awaitingConfirmation,
    confirmationDueOn: c.confirmationDueOn,
    confirmationOverdue: c.awaitingConfirmation && c.confirmationDueOn !== null && c.confirmationDueOn < today,
    categories: c.categories as Category[],
    proposedOn: c.proposedOn,
    listedOn: c.listedOn,
    closedOn: c.closedOn,
    nextReviewOn: c.nextReviewOn,
    responsibleTownId: c.responsibleTownId,
    responsibleTownName: row.townName,
    version: c.version,
    abilities: caseAbilities(actor, c),
  };
}

export function presentProposal(row: ProposalWithNames) {
  const p = row.proposal;
  return {
    id: p.id,
    caseId: p.caseId,
    personId: row.personId,
    personName: row.personName,
    kind: p.kind as ProposalKind,
    proposedLevel: p.proposedLevel,
    reasonCode: p.reasonCode,
    basis: p.basis,
    indicators: p.indicators,
    status: p.status as 'pending' | 'accepted' | 'rejected',
    proposerId: p.proposerId,
    proposerName: row.proposerName,
    proposerOrgUnitId: p.proposerOrgUnitId,
    proposedOn: p.proposedOn,
    decisionId: p.decisionId,
  };
}

export function presentDecision(d: typeof decisions.$inferSelect) {
  return {
    id: d.id,
    meetingId: d.meetingId,
    caseId: d.caseId,
    proposalId: d.proposalId,
    outcome: d.outcome as DecisionOutcome,
    level: d.level,
    reason: d.reason,
    effectiveOn: d.effectiveOn,
    decidedBy: d.decidedBy,
  };
}

export function presentLevelHistory(h: typeof caseLevelHistory.$inferSelect) {
  return {
    id: h.id,
    fromLevel: h.fromLevel,
    toLevel: h.toLevel,
    effectiveOn: h.effectiveOn,
    kind: h.kind,
    reason: h.reason,
    meetingId: h.meetingId,
    decisionId: h.decisionId,
    reportedOn: h.reportedOn,
  };
}
