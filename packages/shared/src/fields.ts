/** Chinese labels of request fields, used to name the field in error messages. */
export const FIELD_LABELS: Record<string, string> = {
  username: '用户名',
  password: '密码',
  otp: '动态口令',
  displayName: '姓名',
  orgUnitId: '所属单位',
  roles: '角色',
  disabled: '停用',
  parentId: '上级单位',
  name: '名称',
  kind: '类型',
  code: '区划代码',
  idNumber: '身份证号',
  gender: '性别',
  phone: '联系电话',
  householdOrgUnitId: '户籍地',
  householdAddress: '户籍地址',
  residenceOrgUnitId: '居住地',
  residenceAddress: '居住地址',
  occupation: '职业',
  familyContacts: '家庭联系人',
  version: '版本号',
  page: '页码',
  pageSize: '每页条数',
  q: '查询',
  level: '级别',
  status: '状态',
  category: '类别',
  entityType: '对象类型',
  entityId: '对象编号',
  actorId: '操作人',
  from: '开始时间',
  to: '结束时间',
  id: '编号',
  personId: '人员',
  categories: '排查情形',
  indicators: '行为特征',
  proposedLevel: '建议级别',
  basis: '呈报依据',
  resolutionPlan: '问题化解方案',
  listingOpinion: '列管意见',
  responsibleOrgUnitIds: '责任单位',
  proposedOn: '呈报日期',
  screeningEntryId: '排查记录',
  superiorBody: '交办单位',
  superiorReference: '交办文号',
  source: '来源',
  reasonCode: '撤销理由',
  reportedOn: '上报日期',
  heldAt: '会议时间',
  participantUserIds: '参会人员',
  caseIds: '议程案件',
  minutes: '会议纪要',
  outcome: '决定',
  reason: '理由',
  caseId: '案件',
  proposalId: '呈报',
  toTownId: '接收镇',
  townId: '指定镇',
  accept: '是否接收',
  month: '月份',
  entries: '排查对象',
  zeroReport: '零报告',
  description: '情况描述',
  archiveKind: '档案类别',
  url: '推送地址',
  format: '推送格式',
  enabled: '启用',
};

/** "身份证号(idNumber)" for a path like ['idNumber'] or "家庭联系人第1项" for nested paths. */
export function fieldLabel(path: readonly PropertyKey[], overrides: Record<string, string> = {}): string {
  if (path.length === 0) return '请求内容';
  const parts: string[] = [];
  for (const key of path) {
    if (typeof key === 'number') parts.push(`第${key + 1}项`);
    else {
      const name = String(key);
      const label = overrides[name] ?? FIELD_LABELS[name];
      parts.push(label ? `${label}(${name})` : name);
    }
  }
  return parts.join('·');
}
