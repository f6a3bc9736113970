// Chinese labels for codes the API sends, in the work plan's terms.
import {
  CASE_STATUS_LABELS,
  CATEGORIES,
  CATEGORY_LABELS,
  type CaseStatus,
  type Category,
  LEVEL_LABELS,
} from '@anxin/shared';

const LEVEL_SHORT: Record<number, string> = { 1: '一级', 2: '二级', 3: '三级' };

export function levelLabel(level: number | null | undefined): string {
  if (level === null || level === undefined) return '—';
  return LEVEL_SHORT[level] ?? `${level}级`;
}

/** The plan's full level name, e.g. 一级（现实紧迫风险）. */
export function levelFullLabel(level: number | null | undefined): string {
  if (level === null || level === undefined) return '—';
  return LEVEL_LABELS[level as 1 | 2 | 3] ?? levelLabel(level);
}

/** Level 1 is the most urgent: red, then orange, then gold. */
export const LEVEL_COLORS: Record<number, string> = { 1: 'red', 2: 'orange', 3: 'gold' };

export function caseStatusLabel(status: string | null | undefined): string {
  if (!status) return '未列管';
  return CASE_STATUS_LABELS[status as CaseStatus] ?? status;
}

export const CASE_STATUS_COLORS: Record<string, string> = {
  proposed: 'blue',
  listed: 'red',
  rejected: 'default',
  delisted: 'green',
};

/** 情形一 … 情形八: the short name of a screening category; the plan's wording goes in a tooltip. */
const NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八'];
export function categoryShortLabel(category: string): string {
  const index = CATEGORIES.indexOf(category as Category);
  return index >= 0 ? `情形${NUMERALS[index]}` : category;
}

export function categoryLabel(category: string): string {
  return CATEGORY_LABELS[category as Category] ?? category;
}

export const AUDIT_ACTION_LABELS: Record<string, string> = {
  'auth.login': '登录',
  'auth.logout': '退出',
  'person.create': '新增人员',
  'person.update': '修改人员',
  'person.read': '查看人员档案',
  'org_unit.create': '新增组织机构',
  'org_unit.update': '修改组织机构',
  'user.create': '新增用户',
  'user.update': '修改用户',
  'screening_report.create': '新建排查情况表',
  'screening_report.update': '修改排查情况表',
  'screening_report.submit': '上报排查情况表',
  'screening_report.import': '导入排查情况表（Excel）',
  'case.import_ledger': '导入在册台账（Excel）',
  export: '导出',
  'screening_entry.dismiss': '排除疑似人员',
  'person.audit_trail.read': '查看档案审计记录',
  'case.create': '入库呈报',
  'case.read': '查看列管案件',
  'case.report_upward': '登记报区公安局',
  'proposal.create': '提出呈报',
  'meeting.create': '新建会议',
  'meeting.update': '修改会议',
  'decision.create': '研判决定',
  'transfer.request': '提出移交',
  'transfer.accept': '接收移交',
  'transfer.refuse': '拒绝移交',
  'transfer.designate': '指定管辖',
  'document.upload': '上传档案材料',
  'document.read': '下载档案材料',
  'inspection.create': '登记督导检查',
  'inspection.read': '查看督导检查',
  'inspection.list': '查看督导检查列表',
  'inspection.sample': '督导抽查',
  'rectification.update': '办理整改事项',
  'rectification.reopen': '退回整改事项',
  'rectification.list': '查看整改事项',
  'investigation.create': '登记责任倒查',
  'investigation.update': '修改责任倒查',
  'investigation.conclude': '办结责任倒查',
  'investigation.read': '查看责任倒查',
  'investigation.list': '查看责任倒查列表',
  'alert.create': '报告警情',
  'alert.update': '警情处置',
  'alert.read': '查看警情',
  'alert.list': '查看警情列表',
  'service.create': '登记帮扶服务',
  'service.update': '办理帮扶服务',
  'service.read': '查看帮扶服务',
  'service.list': '查看帮扶服务清单',
  'grievance.create': '登记矛盾诉求',
  'grievance.update': '化解矛盾诉求',
  'grievance.read': '查看矛盾诉求',
  'grievance.list': '查看矛盾诉求清单',
};

export const AUDIT_ENTITY_LABELS: Record<string, string> = {
  person: '人员',
  user: '用户',
  org_unit: '组织机构',
  session: '会话',
  case: '列管案件',
  screening_report: '排查情况表',
  screening_entry: '排查条目',
  proposal: '呈报',
  meeting: '会议',
  decision: '研判决定',
  transfer: '移交',
  document: '档案材料',
  inspection: '督导检查',
  rectification: '整改事项',
  investigation: '责任倒查',
  alert: '警情',
};

export const AUDIT_OUTCOME: Record<string, { label: string; color: string }> = {
  success: { label: '成功', color: 'green' },
  failure: { label: '失败', color: 'orange' },
  denied: { label: '拒绝', color: 'red' },
  not_found: { label: '未找到', color: 'default' },
};

/** Options for a Select from a label map. */
export function optionsOf(labels: Record<string, string>): { value: string; label: string }[] {
  return Object.entries(labels).map(([value, label]) => ({ value, label }));
}
