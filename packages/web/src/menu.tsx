import {
  AlertOutlined,
  ApartmentOutlined,
  AuditOutlined,
  BarChartOutlined,
  CalendarOutlined,
  DashboardOutlined,
  FileSearchOutlined,
  HeartOutlined,
  ProfileOutlined,
  ReadOutlined,
  SafetyCertificateOutlined,
  ScheduleOutlined,
  SettingOutlined,
  SolutionOutlined,
  TeamOutlined,
  UserOutlined,
} from '@ant-design/icons';
import type { Me } from '@anxin/shared';
import type { MenuProps } from 'antd';
import type { ReactNode } from 'react';
import { can } from './session';

/** One page in the side menu; `group` nests it under a sub-menu. */
export interface MenuEntry {
  path: string;
  label: string;
  icon: ReactNode;
  permission: string;
  group?: keyof typeof MENU_GROUPS;
}

export const MENU_GROUPS = {
  admin: { label: '系统管理', icon: <SettingOutlined /> },
} as const;

// The side menu in the plan's order (DESIGN.md "The web app's map"). New pages
// (工作台, 排查上报, 列管管理 …) are one row each here; the first allowed row is home.
export const MENU: readonly MenuEntry[] = [
  { path: '/work', label: '工作台', icon: <DashboardOutlined />, permission: 'work.read' },
  { path: '/screening', label: '排查上报', icon: <FileSearchOutlined />, permission: 'screening.read' },
  { path: '/persons', label: '人员档案', icon: <TeamOutlined />, permission: 'persons.read' },
  { path: '/cases', label: '列管管理', icon: <ProfileOutlined />, permission: 'cases.read' },
  { path: '/meetings', label: '研判会议', icon: <ScheduleOutlined />, permission: 'meetings.read' },
  { path: '/visits', label: '随访走访', icon: <SolutionOutlined />, permission: 'work.read' },
  { path: '/help', label: '帮扶服务', icon: <HeartOutlined />, permission: 'help.read' },
  { path: '/alerts', label: '警情处置', icon: <AlertOutlined />, permission: 'alerts.read' },
  { path: '/oversight', label: '督导问责', icon: <SafetyCertificateOutlined />, permission: 'oversight.read' },
  { path: '/stats', label: '统计报表', icon: <BarChartOutlined />, permission: 'stats.read' },
  {
    path: '/admin/org-units',
    label: '组织机构',
    icon: <ApartmentOutlined />,
    permission: 'org.manage',
    group: 'admin',
  },
  { path: '/admin/users', label: '用户管理', icon: <UserOutlined />, permission: 'users.manage', group: 'admin' },
  // Policy is readable by everyone (linked from 敏感时期); the menu row is for the one who edits it.
  { path: '/admin/policy', label: '工作规范', icon: <ReadOutlined />, permission: 'policy.manage', group: 'admin' },
  {
    path: '/admin/sensitive-periods',
    label: '敏感时期',
    icon: <CalendarOutlined />,
    permission: 'sensitive_periods.manage',
    group: 'admin',
  },
  { path: '/audit', label: '审计日志', icon: <AuditOutlined />, permission: 'audit.read' },
];

type MenuItem = NonNullable<MenuProps['items']>[number];

/** The antd menu items this user may see; a group appears where its first allowed entry is. */
export function menuItemsFor(me: Me): MenuItem[] {
  const items: MenuItem[] = [];
  const groups = new Map<string, MenuItem[]>();
  for (const entry of MENU) {
    if (!can(me, entry.permission)) continue;
    const item: MenuItem = { key: entry.path, icon: entry.icon, label: entry.label };
    if (!entry.group) {
      items.push(item);
      continue;
    }
    let children = groups.get(entry.group);
    if (!children) {
      children = [];
      groups.set(entry.group, children);
      const group = MENU_GROUPS[entry.group];
      items.push({ key: `group:${entry.group}`, icon: group.icon, label: group.label, children });
    }
    children.push(item);
  }
  return items;
}

export function firstAllowedPath(me: Me): string | undefined {
  return MENU.find((entry) => can(me, entry.permission))?.path;
}

/** The menu entry a location belongs to (longest matching prefix), for highlighting. */
export function entryForPath(pathname: string): MenuEntry | undefined {
  return MENU.filter((entry) => pathname === entry.path || pathname.startsWith(`${entry.path}/`)).sort(
    (a, b) => b.path.length - a.path.length,
  )[0];
}
