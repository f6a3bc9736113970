// 《“两失”人员入库（出库）呈报表》 (plan §四(二)2) and 《“两失”人员级别变更呈报表》 (§四(二)3).
import { DECISION_OUTCOME_LABELS, DELIST_REASON_LABELS, DELIST_REASONS, type DecisionOutcome } from '@anxin/shared';
import { BLANK_DATE, chineseDate, chineseDateOrBlank, levelWord } from '../chinese-date.js';
import type { DecisionWithMeeting, HistoryRow, ProposalRow } from '../forms.queries.js';
import { checkLines, checks, label, opinion, type Row, row, value } from '../model.js';
import {
  type CaseContext,
  categoryChecklist,
  type FormPart,
  formNumber,
  GRID,
  indicatorLines,
  pairRow,
  personRows,
  seals,
  sourceText,
} from './common.js';

export const APPROVAL_TITLE = '“两失”人员入库（出库）呈报表';
export const LEVEL_CHANGE_TITLE = '“两失”人员级别变更呈报表';

const levelChecks = (level: number | null | undefined) =>
  checks([1, 2, 3].map((l) => ({ text: levelWord(l), checked: l === level })));

/** What a decision did, in words; `reject` of a listed case turns down a level change or delisting. */
export function outcomeText(
  d: { outcome: string; level: number | null },
  proposalKind: string | null | undefined,
  withLevel = true,
): string {
  const outcome = d.outcome as DecisionOutcome;
  if (outcome === 'reject' && proposalKind && proposalKind !== 'intake')
    return `不予采纳${proposalKind === 'delist' ? '撤销列管' : '级别变更'}呈报`;
  const level =
    withLevel && ['list', 'confirm', 'change_level', 'renew'].includes(outcome) && d.level
      ? `，级别${levelWord(d.level)}`
      : '';
  return `${DECISION_OUTCOME_LABELS[outcome] ?? outcome}${level}`;
}

/** "经二〇二六年十一月一日演示镇研判会共同研判，决定：列管，级别三级。理由：……" */
export function decisionText(d: DecisionWithMeeting, proposalKind?: string | null): string {
  return `经${chineseDate(d.heldOn)}${d.meetingUnitName}研判会共同研判，决定：${outcomeText(d.decision, proposalKind)}。理由：${d.decision.reason}`;
}

/** The opinion cells every 呈报表 ends with: village, peace office, the joint decision, the report upward. */
function closingRows(
  ctx: CaseContext,
  decision: DecisionWithMeeting | undefined,
  reported: HistoryRow | undefined,
  reportLabel: string,
  kind: string,
): Row[] {
  const { person, c } = ctx;
  return [
    row([label('村（社区）\n意见'), opinion(null, seals.village(person), BLANK_DATE, 5)], 78),
    row([label('平安办意见'), opinion(null, seals.peaceOffice(c), BLANK_DATE, 5)], 78),
    row(
      [
        label('研判意见'),
        opinion(
          decision ? decisionText(decision, kind) : null,
          seals.leadingGroup(c),
          decision ? chineseDate(decision.decision.effectiveOn) : BLANK_DATE,
          5,
        ),
      ],
      92,
    ),
    ...(reportLabel
      ? [
          row(
            [
              label(reportLabel),
              opinion(
                reported?.reportedOn ? `已于${chineseDate(reported.reportedOn)}报区公安局。` : null,
                seals.police(c),
                chineseDateOrBlank(reported?.reportedOn),
                5,
              ),
            ],
            70,
          ),
        ]
      : []),
  ];
}

/** 入库: the case's intake (or a police emergency listing), its decision and the report upward. */
export function intakeForm(
  ctx: CaseContext,
  data: {
    proposal: ProposalRow | undefined;
    decision: DecisionWithMeeting | undefined;
    listing: HistoryRow | undefined;
  },
): FormPart {
  const { person, c } = ctx;
  const proposedOn = data.proposal?.proposedOn ?? c.proposedOn;
  const rows: Row[] = [
    ...personRows(person),
    pairRow(
      '呈报类别',
      checks([
        { text: '入库', checked: true },
        { text: '出库', checked: false },
      ]),
      '来源',
      sourceText(c),
    ),
    row([label('排查情形'), value(categoryChecklist(c.categories), 5)]),
    row([label('行为特征'), value(indicatorLines(data.proposal?.indicators ?? c.indicators), 5)]),
    row([label('建议级别'), value(levelChecks(data.proposal?.proposedLevel ?? c.proposedLevel), 5)], 28),
    row([label('基本情况及\n呈报依据'), value(data.proposal?.basis ?? c.basis, 5)], 84),
    row([label('问题化解方案'), value(c.resolutionPlan, 5)], 56),
    row(
      [
        label('列管意见及\n责任单位'),
        value([c.listingOpinion ?? '', `责任单位：${c.responsibleUnits.join('、')}`].filter(Boolean), 5),
      ],
      48,
    ),
    pairRow('呈报人', `${c.proposerName}（${c.proposerUnit}）`, '呈报日期', chineseDate(proposedOn)),
    ...closingRows(ctx, data.decision, data.listing, '报区公安局\n入库', 'intake'),
  ];
  return {
    title: APPROVAL_TITLE,
    rows: 1,
    blocks: [
      { kind: 'title', text: APPROVAL_TITLE },
      { kind: 'meta', left: `呈报单位：${c.proposerUnit}`, right: `编号：${formNumber(data.proposal?.id ?? c.id)}` },
      { kind: 'table', widths: GRID, rows },
    ],
  };
}

