import { Button, Result } from 'antd';
import { useNavigate } from 'react-router';

/**
 * Unknown routes and records the API answers 404 for look the same, because an
 * out-of-jurisdiction record must not reveal that it exists.
 */
export function NotFound({ record = false }: { record?: boolean }) {
  const navigate = useNavigate();
  return (
    <Result
      data-testid="not-found"
      status="404"
      title="404"
      subTitle={record ? '未找到该记录：页面不存在或您无权访问' : '页面不存在或您无权访问'}
      extra={
        <Button type="primary" onClick={() => navigate('/', { replace: true })}>
          返回首页
        </Button>
      }
    />
  );
}
