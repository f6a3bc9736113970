import { RECTIFICATION_STATUS_LABELS, type Rectification, type RectificationFilter } from '@anxin/shared';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Segmented, Table, type TableColumnsType, Typography } from 'antd';
import { Link } from 'react-router';
import { QueryError } from '../../components/QueryError';
import { useUrlFilters } from '../../components/useUrlFilters';
import { oversightApi, oversightKeys } from '../../oversightApi';
import { InspectedUnitSelect } from './InspectedUnitSelect';
import { RectificationActions, RectificationStatusTag } from './RectificationActions';

const STATUS_OPTIONS: { value: RectificationFilter | 'all'; label: string }[] = [
  { value: 'open', label: RECTIFICATION_STATUS_LABELS.open },
  { value: 'overdue', label: '逾期' },
  { value: 'done', label: RECTIFICATION_STATUS_LABELS.done },
  { value: 'all', label: '全部' },
];

const columns: TableColumnsType<Rectification> = [
  {
    title: '整改内容',
    dataIndex: 'description',
    fixed: 'start',
    width: 200,
    render: (text: string) => <span className="oversight-text">{text}</span>,
  },
  { title: '整改期限', dataIndex: 'dueOn', width: 110 },
  { title: '状态', key: 'status', width: 130, render: (_, item) => <RectificationStatusTag item={item} /> },
  {
    title: '检查',
    key: 'inspection',
    width: 220,
    render: (_, item) => (
      <Link to={`/oversight/inspections/${item.inspectionId}`}>
        {item.inspectedOn} {item.orgUnitName}
        {item.personName ? ` · ${item.personName}服务管理小组` : ''}
      </Link>
    ),
  },
  {
    title: '整改情况',
    dataIndex: 'note',
    width: 200,
    render: (note: string | null) =>
      note ? <span className="oversight-text">{note}</span> : <span className="muted">—</span>,
  },
  { title: '操作', key: 'actions', width: 180, render: (_, item) => <RectificationActions item={item} /> },
];

/** 整改事项: every item in my jurisdiction, open first and the most urgent first; overdue at a click. */
export function RectificationsTab() {
  const { page, pageSize, get, update, pagination } = useUrlFilters();
  const raw = get('status');
  const status = STATUS_OPTIONS.some((option) => option.value === raw) ? (raw as RectificationFilter | 'all') : 'open';
  const orgUnitId = get('orgUnitId');
  const params = { page, pageSize, orgUnitId, status: status === 'all' ? undefined : status };
  const query = useQuery({
    queryKey: oversightKeys.rectifications(params),
    queryFn: ({ signal }) => oversightApi.rectifications(params, signal),
    placeholderData: keepPreviousData,
  });

  return (
    <div>
      <div className="oversight-toolbar">
        <Segmented
          value={status}
          options={STATUS_OPTIONS}
          onChange={(value) => update({ status: value === 'open' ? undefined : value, page: undefined })}
          data-testid="rectifications-status"
        />
        <InspectedUnitSelect
          value={orgUnitId}
          onChange={(value) => update({ orgUnitId: value, page: undefined })}
          placeholder="全部单位"
          allowClear
          className="oversight-unit-select"
        />
      </div>
      {query.error ? (
        <QueryError error={query.error} onRetry={() => query.refetch()} />
      ) : (
        <Table<Rectification>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={query.data?.items ?? []}
          loading={query.isFetching}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: <Typography.Text type="secondary">暂无整改事项</Typography.Text> }}
          pagination={pagination(query.data?.total ?? 0, '项')}
          data-testid="rectifications-table"
        />
      )}
    </div>
  );
}
