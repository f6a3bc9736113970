import {
  DECISION_OUTCOME_LABELS,
  DELIST_REASON_LABELS,
  type Decision,
  type DelistReason,
  PROPOSAL_KIND_LABELS,
  type Proposal,
} from '@anxin/shared';
import { levelLabel } from '../../labels';

export function delistReasonLabel(code: string | null | undefined): string {
  if (!code) return '—';
  return DELIST_REASON_LABELS[code as DelistReason] ?? code;
}

/** What a proposal asks for, in a few words: 建议列为三级 / 建议变更为二级 / 撤销列管：死亡. */
export function proposalAsk(proposal: Pick<Proposal, 'kind' | 'proposedLevel' | 'reasonCode'>): string {
  if (proposal.kind === 'intake') return `建议列为${levelLabel(proposal.proposedLevel)}`;
  if (proposal.kind === 'level_change') return `建议变更为${levelLabel(proposal.proposedLevel)}`;
  return `撤销列管：${delistReasonLabel(proposal.reasonCode)}`;
}

/**
 * What a decision did: 列管（三级） / 变更级别（二级） / 撤销列管 / 不予采纳级别变更呈报. A `reject`
 * settling a level-change or delisting proposal (found among `proposals`) turned that proposal
 * down; the case stayed listed.
 */
export function decisionText(
  decision: Pick<Decision, 'outcome' | 'level' | 'proposalId'>,
  proposals: readonly Pick<Proposal, 'id' | 'kind'>[] = [],
): string {
  if (decision.outcome === 'reject' && decision.proposalId) {
    const kind = proposals.find((proposal) => proposal.id === decision.proposalId)?.kind;
    if (kind && kind !== 'intake') return `不予采纳${PROPOSAL_KIND_LABELS[kind]}`;
  }
  const label = DECISION_OUTCOME_LABELS[decision.outcome] ?? decision.outcome;
  return decision.level ? `${label}（${levelLabel(decision.level)}）` : label;
}

export const PROPOSAL_STATUS: Record<string, { label: string; color: string }> = {
  pending: { label: '待研判', color: 'blue' },
  accepted: { label: '已采纳', color: 'green' },
  rejected: { label: '未采纳', color: 'default' },
};

/** Level-history row kinds. */
export const HISTORY_KIND_LABELS: Record<string, string> = {
  list: '研判列管',
  emergency: '紧急列管',
  confirm: '确认紧急列管',
  change_level: '级别变更',
  delist: '撤销列管',
};
