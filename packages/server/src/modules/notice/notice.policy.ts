import type { Actor } from '../access/actor.js';
import { can, inScope } from '../access/actor.js';
import type { CaseRow } from '../cases/cases.queries.js';
import { noticeStateProblem, objectionStateProblem } from './notice.rules.js';

/**
 * 告知 and 异议. The notice is decided by the responsible town's 平安办 (the 居住地 town assists and
 * sees it, but the listing and its notice are the responsible town's). An objection is recorded by
 * whoever receives it: the responsible town's working units, any member of the case's team, or a
 * 平安办 that sees the case (the 居住地 town's too — the person may go to the office where they live).
 * Only the responsible town's 平安办 answers it.
 */
export const noticePolicy = {
  decide: (actor: Actor, c: CaseRow) => can(actor, 'notice.decide') && inScope(actor, c.responsiblePath),
  recordObjection: (actor: Actor, c: CaseRow, onTeam: boolean) =>
    can(actor, 'objections.record') &&
    (inScope(actor, c.responsiblePath) || onTeam || actor.roles.includes('peace_office')),
  answerObjection: (actor: Actor, c: CaseRow) => can(actor, 'objections.answer') && inScope(actor, c.responsiblePath),
};

/** What the case page offers the caller; false also where the case's state refuses it. */
export function noticeAbilities(actor: Actor, c: CaseRow, onTeam: boolean) {
  return {
    decide: noticePolicy.decide(actor, c) && noticeStateProblem(c) === null,
    recordObjection: noticePolicy.recordObjection(actor, c, onTeam) && objectionStateProblem(c) === null,
  };
}
