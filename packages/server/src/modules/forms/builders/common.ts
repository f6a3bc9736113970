// What every case form shares: the person as the caller's screen shows them, the case, the
// standard grid of label/value columns, the person block at the top of a form, and the wording
// of the seals and of the plan's obligations.
import {
  CASE_SOURCE_LABELS,
  CATEGORIES,
  CATEGORY_LABELS,
  type CaseSource,
  type Category,
  INDICATOR_LABELS,
  type Indicator,
  type Interval,
  type PolicyBody,
} from '@anxin/shared';
import { chineseCount, levelWord } from '../chinese-date.js';
import { type Block, label, type Para, type Row, row, value } from '../model.js';

/** The person as the caller may see them (the ID number exactly as their screen shows it). */
export interface PersonInfo {
  name: string;
  gender: string;
  /** "1975年3月12日" */
  birth: string;
  idNumber: string;
  phone: string;
  /** "演示一村 演示一村3组12号" */
  household: string;
  residence: string;
  /** The 户籍地 village or community, for its seal. */
  village: string;
}

export interface CaseInfo {
  id: string;
  status: string;
  level: number | null;
  proposedLevel: number;
  source: CaseSource;
  categories: Category[];
  indicators: Indicator[];
  basis: string;
  resolutionPlan: string;
  listingOpinion: string | null;
  superiorBody: string | null;
  superiorReference: string | null;
  proposedOn: string;
  listedOn: string | null;
  closedOn: string | null;
  delistReasonCode: string | null;
  townName: string;
  responsibleUnits: string[];
  proposerName: string;
  proposerUnit: string;
}

/** Everything a case form is built from, besides the record it prints. */
export interface CaseContext {
  person: PersonInfo;
  c: CaseInfo;
  /** Today, Beijing. */
  today: string;
  policy: PolicyBody;
}

/** A built form: its blocks, its title (file name, metadata) and how many records it prints. */
export interface FormPart {
  title: string;
  blocks: Block[];
  rows: number;
  /** A list wider than it is long (the monthly return) prints on landscape A4. */
  landscape?: boolean;
}

/**
 * The grid of most forms, in points of the 448-point writing width: label (6 characters), value,
 * label (性别), value, label, and a value wide enough for a date written in full
 * (二〇二六年十一月二十九日, 12 characters). Longer labels carry their own line break.
 */
export const GRID = [86, 66, 38, 28, 72, 158];

/** Two label/value pairs on one row of GRID: the first value spans three columns, the second (a date) one. */
export function pairRow(l1: string, v1: string | Para[], l2: string, v2: string | Para[], minHeight = 28): Row {
  return row([label(l1), value(v1, 3), label(l2), value(v2)], minHeight);
}

export const GENDER_LABELS: Record<string, string> = { male: '男', female: '女' };

