import { EditOutlined } from '@ant-design/icons';
import type { PolicyVersion } from '@anxin/shared';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Spin, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { useState } from 'react';
import { QueryError } from '../../components/QueryError';
import { can, useMe } from '../../session';
import { POLICY_QUERY_KEY, teamApi } from '../../teamApi';
import { beijingToday, formatDateTime } from '../../time';
import { PolicyEditModal } from './PolicyEditModal';
import { PolicySummary } from './PolicySummary';
import './admin.css';

function VersionState({ version, currentId, today }: { version: PolicyVersion; currentId: string; today: string }) {
  if (version.id === currentId) return <Tag color="green">现行</Tag>;
  if (version.effectiveFrom > today) return <Tag color="blue">待生效</Tag>;
  return <Tag>已停用</Tag>;
}

/**
 * 系统管理 › 工作规范: the obligation policy in force (the plan's defaults unless changed), its
 * history, and for the administrator a new version from a date on.
 */
export function PolicyPage() {
  const me = useMe();
  const query = useQuery({ queryKey: POLICY_QUERY_KEY, queryFn: ({ signal }) => teamApi.policy(signal) });
  const [shownId, setShownId] = useState<string | null>(null);
  const [editing, setEditing] = useState(false);
  const today = beijingToday().format('YYYY-MM-DD');

  if (query.error) return <QueryError error={query.error} onRetry={() => query.refetch()} />;
  const data = query.data;
  if (!data) return <Spin className="page-spin" />;
  const shown = data.versions.find((version) => version.id === shownId) ?? data.current;

  const columns: TableColumnsType<PolicyVersion> = [
    { title: '生效日期', dataIndex: 'effectiveFrom', width: 110 },
    {
      title: '状态',
      key: 'state',
      width: 80,
      render: (_, version) => <VersionState version={version} currentId={data.current.id} today={today} />,
    },
    {
      title: '制定',
      key: 'createdAt',
      width: 180,
      render: (_, version) => (version.createdBy ? formatDateTime(version.createdAt) : '系统默认（依工作方案）'),
    },
    {
      title: '操作',
      key: 'show',
      width: 80,
      render: (_, version) =>
        version.id === shown.id ? (
          <span className="muted">显示中</span>
        ) : (
          <Button type="link" size="small" onClick={() => setShownId(version.id)}>
            查看
          </Button>
        ),
    },
  ];

  return (
    <div>
      <div className="page-heading">
        <Typography.Title level={4}>工作规范</Typography.Title>
        {can(me, 'policy.manage') && (
          <Button type="primary" icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="policy-edit">
            修改工作规范
          </Button>
        )}
      </div>
      <Typography.Paragraph type="secondary">
        依工作方案§四(三)确定各级“两失”人员的随访、联席会议、评估报告等工作频次，系统据此计算每名列管人员的待办日期。
      </Typography.Paragraph>
      <Card
        className="section-card"
        title={
          <span>
            {shown.id === data.current.id ? '现行规范' : '历史版本'}
            {shown.createdBy ? `（自${shown.effectiveFrom}起施行）` : '（工作方案默认）'}
          </span>
        }
      >
        <PolicySummary version={shown} />
      </Card>
      <Card className="section-card" title="版本记录">
        <Table<PolicyVersion>
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={data.versions}
          pagination={{ pageSize: 10, hideOnSinglePage: true }}
          scroll={{ x: 'max-content' }}
          data-testid="policy-versions"
        />
      </Card>
      {editing && <PolicyEditModal current={data.current} onClose={() => setEditing(false)} />}
    </div>
  );
}
