import {
  type CreateDecisionBody,
  DECISION_OUTCOME_LABELS,
  DELIST_REASON_LABELS,
  type DecisionOutcome,
  type DelistReason,
} from '@anxin/shared';
import { and, desc, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { caseLevelHistory, cases, decisions, meetingCases, proposals } from '../../db/schema.js';
import { beijingDate, type Clock } from '../../lib/clock.js';
import { AppError, conflict, forbidden, notFound } from '../../lib/errors.js';
import type { ActorContext, AuditLog } from '../audit/audit.service.js';
import { applyDecision, type CaseState, nextReviewOn, TransitionError } from '../cases/case-state.js';
import { presentDecision } from '../cases/cases.present.js';
import { findCaseInScope, pendingProposal } from '../cases/cases.queries.js';
import { readLifecyclePolicy } from '../cases/lifecycle-policy.js';
import { notifyUnits } from '../notifications/notifications.service.js';
import { refreshObligations } from '../obligations/recompute.js';
import { teamGapsAtLevel } from '../teams/teams.service.js';
import { meetingPolicy } from './meetings.policy.js';
import { participantsOf } from './meetings.queries.js';
import type { createMeetingService } from './meetings.service.js';
import { missingForQuorum } from './quorum.js';

interface Deps {
  db: Db;
  clock: Clock;
  audit: AuditLog;
}

/** Which proposal each outcome settles: intake for list/reject, its own kind for the others. */
const PROPOSAL_KIND: Partial<Record<DecisionOutcome, string>> = {
  list: 'intake',
  reject: 'intake',
  change_level: 'level_change',
  delist: 'delist',
};

const LEVEL_WORDS = ['', '一级', '二级', '三级'];

/**
 * The pending proposal a decision settles: the intake for list/reject of a proposed case, its own
 * kind for a level change or delisting, and for `reject` on a listed case the level-change or
 * delisting proposal being turned down (named by proposalId when both are pending). Null: the
 * named proposal is not pending on this case.
 */
async function settledProposal(db: Db, c: { id: string; status: string }, body: CreateDecisionBody) {
  if (body.outcome === 'reject' && c.status === 'listed') {
    const pending = (
      await Promise.all([pendingProposal(db, c.id, 'level_change'), pendingProposal(db, c.id, 'delist')])
    ).filter((p) => p !== undefined);
    if (body.proposalId) return pending.find((p) => p.id === body.proposalId) ?? null;
    if (pending.length > 1)
      throw conflict('PROPOSAL_AMBIGUOUS', '该案件有两项待研判呈报，请指定不予采纳的呈报(proposalId)');
    return pending[0];
  }
  const kind = PROPOSAL_KIND[body.outcome];
  const found = kind ? await pendingProposal(db, c.id, kind) : undefined;
  if (body.proposalId && found?.id !== body.proposalId) return null;
  return found;
}

export function createDecisionService(
  { db, clock, audit }: Deps,
  meetingsService: ReturnType<typeof createMeetingService>,
) {
  const proposalSettled = async (c: { id: string; status: string }, body: CreateDecisionBody) => {
    const found = await settledProposal(db, c, body);
    if (found === null) throw conflict('PROPOSAL_MISMATCH', '该呈报不是此案件待研判的呈报');
    return found;
  };

  return {
    /**
     * 研判决定: in one transaction the case changes state, the level history and the decision are
     * written, the proposal is settled, every responsible unit is notified and the audit event is
     * recorded. Effective on the meeting's date. Two decisions racing on one case: the case's
     * version lets one win and the other answers 409.
     */
    async decide(context: ActorContext, meetingId: string, body: CreateDecisionBody) {
      const actor = context.actor;
      const { meeting } = await meetingsService.meetingInScope(actor, meetingId);
      if (meeting.kind !== 'assessment') throw conflict('WRONG_MEETING', '只有研判会可以作出列管、变更、撤销等决定');
      if (!meetingPolicy.decide(actor, meeting)) throw forbidden();
      const row = await findCaseInScope(db, actor, body.caseId);
      if (!row) throw notFound('未找到该案件');
      const c = row.case;
      // Only the responsible town's meeting (or the district's) decides: the 居住地 town assists.
      if (!c.responsiblePath.startsWith(meeting.orgUnitPath)) {
        throw conflict('WRONG_MEETING', '该案件不由本次会议的镇（街道）负责，应由责任镇研判');
      }
      const needs = await meetingsService.quorumOf(c.responsiblePath);

      const proposal = await proposalSettled(c, body);
      if (body.outcome === 'change_level' && !proposal) {
        throw conflict('NO_PROPOSAL', '变更级别须先有级别变更呈报（谁呈报、谁负责）');
      }
      // A listing without a level takes the level the intake proposed.
      const level = body.level ?? (body.outcome === 'list' ? (proposal?.proposedLevel ?? undefined) : undefined);
      let transition: ReturnType<typeof applyDecision>;
      try {
        transition = applyDecision(
          { status: c.status, level: c.level, awaitingConfirmation: c.awaitingConfirmation } as CaseState,
          body.outcome,
          level,
          body.outcome === 'reject' && proposal && proposal.kind !== 'intake'
            ? (proposal.kind as 'level_change' | 'delist')
            : undefined,
        );
      } catch (error) {
        if (error instanceof TransitionError) throw conflict('INVALID_TRANSITION', error.message);
        throw error;
      }
      const delistReason = body.outcome === 'delist' ? (proposal?.reasonCode ?? body.reasonCode ?? null) : null;
      if (body.outcome === 'delist' && !delistReason) {
        throw conflict('NO_PROPOSAL', '撤销列管须有撤销理由：先提交撤销列管呈报，或在决定中填写撤销理由(reasonCode)');
      }
      // PIPL Art. 35 (SECURITY.md PI-3): a case is not closed while nobody has recorded whether the
      // person was told of the listing or which exception applied. A death needs no notice.
      if (body.outcome === 'delist' && c.noticeStatus === 'pending' && delistReason !== 'death') {
        throw conflict(
          'NOTICE_PENDING',
          '撤销列管前须记录告知情况：已告知本人，或适用的不告知情形（个人信息保护法第三十五条）',
        );
      }
      if (proposal && proposal.proposedOn > meeting.heldOn) {
        throw conflict(
          'PROPOSAL_AFTER_MEETING',
          `呈报日期（${proposal.proposedOn}）晚于会议日期（${meeting.heldOn}），不能在此会议上研判`,
        );
      }
      const effectiveOn = meeting.heldOn;
      const [lastStep] = await db
        .select({ effectiveOn: caseLevelHistory.effectiveOn })
        .from(caseLevelHistory)
        .where(eq(caseLevelHistory.caseId, c.id))
        .orderBy(desc(caseLevelHistory.effectiveOn))
        .limit(1);
      const latest = [lastStep?.effectiveOn, c.listedOn]
        .filter((d): d is string => Boolean(d))
        .sort()
        .at(-1);
      if (latest && effectiveOn < latest) {
        throw conflict(
          'MEETING_BEFORE_LAST_DECISION',
          `会议日期（${effectiveOn}）早于该案件上一次决定的生效日期（${latest}）`,
        );
      }
      const policy = await readLifecyclePolicy(db, effectiveOn);
      const next = transition.next;
      const decisionId = crypto.randomUUID();
      const reasonLabel = delistReason ? DELIST_REASON_LABELS[delistReason as DelistReason] : null;

      const decision = await db.transaction(async (tx) => {
        // Attendance read inside the transaction, so a concurrent edit cannot slip under it.
        const missing = missingForQuorum(needs, await participantsOf(tx, [meetingId]));
        if (missing.length) {
          throw new AppError(409, 'QUORUM_MISSING', `研判会缺少：${missing.join('、')}，不能作出决定`);
        }
        const [updated] = await tx
          .update(cases)
          .set({
            status: next.status,
            level: next.level,
            awaitingConfirmation: next.awaitingConfirmation,
            confirmationDueOn: next.awaitingConfirmation ? c.confirmationDueOn : null,
            listedOn: body.outcome === 'list' ? effectiveOn : c.listedOn,
            closedOn: transition.closes ? effectiveOn : null,
            delistReasonCode: body.outcome === 'delist' ? delistReason : c.delistReasonCode,
            nextReviewOn: next.status === 'listed' && next.level ? nextReviewOn(policy, next.level, effectiveOn) : null,
            version: c.version + 1,
            updatedAt: clock.now(),
          })
          .where(and(eq(cases.id, c.id), eq(cases.version, c.version)))
          .returning({ id: cases.id });
        if (!updated) throw conflict('STALE_CASE', '该案件刚被另一项决定改变，请刷新后重试');
        const [created] = await tx
          .insert(decisions)
          .values({
            id: decisionId,
            meetingId,
            caseId: c.id,
            proposalId: proposal?.id ?? null,
            outcome: body.outcome,
            level: next.level,
            reason: body.reason,
            effectiveOn,
            decidedBy: actor.userId,
          })
          .returning();
        if (proposal) {
          const settled = await tx
            .update(proposals)
            .set({ status: body.outcome === 'reject' ? 'rejected' : 'accepted', decisionId })
            .where(and(eq(proposals.id, proposal.id), eq(proposals.status, 'pending')))
            .returning({ id: proposals.id });
          if (settled.length === 0) throw conflict('STALE_CASE', '该呈报刚被另一项决定处理，请刷新后重试');
        }
        if (transition.closes) {
          // A closed case has nothing left to decide: its other pending proposals are settled with it.
          await tx
            .update(proposals)
            .set({ status: 'rejected', decisionId })
            .where(and(eq(proposals.caseId, c.id), eq(proposals.status, 'pending')));
        }
        if (transition.history) {
          await tx.insert(caseLevelHistory).values({
            caseId: c.id,
            fromLevel: transition.history.fromLevel,
            toLevel: transition.history.toLevel,
            effectiveOn,
            meetingId,
            decisionId,
            kind: transition.history.kind,
            reason: reasonLabel ? `${reasonLabel}：${body.reason}` : body.reason,
          });
        }
        await tx.insert(meetingCases).values({ meetingId, caseId: c.id }).onConflictDoNothing();
        // Due dates follow the new state: listed, level changed (mid-interval counts from the last visit), closed.
        await refreshObligations(tx, beijingDate(clock.now()), { caseIds: [c.id] });
        // 一人一专班: a new level may need other units on the team (level 1 adds the town leader).
        const gaps =
          transition.history && next.status === 'listed' && next.level && next.level !== c.level
            ? await teamGapsAtLevel(tx, c, next.level, beijingDate(clock.now()))
            : [];
        if (gaps.length) {
          await notifyUnits(tx, c.responsibleOrgUnitIds, {
            kind: 'team.incomplete',
            title: `服务管理小组须调整：${row.personName}`,
            body: `级别调整为${LEVEL_WORDS[next.level as number]}后，服务管理小组缺少：${gaps.join('、')}，请及时调整。`,
            caseId: c.id,
          });
        }
        const what =
          body.outcome === 'reject' && c.status === 'listed' ? '不予采纳呈报' : DECISION_OUTCOME_LABELS[body.outcome];
        const levelWord = next.level ? LEVEL_WORDS[next.level] : '';
        await notifyUnits(tx, c.responsibleOrgUnitIds, {
          kind: `decision.${body.outcome}`,
          title: `研判决定：${row.personName} ${what}${levelWord ? `（${levelWord}）` : ''}`,
          body: `${effectiveOn} 研判会决定：${row.personName} ${what}${levelWord ? `，级别${levelWord}` : ''}。理由：${body.reason}`,
          caseId: c.id,
        });
        await audit.record(tx, context, {
          action: 'decision.create',
          entityType: 'case',
          entityId: c.id,
          diff: {
            before: { status: c.status, level: c.level, awaitingConfirmation: c.awaitingConfirmation },
            after: {
              status: next.status,
              level: next.level,
              awaitingConfirmation: next.awaitingConfirmation,
              outcome: body.outcome,
              meetingId,
            },
          },
        });
        return created;
      });
      if (!decision) throw notFound();
      return presentDecision(decision);
    },
  };
}