/** "1975-03-12" → "1975年3月12日" (dates of birth are written with figures). */
export function birthText(date: string | null | undefined): string {
  if (!date) return '';
  const [y, m, d] = date.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

/** A form's number, from the record it prints: short, stable and unique enough to find it again. */
export const formNumber = (id: string) => id.replaceAll('-', '').slice(0, 10).toUpperCase();

/** The person block at the top of a case form (four rows of GRID). */
export function personRows(person: PersonInfo): Row[] {
  return [
    row(
      [label('姓名'), value(person.name), label('性别'), value(person.gender), label('出生日期'), value(person.birth)],
      28,
    ),
    row([label('身份证号'), value(person.idNumber, 3), label('联系电话'), value(person.phone)], 28),
    row([label('户籍地'), value(person.household, 5)], 28),
    row([label('实际居住地'), value(person.residence || '同户籍地', 5)], 28),
  ];
}

/** The plan's ordinals for the eight situations: 一是 … 八是. */
export const categoryText = (category: Category) =>
  `${chineseCount(CATEGORIES.indexOf(category) + 1)}是${CATEGORY_LABELS[category]}`;

/** All eight situations with the case's marked (■) — the checklist of a 呈报表. */
export function categoryChecklist(selected: readonly string[]): Para[] {
  return CATEGORIES.map((category) => ({
    text: `${selected.includes(category) ? '■' : '□'}${categoryText(category)}`,
    size: 'small' as const,
  }));
}

/** The observed behaviour, one per line, with its level. */
export function indicatorLines(selected: readonly string[] | null | undefined): Para[] {
  const list = (selected ?? []).filter((i): i is Indicator => i in INDICATOR_LABELS);
  if (list.length === 0) return [{ text: '—' }];
  return list.map((i) => ({
    text: `■${INDICATOR_LABELS[i].label}（${levelWord(INDICATOR_LABELS[i].level)}特征）`,
    size: 'small',
  }));
}

export const sourceText = (c: CaseInfo) => {
  const base = CASE_SOURCE_LABELS[c.source] ?? c.source;
  if (c.source !== 'superior' || !c.superiorBody) return base;
  return `${base}（${c.superiorBody}${c.superiorReference ? `，${c.superiorReference}` : ''}）`;
};

/** The seals of the township's bodies. */
export const seals = {
  village: (person: PersonInfo) => `${person.village || '村（社区）'}（盖章）`,
  peaceOffice: (c: CaseInfo) => `${c.townName}平安办（盖章）`,
  police: (c: CaseInfo) => `${c.townName}派出所（盖章）`,
  town: (c: CaseInfo) => `${c.townName}党委、政府（盖章）`,
  leadingGroup: (c: CaseInfo) => `${c.townName}“两失”人员服务管理工作领导小组（盖章）`,
  office: (c: CaseInfo) => `${c.townName}“两失”人员服务管理工作领导小组办公室（盖章）`,
};

/** An interval as the plan words it: 每日, 每7天, 每半月, 每月, 每两个月. */
export function intervalText(interval: Interval | undefined): string {
  if (!interval) return '';
  if (interval.months)
    return interval.months === 1
      ? '每月'
      : interval.months === 2
        ? '每两个月'
        : `每${chineseCount(interval.months)}个月`;
  const days = interval.days ?? 1;
  if (days === 1) return '每日';
  if (days === 7) return '每周';
  if (days === 14) return '每两周';
  if (days === 15) return '每半月';
  return `每${days}天`;
}

/**
 * What the plan asks of the units serving a person at a level (§四(三)3), with the intervals of
 * the policy in force: the numbered duties of a responsibility letter and of a written notice.
 */
export function dutiesAt(level: number, policy: PolicyBody): string[] {
  const intervals = policy.intervals[level as 1 | 2 | 3] ?? {};
  const duties: string[] = ['按照“一人一专班”标准组建（调整）服务管理小组，签订《“两失”人员管控责任书》，明确责任人。'];
  if (level === 1) {
    duties.push(
      '组建专门管控小组，实行全天候看护，落实值守记录；派出所会同相关部门制定应急处置预案，做好24小时备勤出动准备。',
      `镇级工作专班${intervalText(intervals.daily_consultation) || '每日'}会商研判，${intervalText(intervals.daily_report) || '每日'}向区级工作专班上报工作情况。`,
    );
  } else {
    if (intervals.visit)
      duties.push(
        `${intervalText(intervals.visit)}至少随访一次，由2名以上小组成员同行并做好随访记录，动态掌握生活情况、现实活动、思想状况、在（失）控等情况。`,
      );
    if (intervals.joint_meeting)
      duties.push(
        `${intervalText(intervals.joint_meeting)}召开一次联席会议，相互通报随访、思想波动以及过激行为倾向等情况。`,
      );
    if (intervals.assessment_report)
      duties.push(`${intervalText(intervals.assessment_report)}撰写一次现实危害性评估报告，提出下步措施意见。`);
  }
  duties.push(
    '责成事权单位及时化解矛盾纠纷、解决合理诉求；对暂时无法解决的问题，加强法治教育、释法说理和心理疏导。',
    '发现过激行为倾向立即向派出所报警并报告平安办，做好先期处置；重大敏感节点期间加密随访、启动专项会商研判。',
  );
  return duties.map((duty, i) => `${chineseCount(i + 1)}、${duty}`);
}
