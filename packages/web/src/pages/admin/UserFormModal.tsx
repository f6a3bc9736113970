import {
  createUserBody,
  passwordProblem,
  ROLE_LABELS,
  ROLES,
  type Role,
  type UpdateUserBody,
  type User,
} from '@anxin/shared';
import { useQueryClient } from '@tanstack/react-query';
import { App, Form, Input, Modal, Select } from 'antd';
import { useState } from 'react';
import { api } from '../../api';
import { applyApiError, schemaRule } from '../../components/forms';
import { OrgUnitTreeSelect } from '../../components/OrgUnitSelect';
import { useMe } from '../../session';

interface Values {
  username: string;
  displayName: string;
  password?: string;
  orgUnitId: string;
  roles: Role[];
}

const FIELDS = ['username', 'displayName', 'password', 'orgUnitId', 'roles'] as const;
const ROLE_OPTIONS = ROLES.map((role) => ({ value: role, label: ROLE_LABELS[role] }));

export const USERS_QUERY_KEY = ['users'] as const;

/** Creates a user, or edits one (password left empty = unchanged). */
export function UserFormModal({ user, onClose }: { user: User | null; onClose: () => void }) {
  const [form] = Form.useForm<Values>();
  const me = useMe();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [saving, setSaving] = useState(false);
  const editing = user !== null;

  const submit = async (values: Values) => {
    setSaving(true);
    try {
      if (user) {
        const body: UpdateUserBody = {};
        if (values.displayName.trim() !== user.displayName) body.displayName = values.displayName.trim();
        if (values.password) body.password = values.password;
        if (values.orgUnitId !== user.orgUnitId) body.orgUnitId = values.orgUnitId;
        const sameRoles =
          values.roles.length === user.roles.length && values.roles.every((r) => user.roles.includes(r));
        if (!sameRoles) body.roles = values.roles;
        if (Object.keys(body).length > 0) await api.updateUser(user.id, body);
      } else {
        await api.createUser({
          username: values.username.trim(),
          displayName: values.displayName.trim(),
          password: values.password ?? '',
          orgUnitId: values.orgUnitId,
          roles: values.roles,
        });
      }
      await queryClient.invalidateQueries({ queryKey: USERS_QUERY_KEY });
      message.success('已保存');
      onClose();
    } catch (error) {
      const rest = applyApiError(form, error, FIELDS);
      if (rest) message.error(rest);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      title={user ? `编辑用户：${user.username}` : '新增用户'}
      okText="保存"
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form<Values>
        form={form}
        layout="vertical"
        autoComplete="off"
        initialValues={user ? { ...user } : { roles: [] }}
        onFinish={submit}
      >
        <Form.Item
          name="username"
          label="用户名"
          rules={editing ? [] : [{ required: true, whitespace: true }, schemaRule(createUserBody.shape.username)]}
        >
          <Input disabled={editing} autoComplete="off" />
        </Form.Item>
        <Form.Item name="displayName" label="姓名" rules={[{ required: true, whitespace: true }, { max: 32 }]}>
          <Input />
        </Form.Item>
        <Form.Item
          name="password"
          label={editing ? '新密码' : '初始密码'}
          extra={editing ? '留空则不修改密码' : '至少10位，包含大写字母、小写字母、数字、特殊字符中的至少3类'}
          dependencies={['username']}
          rules={[
            { required: !editing, message: '请输入密码' },
            ({ getFieldValue }) => ({
              validator: async (_rule, value: string | undefined) => {
                if (!value) return;
                const problem = passwordProblem(value, {
                  demoMode: me.demoMode,
                  username: user?.username ?? getFieldValue('username'),
                });
                if (problem) throw new Error(problem);
              },
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item name="orgUnitId" label="所属单位" rules={[{ required: true, message: '请选择所属单位' }]}>
          <OrgUnitTreeSelect />
        </Form.Item>
        <Form.Item
          name="roles"
          label="角色"
          rules={[{ required: true, type: 'array', min: 1, message: '请至少选择一个角色' }]}
        >
          <Select mode="multiple" options={ROLE_OPTIONS} placeholder="请选择角色" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
