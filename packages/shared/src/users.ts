import { z } from 'zod';
import { abilities, id, text } from './common.js';
import { ROLES } from './roles.js';

// 用户
export const user = z.object({
  id,
  username: z.string(),
  displayName: z.string(),
  orgUnitId: id,
  roles: z.array(z.enum(ROLES)),
  disabled: z.boolean(),
  version: z.number().int(),
  abilities,
});
export type User = z.infer<typeof user>;

const username = z
  .string()
  .trim()
  .regex(/^[a-zA-Z][a-zA-Z0-9_.-]{2,31}$/, '用户名须以字母开头，3-32位字母、数字或 _ . -');

export const createUserBody = z.strictObject({
  username,
  displayName: text(32).min(1),
  password: z.string().max(256),
  orgUnitId: id,
  roles: z.array(z.enum(ROLES)).min(1).max(ROLES.length),
});
export type CreateUserBody = z.infer<typeof createUserBody>;

export const updateUserBody = z.strictObject({
  displayName: text(32).min(1).optional(),
  password: z.string().max(256).optional(),
  orgUnitId: id.optional(),
  roles: z.array(z.enum(ROLES)).min(1).max(ROLES.length).optional(),
  disabled: z.boolean().optional(),
  /** When given, a stale version answers 409 instead of overwriting another administrator's change. */
  version: z.number().int().min(1).optional(),
});
export type UpdateUserBody = z.infer<typeof updateUserBody>;
