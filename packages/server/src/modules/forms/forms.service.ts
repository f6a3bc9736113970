// 文书: finds the object in the caller's scope (404 otherwise, audited), reads what the form prints
// exactly as the caller's screens show it, builds the one form model, renders it as Word or PDF
// and records the export (who, what, how many records) before the file leaves.
import {
  ARCHIVE_KINDS,
  type ArchiveKind,
  CASE_FORM_LABELS,
  CASE_FORMS,
  type CaseForm,
  type CaseFormItem,
  type CaseFormQuery,
  type CaseSource,
  type Category,
  CONTROL_STATUS_LABELS,
  FORM_FORMATS,
  type FormFormat,
  type Indicator,
} from '@anxin/shared';
import { eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { cases, persons, proposals } from '../../db/schema.js';
import { beijingDate, type Clock } from '../../lib/clock.js';
import { AppError, badRequest, conflict, notFound } from '../../lib/errors.js';
import { exportWatermark, recordExport } from '../../lib/exports.js';
import type { ActorContext, AuditLog } from '../audit/audit.service.js';
import { findCaseInScope } from '../cases/cases.queries.js';
import { documentPolicy } from '../documents/documents.policy.js';
import { findMeetingInScope } from '../meetings/meetings.queries.js';
import type { createMeetingService } from '../meetings/meetings.service.js';
import { readPolicy } from '../obligations/policy.store.js';
import type { createPersonService } from '../persons/persons.service.js';
import { findReportInScope } from '../screening/screening.queries.js';
import type { createScreeningService } from '../screening/screening.service.js';
import { latestLetter, teamMembersOf } from '../teams/teams.queries.js';
import { exitForm, intakeForm, levelChangeForm, outcomeText } from './builders/approval.js';
import { type ArchiveSection, archiveDocument } from './builders/archive.js';
import {
  birthText,
  type CaseContext,
  type CaseInfo,
  type FormPart,
  GENDER_LABELS,
  type PersonInfo,
} from './builders/common.js';
import { type MinutesData, minutesForm, screeningForm } from './builders/meeting.js';
import { NOTICE_TITLE, noticeForm } from './builders/notice.js';
import { assessmentReportForm, responsibilityLetterForm, type TeamMember, visitForm } from './builders/work.js';
import { figureDate, figureDateTime, levelWord } from './chinese-date.js';
import { renderDocx } from './docx-renderer.js';
import {
  alertsOf,
  type DecisionWithMeeting,
  decisionsWithMeetings,
  documentsOf,
  grievancesOf,
  type HistoryRow,
  levelHistoryOf,
  meetingIdsOfCase,
  peopleOf,
  personBasics,
  proposalsOf,
  reportsOf,
  servicesOf,
  unitName,
  unitNames,
  visitsOf,
} from './forms.queries.js';
import { type Block, headerRow, row, value } from './model.js';
import { renderPdf } from './pdf-renderer.js';

interface Deps {
  db: Db;
  clock: Clock;
  audit: AuditLog;
  persons: ReturnType<typeof createPersonService>;
  meetings: ReturnType<typeof createMeetingService>;
  screening: ReturnType<typeof createScreeningService>;
}

export interface RenderedFile {
  fileName: string;
  format: FormFormat;
  body: Buffer;
}

/** "intake.pdf" → the form and the format; a 400 naming `form` or `format` otherwise. */
export function parseFormFile(file: string): { form: CaseForm; format: FormFormat } {
  const dot = file.lastIndexOf('.');
  const form = dot > 0 ? file.slice(0, dot) : file;
  const format = dot > 0 ? file.slice(dot + 1) : '';
  if (!(CASE_FORMS as readonly string[]).includes(form))
    throw badRequest(`文书(form)：应为 ${CASE_FORMS.join('、')} 之一`, 'form');
  if (!(FORM_FORMATS as readonly string[]).includes(format))
    throw badRequest('文件格式(format)：应为 docx 或 pdf（如 intake.pdf）', 'format');
  return { form: form as CaseForm, format: format as FormFormat };
}

/** 409 when the case has nothing of the kind yet: the case exists, the form has no content. */
const nothingToPrint = (message: string) => conflict('NOTHING_TO_PRINT', message);

/** File names as a township files them: "赵志强-入库呈报表-20261129.pdf". */
const fileName = (...parts: string[]) =>
  parts
    .filter(Boolean)
    .join('-')
    .replace(/[\\/:*?"<>|]/g, '');

const GRIEVANCE_TYPE_LABELS: Record<string, string> = {
  medical: '医患纠纷',
  neighbour: '邻里纠纷',
  labor: '劳资纠纷',
  judicial: '涉法涉诉',
  family: '家庭纠纷',
  petition: '信访诉求',
  debt: '债务纠纷',
  other: '其他',
};
const GRIEVANCE_STATUS_LABELS: Record<string, string> = {
  open: '待化解',
  in_progress: '化解中',
  resolved: '已化解',
  unresolvable: '暂无法化解',
};
const SERVICE_TYPE_LABELS: Record<string, string> = {
  minimum_living_allowance: '低保',
  extreme_poverty_support: '特困供养',
  temporary_assistance: '临时救助',
  legal_aid: '法律援助',
  psychological_counselling: '心理疏导',
  medical_treatment: '医疗救治',
  employment_help: '就业帮扶',
  legal_education: '法治教育',
  resettlement_assistance: '安置帮教',
  community_correction: '社区矫正',
  other: '其他',
};
const SERVICE_STATUS_LABELS: Record<string, string> = {
  planned: '计划中',
  in_progress: '进行中',
  done: '已完成',
  declined: '本人拒绝',
  not_eligible: '不符合条件',
};
const ALERT_STATUS_LABELS: Record<string, string> = { reported: '已报告', responding: '处置中', disposed: '已处置' };

/** The level in force on a date, from the level history (the current level when nothing earlier is known). */
function levelOn(history: HistoryRow[], date: string, fallback: number | null): number | null {
  const before = history.filter((h) => h.effectiveOn <= date);
  return before.length ? (before[before.length - 1] as HistoryRow).toLevel : fallback;
}

type Found = NonNullable<Awaited<ReturnType<typeof findCaseInScope>>>;

export function createFormService({ db, clock, audit, persons: personService, meetings, screening }: Deps) {
  const today = () => beijingDate(clock.now());

  async function render(part: FormPart, watermark: string, format: FormFormat): Promise<Buffer> {
    const model = { title: part.title, blocks: part.blocks, watermark, landscape: part.landscape === true };
    return format === 'pdf' ? renderPdf(model) : renderDocx(model);
  }

  /** A refused or absent object: recorded like any other read of a person's file, then 404. */
  async function refuse(context: ActorContext, entityType: string, entityId: string, kind: string, format: string) {
    await db.transaction((tx) =>
      audit.record(tx, context, {
        action: 'export',
        entityType,
        entityId,
        outcome: 'not_found',
        diff: { kind, format },
      }),
    );
    return notFound();
  }

  async function caseInScope(context: ActorContext, caseId: string, kind: string, format: string): Promise<Found> {
    const found = await findCaseInScope(db, context.actor, caseId);
    if (!found || !documentPolicy.read(context.actor, found.case))
      throw await refuse(context, 'case', caseId, kind, format);
    return found;
  }

  /**
   * The person as GET /api/persons/:id shows them to this caller (so the ID number is printed as
   * their screen has it); when the person's own file is outside their reach (a case transferred to
   * their town), what the case shows: the name and the masked ID number.
   */
  async function personInfo(context: ActorContext, personId: string): Promise<PersonInfo> {
    try {
      const p = await personService.get(context, personId);
      const household = [p.householdOrgUnitName, p.householdAddress].filter(Boolean).join(' ');
      const residence = p.residenceOrgUnitId
        ? [p.residenceOrgUnitName, p.residenceAddress].filter(Boolean).join(' ')
        : '';
      return {
        name: p.name,
        gender: GENDER_LABELS[p.gender ?? ''] ?? '',
        birth: birthText(p.birthDate),
        idNumber: p.idNumber ?? p.idNumberMasked,
        phone: p.phone ?? '',
        household,
        residence: residence === household ? '' : residence,
        village: p.householdOrgUnitName ?? '',
      };
    } catch (error) {
      if (!(error instanceof AppError) || error.statusCode !== 404) throw error;
      const basics = await personBasics(db, personId);
      if (!basics) throw notFound();
      return {
        name: basics.name,
        gender: GENDER_LABELS[basics.gender ?? ''] ?? '',
        birth: '',
        idNumber: basics.idNumberMasked,
        phone: '',
        household: '',
        residence: '',
        village: await unitName(db, basics.householdOrgUnitId),
      };
    }
  }

  async function caseContext(context: ActorContext, found: Found): Promise<CaseContext> {
    const c = found.case;
    const [person, responsibleUnits, proposer, policy] = await Promise.all([
      personInfo(context, c.personId),
      unitNames(db, c.responsibleOrgUnitIds),
      peopleOf(db, c.proposerId ? [c.proposerId] : []),
      readPolicy(db, today()),
    ]);
    const by = c.proposerId ? proposer.get(c.proposerId) : undefined;
    const info: CaseInfo = {
      id: c.id,
      status: c.status,
      level: c.level,
      proposedLevel: c.proposedLevel,
      source: c.source as CaseSource,
      categories: c.categories as Category[],
      indicators: c.indicators as Indicator[],
      basis: c.basis,
      resolutionPlan: c.resolutionPlan,
      listingOpinion: c.listingOpinion,
      superiorBody: c.superiorBody,
      superiorReference: c.superiorReference,
      proposedOn: c.proposedOn,
      listedOn: c.listedOn,
      closedOn: c.closedOn,
      delistReasonCode: c.delistReasonCode,
      townName: found.townName,
      responsibleUnits,
      proposerName: by?.name ?? '',
      proposerUnit: by?.unit ?? '',
    };
    return { person, c: info, today: today(), policy };
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
      const proposal = query.proposalId ? list.find((p) => p.id === query.proposalId) : list[0];
      if (query.proposalId && !proposal) throw notFound('未找到该级别变更呈报');
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
      const proposal = query.proposalId ? list.find((p) => p.id === query.proposalId) : list[0];
      if (query.proposalId && !proposal) throw notFound('未找到该撤销列管呈报');
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
      const decision = query.decisionId ? decided.find((d) => d.decision.id === query.decisionId) : decided[0];
      if (query.decisionId && !decision) throw notFound('未找到该研判决定');
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
      const visit = query.visitId ? list.find((v) => v.id === query.visitId) : list[0];
      if (query.visitId && !visit) throw notFound('未找到该随访记录');
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
      const report = query.reportId ? list.find((r) => r.id === query.reportId) : list[0];
      if (query.reportId && !report) throw notFound('未找到该评估报告');
      if (!report) throw nothingToPrint('该案件尚无现实危害性评估报告');
      const [people, team] = await Promise.all([peopleOf(db, [report.authorId]), teamMembersOf(db, ctx.c.id)]);
      return { part: assessmentReportForm(ctx, report, people, team as TeamMember[]), recordId: report.id };
    },
  } satisfies Record<
    Exclude<CaseForm, 'archive'>,
    (ctx: CaseContext, query: CaseFormQuery) => Promise<{ part: FormPart; recordId: string }>
  >;

  async function proposalKindOf(d: DecisionWithMeeting): Promise<string | null> {
    if (!d.decision.proposalId) return null;
    const [p] = await db
      .select({ kind: proposals.kind })
      .from(proposals)
      .where(eq(proposals.id, d.decision.proposalId));
    return p?.kind ?? null;
  }

  /** A meeting's minutes as the caller's meeting page shows them (agenda and decisions in their scope). */
  async function minutesData(context: ActorContext, meetingId: string, onlyCase?: string): Promise<MinutesData> {
    const found = await findMeetingInScope(db, context.actor, meetingId);
    if (!found) throw notFound();
    const shown = await meetings.get(context.actor, meetingId);
    const caseIds = onlyCase ? shown.caseIds.filter((id) => id === onlyCase) : shown.caseIds;
    const names = caseIds.length
      ? await db
          .select({ id: cases.id, name: persons.name })
          .from(cases)
          .innerJoin(persons, eq(persons.id, cases.personId))
          .where(inArray(cases.id, caseIds))
      : [];
    const nameOf = new Map(names.map((n) => [n.id, n.name]));
    const decisions = shown.decisions.filter((d) => caseIds.includes(d.caseId));
    const proposalIds = decisions.flatMap((d) => (d.proposalId ? [d.proposalId] : []));
    const kinds = proposalIds.length
      ? await db
          .select({ id: proposals.id, kind: proposals.kind })
          .from(proposals)
          .where(inArray(proposals.id, proposalIds))
      : [];
    const kindOf = new Map(kinds.map((k) => [k.id, k.kind]));
    const unitIds = [...new Set(shown.participants.map((p) => p.orgUnitId))];
    const [units, recorder] = await Promise.all([
      Promise.all(unitIds.map(async (id) => [id, await unitName(db, id)] as const)),
      peopleOf(db, found.meeting.createdBy ? [found.meeting.createdBy] : []),
    ]);
    const unitOf = new Map(units);
    return {
      id: shown.id,
      kind: shown.kind,
      heldAt: found.meeting.heldAt,
      orgUnitName: shown.orgUnitName,
      minutes: shown.minutes,
      recorder: found.meeting.createdBy ? (recorder.get(found.meeting.createdBy)?.name ?? '') : '',
      participants: shown.participants.map((p) => ({ name: p.displayName, unit: unitOf.get(p.orgUnitId) ?? '' })),
      agenda: caseIds.map((id) => nameOf.get(id) ?? ''),
      decisions: decisions.map((d) => ({
        name: nameOf.get(d.caseId) ?? '',
        outcome: outcomeText(d, d.proposalId ? kindOf.get(d.proposalId) : null, false),
        level: d.level,
        effectiveOn: d.effectiveOn,
        reason: d.reason,
      })),
    };
  }

  /** The whole 一人一档, kind by kind. */
  async function archive(context: ActorContext, ctx: CaseContext): Promise<FormPart> {
    const caseId = ctx.c.id;
    const [levelChanges, delists, decided, visitList, reports, team, files, meetingIds, services, grievances, alerts] =
      await Promise.all([
        proposalsOf(db, caseId, 'level_change'),
        proposalsOf(db, caseId, 'delist'),
        decisionsWithMeetings(db, caseId),
        visitsOf(db, caseId),
        reportsOf(db, caseId),
        teamMembersOf(db, caseId),
        documentsOf(db, caseId),
        meetingIdsOfCase(db, context.actor, caseId),
        servicesOf(db, caseId),
        grievancesOf(db, caseId),
        alertsOf(db, caseId),
      ]);
    const empty = (): ArchiveSection => ({ parts: [], lists: [], summary: [] });
    const sections = Object.fromEntries(ARCHIVE_KINDS.map((k) => [k, empty()])) as Record<ArchiveKind, ArchiveSection>;
    const add = (kind: ArchiveKind, parts: FormPart[], label: string) => {
      if (parts.length === 0) return;
      sections[kind].parts.push(...parts);
      sections[kind].summary.push(`${label}${parts.length}份`);
    };

    // 1 审批呈报表: intake, each level change, the exit, and the written notice of every decision.
    add('approval_form', [(await builders.intake(ctx)).part], '入库呈报表');
    const changeParts: FormPart[] = [];
    for (const p of [...levelChanges].reverse())
      changeParts.push((await builders['level-change'](ctx, { proposalId: p.id })).part);
    add('approval_form', changeParts, '级别变更呈报表');
    if (delists.length || decided.some((d) => d.decision.outcome === 'delist'))
      add('approval_form', [(await builders.exit(ctx, {})).part], '出库呈报表');
    const notices: FormPart[] = [];
    for (const d of [...decided].reverse()) notices.push(noticeForm(ctx, d, await proposalKindOf(d)));
    add('approval_form', notices, `${NOTICE_TITLE.replace('“两失”人员', '')}`);

    // 2 会议纪要: the meetings the caller may see that had this case on their agenda, this case's part.
    const minutes: FormPart[] = [];
    for (const id of meetingIds)
      minutes.push(minutesForm(await minutesData(context, id, caseId), { extract: { caseName: ctx.person.name } }));
    add('meeting_minutes', minutes, '会议纪要（摘录）');

    // 3 管控责任书
    if (team.length) add('responsibility_letter', [(await builders['responsibility-letter'](ctx)).part], '管控责任书');

    // 4 矛盾纠纷化解情况
    if (grievances.length) {
      sections.dispute_resolution.lists.push({
        heading: '矛盾纠纷及诉求化解情况',
        rows: grievances.length,
        blocks: [
          listTable(
            [0.5, 1.2, 2.6, 1.4, 1.1, 2.6],
            ['序号', '类型', '矛盾诉求', '事权单位', '状态', '化解情况'],
            grievances.map(({ item, unitName: unit }) => [
              GRIEVANCE_TYPE_LABELS[item.type] ?? item.type,
              item.description,
              unit,
              GRIEVANCE_STATUS_LABELS[item.status] ?? item.status,
              [item.resolution, item.resolvedOn ? `（${figureDate(item.resolvedOn)}）` : ''].filter(Boolean).join('') ||
                `限${figureDate(item.dueOn)}前化解`,
            ]),
          ),
        ],
      });
      sections.dispute_resolution.summary.push(`矛盾纠纷${grievances.length}件`);
    }

    // 5 服务管理工作措施: the visits and the help given.
    if (visitList.length) {
      const people = await peopleOf(
        db,
        visitList.flatMap((v) => v.visitorUserIds),
      );
      sections.service_measures.lists.push({
        heading: `随访记录（${visitList.length}次）`,
        rows: visitList.length,
        blocks: [
          listTable(
            [0.5, 1.9, 1.7, 0.8, 2.2, 2.3],
            ['序号', '随访时间', '随访人员', '在控', '思想状况', '采取措施'],
            [...visitList]
              .reverse()
              .map((v) => [
                figureDateTime(v.visitedAt),
                v.visitorUserIds.map((id) => people.get(id)?.name ?? '').join('、'),
                `${CONTROL_STATUS_LABELS[v.controlStatus as 'in_control'] ?? v.controlStatus}${v.extremeTendency ? '，有过激倾向' : ''}`,
                v.stateOfMind,
                v.measures,
              ]),
          ),
        ],
      });
      sections.service_measures.summary.push(`随访记录${visitList.length}次`);
    }
    if (services.length) {
      sections.service_measures.lists.push({
        heading: '帮扶服务',
        rows: services.length,
        blocks: [
          listTable(
            [0.5, 1.3, 2.8, 1.5, 1.1, 2.3],
            ['序号', '帮扶类型', '帮扶内容', '责任单位', '状态', '结果'],
            services.map(({ item, unitName: unit }) => [
              SERVICE_TYPE_LABELS[item.type] ?? item.type,
              item.description,
              unit,
              SERVICE_STATUS_LABELS[item.status] ?? item.status,
              item.outcome ?? '',
            ]),
          ),
        ],
      });
      sections.service_measures.summary.push(`帮扶服务${services.length}项`);
    }

    // 6 现实危害性评估报告
    const reportParts: FormPart[] = [];
    for (const r of [...reports].reverse())
      reportParts.push((await builders['assessment-report'](ctx, { reportId: r.id })).part);
    add('risk_assessment', reportParts, '评估报告');

    // 7 案事件情况说明: the alerts on this case.
    if (alerts.length) {
      sections.incident_report.lists.push({
        heading: '警情及处置情况',
        rows: alerts.length,
        blocks: [
          listTable(
            [0.5, 2, 3.4, 1, 2.6],
            ['序号', '发生时间', '情况', '状态', '处置情况'],
            alerts.map((a) => [
              figureDateTime(a.occurredAt),
              a.description,
              ALERT_STATUS_LABELS[a.status] ?? a.status,
              a.disposition ?? '',
            ]),
          ),
        ],
      });
      sections.incident_report.summary.push(`警情${alerts.length}起`);
    }

    return archiveDocument(ctx, sections, files);
  }

  /** A numbered list table with a header that repeats on every page. */
  function listTable(widths: number[], titles: string[], rows: string[][]): Block {
    return {
      kind: 'table',
      widths,
      rows: [
        headerRow(titles),
        ...rows.map((cells, i) => row([value(String(i + 1), 1, 'center'), ...cells.map((text) => value(text))])),
      ],
    };
  }

  async function record(
    context: ActorContext,
    entry: {
      kind: string;
      format: FormFormat;
      rows: number;
      entityType: string;
      entityId: string;
      filters: Record<string, unknown>;
    },
  ) {
    await db.transaction((tx) => recordExport(audit, tx, context, entry));
  }

  return {
    /** The forms of a case for the 文书 card: which can be printed now, and what each would print. */
    async list(context: ActorContext, caseId: string): Promise<CaseFormItem[]> {
      const found = await findCaseInScope(db, context.actor, caseId);
      if (!found || !documentPolicy.read(context.actor, found.case)) throw notFound();
      const [levelChanges, delists, decided, visitList, reports, team] = await Promise.all([
        proposalsOf(db, caseId, 'level_change'),
        proposalsOf(db, caseId, 'delist'),
        decisionsWithMeetings(db, caseId),
        visitsOf(db, caseId),
        reportsOf(db, caseId),
        teamMembersOf(db, caseId),
      ]);
      const c = found.case;
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
    },

    /** GET /cases/:id/forms/:form.:format */
    async caseForm(
      context: ActorContext,
      caseId: string,
      form: CaseForm,
      format: FormFormat,
      query: CaseFormQuery,
    ): Promise<RenderedFile> {
      const found = await caseInScope(context, caseId, form, format);
      const ctx = await caseContext(context, found);
      const { part, recordId } =
        form === 'archive' ? { part: await archive(context, ctx), recordId: caseId } : await builders[form](ctx, query);
      const body = await render(part, exportWatermark(context.actor, clock.now()), format);
      await record(context, {
        kind: form,
        format,
        rows: part.rows,
        entityType: 'case',
        entityId: caseId,
        filters: { ...query, recordId },
      });
      const stem =
        form === 'archive'
          ? '一人一档'
          : part.title.replace('“两失”人员', '').replace('入库（出库）', form === 'exit' ? '出库' : '入库');
      return { fileName: `${fileName(ctx.person.name, stem, today().replaceAll('-', ''))}.${format}`, format, body };
    },

    /** GET /meetings/:id/minutes.:format */
    async minutes(context: ActorContext, meetingId: string, format: FormFormat): Promise<RenderedFile> {
      const found = await findMeetingInScope(db, context.actor, meetingId);
      if (!found) throw await refuse(context, 'meeting', meetingId, 'minutes', format);
      const part = minutesForm(await minutesData(context, meetingId));
      const body = await render(part, exportWatermark(context.actor, clock.now()), format);
      await record(context, {
        kind: 'minutes',
        format,
        rows: part.rows,
        entityType: 'meeting',
        entityId: meetingId,
        filters: {},
      });
      const stem = part.title.replace('“两失”人员', '');
      return {
        fileName: `${fileName(found.orgUnitName, stem, found.meeting.heldOn.replaceAll('-', ''))}.${format}`,
        format,
        body,
      };
    },

    /** GET /screening-reports/:id/form.:format — the village's return as the paper 排查情况表. */
    async screeningForm(context: ActorContext, reportId: string, format: FormFormat): Promise<RenderedFile> {
      const found = await findReportInScope(db, context.actor, reportId);
      if (!found) throw await refuse(context, 'screening_report', reportId, 'screening', format);
      const shown = await screening.get(context.actor, reportId);
      const filer = found.submittedBy ?? found.createdBy;
      const people = await peopleOf(db, filer ? [filer] : []);
      const part = screeningForm({
        id: shown.id,
        orgUnitName: shown.orgUnitName,
        month: shown.month,
        zeroReport: shown.zeroReport,
        status: shown.status,
        submittedAt: found.submittedAt,
        onTime: found.onTime,
        dueOn: shown.dueOn,
        filedBy: filer ? (people.get(filer)?.name ?? '') : '',
        entries: shown.entries.map((e) => ({
          personName: e.personName,
          idNumber: e.idNumberMasked,
          categories: e.categories,
          description: e.description,
        })),
      });
      const body = await render(part, exportWatermark(context.actor, clock.now()), format);
      await record(context, {
        kind: 'screening',
        format,
        rows: part.rows,
        entityType: 'screening_report',
        entityId: reportId,
        filters: { month: shown.month },
      });
      return { fileName: `${fileName(shown.orgUnitName, '排查情况表', shown.month)}.${format}`, format, body };
    },
  };
}

export type FormService = ReturnType<typeof createFormService>;
