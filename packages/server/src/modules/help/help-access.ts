// What 帮扶服务 and 矛盾诉求 share: the case an item is put on, the unit it is given to, audited
// reads, and how an item is shown.

import type { Db, Executor } from '../../db/client.js';
import { beijingIso } from '../../lib/clock.js';
import { badRequest, notFound } from '../../lib/errors.js';
import type { Actor } from '../access/actor.js';
import { can, inScope } from '../access/actor.js';
import type { ActorContext, AuditLog } from '../audit/audit.service.js';
import type { CaseRow } from '../cases/cases.queries.js';
import { findUnit, type OrgUnitRow } from '../org/org.queries.js';
import { teamMembersOf } from '../teams/teams.queries.js';
import { helpAbilities } from './help.policy.js';
import type { ItemContext } from './help.queries.js';
import { isEligibleResponsibleUnit, isOpen, overdueDays, type StatusMachine } from './help-rules.js';

/** The responsible town of a case (every case has one). */
export async function townOf(db: Executor, c: CaseRow): Promise<OrgUnitRow> {
  const town = await findUnit(db, c.responsibleTownId);
  if (!town) throw new Error(`case ${c.id} has no responsible town`);
  return town;
}

/**
 * The unit an item is given to must exist and be eligible for the case (see
 * `isEligibleResponsibleUnit`): 400 naming the field otherwise.
 */
export async function assertResponsibleUnit(
  db: Executor,
  c: CaseRow,
  unitId: string,
  label: string,
): Promise<OrgUnitRow> {
  const [unit, town] = await Promise.all([findUnit(db, unitId), townOf(db, c)]);
  if (!unit || !isEligibleResponsibleUnit(unit, town, [c.responsiblePath, c.assistingPath])) {
    throw badRequest(
      `${label}(responsibleOrgUnitId)：须为${town.name}的部门、本人所在村（社区）或区级部门`,
      'responsibleOrgUnitId',
    );
  }
  return unit;
}

/**
 * Whether the actor may put an item on this case: the same people who write its work records
 * (the responsible town's staff, or a member of the case's team), while it is listed.
 */
export async function mayCreateOn(db: Executor, actor: Actor, c: CaseRow): Promise<boolean> {
  if (!can(actor, 'help.create') || c.status !== 'listed') return false;
  if (inScope(actor, c.responsiblePath)) return true;
  return (await teamMembersOf(db, c.id)).some((m) => m.userId === actor.userId);
}

/** One audit event for a read of items (a person's file): the cases whose items were shown. */
export async function auditItemsRead(
  db: Db,
  audit: AuditLog,
  context: ActorContext,
  action: string,
  caseIds: string[],
) {
  await db.transaction((tx) =>
    audit.record(tx, context, { action, entityType: 'case', diff: { after: { caseIds: [...new Set(caseIds)] } } }),
  );
}

/** A read of one item: audited on its case, or as not found (404) when it is absent or out of scope. */
export async function auditItemRead<T extends { item: { id: string; caseId: string } }>(
  db: Db,
  audit: AuditLog,
  context: ActorContext,
  action: string,
  entityType: string,
  id: string,
  row: T | undefined,
): Promise<T> {
  await db.transaction((tx) =>
    audit.record(
      tx,
      context,
      row
        ? { action, entityType: 'case', entityId: row.item.caseId, diff: { after: { [`${entityType}Id`]: id } } }
        : { action, entityType, entityId: id, outcome: 'not_found' },
    ),
  );
  if (!row) throw notFound();
  return row;
}

export interface ItemBase {
  id: string;
  caseId: string;
  personId: string;
  responsibleOrgUnitId: string;
  description: string;
  status: string;
  dueOn: string | null;
  createdBy: string;
  updatedBy: string | null;
  createdAt: Date;
  updatedAt: Date;
  version: number;
}

/** The fields both kinds of item show, with the caller's abilities and whether it is overdue today. */
export function presentBase<S extends string>(
  actor: Actor,
  row: { item: ItemBase } & ItemContext,
  machine: StatusMachine<S>,
  today: string,
  deadlineSupervised: boolean,
) {
  const item = row.item;
  const open = isOpen(machine, item.status as S);
  const late = overdueDays(open, item.dueOn, today);
  return {
    id: item.id,
    caseId: item.caseId,
    personId: item.personId,
    personName: row.personName,
    level: row.level,
    caseStatus: row.caseStatus,
    responsibleOrgUnitId: item.responsibleOrgUnitId,
    responsibleOrgUnitName: row.unitName,
    description: item.description,
    overdue: late > 0,
    overdueDays: late,
    createdBy: item.createdBy,
    createdByName: row.createdByName,
    updatedBy: item.updatedBy,
    createdAt: beijingIso(item.createdAt),
    updatedAt: beijingIso(item.updatedAt),
    version: item.version,
    abilities: helpAbilities(
      actor,
      { responsibleOrgUnitId: item.responsibleOrgUnitId, open, caseResponsiblePath: row.caseResponsiblePath },
      deadlineSupervised,
    ),
  };
}
