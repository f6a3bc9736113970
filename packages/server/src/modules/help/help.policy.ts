// Who may work a help item (帮扶服务, 矛盾诉求). Reading follows the case's jurisdiction (the
// queries); these rules decide what a reader may change.
import type { Actor } from '../access/actor.js';
import { can, inScope } from '../access/actor.js';

/** What the policy needs to know about one item and its case. */
export interface HelpSubject {
  responsibleOrgUnitId: string;
  /** Still open (not closed): only open items change. */
  open: boolean;
  /** The case's responsible path (its town or village): whose 平安办 supervises it. */
  caseResponsiblePath: string;
}

/** 平安办 of the town responsible for the case: it coordinates and supervises the town's items. */
export function isSupervisingPeaceOffice(actor: Actor, caseResponsiblePath: string): boolean {
  return actor.roles.includes('peace_office') && inScope(actor, caseResponsiblePath);
}

export const helpPolicy = {
  /**
   * Works the item (status, outcome): the staff of its responsible unit, or the responsible town's
   * 平安办. Others who see the case read only. Says nothing about whether the item is still open.
   */
  work: (actor: Actor, item: HelpSubject) =>
    can(actor, 'help.update') &&
    (actor.orgUnitId === item.responsibleOrgUnitId || isSupervisingPeaceOffice(actor, item.caseResponsiblePath)),
  /** Gives the item to another unit (e.g. after the case moved towns): the responsible town's 平安办. */
  reassign: (actor: Actor, item: HelpSubject) =>
    can(actor, 'help.update') && isSupervisingPeaceOffice(actor, item.caseResponsiblePath),
};

/**
 * The abilities sent with an item. A service's deadline is the responsible unit's own plan; a
 * grievance's deadline (化解期限) is what 平安办 supervises, so only 平安办 moves it.
 */
export function helpAbilities(actor: Actor, item: HelpSubject, deadlineSupervised: boolean) {
  const work = item.open && helpPolicy.work(actor, item);
  const reassign = item.open && helpPolicy.reassign(actor, item);
  return { update: work, reassign, reschedule: deadlineSupervised ? reassign : work };
}
