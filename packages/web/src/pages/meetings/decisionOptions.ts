import { type CaseDetail, DECISION_OUTCOME_LABELS, type DecisionOutcome, type Proposal } from '@anxin/shared';
import { levelLabel } from '../../labels';
import { delistReasonLabel } from '../cases/proposalText';

/** The proposal kind each outcome settles (the server's rule: intake for list/reject, its own kind otherwise). */
const SETTLES: Partial<Record<DecisionOutcome, Proposal['kind']>> = {
  list: 'intake',
  reject: 'intake',
  change_level: 'level_change',
  delist: 'delist',
};

export const NEEDS_LEVEL: readonly DecisionOutcome[] = ['list', 'change_level', 'confirm'];

export interface DecisionChoice {
  outcomes: DecisionOutcome[];
  /** What the form starts with: what the pending proposal asks for. */
  defaultOutcome?: DecisionOutcome;
  defaultLevel?: number;
}

export function pendingProposal(item: CaseDetail): Proposal | undefined {
  return item.proposals.find((proposal) => proposal.status === 'pending');
}

/** The pending proposal a decision with this outcome settles, if any. */
export function proposalSettledBy(item: CaseDetail, outcome: DecisionOutcome): Proposal | undefined {
  const kind = SETTLES[outcome];
  return kind ? item.proposals.find((proposal) => proposal.status === 'pending' && proposal.kind === kind) : undefined;
}

/**
 * The outcomes that make sense for the case as it stands; the server's state machine still
 * decides and its 409 is shown as it comes. Delisting needs a delisting proposal first.
 */
export function decisionChoice(item: CaseDetail): DecisionChoice {
  const pending = pendingProposal(item);
  if (item.status === 'proposed') {
    return {
      outcomes: ['list', 'reject'],
      defaultOutcome: 'list',
      defaultLevel: pending?.proposedLevel ?? item.proposedLevel,
    };
  }
  if (item.status !== 'listed') return { outcomes: [] };
  const hasDelist = item.proposals.some((proposal) => proposal.status === 'pending' && proposal.kind === 'delist');
  if (item.awaitingConfirmation) {
    return {
      outcomes: hasDelist ? ['confirm', 'delist'] : ['confirm'],
      defaultOutcome: 'confirm',
      defaultLevel: item.level ?? undefined,
    };
  }
  const outcomes: DecisionOutcome[] = ['renew', 'change_level'];
  if (hasDelist) outcomes.push('delist');
  if (pending?.kind === 'level_change') {
    return { outcomes, defaultOutcome: 'change_level', defaultLevel: pending.proposedLevel ?? undefined };
  }
  if (pending?.kind === 'delist') return { outcomes, defaultOutcome: 'delist' };
  return { outcomes, defaultOutcome: 'renew' };
}

export const outcomeOptions = (outcomes: DecisionOutcome[]) =>
  outcomes.map((outcome) => ({ value: outcome, label: DECISION_OUTCOME_LABELS[outcome] }));

/** What the decision will change, in one sentence for the confirm dialog: 将把 张三 列为三级. */
export function decisionSentence(item: CaseDetail, outcome: DecisionOutcome, level: number | undefined): string {
  const name = item.personName;
  switch (outcome) {
    case 'list':
      return `将把 ${name} 列为${levelLabel(level)}，列管日期为会议日期`;
    case 'reject':
      return `将对 ${name} 的入库呈报作出不予列管决定，案件结案`;
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
