// The flows 帮扶服务 and 矛盾诉求 share: put an item on a listed case and give it to a unit
// (notified in the same transaction), list a case's items or a queue, read one, and work it.
// Each kind says its table, status machine, labels, notice and the columns only it has.
import { HELP_UNIT_SCOPE_ROLES } from '@anxin/shared';
import { and, eq } from 'drizzle-orm';
import type { Db, Executor } from '../../db/client.js';
import type { grievances, serviceItems } from '../../db/schema.js';
import { beijingDate, type Clock } from '../../lib/clock.js';
import { badRequest, forbidden, notFound, staleVersion } from '../../lib/errors.js';
import type { Actor } from '../access/actor.js';
import type { ActorContext, AuditLog } from '../audit/audit.service.js';
import { findCaseInScope } from '../cases/cases.queries.js';
import { type Notice, notifyUnits } from '../notifications/notifications.service.js';
import { caseForAuditedRead, caseForRecord } from '../work/work-access.js';
import { helpPolicy } from './help.policy.js';
import type { ItemContext, QueueFilters } from './help.queries.js';
import { assertResponsibleUnit, auditItemRead, auditItemsRead, type ItemBase, mayCreateOn } from './help-access.js';
import { defaultScope, type ItemUpdatePlan, isOpen, planItemUpdate, type StatusMachine } from './help-rules.js';

export interface HelpItemDeps {
  db: Db;
  clock: Clock;
  audit: AuditLog;
}

/** An item as read with its context; `Due` is its deadline's type (a 矛盾诉求 always has one). */
export type HelpItemRow<Due extends string | null> = {
  item: Omit<ItemBase, 'dueOn'> & { type: string; dueOn: Due; startedOn?: string | null };
} & ItemContext;

export interface HelpItemKind<S extends string, T extends string, Due extends string | null, Row, Shown> {
  /** 'service' or 'grievance': the prefix of its audit actions and the name of its id in them. */
  entity: 'service' | 'grievance';
  table: typeof serviceItems | typeof grievances;
  machine: StatusMachine<S>;
  typeLabels: Record<T, string>;
  labels: {
    /** What recording one is called (the purpose given to caseForRecord). */
    create: string;
    /** 责任单位 / 事权单位. */
    unit: string;
    /** 办理期限 / 化解期限. */
    dueOn: string;
    /** 办理结果 / 化解情况, and the field it is written in. */
    text: string;
    textField: 'outcome' | 'resolution';
    /** Why someone else may not work it. */
    workRefused: (unitName: string) => string;
  };
  /** Whether the deadline is 平安办's to move (延期), not the unit's. */
  deadlineSupervised: boolean;
  /** The deadline a new item gets when none is given. */
  defaultDueOn: (today: string) => Due;
  find: (db: Executor, actor: Actor, id: string) => Promise<Row | undefined>;
  list: (db: Executor, actor: Actor, filters: QueueFilters, today: string) => Promise<{ items: Row[]; total: number }>;
  present: (actor: Actor, row: Row, today: string) => Shown;
  notice: (personName: string, type: T, description: string, dueOn: string | Due, from: string) => Notice;
  /** What an update sets besides status, deadline, unit and version: the text and the dates only it keeps. */
  updateColumns: (text: string | undefined, plan: ItemUpdatePlan<S>) => Record<string, string>;
}

export interface CreateItemBody<T extends string> {
  type: T;
  responsibleOrgUnitId: string;
  description: string;
  dueOn?: string | undefined;
}

export interface UpdateItemBody<S extends string, Due extends string | null> {
  status?: S | undefined;
  dueOn?: Due | undefined;
  responsibleOrgUnitId?: string | undefined;
  version: number;
}

export function createHelpItems<
  S extends string,
  T extends string,
  Due extends string | null,
  Row extends HelpItemRow<Due>,
  Shown,
