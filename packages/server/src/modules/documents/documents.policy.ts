import { type Actor, can, inScope } from '../access/actor.js';

/** The part of a case that decides who may touch its archive. */
export interface CaseScope {
  responsiblePath: string;
  assistingPath: string | null;
}

/** The case lies in the actor's jurisdiction: the responsible town, or the 居住地 town that assists. */
function seesCase(actor: Actor, scope: CaseScope): boolean {
  return inScope(actor, scope.responsiblePath) || inScope(actor, scope.assistingPath);
}

/**
 * Archive documents (一人一档材料): whoever sees the case reads its archive; units that work cases
 * (not leaders, the district or inspectors, who only read) add files to it, the assisting town included.
 */
export const documentPolicy = {
  read: (actor: Actor, scope: CaseScope) => can(actor, 'documents.read') && seesCase(actor, scope),
  upload: (actor: Actor, scope: CaseScope) => can(actor, 'documents.upload') && seesCase(actor, scope),
};

/** What the caller may do with one document (sent with it; the web app hides what is false). */
export function documentAbilities(actor: Actor, scope: CaseScope) {
  return { download: documentPolicy.read(actor, scope) };
}

/** What the caller may do with a case's archive as a whole. */
export function archiveAbilities(actor: Actor, scope: CaseScope) {
  return { read: documentPolicy.read(actor, scope), upload: documentPolicy.upload(actor, scope) };
}
