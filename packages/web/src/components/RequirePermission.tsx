import type { ReactNode } from 'react';
import { can, useMe } from '../session';
import { NotFound } from './NotFound';

/** Pages the user cannot use answer like unknown pages, as the API does. */
export function RequirePermission({ permission, children }: { permission: string; children: ReactNode }) {
  const me = useMe();
  return can(me, permission) ? children : <NotFound />;
}
