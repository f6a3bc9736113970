// 文书 of a case: each form's loader (the record it prints, by id or the latest, or 409 when there
// is none) and the list of forms on the case's 文书 card.
import { CASE_FORM_LABELS, type CaseForm, type CaseFormItem, type CaseFormQuery } from '@anxin/shared';
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { proposals } from '../../db/schema.js';
import { notFound } from '../../lib/errors.js';
import { latestLetter, teamMembersOf } from '../teams/teams.queries.js';
import { exitForm, intakeForm, levelChangeForm, outcomeText } from './builders/approval.js';
import type { CaseContext, FormPart } from './builders/common.js';
import { noticeForm } from './builders/notice.js';
import { assessmentReportForm, responsibilityLetterForm, type TeamMember, visitForm } from './builders/work.js';
import { levelWord } from './chinese-date.js';
import { type Found, nothingToPrint } from './forms.core.js';
import {
  type DecisionWithMeeting,
  decisionsWithMeetings,
  type HistoryRow,
  levelHistoryOf,
  peopleOf,
  proposalsOf,
  reportsOf,
  unitName,
  visitsOf,
} from './forms.queries.js';

/** The level in force on a date, from the level history (the current level when nothing earlier is known). */
function levelOn(history: HistoryRow[], date: string, fallback: number | null): number | null {
  const before = history.filter((h) => h.effectiveOn <= date);
  return before.length ? (before[before.length - 1] as HistoryRow).toLevel : fallback;
}

/** The record asked for by id (404 with `missing` when the case has no such record), else the latest. */
function pick<T>(list: T[], id: string | undefined, idOf: (item: T) => string, missing: string): T | undefined {
  const found = id ? list.find((item) => idOf(item) === id) : list[0];
  if (id && !found) throw notFound(missing);
  return found;
}

const ownId = (item: { id: string }) => item.id;

export type CaseFormLoader = (ctx: CaseContext, query: CaseFormQuery) => Promise<{ part: FormPart; recordId: string }>;

