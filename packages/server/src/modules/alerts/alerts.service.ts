import type { AlertListQuery, AlertStatus, AlertStep, CreateAlertBody, UpdateAlertBody } from '@anxin/shared';
import { and, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { alertEvents, alerts } from '../../db/schema.js';
import { beijingDate, beijingIso, type Clock } from '../../lib/clock.js';
import { badRequest, conflict, forbidden, notFound, staleVersion } from '../../lib/errors.js';
import type { Actor } from '../access/actor.js';
import { can } from '../access/actor.js';
import type { ActorContext, AuditLog } from '../audit/audit.service.js';
import { type CaseRow, findCaseInScope, findOpenCaseOfPerson } from '../cases/cases.queries.js';
import { notifyUnits } from '../notifications/notifications.service.js';
import { policyOn, policyVersions } from '../obligations/policy.store.js';
import { findPersonInScope } from '../persons/persons.queries.js';
import { namesOf } from '../work/work.queries.js';
import { alertAbilities } from './alerts.policy.js';
import {
  type AlertWithPerson,
  eventsOf,
  findAlertInScope,
  listAlerts,
  openAlerts,
  teamUnitsOf,
} from './alerts.queries.js';
import { raiseAlert } from './alerts.raise.js';
import { alertTimers } from './timers.js';

interface Deps {
  db: Db;
  clock: Clock;
  audit: AuditLog;
}

/** "2026-11-29 09:00", as notices and messages print a time. */
const minuteText = (instant: Date) => beijingIso(instant).slice(0, 16).replace('T', ' ');

const FIELD_LABELS = {
  occurredAt: '发生时间',
  policeRespondedAt: '出警时间',
  teamNotifiedAt: '通报时间',
} as const;

/** No alert is older than this: it bounds typed-in times (year 1 Beijing is year 0 UTC, which PostgreSQL refuses). */
const EARLIEST = new Date('2000-01-01T00:00:00+08:00');

type Versions = Awaited<ReturnType<typeof policyVersions>>;

/** The targets of the policy in force on the day the alert occurred: a later policy does not rewrite the past. */
function targetsOf(versions: Versions, occurredAt: Date) {
  return policyOn(versions, beijingDate(occurredAt)).alertTargets;
}

export function createAlertService({ db, clock, audit }: Deps) {
  /** Alerts with their timers (read now), timelines, the reporter's name and what the actor may do. */
  async function present(actor: Actor, rows: readonly AlertWithPerson[]) {
    const ids = rows.map((row) => row.alert.id);
    const [events, versions, names] = await Promise.all([
      eventsOf(db, ids),
      policyVersions(db),
      namesOf(
        db,
        rows.map((row) => row.alert.reportedBy),
      ),
    ]);
    const now = clock.now();
    const timeline = (a: AlertWithPerson['alert']) => {
      const own = events
        .filter((e) => e.event.alertId === a.id)
        .map((e) => ({
          id: e.event.id,
          step: e.event.step as AlertStep,
          at: beijingIso(e.event.at),
          note: e.event.note,
          actorId: e.event.actorId,
          actorName: e.actorName,
        }));
      // Alerts raised before the timeline was kept have no `reported` line: it is the alert itself.
      if (own.some((e) => e.step === 'reported')) return own;
      const reported = {
        id: a.id,
        step: 'reported' as const,
        at: beijingIso(a.occurredAt),
        note: null,
        actorId: a.reportedBy,
        actorName: names.get(a.reportedBy) ?? '',
      };
      return [reported, ...own];
    };
    return rows.map(({ alert: a, personName }) => ({
      id: a.id,
      caseId: a.caseId,
      personId: a.personId,
      personName,
      source: a.source as 'visit' | 'report',
      visitId: a.visitId,
      description: a.description,
      occurredAt: beijingIso(a.occurredAt),
      status: a.status as AlertStatus,
      reportedBy: a.reportedBy,
      reportedByName: names.get(a.reportedBy) ?? '',
      createdAt: beijingIso(a.createdAt),
      policeRespondedAt: a.policeRespondedAt ? beijingIso(a.policeRespondedAt) : null,
      policeRespondedBy: a.policeRespondedBy,
      teamNotifiedAt: a.teamNotifiedAt ? beijingIso(a.teamNotifiedAt) : null,
      teamNotifiedBy: a.teamNotifiedBy,
      disposition: a.disposition,
      disposedAt: a.disposedAt ? beijingIso(a.disposedAt) : null,
      disposedBy: a.disposedBy,
      timers: alertTimers(a, targetsOf(versions, a.occurredAt), now),
      events: timeline(a),
      abilities: alertAbilities(actor, a),
      version: a.version,
    }));
  }

  async function presentOne(actor: Actor, row: AlertWithPerson) {
    const [presented] = await present(actor, [row]);
    if (!presented) throw notFound();
    return presented;
  }

  async function alertInScope(actor: Actor, id: string) {
    const row = await findAlertInScope(db, actor, id);
    if (!row) throw notFound();
    return row;
  }

  /** A time given for a step: not in the future, not before the alert occurred (400 naming the field). */
  function stepTime(value: string, field: keyof typeof FIELD_LABELS, occurredAt: Date | null): Date {
    const at = new Date(value);
    const label = `${FIELD_LABELS[field]}(${field})`;
    if (at.getTime() > clock.now().getTime()) throw badRequest(`${label}：不能晚于现在`, field);
    if (at.getTime() < EARLIEST.getTime()) throw badRequest(`${label}：不能早于2000-01-01`, field);
    if (occurredAt && at.getTime() < occurredAt.getTime()) {
      throw badRequest(`${label}：不能早于警情发生时间（${minuteText(occurredAt)}）`, field);
    }
    return at;
  }

  return {
    /** 警情处置: the alerts of the jurisdiction, newest first; reading them reads the persons' files (audited). */
    async list(context: ActorContext, query: AlertListQuery) {
      const { items, total } = await listAlerts(db, context.actor, query);
      await db.transaction((tx) =>
        audit.record(tx, context, {
          action: 'alert.list',
          entityType: 'case',
          diff: {
            after: {
              caseIds: [...new Set(items.map((row) => row.alert.caseId).filter((id): id is string => id !== null))],
              personIds: [...new Set(items.map((row) => row.alert.personId))],
            },
          },
        }),
      );
      return { items: await present(context.actor, items), total };
    },

    /** One alert with its chain; the read is audited, a miss (absent or out of scope) too. */
    async get(context: ActorContext, id: string) {
      const row = await findAlertInScope(db, context.actor, id);
      await db.transaction((tx) =>
        audit.record(tx, context, {
          action: 'alert.read',
          entityType: 'alert',
          entityId: id,
          outcome: row ? 'success' : 'not_found',
        }),
      );
      if (!row) throw notFound();
      return presentOne(context.actor, row);
    },

    /**
     * 报告警情: a person of the caller's jurisdiction (404 otherwise), the case given (the person's,
     * in scope and open) or else their open listed case; 平安办 and 派出所 of both towns hear at once.
     */
    async create(context: ActorContext, body: CreateAlertBody) {
      const actor = context.actor;
      const found = await findPersonInScope(db, actor, body.personId);
      if (!found) throw notFound();
      const person = found.person;
      const occurredAt = stepTime(body.occurredAt, 'occurredAt', null);
      let caseRow: CaseRow | null = null;
      if (body.caseId) {
        const row = await findCaseInScope(db, actor, body.caseId);
        if (!row || row.case.personId !== person.id) {
          throw badRequest('关联案件(caseId)：不是该人员在您辖区内的案件', 'caseId');
        }
        if (row.case.status !== 'listed' && row.case.status !== 'proposed') {
          throw conflict('CASE_CLOSED', '该案件已结案，不能关联；请不选择案件直接报告警情');
        }
        caseRow = row.case;
      } else {
        const open = await findOpenCaseOfPerson(db, person.id);
        // Only a case the reporter can see: an alert they could not read back would be lost to them.
        if (open?.status === 'listed' && (await findCaseInScope(db, actor, open.id))) caseRow = open;
      }
      const today = beijingDate(clock.now());
      const id = await db.transaction(async (tx) => {
        const alertId = await raiseAlert(
          tx,
          actor,
          {
            personId: person.id,
            caseRow,
            householdPath: person.householdPath,
            residencePath: person.residencePath,
            source: 'report',
            description: body.description,
            occurredAt,
            notice: {
              title: `警情：${person.name}（${actor.orgUnitName}报告）`,
              body: `${minuteText(occurredAt)} ${person.name}：${body.description}。请派出所立即出警，平安办通报服务管理小组。`,
            },
          },
          today,
        );
        await audit.record(tx, context, {
          action: 'alert.create',
          entityType: 'alert',
          entityId: alertId,
          diff: {
            after: {
              personId: person.id,
              caseId: caseRow?.id ?? null,
              occurredAt: beijingIso(occurredAt),
              levelReview: caseRow?.status === 'listed',
            },
          },
        });
        return alertId;
      });
      return presentOne(actor, await alertInScope(actor, id));
    },

    /**
     * One or more steps of the chain, each once and in order: 出警 by 派出所; 通报服务管理小组
     * (notifies the units of the case's team) and 处置结果 (after both) by 平安办 or 派出所; notes.
     * The steps, the timeline and the audit event commit together; a stale version writes nothing.
     */
    async update(context: ActorContext, id: string, body: UpdateAlertBody) {
      const actor = context.actor;
      const row = await alertInScope(actor, id);
      const a = row.alert;
      if (
        body.policeRespondedAt === undefined &&
        body.teamNotifiedAt === undefined &&
        body.disposition === undefined &&
        body.note === undefined
      ) {
        throw badRequest('请至少填写一项：出警时间、通报时间、处置结果或处置情况');
      }
      if (body.policeRespondedAt !== undefined && !can(actor, 'alerts.respond')) {
        throw forbidden('出警情况由派出所登记');
      }
      const policeRespondedAt =
        body.policeRespondedAt === undefined
          ? null
          : stepTime(body.policeRespondedAt, 'policeRespondedAt', a.occurredAt);
      const teamNotifiedAt =
        body.teamNotifiedAt === undefined ? null : stepTime(body.teamNotifiedAt, 'teamNotifiedAt', a.occurredAt);
      if (body.version !== a.version) throw staleVersion();
      if (policeRespondedAt && a.policeRespondedAt) {
        throw conflict('STEP_RECORDED', `出警情况已于${minuteText(a.policeRespondedAt)}登记，不能修改`);
      }
      if (teamNotifiedAt && a.teamNotifiedAt) {
        throw conflict('STEP_RECORDED', `已于${minuteText(a.teamNotifiedAt)}通报服务管理小组，不能修改`);
      }
      if (body.disposition !== undefined && a.disposedAt) {
        throw conflict('STEP_RECORDED', '处置结果已登记，不能修改；后续情况请补充处置情况');
      }
      const responded = policeRespondedAt ?? a.policeRespondedAt;
      const notified = teamNotifiedAt ?? a.teamNotifiedAt;
      if (body.disposition !== undefined && (!responded || !notified)) {
        const missing = [!responded ? '派出所出警' : null, !notified ? '通报服务管理小组' : null].filter(Boolean);
        throw conflict('WRONG_ORDER', `须先登记${missing.join('和')}，才能登记处置结果`);
      }

      const now = clock.now();
      const disposedAt = body.disposition !== undefined ? now : null;
      // A note added after the disposition leaves the alert disposed.
      const status: AlertStatus = disposedAt || a.disposedAt ? 'disposed' : responded ? 'responding' : 'reported';
      // A note sent with 出警 or 通报 is that step's remark (on its line of the timeline); alone, or
      // beside a disposition (whose line holds the disposition), it is a 处置情况 line of its own.
      const steps: { step: AlertStep; at: Date; note: string | null }[] = [];
      if (policeRespondedAt) steps.push({ step: 'police_responded', at: policeRespondedAt, note: null });
      if (teamNotifiedAt) steps.push({ step: 'team_notified', at: teamNotifiedAt, note: null });
      const timed = steps.at(-1);
      if (body.note !== undefined && timed) timed.note = body.note;
      if (disposedAt) steps.push({ step: 'disposed', at: disposedAt, note: body.disposition ?? null });
      if (body.note !== undefined && !timed) steps.push({ step: 'note', at: now, note: body.note });
      const teamUnits = teamNotifiedAt && a.caseId ? await teamUnitsOf(db, a.caseId) : [];

      await db.transaction(async (tx) => {
        const [updated] = await tx
          .update(alerts)
          .set({
            ...(policeRespondedAt ? { policeRespondedAt, policeRespondedBy: actor.userId } : {}),
            ...(teamNotifiedAt ? { teamNotifiedAt, teamNotifiedBy: actor.userId } : {}),
            ...(disposedAt ? { disposition: body.disposition, disposedAt, disposedBy: actor.userId } : {}),
            status,
            version: a.version + 1,
            updatedAt: now,
          })
          .where(and(eq(alerts.id, id), eq(alerts.version, a.version)))
          .returning({ id: alerts.id });
        if (!updated) throw staleVersion();
        await tx.insert(alertEvents).values(steps.map((s) => ({ alertId: id, ...s, actorId: actor.userId })));
        if (teamNotifiedAt) {
          await notifyUnits(tx, teamUnits, {
            kind: 'alert.team_notified',
            title: `警情通报：${row.personName}`,
            body: `${minuteText(a.occurredAt)} ${row.personName}：${a.description}。${actor.orgUnitName}通报服务管理小组，请按联合处置要求做好依法处置、善后处理等工作。`,
            caseId: a.caseId,
          });
        }
        await audit.record(tx, context, {
          action: 'alert.update',
          entityType: 'alert',
          entityId: id,
          diff: {
            before: { status: a.status, version: a.version },
            after: {
              status,
              steps: steps.map((s) => s.step),
              ...(policeRespondedAt ? { policeRespondedAt: beijingIso(policeRespondedAt) } : {}),
              ...(teamNotifiedAt
                ? { teamNotifiedAt: beijingIso(teamNotifiedAt), notifiedUnits: teamUnits.length }
                : {}),
            },
          },
        });
      });
      return presentOne(actor, await alertInScope(actor, id));
    },
  };
}

/**
 * The work dashboard's 警情 card: open alerts of the jurisdiction, how many are past each timer
 * (not done and past the target), and the oldest ones with their timers.
 */
export async function alertOverview(db: Db, actor: Actor, now: Date) {
  const [rows, versions] = await Promise.all([openAlerts(db, actor), policyVersions(db)]);
  const items = rows.map((row) => ({
    id: row.id,
    caseId: row.caseId,
    personName: row.personName,
    occurredAt: beijingIso(row.occurredAt),
    status: row.status as AlertStatus,
    timers: alertTimers(row, targetsOf(versions, row.occurredAt), now),
  }));
  return {
    open: items.length,
    policeResponseOverdue: items.filter((item) => item.timers.policeResponse.state === 'overdue').length,
    teamNotifiedOverdue: items.filter((item) => item.timers.teamNotified.state === 'overdue').length,
    items: items.slice(0, 10),
  };
}
