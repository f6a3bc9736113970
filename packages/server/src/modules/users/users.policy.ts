import type { Actor } from '../access/actor.js';
import { can } from '../access/actor.js';

/** Users: the system administrator manages accounts; nobody disables their own account. */
export const userPolicy = {
  update: (actor: Actor) => can(actor, 'users.manage'),
  disable: (actor: Actor, user: { id: string }) => can(actor, 'users.manage') && user.id !== actor.userId,
  /** Nobody grants themselves roles: another administrator must. */
  changeRoles: (actor: Actor, user: { id: string }) => can(actor, 'users.manage') && user.id !== actor.userId,
};

export function userAbilities(actor: Actor, user: { id: string }) {
  return {
    update: userPolicy.update(actor),
    disable: userPolicy.disable(actor, user),
    changeRoles: userPolicy.changeRoles(actor, user),
  };
}
