// The rules of 帮扶服务 and 矛盾纠纷与诉求 (§四(三)3(2) ④⑤), pure so they are tested on their own:
// which unit an item may be given to, how its status moves, what closing it needs, when it is overdue.
import {
  GRIEVANCE_OPEN_STATUSES,
  GRIEVANCE_STATUS_LABELS,
  type GrievanceStatus,
  SERVICE_OPEN_STATUSES,
  SERVICE_STATUS_LABELS,
  type ServiceStatus,
} from '@anxin/shared';
import { daysBetween } from '../../lib/dates.js';
import { badRequest, conflict } from '../../lib/errors.js';

export interface UnitShape {
  id: string;
  kind: string;
  parentId: string | null;
  path: string;
}

/**
 * The unit an item may be given to (责任单位 / 事权单位): a department of the case's responsible
 * town, a village or community inside that town that sees the case (the person's 户籍地 or 居住地:
 * `casePaths`, the case's responsible and assisting paths), or a department of the town's district
 * (区民政局, 区司法局 …). Never a unit of another town, another village (it could neither read nor
 * work the item), the town itself or the district itself.
 */
export function isEligibleResponsibleUnit(
  unit: UnitShape,
  town: UnitShape,
  casePaths: readonly (string | null)[],
): boolean {
  if (unit.kind === 'department') {
    return unit.parentId === town.id || (town.parentId !== null && unit.parentId === town.parentId);
  }
  if (unit.kind === 'village' || unit.kind === 'community') {
    return unit.path.startsWith(town.path) && casePaths.some((path) => path?.startsWith(unit.path) === true);
  }
  return false;
}

/** The status machine of one kind of item: which states are open, and their labels. */
export interface StatusMachine<S extends string> {
  /** The state a new item starts in. */
  initial: S;
  /** The one working state between the start and the end. */
  working: S;
  /** The closed state that means the work was done (完成 / 化解). */
  success: S;
  open: readonly S[];
  labels: Record<S, string>;
}

export const SERVICE_MACHINE: StatusMachine<ServiceStatus> = {
  initial: 'planned',
  working: 'in_progress',
  success: 'done',
  open: SERVICE_OPEN_STATUSES,
  labels: SERVICE_STATUS_LABELS,
};

export const GRIEVANCE_MACHINE: StatusMachine<GrievanceStatus> = {
  initial: 'open',
  working: 'in_progress',
  success: 'resolved',
  open: GRIEVANCE_OPEN_STATUSES,
  labels: GRIEVANCE_STATUS_LABELS,
};

export function isOpen<S extends string>(machine: StatusMachine<S>, status: S): boolean {
  return machine.open.includes(status);
}

/**
 * Why a move from `from` to `to` is refused (null when allowed). Staying in the same open state is
 * allowed (an outcome noted while the work goes on); a closed item is final; nothing goes back to
 * the initial state; the initial state may close at once (e.g. found not eligible on first check).
 */
export function transitionRefusal<S extends string>(machine: StatusMachine<S>, from: S, to: S): string | null {
  if (!isOpen(machine, from)) return `该事项已办结（${machine.labels[from]}），不能再修改`;
  if (from === to) return null;
  if (to === machine.initial) return `不能从“${machine.labels[from]}”改回“${machine.labels[to]}”`;
  return null;
}

/** Closing an item (any closed state) needs its outcome written in the same request. */
export function needsOutcome<S extends string>(machine: StatusMachine<S>, from: S, to: S, outcome: string | undefined) {
  return from !== to && !isOpen(machine, to) && !outcome;
}

/**
 * The dates the server keeps: `startedOn` the first time work starts (the working state, or a
 * direct `done`/`resolved`: the work happened), `closedOn` when the item closes.
 */
export function statusDates<S extends string>(
  machine: StatusMachine<S>,
  current: { status: S; startedOn: string | null },
  to: S,
  today: string,
): { startedOn?: string; closedOn?: string } {
  if (current.status === to) return {};
  const dates: { startedOn?: string; closedOn?: string } = {};
  if (current.startedOn === null && (to === machine.working || to === machine.success)) dates.startedOn = today;
  if (!isOpen(machine, to)) dates.closedOn = today;
  return dates;
}

/** Days an open item is past its deadline on `today` (0 when not overdue, closed or without one). */
export function overdueDays(open: boolean, dueOn: string | null, today: string): number {
  if (!open || !dueOn || dueOn >= today) return 0;
  return daysBetween(dueOn, today);
}

/** The queue a role opens by default: its own unit's items for 民政办、司法所、卫生院, else the jurisdiction. */
export function defaultScope(roles: readonly string[], unitRoles: readonly string[]): 'unit' | 'all' {
  return roles.some((role) => unitRoles.includes(role)) ? 'unit' : 'all';
}

/** A requested change of an item, as the PATCH body gives it (the free text is outcome or resolution). */
export interface ItemChange<S extends string> {
  status?: S | undefined;
  text?: string | undefined;
  dueOn?: string | null | undefined;
  responsibleOrgUnitId?: string | undefined;
}

export interface ItemUpdatePlan<S extends string> {
  status: S;
  startedOn?: string;
  closedOn?: string;
  dueChanged: boolean;
  unitChanged: boolean;
}

/**
 * Checks a change of an item against its state and the calendar, and says what the update sets:
 * a closed item or a step back answers 409; an empty change, closing without the outcome, or a new
 * deadline before today answers 400 naming the field.
 */
export function planItemUpdate<S extends string>(input: {
  machine: StatusMachine<S>;
  current: { status: S; startedOn: string | null; dueOn: string | null; responsibleOrgUnitId: string };
  change: ItemChange<S>;
  today: string;
  labels: { textField: string; text: string; dueOn: string };
}): ItemUpdatePlan<S> {
  const { machine, current, change, today, labels } = input;
  const to = change.status ?? current.status;
  const refusal = transitionRefusal(machine, current.status, to);
  if (refusal) throw conflict('WRONG_STATE', refusal);
  const dueChanged = change.dueOn !== undefined && change.dueOn !== current.dueOn;
  const unitChanged =
    change.responsibleOrgUnitId !== undefined && change.responsibleOrgUnitId !== current.responsibleOrgUnitId;
  if (change.status === undefined && change.text === undefined && change.dueOn === undefined && !unitChanged) {
    throw badRequest('请求内容：请填写要修改的状态、结果或期限');
  }
  if (needsOutcome(machine, current.status, to, change.text)) {
    throw badRequest(
      `${labels.text}(${labels.textField})：改为“${machine.labels[to]}”时须填写${labels.text}`,
      labels.textField,
    );
  }
  if (dueChanged && change.dueOn && change.dueOn < today) {
    throw badRequest(`${labels.dueOn}(dueOn)：不能早于今天（${today}）`, 'dueOn');
  }
  return { status: to, ...statusDates(machine, current, to, today), dueChanged, unitChanged };
}
