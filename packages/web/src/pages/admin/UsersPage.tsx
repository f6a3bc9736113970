import { PlusOutlined } from '@ant-design/icons';
import { ROLE_LABELS, type User } from '@anxin/shared';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Input, Popconfirm, Space, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { api } from '../../api';
import { errorMessage } from '../../components/forms';
import { QueryError } from '../../components/QueryError';
import { useOrgUnits } from '../../orgUnits';
import { useMe } from '../../session';
import { USERS_QUERY_KEY, UserFormModal } from './UserFormModal';

/** 系统管理 › 用户管理. */
export function UsersPage() {
  const me = useMe();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const query = useQuery({
    queryKey: USERS_QUERY_KEY,
    queryFn: ({ signal }) => api.users(signal).then((b) => b.items),
  });
  const { data: units = [] } = useOrgUnits();
  const unitNames = useMemo(() => new Map(units.map((unit) => [unit.id, unit.name])), [units]);
  // undefined: closed; null: creating; a user: editing.
  const [editing, setEditing] = useState<User | null | undefined>(undefined);
  const [filter, setFilter] = useState('');
  const [toggling, setToggling] = useState<string | null>(null);

  const users = useMemo(() => {
    const text = filter.trim().toLowerCase();
    const all = query.data ?? [];
    if (!text) return all;
    return all.filter((user) => user.username.toLowerCase().includes(text) || user.displayName.includes(text));
  }, [query.data, filter]);

  const toggleDisabled = async (user: User) => {
    setToggling(user.id);
    try {
      await api.updateUser(user.id, { disabled: !user.disabled });
      await queryClient.invalidateQueries({ queryKey: USERS_QUERY_KEY });
      message.success(user.disabled ? '已启用' : '已停用');
    } catch (error) {
      message.error(errorMessage(error));
    } finally {
      setToggling(null);
    }
  };

  const columns: TableColumnsType<User> = [
    { title: '用户名', dataIndex: 'username', width: 120 },
    { title: '姓名', dataIndex: 'displayName', width: 100 },
    { title: '所属单位', dataIndex: 'orgUnitId', width: 160, render: (id: string) => unitNames.get(id) ?? '—' },
    {
      title: '角色',
      dataIndex: 'roles',
      render: (roles: User['roles']) => (
        <Space size={[0, 4]} wrap>
          {roles.map((role) => (
            <Tag key={role}>{ROLE_LABELS[role] ?? role}</Tag>
          ))}
        </Space>
      ),
    },
    {
      title: '状态',
      dataIndex: 'disabled',
      width: 80,
      render: (disabled: boolean) => (disabled ? <Tag color="red">已停用</Tag> : <Tag color="green">正常</Tag>),
    },
    {
      title: '操作',
      key: 'actions',
      width: 140,
      render: (_, user) =>
        user.abilities.update ? (
          <Space size="small">
            <Button type="link" size="small" onClick={() => setEditing(user)}>
              编辑
            </Button>
            {user.id !== me.id && (
              <Popconfirm
                title={user.disabled ? `启用用户 ${user.username}？` : `停用用户 ${user.username}？`}
                description={user.disabled ? undefined : '停用后该用户将无法登录，已登录的会话也将失效'}
                okText={user.disabled ? '启用' : '停用'}
                okButtonProps={{ danger: !user.disabled }}
                onConfirm={() => toggleDisabled(user)}
              >
                <Button type="link" size="small" danger={!user.disabled} loading={toggling === user.id}>
                  {user.disabled ? '启用' : '停用'}
                </Button>
              </Popconfirm>
            )}
          </Space>
        ) : null,
    },
  ];

  return (
    <div>
      <div className="page-heading">
        <Typography.Title level={4}>用户管理</Typography.Title>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing(null)} data-testid="users-new">
          新增用户
        </Button>
      </div>
      <Space wrap className="filters">
        <Input.Search
          allowClear
          placeholder="用户名或姓名"
          onSearch={setFilter}
          onChange={(event) => setFilter(event.target.value)}
          className="filter-search"
        />
      </Space>
      {query.error ? (
        <QueryError error={query.error} onRetry={() => query.refetch()} />
      ) : (
        <Table<User>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={users}
          loading={query.isLoading}
          scroll={{ x: 'max-content' }}
          pagination={{ defaultPageSize: 20, showSizeChanger: true, showTotal: (total) => `共 ${total} 个用户` }}
        />
      )}
      {editing !== undefined && <UserFormModal user={editing} onClose={() => setEditing(undefined)} />}
    </div>
  );
}