/** 出库 (撤销列管): the delisting proposal or, when a meeting delisted without one, its decision. */
export function exitForm(
  ctx: CaseContext,
  data: {
    proposal: ProposalRow | undefined;
    proposerName: string;
    proposerUnit: string;
    decision: DecisionWithMeeting | undefined;
    /** The level the person was listed at before the delisting. */
    level: number | null;
  },
): FormPart {
  const { person, c } = ctx;
  const reason = data.proposal?.reasonCode ?? c.delistReasonCode;
  const proposedOn = data.proposal?.proposedOn ?? data.decision?.decision.effectiveOn ?? null;
  const rows: Row[] = [
    ...personRows(person),
    pairRow(
      '呈报类别',
      checks([
        { text: '入库', checked: false },
        { text: '出库', checked: true },
      ]),
      '列管日期',
      c.listedOn ? chineseDate(c.listedOn) : '',
    ),
    row([label('列管级别'), value(levelChecks(data.level), 5)], 28),
    row([
      label('撤销理由'),
      value(
        checkLines(DELIST_REASONS.map((code) => ({ text: DELIST_REASON_LABELS[code], checked: code === reason }))).map(
          (p) => ({ ...p, size: 'small' as const }),
        ),
        5,
      ),
    ]),
    row([label('现实表现及\n撤销依据'), value(data.proposal?.basis ?? data.decision?.decision.reason ?? '', 5)], 96),
    pairRow(
      '呈报人',
      data.proposerName ? `${data.proposerName}（${data.proposerUnit}）` : '',
      '呈报日期',
      chineseDateOrBlank(proposedOn),
    ),
    ...closingRows(ctx, data.decision, undefined, '', 'delist'),
  ];
  return {
    title: APPROVAL_TITLE,
    rows: 1,
    blocks: [
      { kind: 'title', text: APPROVAL_TITLE },
      {
        kind: 'meta',
        left: `呈报单位：${data.proposerUnit || c.townName}`,
        right: `编号：${formNumber(data.proposal?.id ?? data.decision?.decision.id ?? c.id)}`,
      },
      { kind: 'table', widths: GRID, rows },
    ],
  };
}

/** 级别变更: who proposed it ("谁呈报、谁负责"), from which level to which, the decision and the notice. */
export function levelChangeForm(
  ctx: CaseContext,
  data: {
    proposal: ProposalRow;
    proposerName: string;
    proposerUnit: string;
    fromLevel: number | null;
    decision: DecisionWithMeeting | undefined;
    history: HistoryRow | undefined;
  },
): FormPart {
  const { person, c } = ctx;
  const { proposal, decision } = data;
  const to = proposal.proposedLevel;
  const direction = data.fromLevel && to ? (to < data.fromLevel ? '升级' : '降级') : '';
  const notified =
    decision && decision.decision.outcome === 'change_level'
      ? `已于${chineseDate(decision.decision.effectiveOn)}书面通知：${c.responsibleUnits.join('、')}`
      : `书面通知：${c.responsibleUnits.join('、')}`;
  const rows: Row[] = [
    ...personRows(person),
    pairRow('现级别', levelWord(data.fromLevel), '列管日期', c.listedOn ? chineseDate(c.listedOn) : ''),
    pairRow(
      '建议级别',
      levelChecks(to),
      '变更类型',
      checks([
        { text: '升级', checked: direction === '升级' },
        { text: '降级', checked: direction === '降级' },
      ]),
    ),
    row([label('行为特征'), value(indicatorLines(proposal.indicators), 5)]),
    row([label('现实表现及\n变更理由'), value(proposal.basis, 5)], 110),
    pairRow('呈报人', `${data.proposerName}（${data.proposerUnit}）`, '呈报日期', chineseDate(proposal.proposedOn)),
    row([label('相关责任单位'), value(notified, 5)], 40),
    ...closingRows(ctx, decision, data.history, '报区公安局\n变更', 'level_change'),
  ];
  return {
    title: LEVEL_CHANGE_TITLE,
    rows: 1,
    blocks: [
      { kind: 'title', text: LEVEL_CHANGE_TITLE },
      { kind: 'meta', left: `呈报单位：${data.proposerUnit}`, right: `编号：${formNumber(proposal.id)}` },
      { kind: 'table', widths: GRID, rows },
    ],
  };
}
