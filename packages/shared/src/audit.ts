import { z } from 'zod';
import { id, pageQuery } from './common.js';

export const auditQuery = z.strictObject({
  ...pageQuery,
  entityType: z.string().max(32).optional(),
  entityId: id.optional(),
  actorId: id.optional(),
  action: z.string().max(64).optional(),
  from: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
  to: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
});
export type AuditQuery = z.infer<typeof auditQuery>;

// 审计日志
export const auditEvent = z.object({
  id: z.string(),
  seq: z.number().int(),
  at: z.string(),
  actorId: id.nullable(),
  actorUsername: z.string().nullable(),
  actorRoles: z.array(z.string()),
  actorOrgUnitId: id.nullable(),
  ip: z.string().nullable(),
  requestId: z.string().nullable(),
  action: z.string(),
  entityType: z.string().nullable(),
  entityId: z.string().nullable(),
  outcome: z.string(),
  diff: z.unknown().nullable(),
  hash: z.string(),
});
export type AuditEvent = z.infer<typeof auditEvent>;

export const auditVerifyResult = z.object({
  ok: z.boolean(),
  checked: z.number().int(),
  brokenAt: z.object({ seq: z.number().int(), id: z.string(), reason: z.string() }).optional(),
});
