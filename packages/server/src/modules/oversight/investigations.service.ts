import {
  type CreateInvestigationBody,
  fieldLabel,
  INVESTIGATION_LABELS,
  type InvestigationListQuery,
  type InvestigationStatus,
  type UpdateInvestigationBody,
} from '@anxin/shared';
import { and, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { investigations } from '../../db/schema.js';
import { beijingIso, type Clock } from '../../lib/clock.js';
import { onUniqueViolation } from '../../lib/db-errors.js';
import { badRequest, conflict, forbidden, notFound, staleVersion } from '../../lib/errors.js';
import { type Actor, can, inScope } from '../access/actor.js';
import { type ActorContext, type AuditLog, changes } from '../audit/audit.service.js';
import { findCaseInScope } from '../cases/cases.queries.js';
import { findUnits } from '../org/org.queries.js';
import {
  findAlertForInvestigation,
  findInvestigationInScope,
  type InvestigationRow,
  investigationOfAlert,
  listInvestigations,
  unitNames,
} from './oversight.queries.js';
import { firstDuplicate } from './oversight-rules.js';

interface Deps {
  db: Db;
  clock: Clock;
  audit: AuditLog;
}

const label = (path: (string | number)[]) => fieldLabel(path, INVESTIGATION_LABELS);

/** 一案一调查: the second investigation of an alert, however it arrives (check or unique index). */
const duplicate = () =>
  conflict('DUPLICATE_INVESTIGATION', '该警情已有责任倒查记录（一案一调查），请在原记录中补充调查情况');
const concluded = () => conflict('WRONG_STATE', '责任倒查已办结，不能再修改');
/**
 * An investigation is written by the town responsible for the case (or the alert) — its 平安办, or
 * the district and 督导 above it. The 居住地 town sees it (it assists) but does not write it.
 */
const mayWrite = (actor: Actor, path: string) => can(actor, 'oversight.manage') && inScope(actor, path);
const notResponsible = () => forbidden('责任倒查由该人员的责任镇（街道）登记和办理，居住地镇（街道）可以查看');

function present(row: InvestigationRow, names: Map<string, string>, actor: Actor) {
  const v = row.investigation;
  const status = v.status as InvestigationStatus;
  return {
    id: v.id,
    alertId: v.alertId,
    alert:
      v.alertId && row.alertDescription !== null && row.alertOccurredAt
        ? {
            description: row.alertDescription,
            occurredAt: beijingIso(row.alertOccurredAt),
            status: row.alertStatus ?? '',
          }
        : null,
    caseId: v.caseId,
    personId: row.personId,
    personName: row.personName,
    findings: v.findings,
    accountableUnits: v.accountableOrgUnitIds.map((id) => ({ id, name: names.get(id) ?? '' })),
    accountablePersons: v.accountablePersons,
    outcome: v.outcome,
    status,
    createdBy: v.createdBy,
    createdByName: row.createdByName,
    createdAt: beijingIso(v.createdAt),
    updatedAt: beijingIso(v.updatedAt),
    version: v.version,
    abilities: {
      update: mayWrite(actor, v.path) && status === 'open',
    },
  };
}

export function createInvestigationService({ db, clock, audit }: Deps) {
  /** Each accountable unit exists, once, in the actor's jurisdiction (400 naming the item). */
  async function checkUnits(actor: Actor, ids: readonly string[]) {
    const repeated = firstDuplicate(ids);
    if (repeated >= 0) {
      throw badRequest(
        `${label(['accountableOrgUnitIds', repeated])}：同一单位重复`,
        `accountableOrgUnitIds.${repeated}`,
      );
    }
    const found = await findUnits(db, ids);
    ids.forEach((id, i) => {
      const unit = found.find((u) => u.id === id);
      if (!unit || !inScope(actor, unit.path)) {
        throw badRequest(
          `${label(['accountableOrgUnitIds', i])}：单位不存在或不在辖区内`,
          `accountableOrgUnitIds.${i}`,
        );
      }
    });
  }

  async function presentOne(actor: Actor, id: string) {
    const row = await findInvestigationInScope(db, actor, id);
    if (!row) return undefined;
    return present(row, await unitNames(db, row.investigation.accountableOrgUnitIds), actor);
  }

  return {
    /**
     * 责任倒查 of an incident: of an alert (its case comes with it; one per alert) or of a case.
     * Scoped by the case's paths (or the alert's when it has no case).
     */
    async create(context: ActorContext, body: CreateInvestigationBody) {
      const actor = context.actor;
      if (!body.alertId && !body.caseId) {
        throw badRequest(`${label(['alertId'])}：警情和案件至少填写一项`, 'alertId');
      }
      const alert = body.alertId ? await findAlertForInvestigation(db, actor, body.alertId) : undefined;
      if (body.alertId && !alert) throw notFound('未找到该警情');
      if (alert && body.caseId && alert.caseId !== body.caseId) {
        throw badRequest(`${label(['caseId'])}：与警情所属案件不一致`, 'caseId');
      }
      const caseId = alert ? alert.caseId : (body.caseId ?? null);
      const found = caseId ? await findCaseInScope(db, actor, caseId) : undefined;
      if (caseId && !found) throw notFound('未找到该案件');
      const path = found ? found.case.responsiblePath : (alert?.path as string);
      if (!mayWrite(actor, path)) throw notResponsible();
      await checkUnits(actor, body.accountableOrgUnitIds);
      if (alert && (await investigationOfAlert(db, alert.id))) throw duplicate();

      const assistingPath = found ? found.case.assistingPath : (alert?.assistingPath ?? null);
      const id = crypto.randomUUID();
      await db
        .transaction(async (tx) => {
          await tx.insert(investigations).values({
            id,
            alertId: alert?.id ?? null,
            caseId,
            path,
            assistingPath,
            findings: body.findings,
            accountableOrgUnitIds: body.accountableOrgUnitIds,
            accountablePersons: body.accountablePersons || null,
            outcome: body.outcome,
            createdBy: actor.userId,
          });
          await audit.record(tx, context, {
            action: 'investigation.create',
            entityType: 'investigation',
            entityId: id,
            diff: {
              after: {
                alertId: alert?.id ?? null,
                caseId,
                accountableOrgUnitIds: body.accountableOrgUnitIds,
                accountablePersons: body.accountablePersons || null,
                outcome: body.outcome,
              },
            },
          });
        })
        .catch(onUniqueViolation(duplicate));
      const created = await presentOne(actor, id);
      if (!created) throw notFound();
      return created;
    },

    async list(context: ActorContext, query: InvestigationListQuery) {
      const actor = context.actor;
      const { items, total } = await listInvestigations(db, actor, query);
      const names = await unitNames(
        db,
        items.flatMap((row) => row.investigation.accountableOrgUnitIds),
      );
      const caseIds = [...new Set(items.map((row) => row.investigation.caseId).filter((c): c is string => c !== null))];
      if (caseIds.length > 0) {
        await db.transaction((tx) =>
          audit.record(tx, context, { action: 'investigation.list', entityType: 'case', diff: { after: { caseIds } } }),
        );
      }
      return { items: items.map((row) => present(row, names, actor)), total };
    },

    /** One investigation: it concerns a person's incident, so the read is audited (also a 404). */
    async get(context: ActorContext, id: string) {
      const found = await presentOne(context.actor, id);
      await db.transaction((tx) =>
        audit.record(tx, context, {
          action: 'investigation.read',
          entityType: 'investigation',
          entityId: id,
          outcome: found ? 'success' : 'not_found',
          diff: found?.caseId ? { caseId: found.caseId } : undefined,
        }),
      );
      if (!found) throw notFound();
      return found;
    },

    /** Edits an open investigation or concludes it; a concluded one is final (409). */
    async update(context: ActorContext, id: string, body: UpdateInvestigationBody) {
      const actor = context.actor;
      const row = await findInvestigationInScope(db, actor, id);
      if (!row) throw notFound();
      const v = row.investigation;
      if (!mayWrite(actor, v.path)) throw notResponsible();
      const { version: _version, ...fields } = body;
      if (Object.values(fields).every((value) => value === undefined)) {
        throw badRequest('请至少填写一项：调查情况、责任单位、责任人员、处理结果或状态');
      }
      if (body.accountableOrgUnitIds) await checkUnits(actor, body.accountableOrgUnitIds);
      if (v.status === 'concluded') throw concluded();
      if (body.version !== v.version) throw staleVersion();
      const next = {
        findings: body.findings,
        accountableOrgUnitIds: body.accountableOrgUnitIds,
        accountablePersons: body.accountablePersons === undefined ? undefined : body.accountablePersons || null,
        outcome: body.outcome,
        status: body.status,
      };
      const before = {
        findings: v.findings,
        accountableOrgUnitIds: v.accountableOrgUnitIds,
        accountablePersons: v.accountablePersons,
        outcome: v.outcome,
        status: v.status,
      };
      await db.transaction(async (tx) => {
        const [updated] = await tx
          .update(investigations)
          .set({ ...next, version: v.version + 1, updatedAt: clock.now() })
          .where(
            and(eq(investigations.id, id), eq(investigations.version, body.version), eq(investigations.status, 'open')),
          )
          .returning({ id: investigations.id });
        if (!updated) throw staleVersion();
        await audit.record(tx, context, {
          action: body.status === 'concluded' ? 'investigation.conclude' : 'investigation.update',
          entityType: 'investigation',
          entityId: id,
          diff: changes(before, next),
        });
      });
      const updated = await presentOne(actor, id);
      if (!updated) throw notFound();
      return updated;
    },
  };
}
