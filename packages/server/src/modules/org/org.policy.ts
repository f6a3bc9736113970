import type { Actor } from '../access/actor.js';
import { can } from '../access/actor.js';

/** Org units: only the system administrator changes the tree; everyone reads their part of it. */
export const orgUnitPolicy = {
  update: (actor: Actor) => can(actor, 'org.manage'),
  createChild: (actor: Actor, unit: { kind: string }) =>
    can(actor, 'org.manage') && unit.kind !== 'village' && unit.kind !== 'community' && unit.kind !== 'department',
};

export function orgUnitAbilities(actor: Actor, unit: { kind: string }) {
  return { update: orgUnitPolicy.update(actor), createChild: orgUnitPolicy.createChild(actor, unit) };
}
