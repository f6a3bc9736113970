import type { Actor } from '../access/actor.js';
import { can, inScope } from '../access/actor.js';
import type { CaseRow } from './cases.queries.js';

const open = (c: CaseRow) => c.status === 'proposed' || c.status === 'listed';

/**
 * Cases (列管案件). Reading follows jurisdiction (the query layer); acting on a case needs the
 * permission and, for the responsible side's acts (transfer, report upward), the responsible
 * unit in the actor's jurisdiction, not only the assisting 居住地.
 */
export const casePolicy = {
  propose: (actor: Actor, c: CaseRow) => can(actor, 'proposals.create') && c.status === 'listed',
  reportUpward: (actor: Actor, c: CaseRow) => can(actor, 'cases.report_upward') && inScope(actor, c.responsiblePath),
  transfer: (actor: Actor, c: CaseRow) =>
    can(actor, 'transfers.request') && open(c) && inScope(actor, c.responsiblePath),
  uploadDocument: (actor: Actor, c: CaseRow) => can(actor, 'documents.upload') && c.status !== 'rejected',
  /** Decided in a meeting of the responsible town or the district (the 居住地 town assists only). */
  decide: (actor: Actor, c: CaseRow) => can(actor, 'meetings.decide') && open(c) && inScope(actor, c.responsiblePath),
};

export function caseAbilities(actor: Actor, c: CaseRow) {
  return {
    propose: casePolicy.propose(actor, c),
    reportUpward: casePolicy.reportUpward(actor, c),
    transfer: casePolicy.transfer(actor, c),
    uploadDocument: casePolicy.uploadDocument(actor, c),
    decide: casePolicy.decide(actor, c),
  };
}
