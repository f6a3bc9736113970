import { CONTROL_STATUS_LABELS, type CreateVisitBody } from '@anxin/shared';
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { visits } from '../../db/schema.js';
import { beijingDate, beijingIso, type Clock } from '../../lib/clock.js';
import { badRequest, notFound } from '../../lib/errors.js';
import type { Actor } from '../access/actor.js';
import { raiseAlert } from '../alerts/alerts.raise.js';
import type { ActorContext, AuditLog } from '../audit/audit.service.js';
import { lockCases, meetObligation } from '../obligations/recompute.js';
import { assertOnTeam } from '../teams/teams.service.js';
import { listVisits, namesOf } from './work.queries.js';
import { caseForAuditedRead, caseForRecord } from './work-access.js';

interface Deps {
  db: Db;
  clock: Clock;
  audit: AuditLog;
}

type VisitRow = typeof visits.$inferSelect;

function presentVisit(v: VisitRow, names: Map<string, string>) {
  return {
    id: v.id,
    caseId: v.caseId,
    visitedAt: beijingIso(v.visitedAt),
    visitedOn: v.visitedOn,
    visitors: v.visitorUserIds.map((userId) => ({ userId, displayName: names.get(userId) ?? '' })),
    livingSituation: v.livingSituation,
    activities: v.activities,
    stateOfMind: v.stateOfMind,
    controlStatus: v.controlStatus as 'in_control' | 'out_of_control',
    extremeTendency: v.extremeTendency,
    measures: v.measures,
    alertId: v.alertId,
    recordedBy: v.recordedBy,
    createdAt: beijingIso(v.createdAt),
  };
}

export function createVisitService({ db, clock, audit }: Deps) {
  const today = () => beijingDate(clock.now());

  /** One audit event naming the cases whose records a list showed. */
  async function auditList(context: ActorContext, action: string, caseIds: string[]) {
    await db.transaction((tx) =>
      audit.record(tx, context, { action, entityType: 'case', diff: { after: { caseIds } } }),
    );
  }

  /** The visit history in the actor's jurisdiction, newest first. */
  async function history(actor: Actor, query: { caseId?: string | undefined; page: number; pageSize: number }) {
    const { items, total } = await listVisits(db, actor, query);
    const names = await namesOf(
      db,
      items.flatMap((row) => row.visit.visitorUserIds),
    );
    return {
      total,
      items: items.map((row) => ({
        ...presentVisit(row.visit, names),
        personId: row.personId,
        personName: row.personName,
        level: row.level,
      })),
    };
  }

  return {
    /**
     * 随访记录: at least two team members together, not in the future, possibly after the fact.
     * Meets the visit obligation; an extreme tendency or loss of control raises an alert that
     * notifies the town's 平安办 and 派出所 at once, in the same transaction.
     */
    async create(context: ActorContext, caseId: string, body: CreateVisitBody) {
      const actor = context.actor;
      const { c, personName } = await caseForRecord(db, actor, caseId, '登记随访');
      const visitedAt = new Date(body.visitedAt);
      if (visitedAt.getTime() > clock.now().getTime()) {
        throw badRequest('随访时间(visitedAt)：不能晚于现在', 'visitedAt');
      }
      const visitedOn = beijingDate(visitedAt);
      if (c.listedOn && visitedOn < c.listedOn) {
        throw badRequest(`随访时间(visitedAt)：不能早于列管日期（${c.listedOn}）`, 'visitedAt');
      }
      const ids = body.visitorUserIds;
      const duplicate = ids.findIndex((userId, i) => ids.indexOf(userId) !== i);
      if (duplicate >= 0) {
        throw badRequest(`随访人员(visitorUserIds第${duplicate + 1}项)：同一人重复`, `visitorUserIds.${duplicate}`);
      }
      await assertOnTeam(db, caseId, ids, 'visitorUserIds', '随访人员');
      const raisesAlert = body.extremeTendency || body.controlStatus === 'out_of_control';
      const visitId = crypto.randomUUID();

      await db.transaction(async (tx) => {
        await lockCases(tx, [caseId]);
        let alertId: string | null = null;
        if (raisesAlert) {
          const what = [
            body.extremeTendency ? '发现过激倾向' : null,
            body.controlStatus === 'out_of_control' ? '失控' : null,
          ]
            .filter(Boolean)
            .join('、');
          // The one way alerts are raised: it notifies 平安办 and 派出所 of both towns and flags
          // the case for level review (a special consultation falls due).
          alertId = await raiseAlert(
            tx,
            actor,
            {
              personId: c.personId,
              caseRow: c,
              householdPath: c.responsiblePath,
              residencePath: c.assistingPath,
              source: 'visit',
              visitId,
              description: `随访${what}：${body.stateOfMind}`,
              occurredAt: visitedAt,
              notice: {
                title: `警情：${personName}随访${what}`,
                body: `${beijingIso(visitedAt).slice(0, 16).replace('T', ' ')} 随访${personName}${what}，请立即处置。采取措施：${body.measures}`,
              },
            },
            today(),
          );
        }
        await tx.insert(visits).values({
          id: visitId,
          caseId,
          visitedAt,
          visitedOn,
          visitorUserIds: ids,
          livingSituation: body.livingSituation,
          activities: body.activities,
          stateOfMind: body.stateOfMind,
          controlStatus: body.controlStatus,
          extremeTendency: body.extremeTendency,
          measures: body.measures,
          alertId,
          recordedBy: actor.userId,
        });
        await meetObligation(tx, [caseId], 'visit', visitedOn, today());
        await audit.record(tx, context, {
          action: 'visit.create',
          entityType: 'case',
          entityId: caseId,
          diff: {
            after: {
              visitId,
              visitedOn,
              visitors: ids.length,
              controlStatus: CONTROL_STATUS_LABELS[body.controlStatus],
              extremeTendency: body.extremeTendency,
              alertId,
            },
          },
        });
      });
      const [created] = await db.select().from(visits).where(eq(visits.id, visitId));
      if (!created) throw notFound();
      return presentVisit(created, await namesOf(db, created.visitorUserIds));
    },

    async listOfCase(context: ActorContext, caseId: string, page: { page: number; pageSize: number }) {
      await caseForAuditedRead(db, audit, context, caseId, 'visit.read');
      return history(context.actor, { caseId, ...page });
    },

    /** 随访走访: visits across cases are part of each person's file, so the read is audited. */
    async history(context: ActorContext, query: { caseId?: string | undefined; page: number; pageSize: number }) {
      const result = await history(context.actor, query);
      await auditList(context, 'visit.list', [...new Set(result.items.map((v) => v.caseId))]);
      return result;
    },
  };
}
