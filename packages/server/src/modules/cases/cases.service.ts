import type { CreateCaseBody, CreateProposalBody } from '@anxin/shared';
import { CASE_SOURCE_LABELS, LEVEL_LABELS } from '@anxin/shared';
import { and, eq, isNull } from 'drizzle-orm';
import type { Db, Executor } from '../../db/client.js';
import { caseLevelHistory, cases, proposals, screeningEntries } from '../../db/schema.js';
import { beijingDate, type Clock } from '../../lib/clock.js';
import { onUniqueViolation } from '../../lib/db-errors.js';
import { AppError, badRequest, conflict, forbidden, notFound } from '../../lib/errors.js';
import type { Actor } from '../access/actor.js';
import { inScope } from '../access/actor.js';
import type { ActorContext, AuditLog } from '../audit/audit.service.js';
import { noticeAndObjections } from '../notice/notice.service.js';
import { notifyUnits } from '../notifications/notifications.service.js';
import { obligationsOfCase } from '../obligations/obligations.queries.js';
import { refreshObligations } from '../obligations/recompute.js';
import { ancestorOfKind, findUnits, findVisibleUnit } from '../org/org.queries.js';
import { findPersonInScope } from '../persons/persons.queries.js';
import { findEntryInScope, markEntryProposed } from '../screening/screening.queries.js';
import { presentTeam } from '../teams/teams.service.js';
import { confirmationDueOn, nextReviewOn } from './case-state.js';
import { casePolicy } from './cases.policy.js';
import { presentCaseSummary, presentDecision, presentLevelHistory, presentProposal } from './cases.present.js';
import {
  type CaseWithPerson,
  decisionsOf,
  findCaseInScope,
  findOpenCaseOfPerson,
  levelHistoryOf,
  listCases,
  listProposals,
  pendingProposal,
  proposalsOfCase,
} from './cases.queries.js';
import { readLifecyclePolicy } from './lifecycle-policy.js';

interface Deps {
  db: Db;
  clock: Clock;
  audit: AuditLog;
}

const pendingProposalExists = () => conflict('PENDING_PROPOSAL', '该案件已有同类待研判的呈报，请等待会议研判');
const openCaseExists = () =>
  conflict('OPEN_CASE_EXISTS', '该人员已有未结案件（待研判或列管中），一人同时只能有一个未结案件');

/** A date given for a paper record: not in the future (Beijing). */
function assertNotFuture(date: string, today: string, field: string, label: string) {
  if (date > today) throw badRequest(`${label}(${field})：不能晚于今天（${today}）`, field);
}

