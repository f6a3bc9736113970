// The team's paper: 《“两失”人员管控责任书》 (§四(三)1), the visit record (§四(三)3②①) and the
// 现实危害性评估报告 (§四(三)3②⑦).
import { CATEGORIES, type Category } from '@anxin/shared';
import { BLANK_DATE, chineseDate, chineseDateOrBlank, chineseDateTime, levelWord } from '../chinese-date.js';
import type { ReportRow, VisitRow } from '../forms.queries.js';
import { type Block, checks, headerRow, label, opinion, type Row, row, value } from '../model.js';
import {
  type CaseContext,
  categoryText,
  dutiesAt,
  type FormPart,
  formNumber,
  GRID,
  pairRow,
  personRows,
  seals,
} from './common.js';

export const LETTER_TITLE = '“两失”人员管控责任书';
export const VISIT_TITLE = '“两失”人员随访记录表';
export const REPORT_TITLE = '“两失”人员现实危害性评估报告';

export interface TeamMember {
  userId: string;
  displayName: string;
  orgUnitName: string;
  role: 'leader' | 'member';
}

const ROLE_LABELS = { leader: '组长', member: '成员' } as const;

const levelText = (level: number | null) => (level ? levelWord(level) : '—');

/** The letter the team signs: whom it serves, who is on it, what each owes, and the signatures. */
export function responsibilityLetterForm(
  ctx: CaseContext,
  data: { team: TeamMember[]; letter: { id: string; signedOn: string; signatoryUserIds: string[] } | undefined },
): FormPart {
  const { person, c } = ctx;
  const level = c.level ?? c.proposedLevel;
  const categories = CATEGORIES.filter((k) => c.categories.includes(k)).map((k: Category) => categoryText(k));
  const units = [...new Set(data.team.map((m) => m.orgUnitName))];
  const signed = data.letter ? new Set(data.letter.signatoryUserIds) : new Set<string>();
  const blocks: Block[] = [
    { kind: 'title', text: LETTER_TITLE },
    {
      kind: 'meta',
      left: `${c.townName}`,
      right: `编号：${formNumber(data.letter?.id ?? c.id)}`,
    },
    {
      kind: 'paragraph',
      indent: true,
      text: `为认真落实《${c.townName}“两失”人员服务管理工作方案》，按照“一人一专班”的标准，由${units.join('、')}等单位人员组成服务管理小组，对下列“两失”人员实施服务管理，明确责任，签订本责任书。`,
    },
    { kind: 'heading', text: '一、服务管理对象' },
    {
      kind: 'table',
      widths: GRID,
      rows: [
        ...personRows(person),
        pairRow('列管级别', levelText(level), '列管日期', c.listedOn ? chineseDate(c.listedOn) : ''),
        row([label('排查情形'), value(categories.length ? categories : ['—'], 5)]),
      ],
    },
    { kind: 'heading', text: '二、服务管理小组' },
    {
      kind: 'table',
      widths: [0.6, 0.8, 1.7, 2.5, 1.8],
      rows: [
        headerRow(['序号', '职务', '姓名', '工作单位', '签字']),
        ...data.team.map((m, i) =>
          row(
            [
              value(String(i + 1), 1, 'center'),
              value(ROLE_LABELS[m.role], 1, 'center'),
              value(m.displayName, 1, 'center'),
              value(m.orgUnitName),
              value(''),
            ],
            30,
          ),
        ),
      ],
    },
    ...(data.letter
      ? [
          {
            kind: 'paragraph' as const,
            size: 'small' as const,
            text: `系统登记：${chineseDate(data.letter.signedOn)}签订，签订人：${data.team
              .filter((m) => signed.has(m.userId))
              .map((m) => m.displayName)
              .join('、')}。`,
          },
        ]
      : []),
    { kind: 'heading', text: '三、工作责任' },
    ...dutiesAt(level, ctx.policy).map((text) => ({ kind: 'paragraph' as const, indent: true, text })),
    {
      kind: 'paragraph',
      indent: true,
      text: '服务管理小组组长对本小组工作负总责，各成员按职责分工落实措施；因服务管理不到位造成严重后果的，依照有关规定严格追究相关人员责任。',
    },
    {
      kind: 'paragraph',
      indent: true,
      text: `本责任书自签订之日起生效，至撤销列管之日止；一式${units.length + 1}份，${c.townName}平安办及各成员单位各执一份。`,
    },
    {
      kind: 'signatures',
      items: [
        { name: seals.town(c), date: chineseDateOrBlank(data.letter?.signedOn) },
        { name: '服务管理小组组长（签字）：　　　　　　', date: chineseDateOrBlank(data.letter?.signedOn) },
      ],
    },
  ];
  return { title: LETTER_TITLE, rows: 1, blocks };
}

