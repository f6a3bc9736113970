import type {
  AnswerObjectionBody,
  CreateObjectionBody,
  NoticeException,
  NoticeStatus,
  PutNoticeBody,
} from '@anxin/shared';
import { and, eq } from 'drizzle-orm';
import type { Db, Executor } from '../../db/client.js';
import { cases, objections } from '../../db/schema.js';
import { beijingDate, beijingIso, type Clock } from '../../lib/clock.js';
import { AppError, badRequest, conflict, forbidden, notFound, staleVersion } from '../../lib/errors.js';
import type { Actor } from '../access/actor.js';
import { type ActorContext, type AuditLog, changes } from '../audit/audit.service.js';
import { presentCaseSummary } from '../cases/cases.present.js';
import type { CaseRow } from '../cases/cases.queries.js';
import { teamMembersOf } from '../teams/teams.queries.js';
import { caseForAuditedRead, caseForRead } from '../work/work-access.js';
import { noticeAbilities, noticePolicy } from './notice.policy.js';
import {
  agendaObjections,
  displayNameOf,
  findObjectionInScope,
  lastAssessmentBefore,
  noticePendingCases,
  type ObjectionWithNames,
  objectionsOfCase,
} from './notice.queries.js';
import {
  answeredOnProblem,
  type FieldProblem,
  noticeBodyProblem,
  noticeStateProblem,
  objectionStateProblem,
  raisedOnProblem,
} from './notice.rules.js';

interface Deps {
  db: Db;
  clock: Clock;
  audit: AuditLog;
}

const fieldError = (problem: FieldProblem) => badRequest(problem.message, problem.field);

async function onTeam(db: Executor, caseId: string, userId: string) {
  return (await teamMembersOf(db, caseId)).some((m) => m.userId === userId);
}

export function presentObjection(actor: Actor, c: CaseRow, row: ObjectionWithNames) {
  const o = row.objection;
  return {
    id: o.id,
    caseId: o.caseId,
    raisedOn: o.raisedOn,
    content: o.content,
    status: o.status as 'open' | 'answered',
    answer: o.answer,
    answeredOn: o.answeredOn,
    answeredBy: o.answeredBy,
    answeredByName: row.answeredByName,
    recordedBy: o.recordedBy,
    recordedByName: row.recordedByName,
    createdAt: beijingIso(o.createdAt),
    version: o.version,
    abilities: { answer: o.status === 'open' && noticePolicy.answerObjection(actor, c) },
  };
}

/** The notice block of a case's page (the case is in the actor's scope). */
export async function presentNotice(db: Executor, actor: Actor, c: CaseRow) {
  return {
    status: c.noticeStatus as NoticeStatus,
    exception: c.noticeException as NoticeException | null,
    on: c.noticeOn,
    note: c.noticeNote,
    decidedBy: c.noticeDecidedBy,
    decidedByName: await displayNameOf(db, c.noticeDecidedBy),
    version: c.version,
    abilities: noticeAbilities(actor, c, await onTeam(db, c.id, actor.userId)),
  };
}

/** The notice and the objections, for GET /api/cases/:id. */
export async function noticeAndObjections(db: Executor, actor: Actor, c: CaseRow) {
  const [notice, rows] = await Promise.all([presentNotice(db, actor, c), objectionsOfCase(db, c.id)]);
  return { notice, objections: rows.map((row) => presentObjection(actor, c, row)) };
}

/**
 * What the next meeting of a unit takes up besides the proposals: the person's objections (open,
 * and answered since the unit's last assessment meeting) and listed cases whose notice is still
 * pending. `unit` is in the actor's scope (the agenda checked it).
 */
export async function noticeAgenda(db: Executor, actor: Actor, unit: { id: string; path: string }, today: string) {
  const since = await lastAssessmentBefore(db, unit.id, today);
  const [objectionRows, pending] = await Promise.all([
    agendaObjections(db, actor, unit.path, since),
    noticePendingCases(db, actor, unit.path),
  ]);
  return {
    objections: objectionRows.map((row) => ({
      ...presentObjection(actor, row.case, row),
      personId: row.case.personId,
      personName: row.personName,
    })),
    noticePending: pending.map((row) => presentCaseSummary(actor, row, today)),
  };
}