>({ db, clock, audit }: HelpItemDeps, kind: HelpItemKind<S, T, Due, Row, Shown>) {
  const today = () => beijingDate(clock.now());
  const { entity, table, machine, labels } = kind;
  const idKey = `${entity}Id`;

  async function reload(actor: Actor, id: string) {
    const row = await kind.find(db, actor, id);
    if (!row) throw notFound();
    return kind.present(actor, row, today());
  }

  return {
    async create(context: ActorContext, caseId: string, body: CreateItemBody<T>) {
      const actor = context.actor;
      const { c, personName } = await caseForRecord(db, actor, caseId, labels.create);
      const unit = await assertResponsibleUnit(db, c, body.responsibleOrgUnitId, labels.unit);
      const dueOn = body.dueOn ?? kind.defaultDueOn(today());
      if (dueOn && c.listedOn && dueOn < c.listedOn) {
        throw badRequest(`${labels.dueOn}(dueOn)：不能早于列管日期（${c.listedOn}）`, 'dueOn');
      }
      const id = crypto.randomUUID();
      await db.transaction(async (tx) => {
        await tx.insert(table).values({
          id,
          caseId,
          personId: c.personId,
          type: body.type,
          responsibleOrgUnitId: unit.id,
          description: body.description,
          dueOn,
          createdBy: actor.userId,
        });
        await notifyUnits(tx, [unit.id], {
          ...kind.notice(personName, body.type, body.description, dueOn, actor.orgUnitName),
          caseId,
        });
        await audit.record(tx, context, {
          action: `${entity}.create`,
          entityType: 'case',
          entityId: caseId,
          diff: {
            after: {
              [idKey]: id,
              type: kind.typeLabels[body.type],
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
      const { c } = await caseForAuditedRead(db, audit, context, caseId, `${entity}.read`);
      const day = today();
      const { items, total } = await kind.list(db, actor, { scope: 'all', caseId, ...page }, day);
      return {
        items: items.map((row) => kind.present(actor, row, day)),
        total,
        abilities: { create: await mayCreateOn(db, actor, c) },
      };
    },

    async queue(
      context: ActorContext,
      query: Omit<QueueFilters, 'scope'> & { scope?: QueueFilters['scope'] | undefined },
    ) {
      const actor = context.actor;
      const scope = query.scope ?? defaultScope(actor.roles, HELP_UNIT_SCOPE_ROLES);
      const day = today();
      const { items, total } = await kind.list(db, actor, { ...query, scope }, day);
      await auditItemsRead(
        db,
        audit,
        context,
        `${entity}.list`,
        items.map((row) => row.item.caseId),
      );
      return { items: items.map((row) => kind.present(actor, row, day)), total };
    },

    async get(context: ActorContext, id: string) {
      const row = await auditItemRead(
        db,
        audit,
        context,
        `${entity}.read`,
        entity,
        id,
        await kind.find(db, context.actor, id),
      );
      return kind.present(context.actor, row, today());
    },

    /** `text` is the body's outcome (帮扶服务) or resolution (矛盾诉求). */
    async update(context: ActorContext, id: string, body: UpdateItemBody<S, Due>, text: string | undefined) {
      const actor = context.actor;
      const row = await kind.find(db, actor, id);
      if (!row) throw notFound();
      const item = row.item;
      const status = item.status as S;
      const subject = {
        responsibleOrgUnitId: item.responsibleOrgUnitId,
        open: isOpen(machine, status),
        caseResponsiblePath: row.caseResponsiblePath,
      };
      if (!helpPolicy.work(actor, subject)) throw forbidden(labels.workRefused(row.unitName));
      const reassigning =
        body.responsibleOrgUnitId !== undefined && body.responsibleOrgUnitId !== item.responsibleOrgUnitId;
      if (reassigning && !helpPolicy.reassign(actor, subject)) {
        throw forbidden(`只有责任镇平安办可以改派${labels.unit}`);
      }
      if (
        kind.deadlineSupervised &&
        body.dueOn !== undefined &&
        body.dueOn !== item.dueOn &&
        !helpPolicy.reassign(actor, subject)
      ) {
        throw forbidden(`${labels.dueOn}由责任镇平安办调整，请向平安办申请延期`);
      }
      if (body.version !== item.version) throw staleVersion();
      const plan = planItemUpdate({
        machine,
        current: { ...item, status, startedOn: item.startedOn ?? null },
        change: { status: body.status, text, dueOn: body.dueOn, responsibleOrgUnitId: body.responsibleOrgUnitId },
        today: today(),
        labels: { textField: labels.textField, text: labels.text, dueOn: labels.dueOn },
      });
      const found = plan.unitChanged ? await findCaseInScope(db, actor, item.caseId) : undefined;
      const unit =
        found && body.responsibleOrgUnitId
          ? await assertResponsibleUnit(db, found.case, body.responsibleOrgUnitId, labels.unit)
          : undefined;
      const dueOn = body.dueOn !== undefined ? body.dueOn : item.dueOn;

      await db.transaction(async (tx) => {
        const [updated] = await tx
          .update(table)
          .set({
            status: plan.status,
            ...kind.updateColumns(text, plan),
            ...(body.dueOn !== undefined ? { dueOn: body.dueOn } : {}),
            ...(unit ? { responsibleOrgUnitId: unit.id } : {}),
            updatedBy: actor.userId,
            updatedAt: clock.now(),
            version: item.version + 1,
          })
          .where(and(eq(table.id, id), eq(table.version, item.version)))
          .returning({ id: table.id });
        if (!updated) throw staleVersion();
        if (unit) {
          await notifyUnits(tx, [unit.id], {
            ...kind.notice(row.personName, item.type as T, item.description, dueOn, actor.orgUnitName),
            caseId: item.caseId,
          });
        }
        await audit.record(tx, context, {
          action: `${entity}.update`,
          entityType: 'case',
          entityId: item.caseId,
          diff: {
            [idKey]: id,
            before: {
              status: machine.labels[status],
              dueOn: item.dueOn,
              ...(unit ? { responsibleOrgUnit: row.unitName } : {}),
            },
            after: {
              status: machine.labels[plan.status],
              dueOn,
              ...(unit ? { responsibleOrgUnit: unit.name } : {}),
              ...(text !== undefined ? { [`${labels.textField}Written`]: true } : {}),
            },
          },
        });
      });
      return reload(actor, id);
    },
  };
}
