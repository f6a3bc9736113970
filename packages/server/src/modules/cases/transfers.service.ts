import { and, desc, eq, like, ne, or, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db, Executor } from '../../db/client.js';
import { alerts, cases, caseTeamMembers, caseTransfers, orgUnits, persons } from '../../db/schema.js';
import { beijingDate, beijingIso, type Clock } from '../../lib/clock.js';
import { onUniqueViolation } from '../../lib/db-errors.js';
import { badRequest, conflict, forbidden, notFound } from '../../lib/errors.js';
import type { Actor } from '../access/actor.js';
import { can, inScope } from '../access/actor.js';
import { inJurisdiction } from '../access/scope.js';
import type { ActorContext, AuditLog } from '../audit/audit.service.js';
import { notifyUnits } from '../notifications/notifications.service.js';
import { refreshObligations } from '../obligations/recompute.js';
import { findUnit } from '../org/org.queries.js';
import { casePolicy } from './cases.policy.js';
import { findCaseInScope } from './cases.queries.js';

interface Deps {
  db: Db;
  clock: Clock;
  audit: AuditLog;
}

type TransferRow = typeof caseTransfers.$inferSelect;
const fromTown = alias(orgUnits, 'from_town');

/** Transfers an actor sees: of cases in their jurisdiction, addressed to their town, or (district) in their district. */
function transferScope(actor: Actor): SQL {
  const toTown = actor.scopePath ? like(orgUnits.path, `${actor.scopePath}%`) : undefined;
  return or(
    inJurisdiction(actor, cases.responsiblePath, cases.assistingPath),
    toTown,
    inJurisdiction(actor, caseTransfers.districtPath),
  ) as SQL;
}

function present(
  actor: Actor,
  row: TransferRow & { toTownPath: string; toTownName: string; fromTownName: string; personName: string },
) {
  return {
    id: row.id,
    caseId: row.caseId,
    personName: row.personName,
    fromTownId: row.fromTownId,
    fromTownName: row.fromTownName,
    toTownId: row.toTownId,
    toTownName: row.toTownName,
    reason: row.reason,
    status: row.status as 'pending' | 'accepted' | 'refused' | 'designated',
    answerReason: row.answerReason,
    designatedTownId: row.designatedTownId,
    designatedBy: row.designatedBy,
    designatedAt: row.designatedAt ? beijingIso(row.designatedAt) : null,
    designationReason: row.designationReason,
    version: row.version,
    abilities: {
      answer: row.status === 'pending' && can(actor, 'transfers.answer') && inScope(actor, row.toTownPath),
      designate: row.status === 'refused' && can(actor, 'transfers.designate') && inScope(actor, row.districtPath),
    },
  };
}

/**
 * Moves an open case to another town, which becomes responsible. It is scoped by the person's
 * 户籍地 village when that lies in the new town (so the village sees it and sits in its
 * meetings), else by the town; the 居住地 assists when it lies elsewhere. Refused for a closed case.
 */
async function moveCase(tx: Executor, caseId: string, town: { id: string; path: string }, now: Date) {
  const [row] = await tx
    .select({ case: cases, person: persons })
    .from(cases)
    .innerJoin(persons, eq(persons.id, cases.personId))
    .where(eq(cases.id, caseId));
  if (!row || !['proposed', 'listed'].includes(row.case.status))
    throw conflict('CASE_CLOSED', '该案件已结案，不能移交');
  const responsiblePath = row.person.householdPath.startsWith(town.path) ? row.person.householdPath : town.path;
  const residence = row.person.residencePath;
  await tx
    .update(cases)
    .set({
      responsibleTownId: town.id,
      responsiblePath,
      assistingPath: residence && !residence.startsWith(responsiblePath) ? residence : null,
      version: row.case.version + 1,
      updatedAt: now,
    })
    .where(eq(cases.id, caseId));
  const assistingPath = residence && !residence.startsWith(responsiblePath) ? residence : null;
  // Alerts follow the case to its new town; the old town's team stands down and the new town
  // forms its own (一人一专班 is the responsible town's).
  await tx.update(alerts).set({ path: responsiblePath, assistingPath }).where(eq(alerts.caseId, caseId));
  await tx.delete(caseTeamMembers).where(eq(caseTeamMembers.caseId, caseId));
  // The obligations follow the case to its new town's jurisdiction.
  await refreshObligations(tx, beijingDate(now), { caseIds: [caseId] });
}

