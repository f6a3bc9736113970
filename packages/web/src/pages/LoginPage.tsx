import { LockOutlined, SafetyOutlined, UserOutlined } from '@ant-design/icons';
import type { LoginBody } from '@anxin/shared';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { ApiError, api } from '../api';

interface LoginValues {
  username: string;
  password: string;
  otp?: string;
}

/** Only an in-app path may be a return target, never another origin. */
function returnPath(state: unknown): string {
  const from = (state as { from?: unknown } | null)?.from;
  return typeof from === 'string' && from.startsWith('/') && !from.startsWith('//') && from !== '/login' ? from : '/';
}

export function LoginPage() {
  const [form] = Form.useForm<LoginValues>();
  const navigate = useNavigate();
  const location = useLocation();
  const queryClient = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const [needsOtp, setNeedsOtp] = useState(false);
  const [submitting, setSubmitting] = useState(false);
  // A failed demo-info call only hides the demo card; login still works.
  const demo = useQuery({ queryKey: ['demo-info'], queryFn: ({ signal }) => api.demoInfo(signal), retry: false });

  const submit = async (values: LoginValues) => {
    setError(null);
    setSubmitting(true);
    try {
      const body: LoginBody = { username: values.username.trim(), password: values.password };
      if (values.otp) body.otp = values.otp.trim();
      await api.login(body);
      // Start from nothing so no cached answer of an earlier session is shown.
      queryClient.clear();
      navigate(returnPath(location.state), { replace: true });
    } catch (caught) {
      if (caught instanceof ApiError) {
        if (caught.code === 'OTP_REQUIRED' || caught.details.some((detail) => detail.field === 'otp')) {
          setNeedsOtp(true);
        }
        setError(caught.message);
      } else {
        setError('登录失败，请稍后再试');
      }
      form.setFieldValue('password', '');
    } finally {
      setSubmitting(false);
    }
  };

  const demoInfo = demo.data?.demoMode ? demo.data : undefined;

  return (
    <div className="login-page">
      <div className="login-column">
        <Typography.Title level={3} className="login-title">
          安心 · 两失人员服务管理
        </Typography.Title>
        <Card title="用户登录">
          {error && <Alert type="error" showIcon title={error} className="form-alert" data-testid="login-error" />}
          <Form form={form} layout="vertical" onFinish={submit} autoComplete="off" requiredMark={false}>
            <Form.Item name="username" label="用户名" rules={[{ required: true, message: '请输入用户名' }]}>
              <Input prefix={<UserOutlined />} autoComplete="username" data-testid="login-username" />
            </Form.Item>
            <Form.Item name="password" label="密码" rules={[{ required: true, message: '请输入密码' }]}>
              <Input.Password prefix={<LockOutlined />} autoComplete="current-password" data-testid="login-password" />
            </Form.Item>
            {needsOtp && (
              <Form.Item name="otp" label="动态口令" rules={[{ required: true, message: '请输入动态口令' }]}>
                <Input prefix={<SafetyOutlined />} autoComplete="one-time-code" inputMode="numeric" />
              </Form.Item>
            )}
            <Button type="primary" htmlType="submit" block loading={submitting} data-testid="login-submit">
              登录
            </Button>
          </Form>
        </Card>
        {demoInfo && (
          <Card title="演示账号" className="demo-card" data-testid="demo-accounts">
            <Typography.Paragraph type="secondary">
              本系统正以演示模式运行，数据均为虚构。点击账号即可填入登录表单
              {demoInfo.password ? (
                <>
                  ，所有演示账号的密码为 <Typography.Text code>{demoInfo.password}</Typography.Text>
                </>
              ) : null}
              。
            </Typography.Paragraph>
            <ul className="demo-accounts">
              {demoInfo.accounts.map((account) => (
                <li key={account.username}>
                  <Button
                    type="link"
                    onClick={() => {
                      form.setFieldsValue({ username: account.username, password: demoInfo.password ?? '' });
                      setError(null);
                    }}
                  >
                    {account.username}
                  </Button>
                  <Typography.Text type="secondary">{account.label}</Typography.Text>
                </li>
              ))}
            </ul>
          </Card>
        )}
      </div>
    </div>
  );
}
