import type { CreateMeetingBody, MeetingKind, UpdateMeetingBody } from '@anxin/shared';
import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { cases, meetings, orgUnits, users } from '../../db/schema.js';
import { beijingDate, beijingIso, type Clock } from '../../lib/clock.js';
import { addDays } from '../../lib/dates.js';
import { badRequest, conflict, forbidden, notFound, staleVersion } from '../../lib/errors.js';
import type { Actor } from '../access/actor.js';
import { levelReviewAgenda } from '../alerts/level-review.js';
import type { ActorContext, AuditLog } from '../audit/audit.service.js';
import { presentCaseSummary, presentDecision, presentProposal } from '../cases/cases.present.js';
import { caseScope, listCases, listProposals } from '../cases/cases.queries.js';
import { noticeAgenda } from '../notice/notice.service.js';
import { lockCases, meetByMeeting } from '../obligations/recompute.js';
import { ancestorOfKind, findVisibleUnit } from '../org/org.queries.js';
import { meetingAbilities, meetingPolicy } from './meetings.policy.js';
import {
  agendaOf,
  decisionsOfMeetings,
  findMeetingInScope,
  listMeetings,
  type MeetingRow,
  participantsOf,
  setAgenda,
  setParticipants,
} from './meetings.queries.js';
import { missingForQuorum, quorumFor } from './quorum.js';

interface Deps {
  db: Db;
  clock: Clock;
  audit: AuditLog;
}

/** Pool entries for the agenda come from the screening module, which owns the 待研判 pool. */
export type PoolLister = (actor: Actor, unitId: string) => Promise<unknown[]>;

