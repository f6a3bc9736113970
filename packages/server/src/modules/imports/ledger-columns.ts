// 在册台账: the columns of the ledger template (persons already listed when a township adopts Anxin).
import {
  GENDER_COLUMN,
  HOUSEHOLD_ADDRESS_COLUMN,
  ID_NUMBER_COLUMN,
  NAME_COLUMN,
  PHONE_COLUMN,
  RESIDENCE_ADDRESS_COLUMN,
} from './import-persons.js';
import type { Column } from './table.js';

export const LEDGER_SHEET = '在册台账';

const date = (key: string, header: string, help: string, required = false): Column => ({
  key,
  header,
  required,
  kind: 'date',
  width: 14,
  help,
});

export const LEDGER = {
  household: {
    key: 'household',
    header: '户籍村(社区)',
    aliases: ['户籍村', '户籍地'],
    required: true,
    kind: 'text',
    width: 14,
    help: '户籍所在的村（社区），从下拉列表选择；责任镇为其所在镇',
  },
  residence: {
    key: 'residence',
    header: '居住村(社区)',
    aliases: ['居住村', '居住地'],
    required: false,
    kind: 'text',
    width: 14,
    help: '实际居住的村（社区），与户籍地不同时填写；本镇以外的填写12位统计用区划代码',
  },
  categories: {
    key: 'categories',
    header: '排查类别',
    aliases: ['类别'],
    required: true,
    kind: 'text',
    max: 1000,
    width: 30,
    help: '八类情形，一种或多种：从下拉列表选择，或填写 C1 至 C8，多项用“；”分隔',
  },
  level: {
    key: 'level',
    header: '当前级别',
    required: true,
    kind: 'text',
    width: 10,
    help: '一级、二级或三级（当前的管控级别）',
  },
  listedOn: date('listedOn', '列管日期', '经研判列管的日期，如 2026-03-15；不能晚于今天', true),
  responsible: {
    key: 'responsible',
    header: '责任单位',
    required: true,
    kind: 'text',
    max: 1000,
    width: 30,
    help: '本镇的部门、村（社区）或本区的区级部门，填写单位全称，多个用“、”分隔（名称见“选项”说明）',
  },
  team: {
    key: 'team',
    header: '专班成员',
    required: false,
    kind: 'text',
    max: 1000,
    width: 30,
    help: '服务管理小组成员的用户名，用“、”分隔，组长在用户名后加“(组长)”，如 pingan(组长)、paichusuo、cun1；须包含该级别要求的单位（见“专班成员名单”）',
  },
  lastVisitOn: date('lastVisitOn', '最近随访日期', '最近一次随访的日期；下次随访按级别要求从此日起算'),
  lastJointMeetingOn: date('lastJointMeetingOn', '最近联席会议日期', '最近一次研究该人员的联席会议日期'),
  lastAssessmentReportOn: date('lastAssessmentReportOn', '最近评估报告日期', '最近一次现实危害性评估报告的日期'),
  lastReviewOn: date('lastReviewOn', '最近复核日期', '最近一次研判复核的日期；下次复核从此日（不填则从列管日期）起算'),
  letterSignedOn: date('letterSignedOn', '管控责任书签订日期', '已签订管控责任书的，填写签订日期'),
  lastDailyConsultationOn: date(
    'lastDailyConsultationOn',
    '最近每日会商日期',
    '一级人员（敏感时期的二级人员）最近一次每日会商的日期',
  ),
  lastDailyReportOn: date('lastDailyReportOn', '最近每日报告日期', '一级人员最近一次每日报告的日期'),
  emergencyPlanOn: date('emergencyPlanOn', '应急预案制定日期', '一级人员已制定应急处置预案的，填写制定日期'),
  basis: {
    key: 'basis',
    header: '基础依据',
    aliases: ['列管依据', '呈报依据'],
    required: true,
    kind: 'text',
    max: 4000,
    width: 40,
    help: '列管的事实依据（原呈报表所载）',
  },
  resolutionPlan: {
    key: 'resolutionPlan',
    header: '问题化解方案',
    required: false,
    kind: 'text',
    max: 4000,
    width: 40,
    help: '化解矛盾、帮扶服务的方案',
  },
} satisfies Record<string, Column>;

export const LEDGER_COLUMNS: readonly Column[] = [
  LEDGER.household,
  NAME_COLUMN,
  ID_NUMBER_COLUMN,
  GENDER_COLUMN,
  PHONE_COLUMN,
  HOUSEHOLD_ADDRESS_COLUMN,
  LEDGER.residence,
  RESIDENCE_ADDRESS_COLUMN,
  LEDGER.categories,
  LEDGER.level,
  LEDGER.listedOn,
  LEDGER.responsible,
  LEDGER.team,
  LEDGER.lastVisitOn,
  LEDGER.lastJointMeetingOn,
  LEDGER.lastAssessmentReportOn,
  LEDGER.lastReviewOn,
  LEDGER.letterSignedOn,
  LEDGER.lastDailyConsultationOn,
  LEDGER.lastDailyReportOn,
  LEDGER.emergencyPlanOn,
  LEDGER.basis,
  LEDGER.resolutionPlan,
];

/** The dates of the work done so far and the obligation each one meets. */
export const MET_ON_COLUMNS = [
  { column: LEDGER.lastVisitOn, kind: 'visit' },
  { column: LEDGER.lastJointMeetingOn, kind: 'joint_meeting' },
  { column: LEDGER.lastAssessmentReportOn, kind: 'assessment_report' },
  { column: LEDGER.letterSignedOn, kind: 'responsibility_letter' },
  { column: LEDGER.lastDailyConsultationOn, kind: 'daily_consultation' },
  { column: LEDGER.lastDailyReportOn, kind: 'daily_report' },
  { column: LEDGER.emergencyPlanOn, kind: 'emergency_plan' },
] as const;

export const LEDGER_RULES = [
  '1. 每一行是一名在册（列管中）人员；导入后即为“列管中”的案件，来源记为“在册台账导入”，呈报人记为导入人。',
  '2. 人员按身份证号匹配：已登记的人员沿用人员档案（姓名、户籍地须一致，且不能已有未结案件），尚未登记的按本行信息新建档案。',
  '3. 列管日期、级别写入级别记录；最近随访、联席会议、评估报告、复核、责任书、每日会商、每日报告、应急预案日期作为相应工作最近一次完成的日期，待办事项的应完成日期从这些日期起算（例如二级人员最近随访在10天前，则随访已逾期3天）。未填写的从列管日期起算。',
  '4. 专班成员须是本镇部门、本人所在村（社区）或区级部门的在岗人员，有且只有一名组长，并包含该级别要求的单位；不填则导入后再组建。',
  '5. 先“试导入”：系统逐行检查并列出有误的行号和原因，不写入任何数据；正式导入时只要有一行有误就整批不导入，也可以明确选择“仅导入有效行”。',
  '6. 一人只能出现一次；所有日期不能晚于今天，工作日期不能早于列管日期。',
];
