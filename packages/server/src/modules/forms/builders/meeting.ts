// 会议纪要 (§四(二)1 "每月排查评估及等级确定会议纪要") and the monthly 排查情况表 of a village (§四(一)1).
import { CATEGORIES, type Category, MEETING_KIND_LABELS, type MeetingKind } from '@anxin/shared';
import { beijingDate } from '../../../lib/clock.js';
import {
  BLANK_DATE,
  chineseDate,
  chineseDateOrBlank,
  chineseDateTime,
  chineseMonth,
  figureDate,
  levelWord,
} from '../chinese-date.js';
import { type Block, headerRow, label, row, value } from '../model.js';
import { categoryText, type FormPart, formNumber } from './common.js';

export interface MinutesData {
  id: string;
  kind: MeetingKind;
  heldAt: Date;
  orgUnitName: string;
  minutes: string;
  recorder: string;
  participants: { name: string; unit: string }[];
  /** The agenda the caller may see: person names. */
  agenda: string[];
  decisions: { name: string; outcome: string; level: number | null; effectiveOn: string; reason: string }[];
}

export const minutesTitle = (kind: MeetingKind) => `“两失”人员${MEETING_KIND_LABELS[kind] ?? '会议'}纪要`;

export function minutesForm(m: MinutesData, options: { extract?: { caseName: string } } = {}): FormPart {
  const title = minutesTitle(m.kind);
  const blocks: Block[] = [
    { kind: 'title', text: title, ...(options.extract ? { subtitle: `（摘录：${options.extract.caseName}）` } : {}) },
    { kind: 'meta', left: `组织单位：${m.orgUnitName}`, right: `编号：${formNumber(m.id)}` },
    {
      kind: 'table',
      widths: [72, 210, 60, 106],
      rows: [
        row(
          [
            label('会议时间'),
            value(chineseDateTime(m.heldAt)),
            label('会议类型'),
            value(MEETING_KIND_LABELS[m.kind] ?? m.kind),
          ],
          28,
        ),
        row([label('组织单位'), value(m.orgUnitName), label('记录人'), value(m.recorder)], 28),
        row([label('参会人员'), value(m.participants.map((p) => `${p.name}（${p.unit}）`).join('、') || '—', 3)], 40),
        row([label('研判对象'), value(m.agenda.join('、') || '—', 3)], 28),
        row([label('会议内容'), value(m.minutes || ' ', 3)], 140),
      ],
    },
  ];
  if (m.decisions.length) {
    blocks.push(
      { kind: 'heading', text: '研判决定' },
      {
        kind: 'table',
        widths: [40, 58, 88, 38, 88, 136],
        rows: [
          headerRow(['序号', '姓名', '决定', '级别', '生效日期', '理由']),
          ...m.decisions.map((d, i) =>
            row([
              value(String(i + 1), 1, 'center'),
              value(d.name, 1, 'center'),
              value(d.outcome),
              value(levelWord(d.level) || '—', 1, 'center'),
              value(figureDate(d.effectiveOn), 1, 'center'),
              value(d.reason),
            ]),
          ),
        ],
      },
    );
  }
  blocks.push(
    { kind: 'heading', text: '参会人员签字' },
    {
      kind: 'table',
      widths: [0.6, 1.6, 3, 2.4],
      rows: [
        headerRow(['序号', '姓名', '单位', '签字']),
        ...m.participants.map((p, i) =>
          row([value(String(i + 1), 1, 'center'), value(p.name, 1, 'center'), value(p.unit), value('')], 28),
        ),
      ],
    },
  );
  return { title, rows: 1 + m.decisions.length, blocks };
}

export interface ScreeningData {
  id: string;
  orgUnitName: string;
  month: string;
  zeroReport: boolean;
  status: 'draft' | 'submitted';
  submittedAt: Date | null;
  onTime: boolean | null;
  dueOn: string;
  filedBy: string;
  entries: { personName: string; idNumber: string; categories: string[]; description: string }[];
}

export const SCREENING_TITLE = '“两失”人员排查情况表';

export function screeningForm(s: ScreeningData): FormPart {
  const status = s.status === 'draft' ? '草稿（尚未上报）' : s.onTime ? '按时上报' : '逾期上报';
  const entryRows = s.zeroReport
    ? [row([value('本月无新增（零报告）：经排查，本村（社区）本月未发现符合列管情形的人员。', 5, 'center')], 40)]
    : s.entries.map((e, i) =>
        row([
          value(String(i + 1), 1, 'center'),
          value(e.personName, 1, 'center'),
          value(e.idNumber, 1, 'center'),
          value(
            CATEGORIES.filter((k) => e.categories.includes(k)).map((k: Category) => ({
              text: categoryText(k),
              size: 'small' as const,
            })),
          ),
          value(e.description),
        ]),
      );
  const blocks: Block[] = [
    { kind: 'title', text: SCREENING_TITLE },
    { kind: 'meta', left: `填报单位（盖章）：${s.orgUnitName}`, right: `排查月份：${chineseMonth(s.month)}` },
    {
      kind: 'table',
      widths: [40, 70, 150, 200, 234],
      rows: [headerRow(['序号', '姓名', '身份证号', '排查情形', '基本情况']), ...entryRows],
    },
    {
      kind: 'table',
      widths: [100, 247, 100, 247],
      rows: [
        row([label('填报人'), value(s.filedBy), label('上报状态'), value(status)], 28),
        row(
          [
            label('上报时间'),
            value(s.submittedAt ? chineseDateTime(s.submittedAt) : '—'),
            label('截止日期'),
            value(`${chineseDate(s.dueOn)}前`),
          ],
          28,
        ),
        row(
          [
            label('村（社区）\n负责人签字'),
            value(''),
            label('报送'),
            { ...value('每月22日前报平安办'), vAlign: 'center' },
          ],
          40,
        ),
      ],
    },
    {
      kind: 'signatures',
      items: [
        {
          name: `${s.orgUnitName}（盖章）`,
          date: s.submittedAt ? chineseDateOrBlank(beijingDate(s.submittedAt)) : BLANK_DATE,
        },
      ],
    },
  ];
  return { title: SCREENING_TITLE, rows: s.zeroReport ? 0 : s.entries.length, blocks, landscape: true };
}
