import type { Rectification } from '@anxin/shared';
import { useQuery } from '@tanstack/react-query';
import { Card, Descriptions, Grid, Spin, Table, type TableColumnsType, Typography } from 'antd';
import { Link, useParams } from 'react-router';
import { QueryError } from '../../components/QueryError';
import { oversightApi, oversightKeys } from '../../oversightApi';
import { formatDateTime } from '../../time';
import { inspectionSubject, RectificationCountTags } from './InspectionsTab';
import { RectificationActions, RectificationStatusTag } from './RectificationActions';
import './oversight.css';

const columns: TableColumnsType<Rectification> = [
  {
    title: '整改内容',
    dataIndex: 'description',
    width: 260,
    render: (text: string) => <span className="oversight-text">{text}</span>,
  },
  { title: '整改期限', dataIndex: 'dueOn', width: 110 },
  { title: '状态', key: 'status', width: 130, render: (_, item) => <RectificationStatusTag item={item} /> },
  {
    title: '整改情况',
    dataIndex: 'note',
    width: 220,
    render: (note: string | null) =>
      note ? <span className="oversight-text">{note}</span> : <span className="muted">—</span>,
  },
  { title: '操作', key: 'actions', width: 180, render: (_, item) => <RectificationActions item={item} /> },
];

/** One inspection: what was found, and each rectification item with its state and who may move it. */
export function InspectionDetailPage() {
  const { id = '' } = useParams();
  const screens = Grid.useBreakpoint();
  const query = useQuery({
    queryKey: oversightKeys.inspection(id),
    queryFn: ({ signal }) => oversightApi.inspection(id, signal),
  });

  if (query.error) return <QueryError error={query.error} onRetry={() => query.refetch()} />;
  if (!query.data) return <Spin className="page-spin" />;
  const inspection = query.data;

  return (
    <div>
      <div className="page-heading">
        <Typography.Title level={4}>督导检查：{inspectionSubject(inspection)}</Typography.Title>
        <Link to="/oversight?tab=inspections">督导检查记录</Link>
      </div>
      <Card size="small" className="section-card">
        <Descriptions
          size="small"
          column={1}
          layout={screens.sm ? 'horizontal' : 'vertical'}
          bordered
          data-testid="inspection-detail"
          items={[
            { key: 'date', label: '检查日期', children: inspection.inspectedOn },
            { key: 'unit', label: '检查对象', children: inspection.orgUnitName },
            ...(inspection.caseId
              ? [
                  {
                    key: 'case',
                    label: '服务管理小组',
                    children: <Link to={`/cases/${inspection.caseId}`}>{inspection.personName}</Link>,
                  },
                ]
              : []),
            { key: 'inspector', label: '督导人员', children: inspection.inspectorName },
            {
              key: 'findings',
              label: '检查发现',
              children: <span className="oversight-text">{inspection.findings}</span>,
            },
            {
              key: 'counts',
              label: '整改情况',
              children: <RectificationCountTags counts={inspection.rectificationCounts} />,
            },
            { key: 'created', label: '登记时间', children: formatDateTime(inspection.createdAt) },
          ]}
        />
      </Card>
      <Card size="small" title="整改事项" className="section-card">
        <Table<Rectification>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={inspection.rectifications}
          pagination={false}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: '本次检查未提出整改事项' }}
          data-testid="inspection-rectifications"
        />
      </Card>
    </div>
  );
}
