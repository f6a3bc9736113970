import {
  type CreateInspectionBody,
  fieldLabel,
  INSPECTED_UNIT_KINDS,
  type InspectionListQuery,
  OVERSIGHT_LABELS,
  type RectificationListQuery,
  type RectificationStatus,
  type SampleQuery,
  type UpdateRectificationBody,
} from '@anxin/shared';
import { and, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { inspections, rectifications } from '../../db/schema.js';
import { beijingDate, beijingIso, type Clock } from '../../lib/clock.js';
import { badRequest, forbidden, notFound, staleVersion } from '../../lib/errors.js';
import { type Actor, can, inScope } from '../access/actor.js';
import { type ActorContext, type AuditLog, changes } from '../audit/audit.service.js';
import { findCaseInScope } from '../cases/cases.queries.js';
import { notifyUnits } from '../notifications/notifications.service.js';
import { findUnit } from '../org/org.queries.js';
import { drawUnitSample } from './inspection-sample.js';
import {
  findInspectionInScope,
  findRectificationInScope,
  type InspectionRow,
  listInspections,
  listRectifications,
  type RectificationRow,
  rectificationCountsOf,
  rectificationsOfInspection,
} from './oversight.queries.js';
import { inspectionDateProblem, newSeed, rectificationChange, rectificationState } from './oversight-rules.js';

interface Deps {
  db: Db;
  clock: Clock;
  audit: AuditLog;
}

const label = (path: (string | number)[]) => fieldLabel(path, OVERSIGHT_LABELS);

export function presentRectification(row: RectificationRow, actor: Actor, today: string) {
  const r = row.rectification;
  const status = r.status as RectificationStatus;
  return {
    id: r.id,
    inspectionId: r.inspectionId,
    description: r.description,
    dueOn: r.dueOn,
    status,
    doneOn: r.doneOn,
    note: r.note,
    ...rectificationState(r, today),
    orgUnitId: row.orgUnitId,
    orgUnitName: row.orgUnitName,
    inspectedOn: row.inspectedOn,
    inspectorName: row.inspectorName,
    caseId: row.caseId,
    personName: row.personName,
    version: r.version,
    abilities: {
      complete: can(actor, 'rectifications.update') && status === 'open',
      reopen: can(actor, 'oversight.manage') && status === 'done',
    },
  };
}

function presentInspection(row: InspectionRow, counts: { open: number; done: number; overdue: number } | undefined) {
  const i = row.inspection;
  return {
    id: i.id,
    orgUnitId: i.orgUnitId,
    orgUnitName: row.orgUnitName,
    orgUnitKind: row.orgUnitKind,
    caseId: i.caseId,
    personId: row.personId,
    personName: row.personName,
    inspectedOn: i.inspectedOn,
    findings: i.findings,
    inspectorId: i.inspectorId,
    inspectorName: row.inspectorName,
    rectificationCounts: counts ?? { open: 0, done: 0, overdue: 0 },
    createdAt: beijingIso(i.createdAt),
    version: i.version,
  };
}

export function createInspectionService({ db, clock, audit }: Deps) {
  const today = () => beijingDate(clock.now());

  /** The inspected unit: in the actor's jurisdiction (404), a village, community or town (400). */
  async function inspectedUnit(actor: Actor, orgUnitId: string) {
    const unit = await findUnit(db, orgUnitId);
    if (!unit || !inScope(actor, unit.path)) throw notFound('未找到该单位');
    if (!(INSPECTED_UNIT_KINDS as readonly string[]).includes(unit.kind)) {
      throw badRequest(`${label(['orgUnitId'])}：须为村（社区）或镇（街道）`, 'orgUnitId');
    }
    return unit;
  }

  /** The path of a list's unit filter; null when the unit is unknown or outside the jurisdiction (nothing to show). */
  async function filterPath(actor: Actor, orgUnitId: string | undefined): Promise<string | undefined | null> {
    if (!orgUnitId) return undefined;
    const unit = await findUnit(db, orgUnitId);
    return unit && inScope(actor, unit.path) ? unit.path : null;
  }

  /** Lists that show a person's name are reads of the person's file: one event naming the cases. */
  async function auditPersonList(context: ActorContext, action: string, caseIds: (string | null)[]) {
    const ids = [...new Set(caseIds.filter((id): id is string => id !== null))];
    if (ids.length === 0) return;
    await db.transaction((tx) =>
      audit.record(tx, context, { action, entityType: 'case', diff: { after: { caseIds: ids } } }),
    );
  }

  async function detail(actor: Actor, id: string) {
    const row = await findInspectionInScope(db, actor, id);
    if (!row) return undefined;
    const day = today();
    const [items, counts] = await Promise.all([
      rectificationsOfInspection(db, id),
      rectificationCountsOf(db, [id], day),
    ]);
    return {
      ...presentInspection(row, counts.get(id)),
      rectifications: items.map((item) => presentRectification(item, actor, day)),
    };
  }

  return {
    /**
     * 督导检查: findings and the rectification items, each with a due date; the inspected unit is
     * told at once (an in-app notice with the number of items), in the same transaction.
     */
    async create(context: ActorContext, body: CreateInspectionBody) {
      const actor = context.actor;
      const unit = await inspectedUnit(actor, body.orgUnitId);
      let personName: string | null = null;
      if (body.caseId) {
        const found = await findCaseInScope(db, actor, body.caseId);
        if (!found) throw notFound('未找到该案件');
        const c = found.case;
        if (!c.responsiblePath.startsWith(unit.path) && !c.assistingPath?.startsWith(unit.path)) {
          throw badRequest(`${label(['caseId'])}：该人员不属于所选检查对象`, 'caseId');
        }
        personName = found.personName;
      }
      const problem = inspectionDateProblem(body.inspectedOn, body.rectifications, today());
      if (problem) throw badRequest(problem.message, problem.field);

      const id = crypto.randomUUID();
      const items = body.rectifications;
      const earliest = items.map((r) => r.dueOn).sort()[0];
      const subject = personName ? `${unit.name}（${personName}服务管理小组）` : unit.name;
      await db.transaction(async (tx) => {
        await tx.insert(inspections).values({
          id,
          orgUnitId: unit.id,
          path: unit.path,
          caseId: body.caseId ?? null,
          inspectedOn: body.inspectedOn,
          findings: body.findings,
          inspectorId: actor.userId,
        });
        if (items.length > 0) {
          await tx
            .insert(rectifications)
            .values(items.map((r) => ({ inspectionId: id, description: r.description, dueOn: r.dueOn })));
        }
        await notifyUnits(tx, [unit.id], {
          kind: 'inspection.created',
          title: `督导检查：${subject}`,
          body:
            items.length > 0
              ? `${body.inspectedOn} ${actor.displayName}督导检查${subject}，提出整改事项${items.length}项（最早整改期限${earliest}）。请在工作台“整改事项”中逐项办理。`
              : `${body.inspectedOn} ${actor.displayName}督导检查${subject}，未提出整改事项。`,
          caseId: body.caseId ?? null,
          pushDetail: `督导检查，整改事项${items.length}项`,
        });
        await audit.record(tx, context, {
          action: 'inspection.create',
          entityType: 'inspection',
          entityId: id,
          diff: {
            after: {
              orgUnitId: unit.id,
              orgUnitName: unit.name,
              caseId: body.caseId ?? null,
              inspectedOn: body.inspectedOn,
              rectifications: items.map((r) => r.dueOn),
            },
          },
        });
      });
      const created = await detail(actor, id);
      if (!created) throw notFound();
      return created;
    },

    async list(context: ActorContext, query: InspectionListQuery) {
      const actor = context.actor;
      const unitPath = await filterPath(actor, query.orgUnitId);
      if (unitPath === null) return { items: [], total: 0 };
      const { items, total } = await listInspections(db, actor, { ...query, unitPath });
      const counts = await rectificationCountsOf(
        db,
        items.map((row) => row.inspection.id),
        today(),
      );
      await auditPersonList(
        context,
        'inspection.list',
        items.map((row) => row.inspection.caseId),
      );
      return { items: items.map((row) => presentInspection(row, counts.get(row.inspection.id))), total };
    },

    /** One inspection with its items: audited like any read that may show a person's file. */
    async get(context: ActorContext, id: string) {
      const found = await detail(context.actor, id);
      await db.transaction((tx) =>
        audit.record(tx, context, {
          action: 'inspection.read',
          entityType: 'inspection',
          entityId: id,
          outcome: found ? 'success' : 'not_found',
          diff: found?.caseId ? { caseId: found.caseId } : undefined,
        }),
      );
      if (!found) throw notFound();
      return found;
    },

    /**
     * 抽查: N of the unit's visits of the last 30 days, or N of its cases with overdue obligations,
     * drawn at random by a seed (given, or picked and shown back) so the draw can be repeated.
     */
    async sample(context: ActorContext, query: SampleQuery) {
      const actor = context.actor;
      const unit = await inspectedUnit(actor, query.orgUnitId);
      const seed = query.seed ?? newSeed();
      const day = today();
      const base = { orgUnitId: unit.id, orgUnitName: unit.name, kind: query.kind, seed, to: day };
      const result = await drawUnitSample(db, actor, unit.path, query, seed, day);
      const caseIds = [...new Set([...result.visits.map((v) => v.caseId), ...result.cases.map((c) => c.caseId)])];
      await db.transaction((tx) =>
        audit.record(tx, context, {
          action: 'inspection.sample',
          entityType: 'org_unit',
          entityId: unit.id,
          diff: { after: { kind: query.kind, n: query.n, seed, population: result.population, caseIds } },
        }),
      );
      return { ...base, ...result };
    },

    /** 整改事项 in the caller's jurisdiction (a village cadre: its own village's). */
    async rectifications(context: ActorContext, query: RectificationListQuery) {
      const actor = context.actor;
      const unitPath = await filterPath(actor, query.orgUnitId);
      if (unitPath === null) return { items: [], total: 0 };
      const day = today();
      const { items, total } = await listRectifications(db, actor, { ...query, unitPath, today: day });
      await auditPersonList(
        context,
        'rectification.list',
        items.map((row) => row.caseId),
      );
      return { items: items.map((row) => presentRectification(row, actor, day)), total };
    },

    /**
     * Marks an item done (today, Beijing) or reopens it (those who inspect only), with the note
     * of what was done; a stale version answers 409.
     */
    async updateRectification(context: ActorContext, id: string, body: UpdateRectificationBody) {
      const actor = context.actor;
      const row = await findRectificationInScope(db, actor, id);
      if (!row) throw notFound();
      const r = row.rectification;
      const day = today();
      const change = rectificationChange(
        r.status as RectificationStatus,
        body.status,
        can(actor, 'oversight.manage'),
        day,
      );
      if (change.kind === 'forbidden') throw forbidden(change.message);
      if (body.version !== r.version) throw staleVersion();
      const next = {
        status: body.status,
        doneOn: change.kind === 'complete' ? change.doneOn : change.kind === 'reopen' ? null : r.doneOn,
        note: body.note === undefined ? r.note : body.note || null,
      };
      await db.transaction(async (tx) => {
        const [updated] = await tx
          .update(rectifications)
          .set({ ...next, version: r.version + 1, updatedAt: clock.now() })
          .where(and(eq(rectifications.id, id), eq(rectifications.version, body.version)))
          .returning({ id: rectifications.id });
        if (!updated) throw staleVersion();
        await audit.record(tx, context, {
          action: change.kind === 'reopen' ? 'rectification.reopen' : 'rectification.update',
          entityType: 'rectification',
          entityId: id,
          diff: {
            inspectionId: r.inspectionId,
            ...changes({ status: r.status, doneOn: r.doneOn, note: r.note }, next),
          },
        });
      });
      const updated = await findRectificationInScope(db, actor, id);
      if (!updated) throw notFound();
      return presentRectification(updated, actor, day);
    },
  };
}
