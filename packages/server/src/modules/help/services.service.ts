// 帮扶服务: help items put on a listed case (低保, 法律援助, 心理疏导 …) and worked by the
// responsible unit from its queue, each write audited in its transaction.
import {
  type CreateServiceBody,
  HELP_UNIT_SCOPE_ROLES,
  SERVICE_STATUS_LABELS,
  SERVICE_TYPE_LABELS,
  type ServiceListQuery,
  type ServiceStatus,
  type ServiceType,
  type UpdateServiceBody,
} from '@anxin/shared';
import { and, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { serviceItems } from '../../db/schema.js';
import { beijingDate, type Clock } from '../../lib/clock.js';
import { badRequest, forbidden, notFound, staleVersion } from '../../lib/errors.js';
import type { Actor } from '../access/actor.js';
import type { ActorContext, AuditLog } from '../audit/audit.service.js';
import { findCaseInScope } from '../cases/cases.queries.js';
import { notifyUnits } from '../notifications/notifications.service.js';
import { caseForAuditedRead, caseForRecord } from '../work/work-access.js';
import { helpPolicy } from './help.policy.js';
import { findServiceInScope, listServices, type ServiceWithContext } from './help.queries.js';
import { assertResponsibleUnit, auditItemRead, auditItemsRead, mayCreateOn, presentBase } from './help-access.js';
import { defaultScope, isOpen, planItemUpdate, SERVICE_MACHINE } from './help-rules.js';

interface Deps {
  db: Db;
  clock: Clock;
  audit: AuditLog;
}

export const SERVICE_ASSIGNED = 'service.assigned';

export function createServiceItemService({ db, clock, audit }: Deps) {
  const today = () => beijingDate(clock.now());

  function present(actor: Actor, row: ServiceWithContext) {
    const item = row.item;
    return {
      ...presentBase(actor, row, SERVICE_MACHINE, today(), false),
      type: item.type as ServiceType,
      status: item.status as ServiceStatus,
      outcome: item.outcome,
      dueOn: item.dueOn,
      startedOn: item.startedOn,
      completedOn: item.completedOn,
    };
  }

  async function reload(actor: Actor, id: string) {
    const row = await findServiceInScope(db, actor, id);
    if (!row) throw notFound();
    return present(actor, row);
  }

  function assignedNotice(
    personName: string,
    type: ServiceType,
    description: string,
    dueOn: string | null,
    from: string,
  ) {
    return {
      kind: SERVICE_ASSIGNED,
      title: `帮扶服务交办：${personName}（${SERVICE_TYPE_LABELS[type]}）`,
      body: `${from}交办：${description}${dueOn ? `。请于${dueOn}前办理` : ''}`,
    };
  }

  return {
    /**
     * Puts a help item on a listed case, given to a unit of its town (or a district department),
     * which is notified in the same transaction.
     */
    async create(context: ActorContext, caseId: string, body: CreateServiceBody) {
      const actor = context.actor;
      const { c, personName } = await caseForRecord(db, actor, caseId, '登记帮扶服务');
      const unit = await assertResponsibleUnit(db, c, body.responsibleOrgUnitId, '责任单位');
      if (body.dueOn && c.listedOn && body.dueOn < c.listedOn) {
        throw badRequest(`办理期限(dueOn)：不能早于列管日期（${c.listedOn}）`, 'dueOn');
      }
      const id = crypto.randomUUID();
      await db.transaction(async (tx) => {
        await tx.insert(serviceItems).values({
          id,
          caseId,
          personId: c.personId,
          type: body.type,
          responsibleOrgUnitId: unit.id,
          description: body.description,
          dueOn: body.dueOn ?? null,
          createdBy: actor.userId,
        });
        await notifyUnits(tx, [unit.id], {
          ...assignedNotice(personName, body.type, body.description, body.dueOn ?? null, actor.orgUnitName),
          caseId,
        });
        await audit.record(tx, context, {
          action: 'service.create',
          entityType: 'case',
          entityId: caseId,
          diff: {
            after: {
              serviceId: id,
              type: SERVICE_TYPE_LABELS[body.type],
              responsibleOrgUnit: unit.name,
              dueOn: body.dueOn ?? null,
            },
          },
        });
      });
      return reload(actor, id);
    },

    /** A case's help items, oldest open first; reading them reads the person's file (audited). */
    async listOfCase(context: ActorContext, caseId: string, page: { page: number; pageSize: number }) {
      const actor = context.actor;
      const { c } = await caseForAuditedRead(db, audit, context, caseId, 'service.read');
      const { items, total } = await listServices(db, actor, { scope: 'all', caseId, ...page }, today());
      return {
        items: items.map((row) => present(actor, row)),
        total,
        abilities: { create: await mayCreateOn(db, actor, c) },
      };
    },

    /** The work queue: the caller's unit's items (`unit`) or every item in the jurisdiction (`all`). */
    async queue(context: ActorContext, query: ServiceListQuery) {
      const actor = context.actor;
      const scope = query.scope ?? defaultScope(actor.roles, HELP_UNIT_SCOPE_ROLES);
      const { items, total } = await listServices(db, actor, { ...query, scope }, today());
      await auditItemsRead(
        db,
        audit,
        context,
        'service.list',
        items.map((row) => row.item.caseId),
      );
      return { items: items.map((row) => present(actor, row)), total };
    },

    async get(context: ActorContext, id: string) {
      const row = await auditItemRead(
        db,
        audit,
        context,
        'service.read',
        'service',
        id,
        await findServiceInScope(db, context.actor, id),
      );
      return present(context.actor, row);
    },

    /**
     * Works an item: status (dates set by the server), outcome, deadline; 平安办 of the responsible
     * town may also give it to another unit. Version-checked; audited; the new unit is notified.
     */
    async update(context: ActorContext, id: string, body: UpdateServiceBody) {
      const actor = context.actor;
      const row = await findServiceInScope(db, actor, id);
      if (!row) throw notFound();
      const item = row.item;
      const subject = {
        responsibleOrgUnitId: item.responsibleOrgUnitId,
        open: isOpen(SERVICE_MACHINE, item.status as ServiceStatus),
        caseResponsiblePath: row.caseResponsiblePath,
      };
      if (!helpPolicy.work(actor, subject)) {
        throw forbidden(`该事项由${row.unitName}办理，只有该单位或责任镇平安办可以修改`);
      }
      const reassigning =
        body.responsibleOrgUnitId !== undefined && body.responsibleOrgUnitId !== item.responsibleOrgUnitId;
      if (reassigning && !helpPolicy.reassign(actor, subject)) throw forbidden('只有责任镇平安办可以改派责任单位');
      if (body.version !== item.version) throw staleVersion();
      const plan = planItemUpdate({
        machine: SERVICE_MACHINE,
        current: { ...item, status: item.status as ServiceStatus },
        change: {
          status: body.status,
          text: body.outcome,
          dueOn: body.dueOn,
          responsibleOrgUnitId: body.responsibleOrgUnitId,
        },
        today: today(),
        labels: { textField: 'outcome', text: '办理结果', dueOn: '办理期限' },
      });
      const found = plan.unitChanged ? await findCaseInScope(db, actor, item.caseId) : undefined;
      const unit =
        found && body.responsibleOrgUnitId
          ? await assertResponsibleUnit(db, found.case, body.responsibleOrgUnitId, '责任单位')
          : undefined;

      await db.transaction(async (tx) => {
        const [updated] = await tx
          .update(serviceItems)
          .set({
            status: plan.status,
            ...(body.outcome !== undefined ? { outcome: body.outcome } : {}),
            ...(body.dueOn !== undefined ? { dueOn: body.dueOn } : {}),
            ...(unit ? { responsibleOrgUnitId: unit.id } : {}),
            ...(plan.startedOn ? { startedOn: plan.startedOn } : {}),
            ...(plan.closedOn ? { completedOn: plan.closedOn } : {}),
            updatedBy: actor.userId,
            updatedAt: clock.now(),
            version: item.version + 1,
          })
          .where(and(eq(serviceItems.id, id), eq(serviceItems.version, item.version)))
          .returning({ id: serviceItems.id });
        if (!updated) throw staleVersion();
        if (unit) {
          await notifyUnits(tx, [unit.id], {
            ...assignedNotice(
              row.personName,
              item.type as ServiceType,
              item.description,
              body.dueOn !== undefined ? body.dueOn : item.dueOn,
              actor.orgUnitName,
            ),
            caseId: item.caseId,
          });
        }
        await audit.record(tx, context, {
          action: 'service.update',
          entityType: 'case',
          entityId: item.caseId,
          diff: {
            serviceId: id,
            before: {
              status: SERVICE_STATUS_LABELS[item.status as ServiceStatus],
              dueOn: item.dueOn,
              ...(unit ? { responsibleOrgUnit: row.unitName } : {}),
            },
            after: {
              status: SERVICE_STATUS_LABELS[plan.status],
              dueOn: body.dueOn !== undefined ? body.dueOn : item.dueOn,
              ...(unit ? { responsibleOrgUnit: unit.name } : {}),
              ...(body.outcome !== undefined ? { outcomeWritten: true } : {}),
            },
          },
        });
      });
      return reload(actor, id);
    },
  };
}
