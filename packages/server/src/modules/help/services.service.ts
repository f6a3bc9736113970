// 帮扶服务: help items put on a listed case (低保, 法律援助, 心理疏导 …) and worked by the
// responsible unit from its queue, each write audited in its transaction.
import {
  type CreateServiceBody,
  SERVICE_TYPE_LABELS,
  type ServiceListQuery,
  type ServiceStatus,
  type ServiceType,
  type UpdateServiceBody,
} from '@anxin/shared';
import { serviceItems } from '../../db/schema.js';
import type { Actor } from '../access/actor.js';
import type { ActorContext } from '../audit/audit.service.js';
import { findServiceInScope, listServices, type ServiceWithContext } from './help.queries.js';
import { presentBase } from './help-access.js';
import { createHelpItems, type HelpItemDeps } from './help-items.js';
import { SERVICE_MACHINE } from './help-rules.js';

export const SERVICE_ASSIGNED = 'service.assigned';

function present(actor: Actor, row: ServiceWithContext, today: string) {
  const item = row.item;
  return {
    ...presentBase(actor, row, SERVICE_MACHINE, today, false),
    type: item.type as ServiceType,
    status: item.status as ServiceStatus,
    outcome: item.outcome,
    dueOn: item.dueOn,
    startedOn: item.startedOn,
    completedOn: item.completedOn,
  };
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

export function createServiceItemService(deps: HelpItemDeps) {
  const items = createHelpItems<
    ServiceStatus,
    ServiceType,
    string | null,
    ServiceWithContext,
    ReturnType<typeof present>
  >(deps, {
    entity: 'service',
    table: serviceItems,
    machine: SERVICE_MACHINE,
    typeLabels: SERVICE_TYPE_LABELS,
    labels: {
      create: '登记帮扶服务',
      unit: '责任单位',
      dueOn: '办理期限',
      text: '办理结果',
      textField: 'outcome',
      workRefused: (unitName) => `该事项由${unitName}办理，只有该单位或责任镇平安办可以修改`,
    },
    deadlineSupervised: false,
    defaultDueOn: () => null,
    find: findServiceInScope,
    list: listServices,
    present,
    notice: assignedNotice,
    updateColumns: (outcome, plan) => ({
      ...(outcome !== undefined ? { outcome } : {}),
      ...(plan.startedOn ? { startedOn: plan.startedOn } : {}),
      ...(plan.closedOn ? { completedOn: plan.closedOn } : {}),
    }),
  });

  return {
    /**
     * Puts a help item on a listed case, given to a unit of its town (or a district department),
     * which is notified in the same transaction.
     */
    create: (context: ActorContext, caseId: string, body: CreateServiceBody) => items.create(context, caseId, body),

    /** A case's help items, oldest open first; reading them reads the person's file (audited). */
    listOfCase: items.listOfCase,

    /** The work queue: the caller's unit's items (`unit`) or every item in the jurisdiction (`all`). */
    queue: (context: ActorContext, query: ServiceListQuery) => items.queue(context, query),

    get: items.get,

    /**
     * Works an item: status (dates set by the server), outcome, deadline; 平安办 of the responsible
     * town may also give it to another unit. Version-checked; audited; the new unit is notified.
     */
    update: (context: ActorContext, id: string, body: UpdateServiceBody) =>
      items.update(context, id, body, body.outcome),
  };
}
