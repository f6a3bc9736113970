import { PlusOutlined } from '@ant-design/icons';
import { INVESTIGATION_STATUS_LABELS, type Investigation, type InvestigationStatus } from '@anxin/shared';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Segmented, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { QueryError } from '../../components/QueryError';
import { useUrlFilters } from '../../components/useUrlFilters';
import { oversightApi, oversightKeys } from '../../oversightApi';
import { can, useMe } from '../../session';
import { formatDateTime } from '../../time';
import { InvestigationCreateModal } from './InvestigationCreateModal';

const STATUS_OPTIONS: { value: InvestigationStatus | 'all'; label: string }[] = [
  { value: 'all', label: '全部' },
  { value: 'open', label: INVESTIGATION_STATUS_LABELS.open },
  { value: 'concluded', label: INVESTIGATION_STATUS_LABELS.concluded },
];

export function InvestigationStatusTag({ status }: { status: InvestigationStatus }) {
  return (
    <Tag color={status === 'concluded' ? 'green' : 'orange'} data-testid="investigation-status">
      {INVESTIGATION_STATUS_LABELS[status] ?? status}
    </Tag>
  );
}

/** The incident: the alert's time and words, or "案件" when there was no alert on record. */
export function incidentText(item: Pick<Investigation, 'alert'>): string {
  if (!item.alert) return '无警情记录的事件';
  return `${formatDateTime(item.alert.occurredAt).slice(0, 16)} ${item.alert.description}`;
}

const columns: TableColumnsType<Investigation> = [
  {
    title: '人员',
    key: 'person',
    fixed: 'start',
    width: 100,
    render: (_, item) => (
      <Link to={`/oversight/investigations/${item.id}`} onClick={(event) => event.stopPropagation()}>
        {item.personName ?? '（无列管案件）'}
      </Link>
    ),
  },
  { title: '事件', key: 'incident', width: 260, ellipsis: true, render: (_, item) => incidentText(item) },
  {
    title: '问责单位',
    dataIndex: 'accountableUnits',
    width: 200,
    render: (units: Investigation['accountableUnits']) =>
      units.length === 0 ? <span className="muted">—</span> : units.map((unit) => <Tag key={unit.id}>{unit.name}</Tag>),
  },
  { title: '问责结果', dataIndex: 'outcome', width: 240, ellipsis: true },
  {
    title: '状态',
    dataIndex: 'status',
    width: 90,
    render: (status: InvestigationStatus) => <InvestigationStatusTag status={status} />,
  },
  {
    title: '登记',
    key: 'created',
    width: 170,
    render: (_, item) => `${item.createdByName} ${item.createdAt.slice(0, 10)}`,
  },
];

/** 责任倒查: "一案一调查、一案一问责" — each incident's investigation, its accountable units and outcome. */
export function InvestigationsTab() {
  const me = useMe();
  const navigate = useNavigate();
  const [creating, setCreating] = useState(false);
  const { page, pageSize, get, update, pagination } = useUrlFilters();
  const raw = get('status');
  const status = STATUS_OPTIONS.some((option) => option.value === raw) ? (raw as InvestigationStatus | 'all') : 'all';
  const params = { page, pageSize, status: status === 'all' ? undefined : status };
  const query = useQuery({
    queryKey: oversightKeys.investigations(params),
    queryFn: ({ signal }) => oversightApi.investigations(params, signal),
    placeholderData: keepPreviousData,
  });

  return (
    <div>
      <div className="oversight-toolbar">
        <Segmented
          value={status}
          options={STATUS_OPTIONS}
          onChange={(value) => update({ status: value === 'all' ? undefined : value, page: undefined })}
          data-testid="investigations-status"
        />
        {can(me, 'oversight.manage') && (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setCreating(true)}
            data-testid="investigation-new"
          >
            登记责任倒查
          </Button>
        )}
      </div>
      {query.error ? (
        <QueryError error={query.error} onRetry={() => query.refetch()} />
      ) : (
        <Table<Investigation>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={query.data?.items ?? []}
          loading={query.isFetching}
          scroll={{ x: 'max-content' }}
          onRow={(item) => ({ onClick: () => navigate(`/oversight/investigations/${item.id}`) })}
          rowClassName={() => 'clickable-row'}
          locale={{ emptyText: <Typography.Text type="secondary">暂无责任倒查记录</Typography.Text> }}
          pagination={pagination(query.data?.total ?? 0, '件')}
          data-testid="investigations-table"
        />
      )}
      {creating && (
        <InvestigationCreateModal
          onClose={() => setCreating(false)}
          onCreated={(created) => navigate(`/oversight/investigations/${created.id}`)}
        />
      )}
    </div>
  );
}
