// The plan's own terms for screening, listing and delisting (§四(一), §四(二)).

/** 排查情形 C1–C8, in the plan's order (§四(一)1). */
export const CATEGORIES = ['C1', 'C2', 'C3', 'C4', 'C5', 'C6', 'C7', 'C8'] as const;
export type Category = (typeof CATEGORIES)[number];
export const CATEGORY_LABELS: Record<Category, string> = {
  C1: '多次非访，性格偏激、言行极端的',
  C2: '家庭遭遇重大变故，心存怨气、悲观厌世的',
  C3: '本人或亲属身患重大疾病生活困难、对生活失去信心的',
  C4: '投资失败、生意受损、债务缠身，心理失衡的',
  C5: '婚恋变故、家庭纠纷等情感矛盾激化，性格偏执、容易走极端的',
  C6: '因吸毒、刑满释放未能回归正常生活，泄愤他人、仇视社会的',
  C7: '医患、邻里、劳资、司法等矛盾纠纷短期内难以有效化解，且矛盾尖锐激化的',
  C8: '其他可能实施个人极端、危害他人人身安全和公共安全的',
};

/** Observed behaviour per level (§四(一)2(3)): checklists on the intake and level-change forms. */
export const INDICATORS = ['L1_1', 'L1_2', 'L1_3', 'L1_4', 'L2_1', 'L2_2', 'L2_3', 'L3_1'] as const;
export type Indicator = (typeof INDICATORS)[number];
export const INDICATOR_LABELS: Record<Indicator, { level: 1 | 2 | 3; label: string }> = {
  L1_1: { level: 1, label: '近期有实施个人极端报复社会等过激言行' },
  L1_2: { level: 1, label: '近期出现过激信访倾向' },
  L1_3: { level: 1, label: '近期因矛盾积怨激化，思想波动较大或行为异常' },
  L1_4: { level: 1, label: '拟购买违法犯罪工具或有相关准备过程' },
  L2_1: { level: 2, label: '曾有扬言实施个人极端、报复社会等过激言行' },
  L2_2: { level: 2, label: '曾实施过激信访行为' },
  L2_3: { level: 2, label: '曾查寻个人极端作案方式，或具备有关实施条件' },
  L3_1: { level: 3, label: '个人诉求、矛盾积怨未得到有效解决或化解，但未出现激化加剧迹象，也未发现言行异常' },
};
export const LEVEL_LABELS: Record<1 | 2 | 3, string> = {
  1: '一级（现实紧迫风险）',
  2: '二级（突出风险）',
  3: '三级（潜在风险）',
};

/** `ledger`: listed before the township adopted Anxin, moved in from its 在册台账 (never proposed through the API). */
export const CASE_SOURCES = ['screening', 'superior', 'emergency', 'ledger'] as const;
export type CaseSource = (typeof CASE_SOURCES)[number];
export const CASE_SOURCE_LABELS: Record<CaseSource, string> = {
  screening: '村（社区）排查',
  superior: '上级交办',
  emergency: '派出所紧急列管',
  ledger: '在册台账导入',
};

export const CASE_STATUSES = ['proposed', 'listed', 'rejected', 'delisted'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];
export const CASE_STATUS_LABELS: Record<CaseStatus, string> = {
  proposed: '待研判',
  listed: '列管中',
  rejected: '不予列管',
  delisted: '已撤销列管',
};

/** 撤销列管 reasons (§四(二)4). */
export const DELIST_REASONS = [
  'death',
  'moved_out',
  'hospitalized',
  'detained',
  'bedridden',
  'stable_life',
  'dispute_resolved',
  'other',
] as const;
export type DelistReason = (typeof DELIST_REASONS)[number];
export const DELIST_REASON_LABELS: Record<DelistReason, string> = {
  death: '死亡',
  moved_out: '人户迁移镇外',
  hospitalized: '长期住院治疗',
  detained: '羁押服刑',
  bedridden: '瘫痪在床',
  stable_life: '就业稳定、收入稳定、生活得到保障，已回归正常社会生活',
  dispute_resolved: '矛盾纠纷得到化解',
  other: '其他（经研究评估风险已消除）',
};

export const MEETING_KINDS = ['assessment', 'joint', 'consultation', 'daily', 'special_team'] as const;
export type MeetingKind = (typeof MEETING_KINDS)[number];
export const MEETING_KIND_LABELS: Record<MeetingKind, string> = {
  assessment: '研判会',
  joint: '联席会议',
  consultation: '专项会商',
  daily: '每日会商',
  special_team: '专班会议',
};

/** Decisions a meeting can take. `renew` is the review's "keep listed at this level". */
export const DECISION_OUTCOMES = ['list', 'reject', 'change_level', 'delist', 'confirm', 'renew'] as const;
export type DecisionOutcome = (typeof DECISION_OUTCOMES)[number];
export const DECISION_OUTCOME_LABELS: Record<DecisionOutcome, string> = {
  list: '列管',
  reject: '不予列管',
  change_level: '变更级别',
  delist: '撤销列管',
  confirm: '确认紧急列管',
  renew: '复核后继续列管',
};

export const PROPOSAL_KINDS = ['intake', 'level_change', 'delist'] as const;
export type ProposalKind = (typeof PROPOSAL_KINDS)[number];
export const PROPOSAL_KIND_LABELS: Record<ProposalKind, string> = {
  intake: '入库呈报',
  level_change: '级别变更呈报',
  delist: '撤销列管呈报',
};

/** 一人一档: the eight archive kinds of §四(二)1. */
export const ARCHIVE_KINDS = [
  'approval_form',
  'meeting_minutes',
  'responsibility_letter',
  'dispute_resolution',
  'service_measures',
  'risk_assessment',
  'incident_report',
  'other',
] as const;
export type ArchiveKind = (typeof ARCHIVE_KINDS)[number];
export const ARCHIVE_KIND_LABELS: Record<ArchiveKind, string> = {
  approval_form: '“两失”人员审批呈报表',
  meeting_minutes: '每月排查评估及等级确定会议纪要',
  responsibility_letter: '管控责任书',
  dispute_resolution: '矛盾纠纷化解情况',
  service_measures: '服务管理工作措施',
  risk_assessment: '现实危害性评估报告',
  incident_report: '案事件情况说明',
  other: '其他相关材料',
};

export const SCREENING_STATUSES = ['on_time', 'late', 'missing', 'draft'] as const;
export type ScreeningStatus = (typeof SCREENING_STATUSES)[number];
