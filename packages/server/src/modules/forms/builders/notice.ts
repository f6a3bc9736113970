// The written notice of a decision to the responsible units (plan §四(二)3 "并书面通知相关责任单位"),
// with a receipt table each unit signs.
import { DELIST_REASON_LABELS, type DelistReason, LEVEL_LABELS } from '@anxin/shared';
import { chineseDate, levelWord } from '../chinese-date.js';
import type { DecisionWithMeeting } from '../forms.queries.js';
import { type Block, headerRow, row, value } from '../model.js';
import { outcomeText } from './approval.js';
import { type CaseContext, dutiesAt, type FormPart, formNumber, seals } from './common.js';

export const NOTICE_TITLE = '“两失”人员研判决定通知书';

/** What the units are told to do next, by outcome. */
function instructions(ctx: CaseContext, d: DecisionWithMeeting['decision'], stillListed: boolean): string[] {
  const plan = `《${ctx.c.townName}“两失”人员服务管理工作方案》`;
  if (d.outcome === 'delist')
    return [`请各责任单位做好该人员档案材料的整理归档工作，继续关注其生活情况，发现异常及时报告平安办。`];
  if (d.outcome === 'reject' && !stillListed)
    return [`请相关单位继续做好矛盾纠纷化解和困难帮扶工作，发现符合列管情形的及时重新呈报。`];
  const level = d.level ?? ctx.c.level;
  if (!level) return [];
  return [
    `请各责任单位按照${plan}要求，自收到本通知之日起，按${levelWord(level)}标准落实以下服务管理措施：`,
    ...dutiesAt(level, ctx.policy),
  ];
}

export function noticeForm(ctx: CaseContext, d: DecisionWithMeeting, proposalKind: string | null): FormPart {
  const { person, c } = ctx;
  const decision = d.decision;
  const stillListed = decision.outcome !== 'delist' && !(decision.outcome === 'reject' && proposalKind === 'intake');
  const reason =
    decision.outcome === 'delist' && c.delistReasonCode
      ? `${DELIST_REASON_LABELS[c.delistReasonCode as DelistReason] ?? ''}。${decision.reason}`
      : decision.reason;
  // "三级（潜在风险）" → "（潜在风险）": the level itself is already in the outcome.
  const levelNote = decision.level ? LEVEL_LABELS[decision.level as 1 | 2 | 3].replace(/^.级/, '') : '';
  const blocks: Block[] = [
    { kind: 'title', text: NOTICE_TITLE },
    { kind: 'meta', left: `${c.townName}平安办`, right: `编号：${formNumber(decision.id)}` },
    { kind: 'paragraph', text: `${c.responsibleUnits.join('、')}：` },
    {
      kind: 'paragraph',
      indent: true,
      text: `${chineseDate(d.heldOn)}，${d.meetingUnitName}召开“两失”人员研判会，经镇党委、政府、派出所、平安办、属地属事单位等共同研究评估，决定：对${person.village}${person.name}（身份证号：${person.idNumber}）${outcomeText(decision, proposalKind)}${['list', 'change_level', 'confirm', 'renew'].includes(decision.outcome) ? levelNote : ''}，自${chineseDate(decision.effectiveOn)}起执行。`,
    },
    { kind: 'paragraph', indent: true, text: `理由：${reason}` },
    ...instructions(ctx, decision, stillListed).map((text) => ({ kind: 'paragraph' as const, indent: true, text })),
    { kind: 'paragraph', indent: true, text: '特此通知。' },
    { kind: 'signatures', items: [{ name: seals.office(c), date: chineseDate(decision.effectiveOn) }] },
    { kind: 'spacer', height: 12 },
    { kind: 'heading', text: '送达回执' },
    {
      kind: 'table',
      widths: [3, 2, 2.2],
      rows: [
        headerRow(['责任单位', '签收人', '签收日期']),
        ...c.responsibleUnits.map((unit) => row([value(unit), value(''), value('')], 28)),
      ],
    },
  ];
  return { title: NOTICE_TITLE, rows: 1, blocks };
}
