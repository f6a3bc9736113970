// The rules of 告知 and 异议 that need no database: which case states allow them, and the dates.
import { NOTICE_EXCEPTION_LABELS, type PutNoticeBody } from '@anxin/shared';

/** A problem with one field of a request: answered 400 naming the field. */
export interface FieldProblem {
  field: string;
  message: string;
}

/**
 * 告知 is recorded for a case that was listed (列管中, or since delisted: a notice given while it
 * was listed may be recorded late). A proposal not yet decided, or one the meeting rejected,
 * processed nothing to give notice of.
 */
export function noticeStateProblem(c: { status: string; listedOn: string | null }): string | null {
  if ((c.status === 'listed' || c.status === 'delisted') && c.listedOn) return null;
  return '只有已列管（列管中或已撤销列管）的案件可以登记告知情况';
}

/** The notice's own fields: the exception exactly when not informing, and its date. */
export function noticeBodyProblem(
  body: Pick<PutNoticeBody, 'status' | 'exception' | 'on'>,
  listedOn: string,
  today: string,
): FieldProblem | null {
  if (body.status === 'exception' && !body.exception) {
    const options = Object.values(NOTICE_EXCEPTION_LABELS).join('；或');
    return { field: 'exception', message: `例外情形(exception)：不予告知须注明适用的例外情形：${options}` };
  }
  if (body.status === 'informed' && body.exception) {
    return { field: 'exception', message: '例外情形(exception)：已告知本人时不应填写例外情形' };
  }
  if (body.on > today) return { field: 'on', message: `告知日期(on)：不能晚于今天（${today}）` };
  if (body.on < listedOn) return { field: 'on', message: `告知日期(on)：不能早于列管日期（${listedOn}）` };
  return null;
}

/** An objection may be recorded on a case the person can object to: not on one the meeting rejected. */
export function objectionStateProblem(c: { status: string }): string | null {
  return c.status === 'rejected' ? '不予列管的案件不能登记异议' : null;
}

export function raisedOnProblem(raisedOn: string, proposedOn: string, today: string): FieldProblem | null {
  if (raisedOn > today) return { field: 'raisedOn', message: `提出日期(raisedOn)：不能晚于今天（${today}）` };
  if (raisedOn < proposedOn) {
    return { field: 'raisedOn', message: `提出日期(raisedOn)：不能早于案件呈报日期（${proposedOn}）` };
  }
  return null;
}

export function answeredOnProblem(answeredOn: string, raisedOn: string, today: string): FieldProblem | null {
  if (answeredOn > today) return { field: 'answeredOn', message: `答复日期(answeredOn)：不能晚于今天（${today}）` };
  if (answeredOn < raisedOn) {
    return { field: 'answeredOn', message: `答复日期(answeredOn)：不能早于异议提出日期（${raisedOn}）` };
  }
  return null;
}
