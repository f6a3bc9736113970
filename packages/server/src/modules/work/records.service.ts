import type { CreateAssessmentReportBody } from '@anxin/shared';
import { and, asc, desc, eq, isNull } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { assessmentReports, dailyReports, emergencyPlans, users, watchLogs } from '../../db/schema.js';
import { beijingDate, type Clock } from '../../lib/clock.js';
import { badRequest, conflict, forbidden, notFound } from '../../lib/errors.js';
import type { ActorContext, AuditLog } from '../audit/audit.service.js';
import type { createCaseService } from '../cases/cases.service.js';
import { lockCases, meetObligation } from '../obligations/recompute.js';
import { assertOnTeam, isTeamLeader } from '../teams/teams.service.js';
import { namesOf } from './work.queries.js';
import { caseForAuditedRead, caseForRead, caseForRecord } from './work-access.js';

interface Deps {
  db: Db;
  clock: Clock;
  audit: AuditLog;
  cases: ReturnType<typeof createCaseService>;
}

type ReportRow = typeof assessmentReports.$inferSelect;

/** Only the newest report of a case prepares a proposal: a later one supersedes an earlier draft. */
function presentReport(r: ReportRow, authorName: string, newest = true) {
  return {
    id: r.id,
    caseId: r.caseId,
    period: r.period,
    reportedOn: r.reportedOn,
    findings: r.findings,
    harmAssessment: r.harmAssessment,
    recommendedMeasures: r.recommendedMeasures,
    recommendedLevel: r.recommendedLevel,
    levelAtReport: r.levelAtReport,
    proposalPrepared: newest && r.recommendedLevel !== null && r.recommendedLevel !== r.levelAtReport,
    proposalId: r.proposalId,
    authorId: r.authorId,
    authorName,
  };
}

