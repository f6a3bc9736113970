// Chinese labels for codes the API sends, in the work plan's terms.

export const CASE_STATUS_LABELS: Record<string, string> = {
  proposed: '呈报待研判',
  listed: '列管中',
  rejected: '不予列管',
  delisted: '已撤销列管',
};

const LEVEL_LABELS: Record<number, string> = { 1: '一级', 2: '二级', 3: '三级' };

export function levelLabel(level: number | null | undefined): string {
  if (level === null || level === undefined) return '—';
  return LEVEL_LABELS[level] ?? `${level}级`;
}

export function caseStatusLabel(status: string | null | undefined): string {
  if (!status) return '未列管';
  return CASE_STATUS_LABELS[status] ?? status;
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
};

export const AUDIT_ENTITY_LABELS: Record<string, string> = {
  person: '人员',
  user: '用户',
  org_unit: '组织机构',
  session: '会话',
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
