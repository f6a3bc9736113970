import { describe, expect, it } from 'vitest';
import {
  answeredOnProblem,
  noticeBodyProblem,
  noticeStateProblem,
  objectionStateProblem,
  raisedOnProblem,
} from './notice.rules.js';

const TODAY = '2026-11-29';
const LISTED = '2026-11-10';

describe('noticeStateProblem', () => {
  it.each([
    ['listed', LISTED, null],
    ['delisted', LISTED, null],
  ])('allows a %s case', (status, listedOn, expected) => {
    expect(noticeStateProblem({ status, listedOn })).toBe(expected);
  });

  it.each([
    ['proposed', null],
    ['rejected', null],
  ])('refuses a %s case', (status, listedOn) => {
    expect(noticeStateProblem({ status, listedOn })).toMatch(/已列管/);
  });
});

describe('noticeBodyProblem', () => {
  it('accepts informed on the listing day and today, and an exception with its kind', () => {
    expect(noticeBodyProblem({ status: 'informed', on: LISTED }, LISTED, TODAY)).toBeNull();
    expect(noticeBodyProblem({ status: 'informed', on: TODAY }, LISTED, TODAY)).toBeNull();
    expect(noticeBodyProblem({ status: 'exception', exception: 'impede_duty', on: TODAY }, LISTED, TODAY)).toBeNull();
  });

  it('requires the exception exactly when not informing', () => {
    expect(noticeBodyProblem({ status: 'exception', on: TODAY }, LISTED, TODAY)).toMatchObject({
      field: 'exception',
      message: expect.stringMatching(/^例外情形\(exception\)：不予告知须注明/),
    });
    expect(
      noticeBodyProblem({ status: 'informed', exception: 'statutory_confidentiality', on: TODAY }, LISTED, TODAY),
    ).toMatchObject({ field: 'exception' });
  });

  it('refuses a date in the future or before the listing', () => {
    expect(noticeBodyProblem({ status: 'informed', on: '2026-11-30' }, LISTED, TODAY)).toEqual({
      field: 'on',
      message: '告知日期(on)：不能晚于今天（2026-11-29）',
    });
    expect(noticeBodyProblem({ status: 'informed', on: '2026-11-09' }, LISTED, TODAY)).toEqual({
      field: 'on',
      message: '告知日期(on)：不能早于列管日期（2026-11-10）',
    });
  });
});

describe('objection rules', () => {
  it('refuses objections only on a rejected case', () => {
    expect(objectionStateProblem({ status: 'proposed' })).toBeNull();
    expect(objectionStateProblem({ status: 'listed' })).toBeNull();
    expect(objectionStateProblem({ status: 'delisted' })).toBeNull();
    expect(objectionStateProblem({ status: 'rejected' })).toMatch(/不予列管/);
  });

  it('dates an objection between the proposal and today', () => {
    expect(raisedOnProblem('2026-11-01', '2026-11-01', TODAY)).toBeNull();
    expect(raisedOnProblem('2026-10-31', '2026-11-01', TODAY)?.field).toBe('raisedOn');
    expect(raisedOnProblem('2026-11-30', '2026-11-01', TODAY)?.message).toBe(
      '提出日期(raisedOn)：不能晚于今天（2026-11-29）',
    );
  });

  it('dates an answer between the objection and today', () => {
    expect(answeredOnProblem('2026-11-20', '2026-11-20', TODAY)).toBeNull();
    expect(answeredOnProblem('2026-11-19', '2026-11-20', TODAY)?.field).toBe('answeredOn');
    expect(answeredOnProblem('2026-11-30', '2026-11-20', TODAY)?.field).toBe('answeredOn');
  });
});
