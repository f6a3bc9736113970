// 矛盾纠纷与诉求 (§四(三)3(2)④): the team has the unit with authority (事权单位) resolve a dispute
// or a reasonable claim by a deadline; 平安办 supervises those past it (超期督办).
import {
  type CreateGrievanceBody,
  GRIEVANCE_DEFAULT_DAYS,
  GRIEVANCE_TYPE_LABELS,
  type GrievanceListQuery,
  type GrievanceStatus,
  type GrievanceType,
  type UpdateGrievanceBody,
} from '@anxin/shared';
import { grievances } from '../../db/schema.js';
import { addDays } from '../../lib/dates.js';
import type { Actor } from '../access/actor.js';
import type { ActorContext } from '../audit/audit.service.js';
import { findGrievanceInScope, type GrievanceWithContext, listGrievances } from './help.queries.js';
import { presentBase } from './help-access.js';
import { createHelpItems, type HelpItemDeps } from './help-items.js';
import { GRIEVANCE_MACHINE } from './help-rules.js';

export const GRIEVANCE_ASSIGNED = 'grievance.assigned';

function present(actor: Actor, row: GrievanceWithContext, today: string) {
  const item = row.item;
  return {
    ...presentBase(actor, row, GRIEVANCE_MACHINE, today, true),
    type: item.type as GrievanceType,
    status: item.status as GrievanceStatus,
    resolution: item.resolution,
    dueOn: item.dueOn,
    resolvedOn: item.resolvedOn,
  };
}

function assignedNotice(personName: string, type: GrievanceType, description: string, dueOn: string, from: string) {
  return {
    kind: GRIEVANCE_ASSIGNED,
    title: `矛盾诉求交办：${personName}（${GRIEVANCE_TYPE_LABELS[type]}）`,
    body: `${from}交办：${description}。化解期限：${dueOn}`,
  };
}

export function createGrievanceService(deps: HelpItemDeps) {
  const items = createHelpItems<
    GrievanceStatus,
    GrievanceType,
    string,
    GrievanceWithContext,
    ReturnType<typeof present>
  >(deps, {
    entity: 'grievance',
    table: grievances,
    machine: GRIEVANCE_MACHINE,
    typeLabels: GRIEVANCE_TYPE_LABELS,
    labels: {
      create: '登记矛盾诉求',
      unit: '事权单位',
      dueOn: '化解期限',
      text: '化解情况',
      textField: 'resolution',
      workRefused: (unitName) => `该矛盾诉求由${unitName}化解，只有该单位或责任镇平安办可以修改`,
    },
    deadlineSupervised: true,
    defaultDueOn: (today) => addDays(today, GRIEVANCE_DEFAULT_DAYS),
    find: findGrievanceInScope,
    list: listGrievances,
    present,
    notice: assignedNotice,
    updateColumns: (resolution, plan) => ({
      ...(resolution !== undefined ? { resolution } : {}),
      ...(plan.closedOn ? { resolvedOn: plan.closedOn } : {}),
    }),
  });

  return {
    /**
     * Records a grievance of a listed person and gives it to the unit with authority to resolve it,
     * with a deadline (default: GRIEVANCE_DEFAULT_DAYS days from today, Beijing); that unit is
     * notified in the same transaction.
     */
    create: (context: ActorContext, caseId: string, body: CreateGrievanceBody) => items.create(context, caseId, body),

    listOfCase: items.listOfCase,

    /** The queue; `overdue=true` is 平安办's supervision list (超期督办). */
    queue: (context: ActorContext, query: GrievanceListQuery) => items.queue(context, query),

    get: items.get,

    /**
     * Works a grievance: status (the closing date set by the server) and resolution by the 事权单位
     * or 平安办; the deadline (延期) and the 事权单位 itself are 平安办's to change.
     */
    update: (context: ActorContext, id: string, body: UpdateGrievanceBody) =>
      items.update(context, id, body, body.resolution),
  };
}
