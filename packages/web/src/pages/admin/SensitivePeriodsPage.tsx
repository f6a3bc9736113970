import { PlusOutlined } from '@ant-design/icons';
import type { SensitivePeriod } from '@anxin/shared';
import { useQuery } from '@tanstack/react-query';
import { Button, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { QueryError } from '../../components/QueryError';
import { can, useMe } from '../../session';
import { SENSITIVE_PERIODS_QUERY_KEY, teamApi } from '../../teamApi';
import { beijingToday } from '../../time';
import { SensitivePeriodModal } from './SensitivePeriodModal';

function PeriodState({ period, today }: { period: SensitivePeriod; today: string }) {
  if (period.active) return <Tag color="red">进行中</Tag>;
  if (period.startsOn > today) return <Tag color="blue">未开始</Tag>;
  return <Tag>已结束</Tag>;
}

/**
 * 敏感时期: the date ranges in which the obligations tighten (§四(三)3(2)③ 重大敏感节点),
 * set by the peace office or the district; everyone doing the work sees them.
 */
export function SensitivePeriodsPage() {
  const me = useMe();
  const query = useQuery({
    queryKey: SENSITIVE_PERIODS_QUERY_KEY,
    queryFn: ({ signal }) => teamApi.sensitivePeriods(signal),
  });
  const [creating, setCreating] = useState(false);
  const today = beijingToday().format('YYYY-MM-DD');

  const columns: TableColumnsType<SensitivePeriod> = [
    { title: '名称', dataIndex: 'name', width: 180 },
    {
      title: '起止日期',
      key: 'range',
      width: 200,
      render: (_, period) => `${period.startsOn} 至 ${period.endsOn}`,
    },
    { title: '范围', dataIndex: 'orgUnitName', width: 140 },
    { title: '状态', key: 'state', width: 90, render: (_, period) => <PeriodState period={period} today={today} /> },
  ];

  return (
    <div>
      <div className="page-heading">
        <Typography.Title level={4}>敏感时期</Typography.Title>
        {can(me, 'sensitive_periods.manage') && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="sensitive-new">
            设定敏感时期
          </Button>
        )}
      </div>
      <Typography.Paragraph type="secondary">
        重大敏感节点期间增加随访频次和力度、启动每日会商研判。敏感时期内各项工作的频次按
        {can(me, 'policy.read') ? <Link to="/admin/policy">工作规范</Link> : '工作规范'}
        的规定收紧，范围内列管人员的待办日期随之调整。
      </Typography.Paragraph>
      {query.error ? (
        <QueryError error={query.error} onRetry={() => query.refetch()} />
      ) : (
        <Table<SensitivePeriod>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={query.data?.items ?? []}
          loading={query.isLoading}
          scroll={{ x: 'max-content' }}
          pagination={{ defaultPageSize: 20, hideOnSinglePage: true, showTotal: (total) => `共 ${total} 个` }}
          locale={{ emptyText: '暂无敏感时期' }}
          data-testid="sensitive-periods"
        />
      )}
      {creating && <SensitivePeriodModal onClose={() => setCreating(false)} />}
    </div>
  );
}
