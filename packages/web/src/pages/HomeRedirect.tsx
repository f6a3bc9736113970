import { Result } from 'antd';
import { Navigate } from 'react-router';
import { firstAllowedPath } from '../menu';
import { useMe } from '../session';

/** Home is the first menu page this user may use. */
export function HomeRedirect() {
  const me = useMe();
  const path = firstAllowedPath(me);
  if (path) return <Navigate to={path} replace />;
  return <Result status="info" title="您的账号暂无可用功能" subTitle="请联系系统管理员分配角色" />;
}
