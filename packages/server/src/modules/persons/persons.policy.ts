import type { Actor } from '../access/actor.js';
import { can, inScope } from '../access/actor.js';

interface PersonScope {
  householdPath: string;
  residencePath: string | null;
}

/**
 * Persons (人员): read where either the 户籍地 or the 居住地 lies in the actor's jurisdiction (the
 * residence town assists); change only where the 户籍地 does, since that town is responsible.
 */
export const personPolicy = {
  read: (actor: Actor, person: PersonScope) =>
    can(actor, 'persons.read') && (inScope(actor, person.householdPath) || inScope(actor, person.residencePath)),
  update: (actor: Actor, person: PersonScope) => can(actor, 'persons.update') && inScope(actor, person.householdPath),
};

export function personAbilities(actor: Actor, person: PersonScope) {
  return { read: personPolicy.read(actor, person), update: personPolicy.update(actor, person) };
}
