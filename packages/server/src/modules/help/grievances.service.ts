// 矛盾纠纷与诉求 (§四(三)3(2)④): the team has the unit with authority (事权单位) resolve a dispute
// or a reasonable claim by a deadline; 平安办 supervises those past it (超期督办).
import {
  type CreateGrievanceBody,
  GRIEVANCE_DEFAULT_DAYS,
  GRIEVANCE_STATUS_LABELS,
  GRIEVANCE_TYPE_LABELS,
  type GrievanceListQuery,
  type GrievanceStatus,
  type GrievanceType,
  HELP_UNIT_SCOPE_ROLES,
  type UpdateGrievanceBody,
} from '@anxin/shared';
import { and, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { grievances } from '../../db/schema.js';
import { beijingDate, type Clock } from '../../lib/clock.js';
import { addDays } from '../../lib/dates.js';
import { badRequest, forbidden, notFound, staleVersion } from '../../lib/errors.js';
import type { Actor } from '../access/actor.js';
import type { ActorContext, AuditLog } from '../audit/audit.service.js';
import { findCaseInScope } from '../cases/cases.queries.js';
import { notifyUnits } from '../notifications/notifications.service.js';
import { caseForAuditedRead, caseForRecord } from '../work/work-access.js';
import { helpPolicy } from './help.policy.js';
import { findGrievanceInScope, type GrievanceWithContext, listGrievances } from './help.queries.js';
import { assertResponsibleUnit, auditItemRead, auditItemsRead, mayCreateOn, presentBase } from './help-access.js';
import { defaultScope, GRIEVANCE_MACHINE, isOpen, planItemUpdate } from './help-rules.js';

interface Deps {
  db: Db;
  clock: Clock;
  audit: AuditLog;
}

export const GRIEVANCE_ASSIGNED = 'grievance.assigned';

export function createGrievanceService({ db, clock, audit }: Deps) {
  const today = () => beijingDate(clock.now());

  function present(actor: Actor, row: GrievanceWithContext) {
    const item = row.item;
    return {
      ...presentBase(actor, row, GRIEVANCE_MACHINE, today(), true),
      type: item.type as GrievanceType,
      status: item.status as GrievanceStatus,
      resolution: item.resolution,
      dueOn: item.dueOn,
      resolvedOn: item.resolvedOn,
    };
  }

  async function reload(actor: Actor, id: string) {
    const row = await findGrievanceInScope(db, actor, id);
    if (!row) throw notFound();
    return present(actor, row);
  }

  function assignedNotice(personName: string, type: GrievanceType, description: string, dueOn: string, from: string) {
    return {
      kind: GRIEVANCE_ASSIGNED,
      title: `矛盾诉求交办：${personName}（${GRIEVANCE_TYPE_LABELS[type]}）`,
      body: `${from}交办：${description}。化解期限：${dueOn}`,
    };
  }

  return {
    /**
     * Records a grievance of a listed person and gives it to the unit with authority to resolve it,
     * with a deadline (default: GRIEVANCE_DEFAULT_DAYS days from today, Beijing); that unit is
     * notified in the same transaction.
     */
    async create(context: ActorContext, caseId: string, body: CreateGrievanceBody) {
      const actor = context.actor;
      const { c, personName } = await caseForRecord(db, actor, caseId, '登记矛盾诉求');
      const unit = await assertResponsibleUnit(db, c, body.responsibleOrgUnitId, '事权单位');
      const dueOn = body.dueOn ?? addDays(today(), GRIEVANCE_DEFAULT_DAYS);
      if (c.listedOn && dueOn < c.listedOn) {
        throw badRequest(`化解期限(dueOn)：不能早于列管日期（${c.listedOn}）`, 'dueOn');
      }
      const id = crypto.randomUUID();
      await db.transaction(async (tx) => {
        await tx.insert(grievances).values({
          id,
          caseId,
          personId: c.personId,
          type: body.type,
          description: body.description,
          responsibleOrgUnitId: unit.id,
          dueOn,
          createdBy: actor.userId,
        });
        await notifyUnits(tx, [unit.id], {
          ...assignedNotice(personName, body.type, body.description, dueOn, actor.orgUnitName),
          caseId,
        });
        await audit.record(tx, context, {
          action: 'grievance.create',
          entityType: 'case',
          entityId: caseId,
          diff: {
            after: {
              grievanceId: id,
              type: GRIEVANCE_TYPE_LABELS[body.type],
              responsibleOrgUnit: unit.name,
              dueOn,
            },
          },
        });
      });
      return reload(actor, id);
    },

    async listOfCase(context: ActorContext, caseId: string, page: { page: number; pageSize: number }) {
      const actor = context.actor;
      const { c } = await caseForAuditedRead(db, audit, context, caseId, 'grievance.read');
      const { items, total } = await listGrievances(db, actor, { scope: 'all', caseId, ...page }, today());
      return {
        items: items.map((row) => present(actor, row)),
        total,
        abilities: { create: await mayCreateOn(db, actor, c) },
      };
    },

    /** The queue; `overdue=true` is 平安办's supervision list (超期督办). */
    async queue(context: ActorContext, query: GrievanceListQuery) {
      const actor = context.actor;
      const scope = query.scope ?? defaultScope(actor.roles, HELP_UNIT_SCOPE_ROLES);
      const { items, total } = await listGrievances(db, actor, { ...query, scope }, today());
      await auditItemsRead(
        db,
        audit,
        context,
        'grievance.list',
        items.map((row) => row.item.caseId),
      );
      return { items: items.map((row) => present(actor, row)), total };
    },

    async get(context: ActorContext, id: string) {
      const row = await auditItemRead(
        db,
        audit,
        context,
        'grievance.read',
        'grievance',
        id,
        await findGrievanceInScope(db, context.actor, id),
      );
      return present(context.actor, row);
    },

    /**
     * Works a grievance: status (the closing date set by the server) and resolution by the 事权单位
     * or 平安办; the deadline (延期) and the 事权单位 itself are 平安办's to change.
     */
    async update(context: ActorContext, id: string, body: UpdateGrievanceBody) {
      const actor = context.actor;
      const row = await findGrievanceInScope(db, actor, id);
      if (!row) throw notFound();
      const item = row.item;
      const subject = {
        responsibleOrgUnitId: item.responsibleOrgUnitId,
        open: isOpen(GRIEVANCE_MACHINE, item.status as GrievanceStatus),
        caseResponsiblePath: row.caseResponsiblePath,
      };
      if (!helpPolicy.work(actor, subject)) {
        throw forbidden(`该矛盾诉求由${row.unitName}化解，只有该单位或责任镇平安办可以修改`);
      }
      const reassigning =
        body.responsibleOrgUnitId !== undefined && body.responsibleOrgUnitId !== item.responsibleOrgUnitId;
      if (reassigning && !helpPolicy.reassign(actor, subject)) throw forbidden('只有责任镇平安办可以改派事权单位');
      if (body.dueOn !== undefined && body.dueOn !== item.dueOn && !helpPolicy.reassign(actor, subject)) {
        throw forbidden('化解期限由责任镇平安办调整，请向平安办申请延期');
      }
      if (body.version !== item.version) throw staleVersion();
      const plan = planItemUpdate({
        machine: GRIEVANCE_MACHINE,
        current: { ...item, status: item.status as GrievanceStatus, startedOn: null },
        change: {
          status: body.status,
          text: body.resolution,
          dueOn: body.dueOn,
          responsibleOrgUnitId: body.responsibleOrgUnitId,
        },
        today: today(),
        labels: { textField: 'resolution', text: '化解情况', dueOn: '化解期限' },
      });
      const found = plan.unitChanged ? await findCaseInScope(db, actor, item.caseId) : undefined;
      const unit =
        found && body.responsibleOrgUnitId
          ? await assertResponsibleUnit(db, found.case, body.responsibleOrgUnitId, '事权单位')
          : undefined;
      const dueOn = body.dueOn ?? item.dueOn;

      await db.transaction(async (tx) => {
        const [updated] = await tx
          .update(grievances)
          .set({
            status: plan.status,
            ...(body.resolution !== undefined ? { resolution: body.resolution } : {}),
            dueOn,
            ...(unit ? { responsibleOrgUnitId: unit.id } : {}),
            ...(plan.closedOn ? { resolvedOn: plan.closedOn } : {}),
            updatedBy: actor.userId,
            updatedAt: clock.now(),
            version: item.version + 1,
          })
          .where(and(eq(grievances.id, id), eq(grievances.version, item.version)))
          .returning({ id: grievances.id });
        if (!updated) throw staleVersion();
        if (unit) {
          await notifyUnits(tx, [unit.id], {
            ...assignedNotice(row.personName, item.type as GrievanceType, item.description, dueOn, actor.orgUnitName),
            caseId: item.caseId,
          });
        }
        await audit.record(tx, context, {
          action: 'grievance.update',
          entityType: 'case',
          entityId: item.caseId,
          diff: {
            grievanceId: id,
            before: {
              status: GRIEVANCE_STATUS_LABELS[item.status as GrievanceStatus],
              dueOn: item.dueOn,
              ...(unit ? { responsibleOrgUnit: row.unitName } : {}),
            },
            after: {
              status: GRIEVANCE_STATUS_LABELS[plan.status],
              dueOn,
              ...(unit ? { responsibleOrgUnit: unit.name } : {}),
              ...(body.resolution !== undefined ? { resolutionWritten: true } : {}),
            },
          },
        });
      });
      return reload(actor, id);
    },
  };
}
