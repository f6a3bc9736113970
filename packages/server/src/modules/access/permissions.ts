import type { Role } from '@anxin/shared';

/**
 * What each role may do, by permission name. Every route declares one of these (or `public` /
 * `authenticated`) in `config.permission`; objects are further limited by jurisdiction and by
 * each entity's policy file.
 */
export const PERMISSIONS = {
  'persons.read': [
    'peace_office',
    'police',
    'judicial',
    'civil_affairs',
    'health',
    'village_cadre',
    'leader',
    'district',
    'inspector',
  ],
  'persons.create': ['peace_office', 'police', 'village_cadre'],
  'persons.update': ['peace_office', 'police', 'village_cadre'],
  'org.read': [
    'admin',
    'peace_office',
    'police',
    'judicial',
    'civil_affairs',
    'health',
    'village_cadre',
    'leader',
    'district',
    'inspector',
  ],
  'org.manage': ['admin'],
  'users.read': [
    'admin',
    'peace_office',
    'police',
    'judicial',
    'civil_affairs',
    'health',
    'village_cadre',
    'leader',
    'district',
    'inspector',
  ],
  'users.manage': ['admin'],
  'audit.read': ['inspector', 'peace_office'],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;
/** `public`: no session needed; `authenticated`: any signed-in user. */
export type RoutePermission = Permission | 'public' | 'authenticated';

export function hasPermission(roles: readonly Role[], permission: Permission): boolean {
  const allowed: readonly Role[] = PERMISSIONS[permission];
  return roles.some((role) => allowed.includes(role));
}

export function permissionsOf(roles: readonly Role[]): Permission[] {
  return (Object.keys(PERMISSIONS) as Permission[]).filter((permission) => hasPermission(roles, permission));
}
