import {
  type CaseDetail,
  DECISION_OUTCOME_LABELS,
  type DecisionOutcome,
  PROPOSAL_KIND_LABELS,
  type Proposal,
} from '@anxin/shared';
import { levelLabel } from '../../labels';
import { delistReasonLabel, proposalAsk } from '../cases/proposalText';

/** The proposal kind each outcome settles (the server's rule: intake for list/reject, its own kind otherwise). */
const SETTLES: Partial<Record<DecisionOutcome, Proposal['kind']>> = {
  list: 'intake',
  reject: 'intake',
  change_level: 'level_change',
  delist: 'delist',
};

export const NEEDS_LEVEL: readonly DecisionOutcome[] = ['list', 'change_level', 'confirm'];

/**
 * One entry of the decision select. Most are an outcome; 不予采纳 on a listed case is `reject`
 * naming the level-change or delisting proposal it turns down (both may be pending at once, so
 * each gets its own entry and the server is told which one).
 */
export interface DecisionOption {
  /** The select's value: the outcome, or `reject:<proposalId>`. */
  value: string;
  label: string;
  outcome: DecisionOutcome;
  /** The proposal a 不予采纳 turns down. */
  declines?: Proposal;
}

export interface DecisionChoice {
  options: DecisionOption[];
  /** What the form starts with: what the pending proposal asks for. */
  defaultValue?: string;
  defaultLevel?: number;
}

export function pendingProposals(item: CaseDetail): Proposal[] {
  return item.proposals.filter((proposal) => proposal.status === 'pending');
}

export function pendingProposal(item: CaseDetail): Proposal | undefined {
  return pendingProposals(item)[0];
}

/** The pending proposal a decision with this outcome settles, if any. */
export function proposalSettledBy(item: CaseDetail, outcome: DecisionOutcome): Proposal | undefined {
  const kind = SETTLES[outcome];
  return kind ? item.proposals.find((proposal) => proposal.status === 'pending' && proposal.kind === kind) : undefined;
}

const plain = (outcome: DecisionOutcome): DecisionOption => ({
  value: outcome,
  label: DECISION_OUTCOME_LABELS[outcome],
  outcome,
});

/** 不予采纳 of a pending level-change or delisting proposal: the case stays listed as it is. */
const declining = (proposal: Proposal): DecisionOption => ({
  value: `reject:${proposal.id}`,
  label: `不予采纳（${PROPOSAL_KIND_LABELS[proposal.kind]}）`,
  outcome: 'reject',
  declines: proposal,
});

/**
 * The decisions that make sense for the case as it stands; the server's state machine still
 * decides and its 409 is shown as it comes. A level change and a delisting need their proposal
 * first; a pending level-change or delisting proposal may also be turned down (不予采纳).
 */
export function decisionChoice(item: CaseDetail): DecisionChoice {
  const pending = pendingProposals(item);
  if (item.status === 'proposed') {
    const intake = pending.find((proposal) => proposal.kind === 'intake');
    return {
      options: [plain('list'), plain('reject')],
      defaultValue: 'list',
      defaultLevel: intake?.proposedLevel ?? item.proposedLevel,
    };
  }
  if (item.status !== 'listed') return { options: [] };
  const levelChange = pending.find((proposal) => proposal.kind === 'level_change');
  const delist = pending.find((proposal) => proposal.kind === 'delist');
  const declinable = [levelChange, delist].filter((proposal) => proposal !== undefined).map(declining);
  if (item.awaitingConfirmation) {
    return {
      options: [plain('confirm'), ...(delist ? [plain('delist')] : []), ...declinable],
      defaultValue: 'confirm',
      defaultLevel: item.level ?? undefined,
    };
  }
  // A level change needs its proposal (谁呈报、谁负责): without one the server refuses it.
  const options = [
    plain('renew'),
    ...(levelChange ? [plain('change_level')] : []),
    ...(delist ? [plain('delist')] : []),
    ...declinable,
  ];
  // The oldest pending proposal is what the meeting is asked first.
  const first = pending[0];
  if (first?.kind === 'level_change') {
    return { options, defaultValue: 'change_level', defaultLevel: first.proposedLevel ?? undefined };
  }
  if (first?.kind === 'delist') return { options, defaultValue: 'delist' };
  return { options, defaultValue: 'renew' };
}

/** What the decision will change, in one sentence for the confirm dialog: 将把 张三 列为三级. */
export function decisionSentence(item: CaseDetail, option: DecisionOption, level: number | undefined): string {
  const name = item.personName;
  switch (option.outcome) {
    case 'list':
      return `将把 ${name} 列为${levelLabel(level)}，列管日期为会议日期`;
    case 'reject':
      return option.declines
        ? `将对 ${name} 的${PROPOSAL_KIND_LABELS[option.declines.kind]}（${proposalAsk(option.declines)}）作出不予采纳决定，案件维持${levelLabel(item.level)}列管`
        : `将对 ${name} 的入库呈报作出不予列管决定，案件结案`;
    case 'change_level':
      return `将把 ${name} 由${levelLabel(item.level)}变更为${levelLabel(level)}`;
    case 'delist': {
      const reason = proposalSettledBy(item, 'delist')?.reasonCode;
      return `将撤销 ${name} 的列管（${delistReasonLabel(reason)}），案件结案`;
    }
    case 'confirm':
      return level && level !== item.level
        ? `将确认 ${name} 的紧急列管，并把级别由${levelLabel(item.level)}调整为${levelLabel(level)}`
        : `将确认 ${name} 的紧急列管（${levelLabel(item.level)}）`;
    case 'renew':
      return `将对 ${name} 作出复核后继续列管（${levelLabel(item.level)}）的决定，重新计算下次复核日期`;
  }
}