export function createCaseForms(db: Db) {
  async function proposalKindOf(d: DecisionWithMeeting): Promise<string | null> {
    if (!d.decision.proposalId) return null;
    const [p] = await db
      .select({ kind: proposals.kind })
      .from(proposals)
      .where(eq(proposals.id, d.decision.proposalId));
    return p?.kind ?? null;
  }

  /** What both the 文书 card and the archive count: proposals, decisions, visits, reports, the team. */
  async function caseRecords(caseId: string) {
    const [levelChanges, delists, decided, visitList, reports, team] = await Promise.all([
      proposalsOf(db, caseId, 'level_change'),
      proposalsOf(db, caseId, 'delist'),
      decisionsWithMeetings(db, caseId),
      visitsOf(db, caseId),
      reportsOf(db, caseId),
      teamMembersOf(db, caseId),
    ]);
    return { levelChanges, delists, decided, visitList, reports, team };
  }

  /** Each form's builder: the record it prints (by id, or the latest), or 409 when there is none. */
  const builders = {
    async intake(ctx: CaseContext) {
      const [intakes, decided, history] = await Promise.all([
        proposalsOf(db, ctx.c.id, 'intake'),
        decisionsWithMeetings(db, ctx.c.id),
        levelHistoryOf(db, ctx.c.id),
      ]);
      const proposal = intakes[0];
      const decision = proposal
        ? decided.find((d) => d.decision.proposalId === proposal.id)
        : decided.filter((d) => d.decision.outcome === 'confirm').at(-1);
      const listing = history.find((h) => h.kind === 'list' || h.kind === 'emergency');
      return { part: intakeForm(ctx, { proposal, decision, listing }), recordId: proposal?.id ?? ctx.c.id };
    },

    async 'level-change'(ctx: CaseContext, query: CaseFormQuery) {
      const list = await proposalsOf(db, ctx.c.id, 'level_change');
      const proposal = pick(list, query.proposalId, ownId, '未找到该级别变更呈报');
      if (!proposal) throw nothingToPrint('该案件尚无级别变更呈报，没有可生成的级别变更呈报表');
      const [decided, history, people, proposerUnit] = await Promise.all([
        decisionsWithMeetings(db, ctx.c.id),
        levelHistoryOf(db, ctx.c.id),
        peopleOf(db, [proposal.proposerId]),
        unitName(db, proposal.proposerOrgUnitId),
      ]);
      const decision = proposal.decisionId ? decided.find((d) => d.decision.id === proposal.decisionId) : undefined;
      const entry = proposal.decisionId ? history.find((h) => h.decisionId === proposal.decisionId) : undefined;
      const fromLevel = entry?.fromLevel ?? levelOn(history, proposal.proposedOn, ctx.c.level);
      const part = levelChangeForm(ctx, {
        proposal,
        proposerName: people.get(proposal.proposerId)?.name ?? '',
        proposerUnit,
        fromLevel,
        decision,
        history: entry,
      });
      return { part, recordId: proposal.id };
    },

    async exit(ctx: CaseContext, query: CaseFormQuery) {
      const [list, decided, history] = await Promise.all([
        proposalsOf(db, ctx.c.id, 'delist'),
        decisionsWithMeetings(db, ctx.c.id),
        levelHistoryOf(db, ctx.c.id),
      ]);
      const proposal = pick(list, query.proposalId, ownId, '未找到该撤销列管呈报');
      const decision = proposal
        ? decided.find((d) => d.decision.id === proposal.decisionId)
        : decided.find((d) => d.decision.outcome === 'delist');
      if (!proposal && !decision) throw nothingToPrint('该案件尚无撤销列管呈报，没有可生成的出库呈报表');
      const people = await peopleOf(db, proposal ? [proposal.proposerId] : []);
      const part = exitForm(ctx, {
        proposal,
        proposerName: proposal ? (people.get(proposal.proposerId)?.name ?? '') : '',
        proposerUnit: proposal ? await unitName(db, proposal.proposerOrgUnitId) : '',
        decision,
        level: history.find((h) => h.kind === 'delist')?.fromLevel ?? ctx.c.level,
      });
      return { part, recordId: proposal?.id ?? decision?.decision.id ?? ctx.c.id };
    },

    async notice(ctx: CaseContext, query: CaseFormQuery) {
      const decided = await decisionsWithMeetings(db, ctx.c.id);
      const decision = pick(decided, query.decisionId, (d) => d.decision.id, '未找到该研判决定');
      if (!decision) throw nothingToPrint('该案件尚无研判决定，没有可生成的书面通知');
      return { part: noticeForm(ctx, decision, await proposalKindOf(decision)), recordId: decision.decision.id };
    },

    async 'responsibility-letter'(ctx: CaseContext) {
      const [team, letter] = await Promise.all([teamMembersOf(db, ctx.c.id), latestLetter(db, ctx.c.id)]);
      if (team.length === 0) throw nothingToPrint('尚未组建服务管理小组，没有可生成的管控责任书');
      return { part: responsibilityLetterForm(ctx, { team, letter }), recordId: letter?.id ?? ctx.c.id };
    },

    async visit(ctx: CaseContext, query: CaseFormQuery) {
      const list = await visitsOf(db, ctx.c.id);
      const visit = pick(list, query.visitId, ownId, '未找到该随访记录');
      if (!visit) throw nothingToPrint('该案件尚无随访记录，没有可生成的随访记录表');
      const [people, history] = await Promise.all([
        peopleOf(db, [...visit.visitorUserIds, visit.recordedBy]),
        levelHistoryOf(db, ctx.c.id),
      ]);
      return {
        part: visitForm(ctx, visit, people, levelOn(history, visit.visitedOn, ctx.c.level)),
        recordId: visit.id,
      };
    },

    async 'assessment-report'(ctx: CaseContext, query: CaseFormQuery) {
      const list = await reportsOf(db, ctx.c.id);
      const report = pick(list, query.reportId, ownId, '未找到该评估报告');
      if (!report) throw nothingToPrint('该案件尚无现实危害性评估报告');
      const [people, team] = await Promise.all([peopleOf(db, [report.authorId]), teamMembersOf(db, ctx.c.id)]);
      return { part: assessmentReportForm(ctx, report, people, team as TeamMember[]), recordId: report.id };
    },
  } satisfies Record<Exclude<CaseForm, 'archive'>, CaseFormLoader>;

  /** The forms of a case for the 文书 card: which can be printed now, and what each would print. */
  async function formItems(found: Found): Promise<CaseFormItem[]> {
    const c = found.case;
    const { levelChanges, delists, decided, visitList, reports, team } = await caseRecords(c.id);
    const item = (form: CaseForm, available: boolean, note: string): CaseFormItem => ({
      form,
      label: CASE_FORM_LABELS[form],
      available,
      note,
    });
    const lastDecision = decided[0];
    const exitDecision = decided.find((d) => d.decision.outcome === 'delist');
    return [
      item('intake', true, `${c.proposedOn} ${c.source === 'emergency' ? '紧急列管' : '入库呈报'}`),
      item(
        'level-change',
        levelChanges.length > 0,
        levelChanges[0]
          ? `${levelChanges[0].proposedOn} 呈报${levelWord(levelChanges[0].proposedLevel)}`
          : '尚无级别变更呈报',
      ),
      item(
        'notice',
        decided.length > 0,
        lastDecision
          ? `${lastDecision.decision.effectiveOn} ${outcomeText(lastDecision.decision, null)}`
          : '尚无研判决定',
      ),
      item(
        'responsibility-letter',
        team.length > 0,
        team.length ? `服务管理小组${team.length}人` : '尚未组建服务管理小组',
      ),
      item('visit', visitList.length > 0, visitList[0] ? `${visitList[0].visitedOn} 随访` : '尚无随访记录'),
      item(
        'assessment-report',
        reports.length > 0,
        reports[0] ? `${reports[0].reportedOn} ${reports[0].period}` : '尚无评估报告',
      ),
      item(
        'exit',
        delists.length > 0 || exitDecision !== undefined,
        delists[0]
          ? `${delists[0].proposedOn} 撤销列管呈报`
          : exitDecision
            ? `${exitDecision.decision.effectiveOn} 撤销列管`
            : '尚无撤销列管呈报',
      ),
      item('archive', true, '封面、目录、全部文书及上传材料清单'),
    ];
  }

  return { builders, proposalKindOf, caseRecords, formItems };
}

export type CaseForms = ReturnType<typeof createCaseForms>;
