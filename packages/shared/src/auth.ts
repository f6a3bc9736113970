import { z } from 'zod';
import { id } from './common.js';
import { ROLES } from './roles.js';

export const loginBody = z.strictObject({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(256),
  otp: z.string().max(16).optional(),
});
export type LoginBody = z.infer<typeof loginBody>;

export const me = z.object({
  id,
  username: z.string(),
  displayName: z.string(),
  orgUnitId: id,
  orgUnitName: z.string(),
  roles: z.array(z.enum(ROLES)),
  /** Menus and actions the web app may show this user. */
  permissions: z.array(z.string()),
  demoMode: z.boolean(),
});
export type Me = z.infer<typeof me>;

export const demoInfo = z.object({
  demoMode: z.boolean(),
  accounts: z.array(z.object({ username: z.string(), label: z.string() })),
  password: z.string().optional(),
});
export type DemoInfo = z.infer<typeof demoInfo>;