export function createRecordService({ db, clock, audit, cases }: Deps) {
  const today = () => beijingDate(clock.now());

  /** A record's date: not in the future, not before the listing. */
  function assertDate(date: string, listedOn: string | null, field: string, label: string) {
    if (date > today()) throw badRequest(`${label}(${field})：不能晚于今天（${today()}）`, field);
    if (listedOn && date < listedOn) throw badRequest(`${label}(${field})：不能早于列管日期（${listedOn}）`, field);
  }

  /** Writes a record, meets its obligation and recomputes the case, audited, in one transaction. */
  async function record<T>(
    context: ActorContext,
    caseId: string,
    write: (tx: Parameters<Parameters<Db['transaction']>[0]>[0]) => Promise<T & { id: string }>,
    meet: { kind: string; on: string } | null,
    action: string,
    after: Record<string, unknown>,
  ) {
    return db.transaction(async (tx) => {
      // The case is locked first: its obligations are written after the record (see lockCases).
      await lockCases(tx, [caseId]);
      const created = await write(tx);
      if (meet) await meetObligation(tx, [caseId], meet.kind, meet.on, today());
      await audit.record(tx, context, {
        action,
        entityType: 'case',
        entityId: caseId,
        diff: { after: { id: created.id, ...after } },
      });
      return created;
    });
  }

  return {
    /** 现实危害性评估报告: a recommended level that differs prepares a level-change proposal. */
    async createReport(context: ActorContext, caseId: string, body: CreateAssessmentReportBody) {
      const { c } = await caseForRecord(db, context.actor, caseId, '撰写评估报告');
      const reportedOn = body.reportedOn ?? today();
      assertDate(reportedOn, c.listedOn, 'reportedOn', '报告日期');
      const created = await record(
        context,
        caseId,
        async (tx) => {
          const [row] = await tx
            .insert(assessmentReports)
            .values({
              caseId,
              period: body.period,
              reportedOn,
              findings: body.findings,
              harmAssessment: body.harmAssessment,
              recommendedMeasures: body.recommendedMeasures,
              recommendedLevel: body.recommendedLevel ?? null,
              levelAtReport: c.level,
              authorId: context.actor.userId,
            })
            .returning();
          return row as ReportRow;
        },
        { kind: 'assessment_report', on: reportedOn },
        'assessment_report.create',
        { reportedOn, recommendedLevel: body.recommendedLevel ?? null },
      );
      return presentReport(created, context.actor.displayName);
    },

    async listReports(context: ActorContext, caseId: string) {
      await caseForAuditedRead(db, audit, context, caseId, 'assessment_report.read');
      const rows = await db
        .select({ report: assessmentReports, authorName: users.displayName })
        .from(assessmentReports)
        .innerJoin(users, eq(users.id, assessmentReports.authorId))
        .where(eq(assessmentReports.caseId, caseId))
        .orderBy(desc(assessmentReports.reportedOn), desc(assessmentReports.createdAt));
      return {
        items: rows.map((r, i) => presentReport(r.report, r.authorName, i === 0)),
        total: rows.length,
      };
    },

    /** The team leader submits the level-change proposal a report prepared ("谁呈报、谁负责"). */
    async submitReportProposal(context: ActorContext, reportId: string, basis: string | undefined) {
      const actor = context.actor;
      const [report] = await db.select().from(assessmentReports).where(eq(assessmentReports.id, reportId));
      if (!report) throw notFound();
      const { c } = await caseForRead(db, actor, report.caseId);
      if (!(await isTeamLeader(db, c.id, actor.userId))) throw forbidden('只有服务管理小组组长可以提交该呈报');
      const [newest] = await db
        .select({ id: assessmentReports.id })
        .from(assessmentReports)
        .where(eq(assessmentReports.caseId, c.id))
        .orderBy(desc(assessmentReports.reportedOn), desc(assessmentReports.createdAt))
        .limit(1);
      if (newest?.id !== report.id) throw conflict('SUPERSEDED', '已有更新的评估报告，请按最新评估报告呈报');
      const prepared = presentReport(report, '');
      if (!prepared.proposalPrepared || report.recommendedLevel === null) {
        throw conflict('NO_PROPOSAL', '该评估报告建议的级别与当前级别相同，没有待提交的级别变更呈报');
      }
      if (report.proposalId) throw conflict('ALREADY_SUBMITTED', '该评估报告的级别变更呈报已提交');
      if (report.recommendedLevel === c.level) throw conflict('NO_PROPOSAL', `该案件已是${c.level}级`);
      const proposal = await cases.propose(
        context,
        c.id,
        {
          kind: 'level_change',
          proposedLevel: report.recommendedLevel,
          basis: basis || `现实危害性评估报告（${report.period}）：${report.harmAssessment}`,
          proposedOn: today(),
        },
        {
          asTeamLeader: true,
          link: async (tx, proposalId) => {
            const [linked] = await tx
              .update(assessmentReports)
              .set({ proposalId })
              .where(and(eq(assessmentReports.id, reportId), isNull(assessmentReports.proposalId)))
              .returning({ id: assessmentReports.id });
            if (!linked) throw conflict('ALREADY_SUBMITTED', '该评估报告的级别变更呈报已提交');
          },
        },
      );
      return proposal;
    },

    async createDailyReport(context: ActorContext, caseId: string, body: { reportedOn: string; content: string }) {
      const { c } = await caseForRecord(db, context.actor, caseId, '登记每日报告', true);
      assertDate(body.reportedOn, c.listedOn, 'reportedOn', '报告日期');
      const row = await record(
        context,
        caseId,
        async (tx) => {
          const [created] = await tx
            .insert(dailyReports)
            .values({ caseId, reportedOn: body.reportedOn, content: body.content, authorId: context.actor.userId })
            .returning();
          return created as typeof dailyReports.$inferSelect;
        },
        { kind: 'daily_report', on: body.reportedOn },
        'daily_report.create',
        { reportedOn: body.reportedOn },
      );
      return { ...pick(row), authorName: context.actor.displayName };
    },

    async listDailyReports(context: ActorContext, caseId: string) {
      await caseForAuditedRead(db, audit, context, caseId, 'daily_report.read');
      const rows = await db
        .select({ row: dailyReports, authorName: users.displayName })
        .from(dailyReports)
        .innerJoin(users, eq(users.id, dailyReports.authorId))
        .where(eq(dailyReports.caseId, caseId))
        .orderBy(desc(dailyReports.reportedOn), desc(dailyReports.createdAt));
      return { items: rows.map((r) => ({ ...pick(r.row), authorName: r.authorName })), total: rows.length };
    },

    /** 值守记录: who was on duty and what they did; a record of people's work, nothing is tracked. */
    async createWatchLog(
      context: ActorContext,
      caseId: string,
      body: { dutyOn: string; shift: 'day' | 'night' | 'full_day'; onDutyUserIds: string[]; notes: string },
    ) {
      const { c } = await caseForRecord(db, context.actor, caseId, '登记值守记录', true);
      assertDate(body.dutyOn, c.listedOn, 'dutyOn', '值守日期');
      await assertOnTeam(db, caseId, body.onDutyUserIds, 'onDutyUserIds', '值守人员');
      const row = await record(
        context,
        caseId,
        async (tx) => {
          const [created] = await tx
            .insert(watchLogs)
            .values({ caseId, ...body, recordedBy: context.actor.userId })
            .returning();
          return created as typeof watchLogs.$inferSelect;
        },
        null,
        'watch_log.create',
        { dutyOn: body.dutyOn, shift: body.shift },
      );
      return presentWatchLog(row, await namesOf(db, row.onDutyUserIds));
    },

    async listWatchLogs(context: ActorContext, caseId: string) {
      await caseForAuditedRead(db, audit, context, caseId, 'watch_log.read');
      const rows = await db
        .select()
        .from(watchLogs)
        .where(eq(watchLogs.caseId, caseId))
        .orderBy(desc(watchLogs.dutyOn), desc(watchLogs.createdAt));
      const names = await namesOf(
        db,
        rows.flatMap((r) => r.onDutyUserIds),
      );
      return { items: rows.map((r) => presentWatchLog(r, names)), total: rows.length };
    },

    async createEmergencyPlan(context: ActorContext, caseId: string, body: { adoptedOn: string; summary: string }) {
      const { c } = await caseForRecord(db, context.actor, caseId, '登记应急处置预案', true);
      assertDate(body.adoptedOn, c.listedOn, 'adoptedOn', '制定日期');
      const row = await record(
        context,
        caseId,
        async (tx) => {
          const [created] = await tx
            .insert(emergencyPlans)
            .values({ caseId, ...body, recordedBy: context.actor.userId })
            .returning();
          return created as typeof emergencyPlans.$inferSelect;
        },
        { kind: 'emergency_plan', on: body.adoptedOn },
        'emergency_plan.create',
        { adoptedOn: body.adoptedOn },
      );
      return presentPlan(row);
    },

    async listEmergencyPlans(context: ActorContext, caseId: string) {
      await caseForAuditedRead(db, audit, context, caseId, 'emergency_plan.read');
      const rows = await db
        .select()
        .from(emergencyPlans)
        .where(eq(emergencyPlans.caseId, caseId))
        .orderBy(asc(emergencyPlans.adoptedOn));
      return { items: rows.map(presentPlan), total: rows.length };
    },
  };
}

function pick(r: typeof dailyReports.$inferSelect) {
  return { id: r.id, caseId: r.caseId, reportedOn: r.reportedOn, content: r.content, authorId: r.authorId };
}

function presentWatchLog(r: typeof watchLogs.$inferSelect, names: Map<string, string>) {
  return {
    id: r.id,
    caseId: r.caseId,
    dutyOn: r.dutyOn,
    shift: r.shift as 'day' | 'night' | 'full_day',
    onDuty: r.onDutyUserIds.map((userId) => ({ userId, displayName: names.get(userId) ?? '' })),
    notes: r.notes,
    recordedBy: r.recordedBy,
  };
}

function presentPlan(r: typeof emergencyPlans.$inferSelect) {
  return { id: r.id, caseId: r.caseId, adoptedOn: r.adoptedOn, summary: r.summary, recordedBy: r.recordedBy };
}
