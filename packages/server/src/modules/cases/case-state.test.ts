import { DECISION_OUTCOMES, type DecisionOutcome } from '@anxin/shared';
import { describe, expect, it } from 'vitest';
import {
  applyDecision,
  type CaseState,
  confirmationDueOn,
  DEFAULT_LIFECYCLE_POLICY,
  nextReviewOn,
  TransitionError,
} from './case-state.js';

const proposed: CaseState = { status: 'proposed', level: null, awaitingConfirmation: false };
const listed2: CaseState = { status: 'listed', level: 2, awaitingConfirmation: false };
const emergency1: CaseState = { status: 'listed', level: 1, awaitingConfirmation: true };
const rejected: CaseState = { status: 'rejected', level: null, awaitingConfirmation: false };
const delisted: CaseState = { status: 'delisted', level: null, awaitingConfirmation: false };

describe('allowed transitions', () => {
  it('lists a proposal at a level', () => {
    expect(applyDecision(proposed, 'list', 3)).toEqual({
      next: { status: 'listed', level: 3, awaitingConfirmation: false },
      history: { kind: 'list', fromLevel: null, toLevel: 3 },
      closes: false,
    });
  });
  it('rejects a proposal and closes it', () => {
    expect(applyDecision(proposed, 'reject')).toMatchObject({ next: { status: 'rejected' }, closes: true });
  });
  it('changes a level', () => {
    expect(applyDecision(listed2, 'change_level', 3).history).toEqual({
      kind: 'change_level',
      fromLevel: 2,
      toLevel: 3,
    });
  });
  it('delists and closes', () => {
    expect(applyDecision(listed2, 'delist')).toMatchObject({
      next: { status: 'delisted', level: null },
      history: { kind: 'delist', fromLevel: 2, toLevel: null },
      closes: true,
    });
  });
  it('confirms an emergency listing, keeping or changing its level', () => {
    expect(applyDecision(emergency1, 'confirm').next).toEqual({
      status: 'listed',
      level: 1,
      awaitingConfirmation: false,
    });
    expect(applyDecision(emergency1, 'confirm', 2).history).toEqual({ kind: 'confirm', fromLevel: 1, toLevel: 2 });
  });
  it('renews a listed case unchanged', () => {
    expect(applyDecision(listed2, 'renew')).toEqual({ next: listed2, history: null, closes: false });
  });
  it('turns down a level-change or delisting proposal, leaving the case as it is', () => {
    expect(applyDecision(listed2, 'reject', undefined, 'level_change')).toEqual({
      next: listed2,
      history: null,
      closes: false,
    });
    expect(applyDecision(listed2, 'reject', undefined, 'delist').next).toEqual(listed2);
  });
  it('delists an emergency listing that turned out unfounded', () => {
    expect(applyDecision(emergency1, 'delist').next.status).toBe('delisted');
  });
});

describe('refused transitions', () => {
  const allowed: Record<string, DecisionOutcome[]> = {
    proposed: ['list', 'reject'],
    listed2: ['change_level', 'delist', 'renew'],
    emergency1: ['confirm', 'delist'],
    rejected: [],
    delisted: [],
  };
  const states: Record<string, CaseState> = { proposed, listed2, emergency1, rejected, delisted };
  const refused = Object.entries(states).flatMap(([name, state]) =>
    DECISION_OUTCOMES.filter((outcome) => !allowed[name]?.includes(outcome)).map(
      (outcome) => [name, outcome, state] as const,
    ),
  );
  it.each(refused)('%s refuses %s with a Chinese message', (_name, outcome, state) => {
    expect(() => applyDecision(state, outcome, 1)).toThrow(TransitionError);
    try {
      applyDecision(state, outcome, 1);
    } catch (error) {
      expect((error as Error).message).toMatch(/[\u4e00-\u9fa5]/);
    }
  });
  it('refuses listing without a level, and a level change to the same level', () => {
    expect(() => applyDecision(proposed, 'list')).toThrow(/级别/);
    expect(() => applyDecision(listed2, 'change_level', 2)).toThrow(/不同的级别/);
    expect(() => applyDecision(proposed, 'list', 4)).toThrow(TransitionError);
  });
});

describe('review and confirmation dates', () => {
  it('reviews level 1 after 7 days, level 2 after a month, level 3 after two months', () => {
    expect(nextReviewOn(DEFAULT_LIFECYCLE_POLICY, 1, '2026-11-29')).toBe('2026-12-06');
    expect(nextReviewOn(DEFAULT_LIFECYCLE_POLICY, 2, '2026-11-29')).toBe('2026-12-29');
    expect(nextReviewOn(DEFAULT_LIFECYCLE_POLICY, 3, '2026-12-31')).toBe('2027-02-28');
  });
  it('wants an emergency listing confirmed within 7 days', () => {
    expect(confirmationDueOn(DEFAULT_LIFECYCLE_POLICY, '2026-11-29')).toBe('2026-12-06');
  });
});