/** One visit: who went, what they found, whether the person is in control, what was done. */
export function visitForm(
  ctx: CaseContext,
  v: VisitRow,
  people: Map<string, { name: string; unit: string }>,
  level: number | null,
): FormPart {
  const { person } = ctx;
  const visitors = v.visitorUserIds.map((id) => {
    const p = people.get(id);
    return p ? `${p.name}（${p.unit}）` : '';
  });
  const recorder = people.get(v.recordedBy);
  const rows: Row[] = [
    ...personRows(person),
    row([label('随访时间'), value(chineseDateTime(v.visitedAt), 5)], 28),
    pairRow(
      '列管级别',
      levelText(level),
      '在控情况',
      checks([
        { text: '在控', checked: v.controlStatus === 'in_control' },
        { text: '失控', checked: v.controlStatus === 'out_of_control' },
      ]),
    ),
    row([label('随访人员'), value(visitors.filter(Boolean).join('、'), 5)], 28),
    row([label('生活情况'), value(v.livingSituation, 5)], 56),
    row([label('现实活动'), value(v.activities, 5)], 56),
    row([label('思想状况'), value(v.stateOfMind, 5)], 56),
    row(
      [
        label('过激倾向'),
        value(
          checks([
            { text: '无', checked: !v.extremeTendency },
            { text: v.extremeTendency ? '有（已报告平安办、派出所）' : '有', checked: v.extremeTendency },
          ]),
          5,
        ),
      ],
      28,
    ),
    row([label('采取措施'), value(v.measures, 5)], 56),
    pairRow('随访人员签字', '', '本人或家属签字', '', 48),
    pairRow('记录人', recorder ? `${recorder.name}（${recorder.unit}）` : '', '记录日期', chineseDate(v.visitedOn)),
  ];
  return {
    title: VISIT_TITLE,
    rows: 1,
    blocks: [
      { kind: 'title', text: VISIT_TITLE },
      { kind: 'meta', left: `${ctx.c.townName}“两失”人员服务管理小组`, right: `编号：${formNumber(v.id)}` },
      { kind: 'table', widths: GRID, rows },
    ],
  };
}

/** The periodic report of the team: findings, the harm assessment, next measures and the level it recommends. */
export function assessmentReportForm(
  ctx: CaseContext,
  r: ReportRow,
  people: Map<string, { name: string; unit: string }>,
  team: TeamMember[],
): FormPart {
  const { c } = ctx;
  const author = people.get(r.authorId);
  const current = r.levelAtReport;
  const recommended = r.recommendedLevel;
  const levelAdvice =
    recommended && recommended !== current
      ? checks([
          { text: '维持现级别', checked: false },
          { text: `建议调整为${levelWord(recommended)}${r.proposalId ? '（已提交级别变更呈报）' : ''}`, checked: true },
        ])
      : checks([
          { text: '维持现级别', checked: true },
          { text: '建议调整级别', checked: false },
        ]);
  const rows: Row[] = [
    ...personRows(ctx.person),
    pairRow('列管级别', levelText(current), '评估期间', r.period),
    row(
      [label('服务管理小组'), value(team.map((m) => `${m.displayName}（${m.orgUnitName}）`).join('、') || '—', 5)],
      40,
    ),
    row([label('综合工作情况'), value(r.findings, 5)], 90),
    row([label('现实危害性评估'), value(r.harmAssessment, 5)], 90),
    row([label('下步措施意见'), value(r.recommendedMeasures, 5)], 70),
    row([label('级别建议'), value(levelAdvice, 5)], 28),
    pairRow('撰写人', author ? `${author.name}（${author.unit}）` : '', '报告日期', chineseDate(r.reportedOn)),
    row([label('小组组长意见'), opinion(null, '组长（签字）：　　　　　　', BLANK_DATE, 5)], 70),
    row([label('平安办意见'), opinion(null, seals.peaceOffice(c), BLANK_DATE, 5)], 70),
  ];
  return {
    title: REPORT_TITLE,
    rows: 1,
    blocks: [
      { kind: 'title', text: REPORT_TITLE },
      { kind: 'meta', left: `报告单位：${c.townName}“两失”人员服务管理小组`, right: `编号：${formNumber(r.id)}` },
      { kind: 'table', widths: GRID, rows },
    ],
  };
}
