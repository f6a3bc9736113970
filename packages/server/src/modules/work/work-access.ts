import type { Db, Executor } from '../../db/client.js';
import { conflict, forbidden, notFound } from '../../lib/errors.js';
import type { Actor } from '../access/actor.js';
import { can, inScope } from '../access/actor.js';
import type { ActorContext, AuditLog } from '../audit/audit.service.js';
import { findCaseInScope } from '../cases/cases.queries.js';
import { teamMembersOf } from '../teams/teams.queries.js';

/** A case in the actor's jurisdiction (404 otherwise). */
export async function caseForRead(db: Executor, actor: Actor, caseId: string) {
  const row = await findCaseInScope(db, actor, caseId);
  if (!row) throw notFound();
  return { c: row.case, personName: row.personName };
}

/**
 * A case a work record may be written for: in jurisdiction (404), by a unit that does the work
 * for the responsible town or a team member (403), and listed (409); `level1` records need level 1.
 */
export async function caseForRecord(db: Executor, actor: Actor, caseId: string, action: string, level1 = false) {
  const found = await caseForRead(db, actor, caseId);
  if (!can(actor, 'work.record')) throw forbidden();
  // The responsible town's staff record its work, and so does anyone on the case's team; the
  // 居住地 town sees the case but does not write its file.
  if (!inScope(actor, found.c.responsiblePath)) {
    const onTeam = (await teamMembersOf(db, caseId)).some((m) => m.userId === actor.userId);
    if (!onTeam) throw forbidden('该人员由户籍地镇（街道）负责，只有其服务管理小组成员可以登记');
  }
  if (found.c.status !== 'listed') throw conflict('WRONG_STATE', `只有列管中的案件可以${action}`);
  if (level1 && found.c.level !== 1) throw conflict('WRONG_LEVEL', `${action}只适用于一级人员`);
  return found;
}

/** Reading a case's work records reads the person's file: audited like the case itself (also a 404). */
export async function caseForAuditedRead(
  db: Db,
  audit: AuditLog,
  context: ActorContext,
  caseId: string,
  action: string,
) {
  const row = await findCaseInScope(db, context.actor, caseId);
  await db.transaction((tx) =>
    audit.record(tx, context, { action, entityType: 'case', entityId: caseId, outcome: row ? 'success' : 'not_found' }),
  );
  if (!row) throw notFound();
  return { c: row.case, personName: row.personName };
}