export function createTransferService({ db, clock, audit }: Deps) {
  async function rows(actor: Actor, where?: SQL) {
    const found = await db
      .select({
        transfer: caseTransfers,
        toTownPath: orgUnits.path,
        toTownName: orgUnits.name,
        fromTownName: fromTown.name,
        personName: persons.name,
      })
      .from(caseTransfers)
      .innerJoin(cases, eq(cases.id, caseTransfers.caseId))
      .innerJoin(persons, eq(persons.id, cases.personId))
      .innerJoin(orgUnits, eq(orgUnits.id, caseTransfers.toTownId))
      .innerJoin(fromTown, eq(fromTown.id, caseTransfers.fromTownId))
      .where(and(transferScope(actor), where))
      .orderBy(desc(caseTransfers.requestedAt));
    return found.map((r) => ({
      ...r.transfer,
      toTownPath: r.toTownPath,
      toTownName: r.toTownName,
      fromTownName: r.fromTownName,
      personName: r.personName,
    }));
  }

  async function one(actor: Actor, id: string) {
    const [row] = await rows(actor, eq(caseTransfers.id, id));
    if (!row) throw notFound();
    return row;
  }

  return {
    async list(actor: Actor, query: { status?: string | undefined; page: number; pageSize: number }) {
      const found = await rows(actor, query.status ? eq(caseTransfers.status, query.status) : undefined);
      const start = (query.page - 1) * query.pageSize;
      return {
        items: found.slice(start, start + query.pageSize).map((row) => present(actor, row)),
        total: found.length,
      };
    },

    /** Towns a case may be transferred to: the other towns of its district (names only). */
    async targets(actor: Actor, caseId: string) {
      const row = await findCaseInScope(db, actor, caseId);
      if (!row) throw notFound();
      const from = await findUnit(db, row.case.responsibleTownId);
      if (!from) throw notFound();
      const districtPath = from.path.replace(/[^/]+\/$/, '');
      const towns = await db
        .select({ id: orgUnits.id, name: orgUnits.name })
        .from(orgUnits)
        .where(and(eq(orgUnits.kind, 'town'), like(orgUnits.path, `${districtPath}%`), ne(orgUnits.id, from.id)))
        .orderBy(orgUnits.name);
      return { items: towns };
    },

    /** 移交: the responsible town asks another town of the same district to take the case. */
    async request(context: ActorContext, caseId: string, body: { toTownId: string; reason: string }) {
      const actor = context.actor;
      const row = await findCaseInScope(db, actor, caseId);
      if (!row) throw notFound();
      if (!casePolicy.transfer(actor, row.case)) throw forbidden('只有责任镇的平安办可以申请移交未结案件');
      const [from, to] = await Promise.all([findUnit(db, row.case.responsibleTownId), findUnit(db, body.toTownId)]);
      if (to?.kind !== 'town') throw badRequest('接收镇(toTownId)：应为一个镇（街道）', 'toTownId');
      if (!from || to.id === from.id) throw badRequest('接收镇(toTownId)：不能移交给本镇', 'toTownId');
      const districtPath = from.path.replace(/[^/]+\/$/, '');
      if (!to.path.startsWith(districtPath)) throw badRequest('接收镇(toTownId)：只能在同一区内移交', 'toTownId');
      const [pending] = await db
        .select()
        .from(caseTransfers)
        .where(
          and(
            eq(caseTransfers.caseId, caseId),
            or(eq(caseTransfers.status, 'pending'), eq(caseTransfers.status, 'refused')),
          ),
        );
      if (pending) throw conflict('TRANSFER_OPEN', '该案件已有未办结的移交申请');
      const id = crypto.randomUUID();
      await db
        .transaction(async (tx) => {
          await tx.insert(caseTransfers).values({
            id,
            caseId,
            fromTownId: from.id,
            toTownId: to.id,
            reason: body.reason,
            requestedBy: actor.userId,
            requestedAt: clock.now(),
            districtPath,
          });
          await notifyUnits(tx, [to.id], {
            kind: 'transfer.requested',
            title: `移交申请：${row.personName}`,
            body: `${from.name}申请将${row.personName}的列管案件移交贵镇。理由：${body.reason}`,
            caseId,
          });
          await audit.record(tx, context, {
            action: 'transfer.request',
            entityType: 'case',
            entityId: caseId,
            diff: { after: { toTownId: to.id, reason: body.reason } },
          });
        })
        .catch(onUniqueViolation(() => conflict('TRANSFER_OPEN', '该案件已有未办结的移交申请')));
      return present(actor, await one(actor, id));
    },

    /** The receiving town accepts (the case moves) or refuses (the dispute goes to the district). */
    async answer(context: ActorContext, id: string, body: { accept: boolean; reason: string }) {
      const actor = context.actor;
      const transfer = await one(actor, id);
      if (!inScope(actor, transfer.toTownPath)) throw notFound();
      if (transfer.status !== 'pending') throw conflict('WRONG_STATE', '该移交申请已答复');
      const now = clock.now();
      await db.transaction(async (tx) => {
        const [updated] = await tx
          .update(caseTransfers)
          .set({
            status: body.accept ? 'accepted' : 'refused',
            answeredBy: actor.userId,
            answeredAt: now,
            answerReason: body.reason,
            version: transfer.version + 1,
          })
          .where(and(eq(caseTransfers.id, id), eq(caseTransfers.status, 'pending')))
          .returning({ id: caseTransfers.id });
        if (!updated) throw conflict('WRONG_STATE', '该移交申请已答复');
        if (body.accept) await moveCase(tx, transfer.caseId, { id: transfer.toTownId, path: transfer.toTownPath }, now);
        await notifyUnits(tx, [transfer.fromTownId], {
          kind: body.accept ? 'transfer.accepted' : 'transfer.refused',
          title: `移交申请${body.accept ? '已接收' : '被拒绝（报区指定管辖）'}：${transfer.personName}`,
          body: body.reason,
          caseId: transfer.caseId,
        });
        await audit.record(tx, context, {
          action: body.accept ? 'transfer.accept' : 'transfer.refuse',
          entityType: 'case',
          entityId: transfer.caseId,
          diff: { after: { transferId: id, reason: body.reason } },
        });
      });
      return present(actor, await one(actor, id));
    },

    /** 指定管辖: the district designates the town for a disputed case; who, when and why are kept. */
    async designate(context: ActorContext, id: string, body: { townId: string; reason: string }) {
      const actor = context.actor;
      const transfer = await one(actor, id);
      if (!inScope(actor, transfer.districtPath)) throw notFound();
      if (transfer.status !== 'refused') throw conflict('WRONG_STATE', '只有被拒绝（有争议）的移交需要区里指定管辖');
      const town = await findUnit(db, body.townId);
      if (town?.kind !== 'town' || !town.path.startsWith(transfer.districtPath)) {
        throw badRequest('指定镇(townId)：应为本区的一个镇（街道）', 'townId');
      }
      const now = clock.now();
      await db.transaction(async (tx) => {
        const [designated] = await tx
          .update(caseTransfers)
          .set({
            status: 'designated',
            designatedTownId: town.id,
            designatedBy: actor.userId,
            designatedAt: now,
            designationReason: body.reason,
            version: transfer.version + 1,
          })
          .where(and(eq(caseTransfers.id, id), eq(caseTransfers.status, 'refused')))
          .returning({ id: caseTransfers.id });
        if (!designated) throw conflict('WRONG_STATE', '该移交已由区里指定管辖');
        await moveCase(tx, transfer.caseId, town, now);
        await notifyUnits(tx, [transfer.fromTownId, transfer.toTownId], {
          kind: 'transfer.designated',
          title: `指定管辖：${transfer.personName} 由${town.name}负责`,
          body: body.reason,
          caseId: transfer.caseId,
        });
        await audit.record(tx, context, {
          action: 'transfer.designate',
          entityType: 'case',
          entityId: transfer.caseId,
          diff: { after: { transferId: id, townId: town.id, reason: body.reason } },
        });
      });
      return present(actor, await one(actor, id));
    },
  };
}
