import { LogoutOutlined, MenuOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Layout, Menu, Spin, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { Navigate, Outlet, useLocation, useNavigate } from 'react-router';
import { ApiError, api } from '../api';
import { entryForPath, MENU_GROUPS, menuItemsFor } from '../menu';
import { can, ME_QUERY_KEY, MeContext } from '../session';
import { NotificationBell } from './NotificationBell';
import { QueryError } from './QueryError';

const { Header, Sider, Content } = Layout;

/** The logged-in shell: loads the user, then shows the menu they may use around the page. */
export function AppLayout() {
  const location = useLocation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [collapsed, setCollapsed] = useState(false);
  const [narrow, setNarrow] = useState(false);
  const [loggingOut, setLoggingOut] = useState(false);
  const meQuery = useQuery({ queryKey: ME_QUERY_KEY, queryFn: ({ signal }) => api.me(signal), staleTime: Infinity });
  const me = meQuery.data;
  const menuItems = useMemo(() => (me ? menuItemsFor(me) : []), [me]);

  if (meQuery.error instanceof ApiError && meQuery.error.status === 401) {
    return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  }
  if (meQuery.error) {
    return (
      <div className="page-center">
        <QueryError error={meQuery.error} onRetry={() => meQuery.refetch()} />
      </div>
    );
  }
  if (!me) {
    return (
      <div className="page-center">
        <Spin size="large" />
      </div>
    );
  }

  const current = entryForPath(location.pathname);
  const logout = async () => {
    setLoggingOut(true);
    try {
      await api.logout();
    } catch {
      // The session may already be gone; leaving the app is still right.
    }
    // Nothing about the previous user may stay in memory for the next one.
    queryClient.clear();
    navigate('/login', { replace: true });
  };

  return (
    <MeContext.Provider value={me}>
      <Layout className="app-shell">
        <Sider
          breakpoint="lg"
          collapsedWidth={0}
          collapsed={collapsed}
          onCollapse={setCollapsed}
          onBreakpoint={setNarrow}
          // antd's own zero-width trigger floats over the page title; the header carries a menu button instead.
          trigger={null}
          width={220}
          className="app-sider"
        >
          <div className="app-title">安心 · 两失人员服务管理</div>
          <Menu
            theme="dark"
            mode="inline"
            selectedKeys={current ? [current.path] : []}
            defaultOpenKeys={Object.keys(MENU_GROUPS).map((group) => `group:${group}`)}
            items={menuItems}
            onClick={({ key }) => {
              navigate(key);
              // On a phone the open menu covers the page; close it once a page is chosen.
              if (narrow) setCollapsed(true);
            }}
          />
        </Sider>
        {narrow && !collapsed && <div className="app-sider-mask" onClick={() => setCollapsed(true)} aria-hidden />}
        <Layout>
          <Header className="app-header">
            {narrow && (
              <Button
                type="text"
                icon={<MenuOutlined />}
                aria-label="菜单"
                onClick={() => setCollapsed(!collapsed)}
                data-testid="menu-toggle"
              />
            )}
            <div className="app-header-user">
              <Typography.Text strong>{me.displayName}</Typography.Text>
              <Typography.Text type="secondary" className="app-header-unit">
                {me.orgUnitName}
              </Typography.Text>
            </div>
            {can(me, 'notifications.read') && <NotificationBell />}
            <Button icon={<LogoutOutlined />} loading={loggingOut} onClick={logout} data-testid="logout">
              退出登录
            </Button>
          </Header>
          <Content className="app-content">
            <Outlet />
          </Content>
        </Layout>
      </Layout>
    </MeContext.Provider>
  );
}