export function createMeetingService({ db, clock, audit }: Deps, poolOf: PoolLister) {
  const today = () => beijingDate(clock.now());

  /** The quorum a decision on a case needs: its town's leadership, police, peace office and its village. */
  async function quorumOf(responsiblePath: string) {
    const [town, village] = await Promise.all([
      ancestorOfKind(db, responsiblePath, ['town', 'district']),
      ancestorOfKind(db, responsiblePath, ['village', 'community']),
    ]);
    return quorumFor(town?.path ?? responsiblePath, village ? { id: village.id, name: village.name } : null);
  }

  async function present(actor: Actor, row: { meeting: MeetingRow; orgUnitName: string }) {
    const m = row.meeting;
    const [participants, agenda, meetingDecisions] = await Promise.all([
      participantsOf(db, [m.id]),
      agendaOf(db, [m.id]),
      decisionsOfMeetings(db, [m.id]),
    ]);
    // An attendee from one village sees only the cases of the agenda that are theirs to see.
    const agendaIds = agenda.map((a) => a.caseId);
    const agendaCases = agendaIds.length
      ? await db
          .select()
          .from(cases)
          .where(and(inArray(cases.id, agendaIds), caseScope(actor)))
      : [];
    const caseIds = agendaCases.map((c) => c.id);
    const missing =
      m.kind === 'assessment'
        ? await Promise.all(
            agendaCases.map(async (c) => ({
              caseId: c.id,
              missing: missingForQuorum(await quorumOf(c.responsiblePath), participants),
            })),
          )
        : [];
    return {
      id: m.id,
      kind: m.kind as MeetingKind,
      heldAt: beijingIso(m.heldAt),
      heldOn: m.heldOn,
      orgUnitId: m.orgUnitId,
      orgUnitName: row.orgUnitName,
      minutes: m.minutes,
      participants: participants.map(({ userId, displayName, orgUnitId, roles }) => ({
        userId,
        displayName,
        orgUnitId,
        roles,
      })),
      caseIds,
      decisions: meetingDecisions.filter((d) => caseIds.includes(d.caseId)).map(presentDecision),
      missingForQuorum: missing,
      version: m.version,
      abilities: meetingAbilities(actor, m),
    };
  }

  async function meetingInScope(actor: Actor, id: string) {
    const row = await findMeetingInScope(db, actor, id);
    if (!row) throw notFound();
    return row;
  }

  /**
   * Attendees must be active users of the meeting's unit or of the level above it (the district's
   * bodies sit in a town's meetings); agenda cases must be the meeting unit's own responsibility.
   */
  async function checkPeopleAndCases(
    unit: { path: string; parentId: string | null },
    userIds: readonly string[],
    caseIds: readonly string[],
  ) {
    if (userIds.length) {
      const found = await db
        .select({
          id: users.id,
          path: orgUnits.path,
          unitId: orgUnits.id,
          parentId: orgUnits.parentId,
          kind: orgUnits.kind,
        })
        .from(users)
        .innerJoin(orgUnits, eq(orgUnits.id, users.orgUnitId))
        .where(and(inArray(users.id, [...userIds]), eq(users.disabled, false)));
      const belongs = (u: (typeof found)[number]) =>
        u.path.startsWith(unit.path) ||
        u.unitId === unit.parentId ||
        (u.kind === 'department' && u.parentId === unit.parentId);
      if (found.length !== new Set(userIds).size || !found.every(belongs)) {
        throw badRequest(
          '参会人员(participantUserIds)：包含不存在、已停用或不属于本镇（及上级区）的用户',
          'participantUserIds',
        );
      }
    }
    if (caseIds.length) {
      const found = await db
        .select()
        .from(cases)
        .where(inArray(cases.id, [...caseIds]));
      if (found.length !== new Set(caseIds).size || !found.every((c) => c.responsiblePath.startsWith(unit.path))) {
        throw badRequest('议程案件(caseIds)：包含不存在或不由本次会议单位负责的案件', 'caseIds');
      }
    }
  }

  return {
    quorumOf,
    present,
    meetingInScope,

    async create(context: ActorContext, body: CreateMeetingBody) {
      const actor = context.actor;
      const heldAt = new Date(body.heldAt);
      if (heldAt > clock.now()) throw badRequest('会议时间(heldAt)：不能晚于当前时间（会议可以事后补录）', 'heldAt');
      const unit = await findVisibleUnit(db, actor, body.orgUnitId);
      if (
        !unit ||
        !['town', 'district'].includes(unit.kind) ||
        !actor.scopePath ||
        !unit.path.startsWith(actor.scopePath)
      ) {
        throw badRequest('会议单位(orgUnitId)：应为您管辖范围内的镇（街道）或区', 'orgUnitId');
      }
      await checkPeopleAndCases(unit, body.participantUserIds, body.caseIds);
      const id = crypto.randomUUID();
      await db.transaction(async (tx) => {
        // Agenda cases are locked before anything references them (their obligations follow).
        await lockCases(tx, body.caseIds);
        await tx.insert(meetings).values({
          id,
          kind: body.kind,
          heldAt,
          heldOn: beijingDate(heldAt),
          orgUnitId: unit.id,
          orgUnitPath: unit.path,
          minutes: body.minutes,
          createdBy: actor.userId,
        });
        await setParticipants(tx, id, body.participantUserIds);
        await setAgenda(tx, id, body.caseIds);
        await meetByMeeting(
          tx,
          { kind: body.kind, heldOn: beijingDate(heldAt), heldAt },
          body.caseIds,
          beijingDate(clock.now()),
        );
        await audit.record(tx, context, {
          action: 'meeting.create',
          entityType: 'meeting',
          entityId: id,
          diff: {
            after: {
              kind: body.kind,
              heldAt: body.heldAt,
              participants: body.participantUserIds.length,
              cases: body.caseIds,
            },
          },
        });
      });
      return present(actor, await meetingInScope(actor, id));
    },

    /** Attendance, agenda and minutes. Once a decision is taken, nobody can be struck from the record. */
    async update(context: ActorContext, id: string, body: UpdateMeetingBody) {
      const actor = context.actor;
      const row = await meetingInScope(actor, id);
      const m = row.meeting;
      if (!meetingPolicy.update(actor, m)) throw forbidden('只有本镇（街道）平安办或领导可以修改会议记录');
      if (body.version !== m.version) throw staleVersion();
      const [participants, agenda, taken] = await Promise.all([
        participantsOf(db, [id]),
        agendaOf(db, [id]),
        decisionsOfMeetings(db, [id]),
      ]);
      if (taken.length && body.participantUserIds) {
        const dropped = participants.filter((p) => !body.participantUserIds?.includes(p.userId));
        if (dropped.length)
          throw conflict(
            'DECIDED',
            `会议已作出决定，不能删除参会人员：${dropped.map((p) => p.displayName).join('、')}`,
          );
      }
      if (taken.length && body.caseIds) {
        const decided = new Set(taken.map((d) => d.caseId));
        if (agenda.some((a) => decided.has(a.caseId) && !body.caseIds?.includes(a.caseId))) {
          throw conflict('DECIDED', '已作出决定的案件不能移出议程');
        }
      }
      const unit = await findVisibleUnit(db, actor, m.orgUnitId);
      if (!unit) throw notFound();
      await checkPeopleAndCases(unit, body.participantUserIds ?? [], body.caseIds ?? []);
      await db.transaction(async (tx) => {
        await lockCases(tx, body.caseIds ?? []);
        const [updated] = await tx
          .update(meetings)
          .set({ minutes: body.minutes ?? m.minutes, version: m.version + 1, updatedAt: clock.now() })
          .where(and(eq(meetings.id, id), eq(meetings.version, m.version)))
          .returning({ id: meetings.id });
        if (!updated) throw staleVersion();
        if (body.participantUserIds) await setParticipants(tx, id, body.participantUserIds);
        if (body.caseIds) {
          await setAgenda(tx, id, body.caseIds);
          await meetByMeeting(tx, m, body.caseIds, beijingDate(clock.now()));
        }
        await audit.record(tx, context, {
          action: 'meeting.update',
          entityType: 'meeting',
          entityId: id,
          diff: {
            after: {
              minutesChanged: body.minutes !== undefined && body.minutes !== m.minutes,
              participants: body.participantUserIds,
              cases: body.caseIds,
            },
          },
        });
      });
      return present(actor, await meetingInScope(actor, id));
    },

    async get(actor: Actor, id: string) {
      return present(actor, await meetingInScope(actor, id));
    },

    async list(actor: Actor, query: { kind?: string; caseId?: string; page: number; pageSize: number }) {
      const result = await listMeetings(db, actor, query);
      return { items: await Promise.all(result.items.map((row) => present(actor, row))), total: result.total };
    },

    /**
     * What an assessment meeting of a town should take up: pending proposals, listed cases whose
     * review falls within the next 7 days (or is overdue), emergency listings awaiting
     * confirmation, and the 待研判 pool.
     */
    async agenda(actor: Actor, unitId: string) {
      const unit = await findVisibleUnit(db, actor, unitId);
      if (!unit || !actor.scopePath || !unit.path.startsWith(actor.scopePath)) throw notFound();
      const page = { page: 1, pageSize: 100 };
      const [pendingProposals, dueForReview, awaitingConfirmation, pool] = await Promise.all([
        listProposals(db, actor, { ...page, status: 'pending', unitPath: unit.path }),
        listCases(db, actor, {
          ...page,
          unitPath: unit.path,
          reviewDueBy: addDays(today(), 7),
          awaitingConfirmation: false,
        }),
        listCases(db, actor, { ...page, unitPath: unit.path, status: 'listed', awaitingConfirmation: true }),
        poolOf(actor, unit.id),
      ]);
      return {
        pendingProposals: pendingProposals.items.map(presentProposal),
        dueForReview: dueForReview.items.map((row) => presentCaseSummary(actor, row, today())),
        awaitingConfirmation: awaitingConfirmation.items.map((row) => presentCaseSummary(actor, row, today())),
        pool,
        // Cases an alert flagged for level review, until a meeting takes them up (alerts module).
        levelReview: await levelReviewAgenda(db, actor, unit.path, today()),
        // The person's objections and the notices still pending (notice module).
        ...(await noticeAgenda(db, actor, unit, today())),
      };
    },
  };
}
