import type { Role } from '@anxin/shared';
import { hasPermission, type Permission } from './permissions.js';

/** The signed-in user as the policy and query layers see them. */
export interface Actor {
  userId: string;
  username: string;
  displayName: string;
  orgUnitId: string;
  orgUnitName: string;
  roles: Role[];
  /**
   * Path ("/a/b/c/") of the unit whose subtree is this user's jurisdiction: a village cadre's
   * village, a department's town or district, a district user's district. Null for the system
   * administrator, who sees no person data.
   */
  scopePath: string | null;
  sessionId: string;
}

export function can(actor: Actor, permission: Permission): boolean {
  return hasPermission(actor.roles, permission);
}

/** True when a unit path lies inside the actor's jurisdiction. */
export function inScope(actor: Actor, unitPath: string | null | undefined): boolean {
  return actor.scopePath !== null && unitPath?.startsWith(actor.scopePath) === true;
}

/**
 * The jurisdiction root of a user's unit: departments act for the level they are attached to
 * (派出所 for its town, 区公安局 for its district); everything else is its own root.
 */
export function scopeRootPath(unit: { kind: string; path: string }, roles: readonly Role[]): string | null {
  const personRoles = roles.filter((role) => role !== 'admin');
  if (personRoles.length === 0) return null;
  if (unit.kind === 'department') {
    // "/…/parent/self/" → "/…/parent/"
    return unit.path.replace(/[^/]+\/$/, '');
  }
  return unit.path;
}