export function createNoticeService({ db, clock, audit }: Deps) {
  const today = () => beijingDate(clock.now());

  async function objectionById(actor: Actor, id: string) {
    const row = await findObjectionInScope(db, actor, id);
    if (!row) throw notFound();
    return row;
  }

  return {
    /**
     * 告知 (PIPL Art. 35): records that the person was informed, or which exception applies; the
     * caller is recorded as who decided. A later change is allowed and audited with before/after;
     * the case's version guards against two people changing it at once.
     */
    async decide(context: ActorContext, caseId: string, body: PutNoticeBody) {
      const actor = context.actor;
      const { c } = await caseForRead(db, actor, caseId);
      if (!noticePolicy.decide(actor, c)) {
        throw forbidden(
          actor.roles.includes('peace_office') ? '告知情况由责任镇（街道）平安办登记' : '只有平安办可以登记告知情况',
        );
      }
      const stateProblem = noticeStateProblem(c);
      if (stateProblem) throw conflict('WRONG_STATE', stateProblem);
      const problem = noticeBodyProblem(body, c.listedOn as string, today());
      if (problem) throw fieldError(problem);
      if (body.version !== c.version) throw staleVersion();
      const before = { status: c.noticeStatus, exception: c.noticeException, on: c.noticeOn, note: c.noticeNote };
      const after = {
        status: body.status,
        exception: body.status === 'exception' ? (body.exception ?? null) : null,
        on: body.on,
        note: body.note || null,
      };
      const updated = await db.transaction(async (tx) => {
        const [row] = await tx
          .update(cases)
          .set({
            noticeStatus: after.status,
            noticeException: after.exception,
            noticeOn: after.on,
            noticeNote: after.note,
            noticeDecidedBy: actor.userId,
            version: c.version + 1,
            updatedAt: clock.now(),
          })
          .where(and(eq(cases.id, caseId), eq(cases.version, c.version)))
          .returning();
        if (!row) throw staleVersion();
        await audit.record(tx, context, {
          action: 'case.notice',
          entityType: 'case',
          entityId: caseId,
          diff: changes({ ...before, decidedBy: c.noticeDecidedBy }, { ...after, decidedBy: actor.userId }),
        });
        return row;
      });
      return presentNotice(db, actor, updated);
    },

    /** A case's objections; reading them reads the person's file, so it is audited (404 too). */
    async listObjections(context: ActorContext, caseId: string) {
      const { c } = await caseForAuditedRead(db, audit, context, caseId, 'objection.list');
      const items = (await objectionsOfCase(db, caseId)).map((row) => presentObjection(context.actor, c, row));
      return { items, total: items.length };
    },

    /** 异议: what the person raised, and when, recorded by whoever received it. */
    async recordObjection(context: ActorContext, caseId: string, body: CreateObjectionBody) {
      const actor = context.actor;
      const { c } = await caseForRead(db, actor, caseId);
      if (!noticePolicy.recordObjection(actor, c, await onTeam(db, caseId, actor.userId))) {
        throw forbidden('该人员由户籍地镇（街道）负责，只有其工作人员、服务管理小组成员或平安办可以登记异议');
      }
      const stateProblem = objectionStateProblem(c);
      if (stateProblem) throw conflict('WRONG_STATE', stateProblem);
      const problem = raisedOnProblem(body.raisedOn, c.proposedOn, today());
      if (problem) throw fieldError(problem);
      const id = crypto.randomUUID();
      await db.transaction(async (tx) => {
        await tx.insert(objections).values({
          id,
          caseId,
          raisedOn: body.raisedOn,
          content: body.content,
          recordedBy: actor.userId,
        });
        await audit.record(tx, context, {
          action: 'objection.create',
          entityType: 'case',
          entityId: caseId,
          diff: { after: { objectionId: id, raisedOn: body.raisedOn, status: 'open' } },
        });
      });
      return presentObjection(actor, c, await objectionById(actor, id));
    },

    /** The answer to an objection, by the responsible town's 平安办. Final: an answered objection answers 409. */
    async answerObjection(context: ActorContext, id: string, body: AnswerObjectionBody) {
      const actor = context.actor;
      const row = await objectionById(actor, id);
      const { objection: o, case: c } = row;
      if (!noticePolicy.answerObjection(actor, c)) throw forbidden('异议由责任镇（街道）平安办答复');
      if (o.status === 'answered') {
        throw new AppError(409, 'ALREADY_ANSWERED', `该异议已于${o.answeredOn}答复，答复不能修改`);
      }
      if (body.version !== o.version) throw staleVersion();
      const problem = answeredOnProblem(body.answeredOn, o.raisedOn, today());
      if (problem) throw fieldError(problem);
      await db.transaction(async (tx) => {
        const [updated] = await tx
          .update(objections)
          .set({
            status: 'answered',
            answer: body.answer,
            answeredOn: body.answeredOn,
            answeredBy: actor.userId,
            version: o.version + 1,
            updatedAt: clock.now(),
          })
          .where(and(eq(objections.id, id), eq(objections.version, o.version), eq(objections.status, 'open')))
          .returning({ id: objections.id });
        if (!updated) throw staleVersion();
        await audit.record(tx, context, {
          action: 'objection.answer',
          entityType: 'case',
          entityId: c.id,
          diff: {
            before: { objectionId: id, status: 'open' },
            after: { objectionId: id, status: 'answered', answeredOn: body.answeredOn },
          },
        });
      });
      return presentObjection(actor, c, await objectionById(actor, id));
    },
  };
}
