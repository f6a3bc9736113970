import type { Role } from '@anxin/shared';

/** Everyone who works with person data: all roles but the system administrator. */
const PERSON_READERS = [
  'peace_office',
  'police',
  'judicial',
  'civil_affairs',
  'health',
  'village_cadre',
  'leader',
  'district',
  'inspector',
] as const satisfies readonly Role[];

/**
 * What each role may do, by permission name. Every route declares one of these (or `public` /
 * `authenticated`) in `config.permission`; objects are further limited by jurisdiction and by
 * each entity's policy file.
 */
export const PERMISSIONS = {
  'persons.read': PERSON_READERS,
  'persons.create': ['peace_office', 'police', 'village_cadre'],
  'persons.update': ['peace_office', 'police', 'village_cadre'],
  'org.read': ['admin', ...PERSON_READERS],
  'org.manage': ['admin'],
  'users.read': ['admin', ...PERSON_READERS],
  'users.manage': ['admin'],
  'audit.read': ['inspector', 'peace_office'],
  // Screening (排查): every reporting unit files its own return; the peace office watches compliance.
  'screening.read': PERSON_READERS,
  'screening.write': ['village_cadre', 'peace_office', 'police', 'judicial', 'civil_affairs', 'health'],
  'screening.compliance': ['peace_office', 'leader', 'district', 'inspector'],
  'pool.dismiss': ['peace_office'],
  // Cases (列管): 平安办 leads intake; 派出所 lists in emergencies and takes superior assignments.
  'cases.read': PERSON_READERS,
  'cases.create': ['peace_office', 'police'],
  /** Level-change and delisting proposals: "谁呈报、谁负责", any unit working the case or the village. */
  'proposals.create': ['peace_office', 'police', 'judicial', 'civil_affairs', 'health', 'village_cadre'],
  'cases.report_upward': ['peace_office', 'police'],
  'transfers.request': ['peace_office'],
  'transfers.answer': ['peace_office'],
  'transfers.designate': ['district'],
  // Meetings (研判): the peace office keeps the record; leaders and the district decide.
  'meetings.read': PERSON_READERS,
  'meetings.manage': ['peace_office', 'leader'],
  'meetings.decide': ['peace_office', 'leader', 'district'],
  'documents.read': PERSON_READERS,
  'documents.upload': ['peace_office', 'police', 'judicial', 'civil_affairs', 'health', 'village_cadre'],
  'notifications.read': PERSON_READERS,
  // The work of §四(三): teams, visits, reports, obligations (待办).
  'work.read': PERSON_READERS,
  /** 一人一专班: the peace office forms the team; the police station may too. */
  'teams.manage': ['peace_office', 'police'],
  /** Visits, assessment reports, level-1 records, the responsibility letter: the units that do the work. */
  'work.record': ['peace_office', 'police', 'judicial', 'civil_affairs', 'health', 'village_cadre'],
  'sensitive_periods.manage': ['peace_office', 'district'],
  'policy.read': ['admin', ...PERSON_READERS],
  'policy.manage': ['admin'],
  'webhooks.manage': ['admin'],
  /** The town overview on the work dashboard. */
  'dashboard.overview': ['peace_office', 'leader', 'district', 'inspector'],
  // Help and oversight (§四(三)3 ④–⑥, §五).
  /** 帮扶服务 and 矛盾诉求: the team's units put them on the case; the responsible unit works its queue. */
  'help.read': PERSON_READERS,
  'help.create': ['peace_office', 'police', 'judicial', 'civil_affairs', 'health', 'village_cadre'],
  'help.update': ['peace_office', 'police', 'judicial', 'civil_affairs', 'health', 'village_cadre'],
  /** 警情: anyone working a case reports; 派出所 responds; 平安办 or 派出所 notifies the team and records the disposition. */
  'alerts.read': PERSON_READERS,
  'alerts.report': ['peace_office', 'police', 'judicial', 'civil_affairs', 'health', 'village_cadre'],
  'alerts.respond': ['police'],
  'alerts.dispose': ['peace_office', 'police'],
  /** 督导检查 and 责任倒查: 镇级工作专班 (平安办), 区级 and 督导. */
  'oversight.read': ['peace_office', 'leader', 'district', 'inspector'],
  'oversight.manage': ['peace_office', 'district', 'inspector'],
  /** Rectification items: those who read inspections, and the inspected village its own. */
  'rectifications.read': ['peace_office', 'leader', 'district', 'inspector', 'village_cadre'],
  /** The inspected village works off its rectification items. */
  'rectifications.update': ['peace_office', 'district', 'inspector', 'village_cadre'],
  /** 告知 and its exceptions are decided by 平安办; objections are recorded by whoever receives them. */
  'notice.decide': ['peace_office'],
  'objections.record': ['peace_office', 'police', 'judicial', 'civil_affairs', 'health', 'village_cadre'],
  'objections.answer': ['peace_office'],
  /** 在册台账导入: the peace office moves the township's existing ledger in (listed cases with their dates). */
  'cases.import': ['peace_office'],
  /**
   * Excel exports of the lists (persons, cases, obligations, screening returns and compliance):
   * a permission of its own (SECURITY.md AC-8) so that a deployment can withdraw it from a role
   * without touching what the role reads; by default every reader may export what they see.
   */
  'lists.export': PERSON_READERS,
  /** Statistics of the caller's jurisdiction (a village sees its own). */
  'stats.read': PERSON_READERS,
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;
/** `public`: no session needed; `authenticated`: any signed-in user. */
export type RoutePermission = Permission | 'public' | 'authenticated';

export function hasPermission(roles: readonly Role[], permission: Permission): boolean {
  const allowed: readonly Role[] = PERMISSIONS[permission];
  return roles.some((role) => allowed.includes(role));
}

export function permissionsOf(roles: readonly Role[]): Permission[] {
  return (Object.keys(PERMISSIONS) as Permission[]).filter((permission) => hasPermission(roles, permission));
}
