/** Role names of API.md. A user holds one or more. */
export const ROLES = [
  'admin',
  'peace_office',
  'police',
  'judicial',
  'civil_affairs',
  'health',
  'village_cadre',
  'leader',
  'district',
  'inspector',
] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  admin: '系统管理员',
  peace_office: '平安办',
  police: '派出所',
  judicial: '司法所',
  civil_affairs: '民政办',
  health: '卫生院',
  village_cadre: '村（社区）干部',
  leader: '领导小组',
  district: '区级用户',
  inspector: '督导检查',
};

/** Org-unit kinds of API.md. Departments hang under the level they serve. */
export const ORG_KINDS = ['municipality', 'district', 'town', 'village', 'community', 'department'] as const;
export type OrgKind = (typeof ORG_KINDS)[number];

export const ORG_KIND_LABELS: Record<OrgKind, string> = {
  municipality: '市',
  district: '区',
  town: '镇/街道',
  village: '村',
  community: '社区',
  department: '部门',
};

/** Which kind of parent each kind may have (null: a root). */
export const ORG_PARENT_KINDS: Record<OrgKind, readonly (OrgKind | null)[]> = {
  municipality: [null],
  district: [null, 'municipality'],
  town: ['district'],
  village: ['town'],
  community: ['town'],
  department: ['municipality', 'district', 'town'],
};
