// The case state machine (列管状态): the one place that says which decision may follow which state.
import type { CaseStatus, DecisionOutcome } from '@anxin/shared';
import { addDays, addMonths } from '../../lib/dates.js';

export interface CaseState {
  status: CaseStatus;
  level: number | null;
  awaitingConfirmation: boolean;
}

/** A refused transition: answered with 409 and this Chinese message. */
export class TransitionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TransitionError';
  }
}

export interface TransitionResult {
  next: CaseState;
  /** The level-history row the decision writes, if it changes or confirms the level. */
  history: {
    kind: 'list' | 'change_level' | 'confirm' | 'delist';
    fromLevel: number | null;
    toLevel: number | null;
  } | null;
  /** Whether the case closes (rejected or delisted) on the decision's date. */
  closes: boolean;
}

const OPEN: readonly CaseStatus[] = ['proposed', 'listed'];

export function isOpen(status: CaseStatus): boolean {
  return OPEN.includes(status);
}

function requireLevel(level: number | undefined, action: string): number {
  if (level === undefined || !Number.isInteger(level) || level < 1 || level > 3) {
    throw new TransitionError(`${action}须指定级别(level)：1、2或3级`);
  }
  return level;
}

/**
 * Applies a meeting's decision to a case's state, or refuses it. `declining` names the kind of a
 * pending level-change or delisting proposal that a `reject` on a listed case turns down (the
 * case stays as it is).
 */
export function applyDecision(
  state: CaseState,
  outcome: DecisionOutcome,
  level?: number,
  declining?: 'level_change' | 'delist',
): TransitionResult {
  switch (outcome) {
    case 'list': {
      if (state.status !== 'proposed')
        throw new TransitionError(`只有待研判的呈报可以列管，该案件当前为「${statusWord(state)}」`);
      const to = requireLevel(level, '列管');
      return {
        next: { status: 'listed', level: to, awaitingConfirmation: false },
        history: { kind: 'list', fromLevel: null, toLevel: to },
        closes: false,
      };
    }
    case 'reject': {
      if (state.status === 'listed' && declining) return { next: state, history: null, closes: false };
      if (state.status !== 'proposed') {
        throw new TransitionError(`没有可不予采纳的待研判呈报，该案件当前为「${statusWord(state)}」`);
      }
      return { next: { status: 'rejected', level: null, awaitingConfirmation: false }, history: null, closes: true };
    }
    case 'change_level': {
      assertListed(state, '变更级别');
      if (state.awaitingConfirmation)
        throw new TransitionError('紧急列管尚未经研判会确认，请先作出「确认紧急列管」决定（可同时调整级别）');
      const to = requireLevel(level, '变更级别');
      if (to === state.level) throw new TransitionError(`该案件已是${to}级，变更级别须改为不同的级别`);
      return {
        next: { ...state, level: to },
        history: { kind: 'change_level', fromLevel: state.level, toLevel: to },
        closes: false,
      };
    }
    case 'delist': {
      assertListed(state, '撤销列管');
      return {
        next: { status: 'delisted', level: null, awaitingConfirmation: false },
        history: { kind: 'delist', fromLevel: state.level, toLevel: null },
        closes: true,
      };
    }
    case 'confirm': {
      assertListed(state, '确认紧急列管');
      if (!state.awaitingConfirmation) throw new TransitionError('该案件不是待确认的紧急列管');
      const to = level === undefined ? (state.level as number) : requireLevel(level, '确认紧急列管');
      return {
        next: { status: 'listed', level: to, awaitingConfirmation: false },
        history: { kind: 'confirm', fromLevel: state.level, toLevel: to },
        closes: false,
      };
    }
    case 'renew': {
      assertListed(state, '复核后继续列管');
      if (state.awaitingConfirmation) throw new TransitionError('紧急列管尚未确认，请先作出「确认紧急列管」决定');
      return { next: state, history: null, closes: false };
    }
  }
}

function assertListed(state: CaseState, action: string) {
  if (state.status !== 'listed')
    throw new TransitionError(`只有列管中的案件可以${action}，该案件当前为「${statusWord(state)}」`);
}

function statusWord(state: CaseState): string {
  return { proposed: '待研判', listed: '列管中', rejected: '不予列管', delisted: '已撤销列管' }[state.status];
}

/** Review and confirmation periods; defaults from the plan, overridable per installation. */
export interface LifecyclePolicy {
  /** An emergency listing must be confirmed by a meeting within this many days. */
  confirmationDays: number;
  /** Next review after the last decision, per level. */
  review: Record<1 | 2 | 3, { days?: number; months?: number }>;
}

export const DEFAULT_LIFECYCLE_POLICY: LifecyclePolicy = {
  confirmationDays: 7,
  review: { 1: { days: 7 }, 2: { months: 1 }, 3: { months: 2 } },
};

/** The next review date of a case listed at `level`, counted from the decision's date. */
export function nextReviewOn(policy: LifecyclePolicy, level: number, decidedOn: string): string {
  const interval = policy.review[level as 1 | 2 | 3];
  if (!interval) throw new TransitionError(`无效级别：${level}`);
  return interval.months ? addMonths(decidedOn, interval.months) : addDays(decidedOn, interval.days ?? 0);
}

export function confirmationDueOn(policy: LifecyclePolicy, listedOn: string): string {
  return addDays(listedOn, policy.confirmationDays);
}
