import type { Me } from '@anxin/shared';
import { createContext, useContext } from 'react';

/** The logged-in user; provided by the layout once GET /api/me has answered. */
export const MeContext = createContext<Me | null>(null);

export function useMe(): Me {
  const me = useContext(MeContext);
  if (!me) throw new Error('useMe() must be used inside the logged-in layout');
  return me;
}

/** The server decides permissions; the web app only hides what the user cannot use. */
export function can(me: Me, permission: string): boolean {
  return me.permissions.includes(permission);
}

export const ME_QUERY_KEY = ['me'] as const;
