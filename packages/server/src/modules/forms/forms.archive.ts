// 文书: the whole 一人一档 of a case, kind by kind — every form the case has, this case's part of
// each meeting's minutes, and the lists (disputes, visits, help, alerts) as numbered tables.
import { ARCHIVE_KINDS, type ArchiveKind, CONTROL_STATUS_LABELS } from '@anxin/shared';
import type { Db } from '../../db/client.js';
import type { ActorContext } from '../audit/audit.service.js';
import { type ArchiveSection, archiveDocument } from './builders/archive.js';
import type { CaseContext, FormPart } from './builders/common.js';
import { minutesForm } from './builders/meeting.js';
import { NOTICE_TITLE, noticeForm } from './builders/notice.js';
import { figureDate, figureDateTime } from './chinese-date.js';
import type { CaseForms } from './forms.case-forms.js';
import type { MeetingForms } from './forms.meetings.js';
import { alertsOf, documentsOf, grievancesOf, meetingIdsOfCase, peopleOf, servicesOf } from './forms.queries.js';
import { type Block, headerRow, row, value } from './model.js';

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

/** The label of a stored code, or the code itself when it has none. */
const label = (labels: Record<string, string>, code: string) => labels[code] ?? code;

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

interface ArchiveDeps {
  db: Db;
  caseForms: CaseForms;
  meetingForms: MeetingForms;
}

export function createArchive({ db, caseForms, meetingForms }: ArchiveDeps) {
  const { builders, proposalKindOf, caseRecords } = caseForms;

  /** The whole 一人一档, kind by kind. */
  return async function archive(context: ActorContext, ctx: CaseContext): Promise<FormPart> {
    const caseId = ctx.c.id;
    const [
      { levelChanges, delists, decided, visitList, reports, team },
      files,
      meetingIds,
      services,
      grievances,
      alerts,
    ] = await Promise.all([
      caseRecords(caseId),
      documentsOf(db, caseId),
      meetingIdsOfCase(db, context.actor, caseId),
      servicesOf(db, caseId),
      grievancesOf(db, caseId),
      alertsOf(db, caseId),
    ]);
    const empty = (): ArchiveSection => ({ parts: [], lists: [], summary: [] });
    const sections = Object.fromEntries(ARCHIVE_KINDS.map((k) => [k, empty()])) as Record<ArchiveKind, ArchiveSection>;
    const add = (kind: ArchiveKind, parts: FormPart[], name: string) => {
      if (parts.length === 0) return;
      sections[kind].parts.push(...parts);
      sections[kind].summary.push(`${name}${parts.length}份`);
    };
    /** A numbered list under its heading (nothing when there are no rows), and its count in the summary. */
    const addList = (
      kind: ArchiveKind,
      heading: string,
      summary: string,
      table: { widths: number[]; titles: string[]; rows: string[][] },
    ) => {
      if (table.rows.length === 0) return;
      sections[kind].lists.push({
        heading,
        rows: table.rows.length,
        blocks: [listTable(table.widths, table.titles, table.rows)],
      });
      sections[kind].summary.push(summary);
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
      minutes.push(
        minutesForm(await meetingForms.minutesData(context, id, caseId), { extract: { caseName: ctx.person.name } }),
      );
    add('meeting_minutes', minutes, '会议纪要（摘录）');

    // 3 管控责任书
    if (team.length) add('responsibility_letter', [(await builders['responsibility-letter'](ctx)).part], '管控责任书');

    // 4 矛盾纠纷化解情况
    addList('dispute_resolution', '矛盾纠纷及诉求化解情况', `矛盾纠纷${grievances.length}件`, {
      widths: [0.5, 1.2, 2.6, 1.4, 1.1, 2.6],
      titles: ['序号', '类型', '矛盾诉求', '事权单位', '状态', '化解情况'],
      rows: grievances.map(({ item, unitName: unit }) => [
        label(GRIEVANCE_TYPE_LABELS, item.type),
        item.description,
        unit,
        label(GRIEVANCE_STATUS_LABELS, item.status),
        [item.resolution, item.resolvedOn ? `（${figureDate(item.resolvedOn)}）` : ''].filter(Boolean).join('') ||
          `限${figureDate(item.dueOn)}前化解`,
      ]),
    });

    // 5 服务管理工作措施: the visits and the help given.
    const visitors = await peopleOf(
      db,
      visitList.flatMap((v) => v.visitorUserIds),
    );
    addList('service_measures', `随访记录（${visitList.length}次）`, `随访记录${visitList.length}次`, {
      widths: [0.5, 1.9, 1.7, 0.8, 2.2, 2.3],
      titles: ['序号', '随访时间', '随访人员', '在控', '思想状况', '采取措施'],
      rows: [...visitList]
        .reverse()
        .map((v) => [
          figureDateTime(v.visitedAt),
          v.visitorUserIds.map((id) => visitors.get(id)?.name ?? '').join('、'),
          `${CONTROL_STATUS_LABELS[v.controlStatus as 'in_control'] ?? v.controlStatus}${v.extremeTendency ? '，有过激倾向' : ''}`,
          v.stateOfMind,
          v.measures,
        ]),
    });
    addList('service_measures', '帮扶服务', `帮扶服务${services.length}项`, {
      widths: [0.5, 1.3, 2.8, 1.5, 1.1, 2.3],
      titles: ['序号', '帮扶类型', '帮扶内容', '责任单位', '状态', '结果'],
      rows: services.map(({ item, unitName: unit }) => [
        label(SERVICE_TYPE_LABELS, item.type),
        item.description,
        unit,
        label(SERVICE_STATUS_LABELS, item.status),
        item.outcome ?? '',
      ]),
    });

    // 6 现实危害性评估报告
    const reportParts: FormPart[] = [];
    for (const r of [...reports].reverse())
      reportParts.push((await builders['assessment-report'](ctx, { reportId: r.id })).part);
    add('risk_assessment', reportParts, '评估报告');

    // 7 案事件情况说明: the alerts on this case.
    addList('incident_report', '警情及处置情况', `警情${alerts.length}起`, {
      widths: [0.5, 2, 3.4, 1, 2.6],
      titles: ['序号', '发生时间', '情况', '状态', '处置情况'],
      rows: alerts.map((a) => [
        figureDateTime(a.occurredAt),
        a.description,
        label(ALERT_STATUS_LABELS, a.status),
        a.disposition ?? '',
      ]),
    });

    return archiveDocument(ctx, sections, files);
  };
}