export function createCaseService({ db, clock, audit }: Deps) {
  const today = () => beijingDate(clock.now());

  async function detail(actor: Actor, row: CaseWithPerson) {
    const [history, caseProposals, caseDecisions, due] = await Promise.all([
      levelHistoryOf(db, row.case.id),
      proposalsOfCase(db, row.case.id),
      decisionsOf(db, row.case.id),
      obligationsOfCase(db, row.case.id),
    ]);
    const c = row.case;
    return {
      ...presentCaseSummary(actor, row, today()),
      indicators: c.indicators as CreateCaseBody['indicators'],
      basis: c.basis,
      resolutionPlan: c.resolutionPlan,
      listingOpinion: c.listingOpinion,
      responsibleOrgUnitIds: c.responsibleOrgUnitIds,
      responsibleUnits: (await findUnits(db, c.responsibleOrgUnitIds)).map(({ id, name }) => ({ id, name })),
      superiorBody: c.superiorBody,
      superiorReference: c.superiorReference,
      delistReasonCode: c.delistReasonCode,
      proposerId: c.proposerId,
      levelReviewSince: c.levelReviewSince,
      levelReviewAlertId: c.levelReviewAlertId,
      levelHistory: history.map(presentLevelHistory),
      proposals: caseProposals.map(presentProposal),
      decisions: caseDecisions.map(presentDecision),
      team: c.status === 'listed' ? await presentTeam(db, c, today()) : null,
      obligations: due.map((o) => ({
        kind: o.kind,
        dueOn: o.dueOn as string,
        overdue: (o.dueOn as string) < today(),
        lastMetOn: o.lastMetOn,
      })),
      ...(await noticeAndObjections(db, actor, c)),
    };
  }

  /** Responsible units: the town's own departments and villages, and the district's bodies above it. */
  async function responsibleUnitsFit(ids: readonly string[], town: { path: string; parentId: string | null }) {
    const units = await findUnits(db, ids);
    return ids.every((id) =>
      units.some(
        (u) =>
          u.id === id && (u.path.startsWith(town.path) || (u.kind === 'department' && u.parentId === town.parentId)),
      ),
    );
  }

  async function caseInScope(actor: Actor, id: string) {
    const row = await findCaseInScope(db, actor, id);
    if (!row) throw notFound();
    return row;
  }

  return {
    detail,

    async list(
      actor: Actor,
      query: {
        status?: string;
        level?: number;
        orgUnitId?: string;
        personId?: string;
        awaitingConfirmation?: string;
        q?: string;
        page: number;
        pageSize: number;
      },
    ) {
      const unit = query.orgUnitId ? await findVisibleUnit(db, actor, query.orgUnitId) : undefined;
      if (query.orgUnitId && !unit) return { items: [], total: 0 };
      const result = await listCases(db, actor, {
        ...query,
        awaitingConfirmation:
          query.awaitingConfirmation === undefined ? undefined : query.awaitingConfirmation === 'true',
        unitPath: unit?.path,
      });
      return { items: result.items.map((row) => presentCaseSummary(actor, row, today())), total: result.total };
    },

    /** Reading a case shows a person's file: audited like the person's own detail. */
    async get(context: ActorContext, id: string) {
      const row = await findCaseInScope(db, context.actor, id);
      await db.transaction((tx) =>
        audit.record(tx, context, {
          action: 'case.read',
          entityType: 'case',
          entityId: id,
          outcome: row ? 'success' : 'not_found',
        }),
      );
      if (!row) throw notFound();
      return detail(context.actor, row);
    },

    /**
     * 入库呈报: creates a case in `proposed` with its intake proposal; a police emergency listing
     * (紧急列管) is `listed` at once and waits for a meeting's confirmation.
     */
    async create(context: ActorContext, body: CreateCaseBody) {
      const actor = context.actor;
      const proposedOn = body.proposedOn ?? today();
      assertNotFuture(proposedOn, today(), 'proposedOn', '呈报日期');
      const person = await findPersonInScope(db, actor, body.personId);
      if (!person) throw badRequest('人员(personId)：不存在或不在您的管辖范围内', 'personId');
      if (body.source === 'emergency' && !actor.roles.includes('police')) throw forbidden('只有派出所可以直接紧急列管');
      if (body.source === 'superior' && !body.superiorBody) {
        throw badRequest('交办单位(superiorBody)：上级交办须填写交办单位', 'superiorBody');
      }
      const household = person.person;
      // Responsibility lies with the 户籍地 town (§四(二)2): the 居住地 town assists but does not list.
      if (!inScope(actor, household.householdPath)) {
        throw badRequest('人员(personId)：户籍地不在您的管辖范围内，应由户籍地镇（街道）呈报', 'personId');
      }
      const town = await ancestorOfKind(db, household.householdPath, ['town']);
      if (!town) throw badRequest('人员(personId)：户籍地不在任何镇（街道）之下', 'personId');
      if (!(await responsibleUnitsFit(body.responsibleOrgUnitIds, town))) {
        throw badRequest(
          '责任单位(responsibleOrgUnitIds)：只能是本镇的部门、村（社区）或本区的区级部门',
          'responsibleOrgUnitIds',
        );
      }
      if (await findOpenCaseOfPerson(db, household.id)) throw openCaseExists();
      if (body.screeningEntryId) {
        const entry = await findEntryInScope(db, actor, body.screeningEntryId);
        if (!entry || entry.personId !== household.id) {
          throw badRequest('排查记录(screeningEntryId)：不存在或不是该人员的排查记录', 'screeningEntryId');
        }
      }
      const policy = await readLifecyclePolicy(db, proposedOn);
      const emergency = body.source === 'emergency';
      const caseId = crypto.randomUUID();

      await db
        .transaction(async (tx) => {
          await tx.insert(cases).values({
            id: caseId,
            personId: household.id,
            source: body.source,
            screeningEntryId: body.screeningEntryId ?? null,
            superiorBody: body.superiorBody ?? null,
            superiorReference: body.superiorReference ?? null,
            categories: body.categories,
            indicators: body.indicators,
            proposedLevel: body.proposedLevel,
            level: emergency ? body.proposedLevel : null,
            status: emergency ? 'listed' : 'proposed',
            awaitingConfirmation: emergency,
            confirmationDueOn: emergency ? confirmationDueOn(policy, proposedOn) : null,
            basis: body.basis,
            resolutionPlan: body.resolutionPlan,
            listingOpinion: body.listingOpinion ?? null,
            responsibleOrgUnitIds: body.responsibleOrgUnitIds,
            proposerId: actor.userId,
            proposedOn,
            listedOn: emergency ? proposedOn : null,
            nextReviewOn: emergency ? nextReviewOn(policy, body.proposedLevel, proposedOn) : null,
            responsibleTownId: town.id,
            responsiblePath: household.householdPath,
            assistingPath:
              household.residencePath && household.residencePath !== household.householdPath
                ? household.residencePath
                : null,
          });
          if (body.screeningEntryId) await markEntryProposed(tx, body.screeningEntryId, caseId);
          // Any other suspicion about this person waiting in the pool is taken up by this case.
          await tx
            .update(screeningEntries)
            .set({ poolStatus: 'proposed', caseId })
            .where(and(eq(screeningEntries.personId, household.id), eq(screeningEntries.poolStatus, 'pending')));
          if (emergency) {
            await tx.insert(caseLevelHistory).values({
              caseId,
              fromLevel: null,
              toLevel: body.proposedLevel,
              effectiveOn: proposedOn,
              kind: 'emergency',
              reason: body.basis,
            });
            await notifyUnits(tx, body.responsibleOrgUnitIds, {
              kind: 'case.emergency_listed',
              title: `紧急列管：${household.name}（${LEVEL_LABELS[body.proposedLevel as 1 | 2 | 3]}）`,
              body: `派出所已将${household.name}紧急列管，须在${confirmationDueOn(policy, proposedOn)}前经研判会确认。`,
              caseId,
            });
          } else {
            await tx.insert(proposals).values({
              caseId,
              kind: 'intake',
              proposedLevel: body.proposedLevel,
              basis: body.basis,
              indicators: body.indicators,
              proposerId: actor.userId,
              proposerOrgUnitId: actor.orgUnitId,
              proposedOn,
            });
          }
          if (emergency) await refreshObligations(tx, today(), { caseIds: [caseId] });
          await audit.record(tx, context, {
            action: 'case.create',
            entityType: 'case',
            entityId: caseId,
            diff: {
              after: {
                personId: household.id,
                source: CASE_SOURCE_LABELS[body.source],
                proposedLevel: body.proposedLevel,
              },
            },
          });
        })
        .catch(onUniqueViolation(openCaseExists));
      return detail(actor, await caseInScope(actor, caseId));
    },

    /** 级别变更呈报 / 撤销列管呈报: "谁呈报、谁负责" — the proposer and their unit are recorded. */
    async propose(
      context: ActorContext,
      caseId: string,
      body: CreateProposalBody,
      options: {
        /** The caller checked that the actor leads the case's team (a town leader may then propose). */
        asTeamLeader?: boolean;
        /** Written in the proposal's transaction (an assessment report's link to it). */
        link?: (tx: Executor, proposalId: string) => Promise<void>;
      } = {},
    ) {
      const actor = context.actor;
      const row = await caseInScope(actor, caseId);
      const c = row.case;
      if (!casePolicy.propose(actor, c) && !(options.asTeamLeader && c.status === 'listed')) {
        if (c.status !== 'listed') throw conflict('WRONG_STATE', '只有列管中的案件可以呈报级别变更或撤销列管');
        throw forbidden();
      }
      const proposedOn = body.proposedOn ?? today();
      assertNotFuture(proposedOn, today(), 'proposedOn', '呈报日期');
      if (body.kind === 'level_change') {
        if (!body.proposedLevel) throw badRequest('建议级别(proposedLevel)：级别变更须填写建议级别', 'proposedLevel');
        if (body.proposedLevel === c.level)
          throw badRequest(`建议级别(proposedLevel)：该案件已是${c.level}级`, 'proposedLevel');
      }
      if (body.kind === 'delist' && !body.reasonCode) {
        throw badRequest('撤销理由(reasonCode)：撤销列管须选择理由', 'reasonCode');
      }
      if (await pendingProposal(db, caseId, body.kind)) throw pendingProposalExists();
      const proposalId = crypto.randomUUID();
      await db
        .transaction(async (tx) => {
          await tx.insert(proposals).values({
            id: proposalId,
            caseId,
            kind: body.kind,
            proposedLevel: body.kind === 'level_change' ? (body.proposedLevel ?? null) : null,
            reasonCode: body.kind === 'delist' ? (body.reasonCode ?? null) : null,
            basis: body.basis,
            indicators: body.indicators ?? null,
            proposerId: actor.userId,
            proposerOrgUnitId: actor.orgUnitId,
            proposedOn,
          });
          await options.link?.(tx, proposalId);
          await audit.record(tx, context, {
            action: 'proposal.create',
            entityType: 'proposal',
            entityId: proposalId,
            diff: {
              after: { caseId, kind: body.kind, proposedLevel: body.proposedLevel, reasonCode: body.reasonCode },
            },
          });
        })
        .catch(onUniqueViolation(pendingProposalExists));
      const created = (await proposalsOfCase(db, caseId)).find((p) => p.proposal.id === proposalId);
      if (!created) throw notFound();
      return presentProposal(created);
    },

    async listProposals(actor: Actor, query: { status?: string; caseId?: string; page: number; pageSize: number }) {
      const result = await listProposals(db, actor, query);
      return { items: result.items.map(presentProposal), total: result.total };
    },

    /** 报区公安局入库/变更: records that the listing or level decision was reported, and when. */
    async reportUpward(context: ActorContext, caseId: string, entryId: string, reportedOn: string) {
      const actor = context.actor;
      const row = await caseInScope(actor, caseId);
      if (!casePolicy.reportUpward(actor, row.case)) {
        throw new AppError(
          403,
          'FORBIDDEN',
          inScope(actor, row.case.responsiblePath) ? '无权登记上报' : '只有责任镇可以登记上报',
        );
      }
      const [entry] = await db
        .select()
        .from(caseLevelHistory)
        .where(and(eq(caseLevelHistory.id, entryId), eq(caseLevelHistory.caseId, caseId)));
      if (!entry) throw notFound();
      if (!['list', 'emergency', 'change_level'].includes(entry.kind)) {
        throw conflict('NOT_REPORTABLE', '只有列管和级别变更需要登记报区公安局');
      }
      if (entry.reportedOn) throw conflict('ALREADY_REPORTED', `已于${entry.reportedOn}登记上报`);
      assertNotFuture(reportedOn, today(), 'reportedOn', '上报日期');
      if (reportedOn < entry.effectiveOn) {
        throw badRequest(`上报日期(reportedOn)：不能早于决定生效日期（${entry.effectiveOn}）`, 'reportedOn');
      }
      const updated = await db.transaction(async (tx) => {
        const [result] = await tx
          .update(caseLevelHistory)
          .set({ reportedOn, reportedBy: actor.userId })
          .where(and(eq(caseLevelHistory.id, entryId), isNull(caseLevelHistory.reportedOn)))
          .returning();
        if (!result) throw conflict('ALREADY_REPORTED', '已登记上报');
        await audit.record(tx, context, {
          action: 'case.report_upward',
          entityType: 'case',
          entityId: caseId,
          diff: { after: { levelHistoryId: entryId, reportedOn } },
        });
        return result;
      });
      return presentLevelHistory(updated);
    },
  };
}
