import { PlusOutlined } from '@ant-design/icons';
import { CONTROL_STATUS_LABELS, type Visit } from '@anxin/shared';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { Link, useNavigate } from 'react-router';
import { QueryError } from '../../../components/QueryError';
import { can, useMe } from '../../../session';
import { caseWorkKey, teamApi } from '../../../teamApi';
import { formatDateTime } from '../../../time';
import type { CaseWithWork } from './recordForm';

const longText = (text: string) => (
  <Typography.Paragraph className="cell-text pre-wrap" ellipsis={{ rows: 2, expandable: true, symbol: '展开' }}>
    {text}
  </Typography.Paragraph>
);

const columns: TableColumnsType<Visit> = [
  { title: '随访时间', dataIndex: 'visitedAt', width: 150, render: (value: string) => formatDateTime(value) },
  {
    title: '随访人员',
    dataIndex: 'visitors',
    width: 140,
    render: (visitors: Visit['visitors']) => visitors.map((visitor) => visitor.displayName).join('、'),
  },
  {
    title: '在控情况',
    dataIndex: 'controlStatus',
    width: 110,
    render: (status: Visit['controlStatus'], visit) => (
      <span>
        <Tag color={status === 'in_control' ? 'green' : 'red'}>{CONTROL_STATUS_LABELS[status] ?? status}</Tag>
        {visit.extremeTendency && <Tag color="red">过激倾向</Tag>}
      </span>
    ),
  },
  { title: '思想状况', dataIndex: 'stateOfMind', width: 240, render: longText },
  { title: '现实活动', dataIndex: 'activities', width: 240, render: longText },
  { title: '生活情况', dataIndex: 'livingSituation', width: 240, render: longText },
  { title: '工作措施', dataIndex: 'measures', width: 240, render: longText },
];

/** 随访记录: the latest visits of the team (≥ 2 members each), newest first. */
export function VisitsCard({ item }: { item: CaseWithWork }) {
  const me = useMe();
  const navigate = useNavigate();
  const query = useQuery({
    queryKey: caseWorkKey(item.id, 'visits'),
    queryFn: ({ signal }) => teamApi.caseVisits(item.id, signal),
  });
  const canRecord = item.status === 'listed' && can(me, 'work.record');
  const total = query.data?.total ?? 0;

  return (
    <Card
      title="随访记录"
      className="section-card"
      data-testid="case-visits"
      extra={
        canRecord && (
          <Button
            size="small"
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => navigate(`/visits/new?caseId=${encodeURIComponent(item.id)}`)}
            data-testid="visit-new"
          >
            登记随访
          </Button>
        )
      }
    >
      {query.error ? (
        <QueryError error={query.error} onRetry={() => query.refetch()} />
      ) : (
        <Table<Visit>
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={query.data?.items ?? []}
          loading={query.isLoading}
          pagination={false}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: '暂无随访记录' }}
        />
      )}
      {total > (query.data?.items.length ?? 0) && (
        <Typography.Paragraph type="secondary" className="subsection-title">
          共 {total} 次随访，此处显示最近 {query.data?.items.length} 次。
          <Link to={`/visits?caseId=${encodeURIComponent(item.id)}`}>查看全部</Link>
        </Typography.Paragraph>
      )}
    </Card>
  );
}
