import { z } from 'zod';
import { abilities, id, text } from './common.js';
import { ORG_KINDS } from './roles.js';

// 组织机构
export const orgUnit = z.object({
  id,
  parentId: id.nullable(),
  name: z.string(),
  kind: z.enum(ORG_KINDS),
  code: z.string().nullable().optional(),
  version: z.number().int(),
  abilities,
});
export type OrgUnit = z.infer<typeof orgUnit>;

export const createOrgUnitBody = z.strictObject({
  parentId: id.nullable().optional(),
  name: text(64).min(1),
  kind: z.enum(ORG_KINDS),
  /** 12-digit 统计用区划代码, required for villages and communities. */
  code: z
    .string()
    .regex(/^\d{12}$/, '区划代码应为12位数字')
    .optional(),
});
export type CreateOrgUnitBody = z.infer<typeof createOrgUnitBody>;

export const updateOrgUnitBody = z.strictObject({
  name: text(64).min(1).optional(),
  /** When given, a stale version answers 409. */
  version: z.number().int().min(1).optional(),
  code: z
    .string()
    .regex(/^\d{12}$/, '区划代码应为12位数字')
    .optional(),
});
export type UpdateOrgUnitBody = z.infer<typeof updateOrgUnitBody>;
