import { PlusOutlined } from '@ant-design/icons';
import type { Inspection } from '@anxin/shared';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { Link, useNavigate } from 'react-router';
import { QueryError } from '../../components/QueryError';
import { useUrlFilters } from '../../components/useUrlFilters';
import { oversightApi, oversightKeys } from '../../oversightApi';
import { can, useMe } from '../../session';
import { InspectedUnitSelect } from './InspectedUnitSelect';

/** Open, overdue and done counts of an inspection's items. */
export function RectificationCountTags({ counts }: { counts: Inspection['rectificationCounts'] }) {
  if (counts.open + counts.done === 0) return <span className="muted">无整改事项</span>;
  return (
    <span className="oversight-counts" data-testid="inspection-counts">
      {counts.overdue > 0 && <Tag color="red">逾期 {counts.overdue}</Tag>}
      {counts.open - counts.overdue > 0 && <Tag color="blue">整改中 {counts.open - counts.overdue}</Tag>}
      {counts.done > 0 && <Tag color="green">已整改 {counts.done}</Tag>}
    </span>
  );
}

/** The subject of an inspection: the unit, or one person's service team in it. */
export function inspectionSubject(item: Pick<Inspection, 'orgUnitName' | 'personName'>): string {
  return item.personName ? `${item.orgUnitName} · ${item.personName}服务管理小组` : item.orgUnitName;
}

const columns: TableColumnsType<Inspection> = [
  { title: '检查日期', dataIndex: 'inspectedOn', fixed: 'start', width: 110 },
  {
    title: '检查对象',
    key: 'subject',
    width: 200,
    render: (_, item) => (
      <Link to={`/oversight/inspections/${item.id}`} onClick={(event) => event.stopPropagation()}>
        {inspectionSubject(item)}
      </Link>
    ),
  },
  {
    title: '检查发现',
    dataIndex: 'findings',
    width: 280,
    ellipsis: true,
  },
  {
    title: '整改事项',
    dataIndex: 'rectificationCounts',
    width: 200,
    render: (counts: Inspection['rectificationCounts']) => <RectificationCountTags counts={counts} />,
  },
  { title: '督导人员', dataIndex: 'inspectorName', width: 140 },
];

/** 督导检查: the inspections in my jurisdiction, newest first, by unit; a new one from the sampling helper. */
export function InspectionsTab() {
  const me = useMe();
  const navigate = useNavigate();
  const { page, pageSize, get, update, pagination } = useUrlFilters();
  const orgUnitId = get('orgUnitId');
  const params = { page, pageSize, orgUnitId };
  const query = useQuery({
    queryKey: oversightKeys.inspections(params),
    queryFn: ({ signal }) => oversightApi.inspections(params, signal),
    placeholderData: keepPreviousData,
  });

  return (
    <div>
      <div className="oversight-toolbar">
        <InspectedUnitSelect
          value={orgUnitId}
          onChange={(value) => update({ orgUnitId: value, page: undefined })}
          placeholder="全部检查对象"
          allowClear
          className="oversight-unit-select"
          testId="inspections-unit"
        />
        {can(me, 'oversight.manage') && (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => navigate('/oversight/inspections/new')}
            data-testid="inspection-new"
          >
            新建督导检查
          </Button>
        )}
      </div>
      {query.error ? (
        <QueryError error={query.error} onRetry={() => query.refetch()} />
      ) : (
        <Table<Inspection>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={query.data?.items ?? []}
          loading={query.isFetching}
          scroll={{ x: 'max-content' }}
          onRow={(item) => ({ onClick: () => navigate(`/oversight/inspections/${item.id}`) })}
          rowClassName={() => 'clickable-row'}
          locale={{ emptyText: <Typography.Text type="secondary">暂无督导检查记录</Typography.Text> }}
          pagination={pagination(query.data?.total ?? 0, '次')}
          data-testid="inspections-table"
        />
      )}
    </div>
  );
}
