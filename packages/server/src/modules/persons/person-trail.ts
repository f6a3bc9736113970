import type { AuditEvent } from '@anxin/shared';
import { and, count, desc, eq, inArray, or } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { auditEvents, decisions, documents, proposals } from '../../db/schema.js';
import { beijingIso } from '../../lib/clock.js';
import { notFound } from '../../lib/errors.js';
import type { Actor } from '../access/actor.js';
import type { ActorContext, AuditLog } from '../audit/audit.service.js';
import { casesOfPerson } from '../cases/cases.queries.js';
import { findPersonInScope } from './persons.queries.js';

interface Deps {
  db: Db;
  audit: AuditLog;
}

/** The entity types that make up a person's file besides the person record itself. */
const FILE_ENTITY_TYPES = ['case', 'document', 'proposal', 'decision'];

/** Ids of everything in a person's file (一人一档): the cases, and their documents, proposals and decisions. */
async function fileEntityIds(db: Db, actor: Actor, personId: string): Promise<string[]> {
  // Only the cases the reader may see: a case moved to another town leaves the old town's view.
  const caseIds = (await casesOfPerson(db, actor, personId)).map((row) => row.id);
  if (caseIds.length === 0) return [];
  const [documentRows, proposalRows, decisionRows] = await Promise.all([
    db.select({ id: documents.id }).from(documents).where(inArray(documents.caseId, caseIds)),
    db.select({ id: proposals.id }).from(proposals).where(inArray(proposals.caseId, caseIds)),
    db.select({ id: decisions.id }).from(decisions).where(inArray(decisions.caseId, caseIds)),
  ]);
  return [...caseIds, ...[...documentRows, ...proposalRows, ...decisionRows].map((row) => row.id)];
}

/**
 * A person file's audit trail (档案查阅记录): every event on the person or on anything in the file,
 * newest first. Anyone who may read the person may read it; the reading is itself audited, attempts
 * outside the jurisdiction (answered 404) included.
 */
export async function readPersonAuditTrail(
  { db, audit }: Deps,
  context: ActorContext,
  personId: string,
  query: { page: number; pageSize: number },
): Promise<{ items: AuditEvent[]; total: number }> {
  const person = await findPersonInScope(db, context.actor, personId);
  await db.transaction((tx) =>
    audit.record(tx, context, {
      action: 'person.audit_trail.read',
      entityType: 'person',
      entityId: personId,
      outcome: person ? 'success' : 'not_found',
    }),
  );
  if (!person) throw notFound();
  const ids = await fileEntityIds(db, context.actor, personId);
  const where = or(
    and(eq(auditEvents.entityType, 'person'), eq(auditEvents.entityId, personId)),
    ids.length > 0
      ? and(inArray(auditEvents.entityType, FILE_ENTITY_TYPES), inArray(auditEvents.entityId, ids))
      : undefined,
  );
  const [rows, [total]] = await Promise.all([
    db
      .select()
      .from(auditEvents)
      .where(where)
      .orderBy(desc(auditEvents.seq))
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize),
    db.select({ value: count() }).from(auditEvents).where(where),
  ]);
  return {
    total: total?.value ?? 0,
    // As the audit search presents events: the chain link and the actor's unit path stay inside.
    items: rows.map(({ prevHash: _prev, actorUnitPath: _path, ...row }) => ({ ...row, at: beijingIso(row.at) })),
  };
}
