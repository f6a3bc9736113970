// The two kinds of help item the pages show the same way: 帮扶服务 and 矛盾诉求. What differs (labels,
// statuses, the free-text field, the calls) is written once here.
import {
  GRIEVANCE_DEFAULT_DAYS,
  GRIEVANCE_OPEN_STATUSES,
  GRIEVANCE_STATUS_LABELS,
  GRIEVANCE_STATUSES,
  GRIEVANCE_TYPE_LABELS,
  GRIEVANCE_TYPE_ROLES,
  GRIEVANCE_TYPES,
  type Grievance,
  SERVICE_OPEN_STATUSES,
  SERVICE_STATUS_LABELS,
  SERVICE_STATUSES,
  SERVICE_TYPE_LABELS,
  SERVICE_TYPE_ROLES,
  SERVICE_TYPES,
  type ServiceItem,
} from '@anxin/shared';
import { helpApi, helpKeys } from '../../helpApi';

export type HelpItem = ServiceItem | Grievance;

/** What the update form sends, whatever the kind. */
export interface HelpChange {
  status?: string;
  text?: string;
  dueOn?: string | null;
  responsibleOrgUnitId?: string;
  version: number;
}

export interface HelpNew {
  type: string;
  responsibleOrgUnitId: string;
  description: string;
  dueOn?: string;
}

export interface HelpKind {
  kind: 'service' | 'grievance';
  /** 服务事项 / 矛盾诉求 */
  noun: string;
  typeLabel: string;
  unitLabel: string;
  descriptionLabel: string;
  textLabel: string;
  dueLabel: string;
  /** The closing date's label (完成日期 / 办结日期). */
  closedLabel: string;
  types: readonly string[];
  typeLabels: Record<string, string>;
  typeRoles: Record<string, string | null>;
  statuses: readonly string[];
  statusLabels: Record<string, string>;
  statusColors: Record<string, string>;
  openStatuses: readonly string[];
  initial: string;
  /** The deadline a new item gets when none is given (grievances only). */
  defaultDays: number | null;
  text: (item: HelpItem) => string | null;
  closedOn: (item: HelpItem) => string | null;
  queueKey: readonly string[];
  caseKey: (caseId: string) => readonly string[];
  caseItems: (
    caseId: string,
    signal?: AbortSignal,
  ) => Promise<{ items: HelpItem[]; total: number; abilities: { create: boolean } }>;
  create: (caseId: string, body: HelpNew) => Promise<HelpItem>;
  update: (id: string, change: HelpChange) => Promise<HelpItem>;
}

export const SERVICE_KIND: HelpKind = {
  kind: 'service',
  noun: '帮扶服务',
  typeLabel: '服务类型',
  unitLabel: '责任单位',
  descriptionLabel: '服务内容',
  textLabel: '办理结果',
  dueLabel: '办理期限',
  closedLabel: '办结日期',
  types: SERVICE_TYPES,
  typeLabels: SERVICE_TYPE_LABELS,
  typeRoles: SERVICE_TYPE_ROLES,
  statuses: SERVICE_STATUSES,
  statusLabels: SERVICE_STATUS_LABELS,
  statusColors: { planned: 'blue', in_progress: 'gold', done: 'green', declined: 'default', not_eligible: 'default' },
  openStatuses: SERVICE_OPEN_STATUSES,
  initial: 'planned',
  defaultDays: null,
  text: (item) => ('outcome' in item ? item.outcome : null),
  closedOn: (item) => ('completedOn' in item ? item.completedOn : null),
  queueKey: ['services'],
  caseKey: helpKeys.caseServices,
  caseItems: helpApi.caseServices,
  create: (caseId, body) => helpApi.createService(caseId, { ...body, type: body.type as ServiceItem['type'] }),
  update: (id, change) =>
    helpApi.updateService(id, {
      version: change.version,
      ...(change.status ? { status: change.status as ServiceItem['status'] } : {}),
      ...(change.text !== undefined ? { outcome: change.text } : {}),
      ...(change.dueOn !== undefined ? { dueOn: change.dueOn } : {}),
      ...(change.responsibleOrgUnitId ? { responsibleOrgUnitId: change.responsibleOrgUnitId } : {}),
    }),
};

export const GRIEVANCE_KIND: HelpKind = {
  kind: 'grievance',
  noun: '矛盾诉求',
  typeLabel: '矛盾类型',
  unitLabel: '事权单位',
  descriptionLabel: '矛盾诉求内容',
  textLabel: '化解情况',
  dueLabel: '化解期限',
  closedLabel: '办结日期',
  types: GRIEVANCE_TYPES,
  typeLabels: GRIEVANCE_TYPE_LABELS,
  typeRoles: GRIEVANCE_TYPE_ROLES,
  statuses: GRIEVANCE_STATUSES,
  statusLabels: GRIEVANCE_STATUS_LABELS,
  statusColors: { open: 'blue', in_progress: 'gold', resolved: 'green', unresolvable: 'orange' },
  openStatuses: GRIEVANCE_OPEN_STATUSES,
  initial: 'open',
  defaultDays: GRIEVANCE_DEFAULT_DAYS,
  text: (item) => ('resolution' in item ? item.resolution : null),
  closedOn: (item) => ('resolvedOn' in item ? item.resolvedOn : null),
  queueKey: ['grievances'],
  caseKey: helpKeys.caseGrievances,
  caseItems: helpApi.caseGrievances,
  create: (caseId, body) => helpApi.createGrievance(caseId, { ...body, type: body.type as Grievance['type'] }),
  update: (id, change) =>
    helpApi.updateGrievance(id, {
      version: change.version,
      ...(change.status ? { status: change.status as Grievance['status'] } : {}),
      ...(change.text !== undefined ? { resolution: change.text } : {}),
      ...(change.dueOn ? { dueOn: change.dueOn } : {}),
      ...(change.responsibleOrgUnitId ? { responsibleOrgUnitId: change.responsibleOrgUnitId } : {}),
    }),
};

/** The states an item may move to from `status`: itself, then the later ones (never back to the start). */
export function nextStatuses(kind: HelpKind, status: string): string[] {
  if (!kind.openStatuses.includes(status)) return [status];
  return kind.statuses.filter((s) => s === status || s !== kind.initial);
}

export const isOpenStatus = (kind: HelpKind, status: string) => kind.openStatuses.includes(status);
