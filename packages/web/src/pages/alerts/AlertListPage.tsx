import { PlusOutlined } from '@ant-design/icons';
import type { Alert as AlertRecord } from '@anxin/shared';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Empty,
  Grid,
  Pagination,
  Segmented,
  Table,
  type TableColumnsType,
  Typography,
} from 'antd';
import type { HTMLAttributes } from 'react';
import { Link, useNavigate } from 'react-router';
import { type AlertListParams, type AlertStatusFilter, alertKeys, alertsApi } from '../../alertsApi';
import { QueryError } from '../../components/QueryError';
import { useUrlFilters } from '../../components/useUrlFilters';
import { can, useMe } from '../../session';
import { formatDateTime } from '../../time';
import '../../work.css';
import './alerts.css';
import { AlertSourceTag, AlertStatusTag, TimerTags } from './AlertTags';

const STATUS_OPTIONS: { value: AlertStatusFilter | 'all'; label: string }[] = [
  { value: 'open', label: '未处置' },
  { value: 'reported', label: '待出警' },
  { value: 'responding', label: '已出警' },
  { value: 'disposed', label: '已处置' },
  { value: 'all', label: '全部' },
];

const time = (value: string) => formatDateTime(value).slice(0, 16);

const columns: TableColumnsType<AlertRecord> = [
  {
    title: '发生时间',
    dataIndex: 'occurredAt',
    fixed: 'start',
    width: 140,
    render: (occurredAt: string, alert) => <Link to={`/alerts/${alert.id}`}>{time(occurredAt)}</Link>,
  },
  { title: '人员', dataIndex: 'personName', width: 90 },
  {
    title: '状态',
    dataIndex: 'status',
    width: 90,
    render: (status: AlertRecord['status']) => <AlertStatusTag status={status} />,
  },
  {
    title: '处置时限',
    key: 'timers',
    width: 260,
    render: (_, alert) => <TimerTags timers={alert.timers} />,
  },
  {
    title: '警情',
    dataIndex: 'description',
    width: 280,
    ellipsis: true,
  },
  {
    title: '来源',
    key: 'source',
    width: 150,
    render: (_, alert) => (
      <span className="subject-cell">
        <AlertSourceTag source={alert.source} />
        <Typography.Text type="secondary">{alert.reportedByName}</Typography.Text>
      </span>
    ),
  },
];

/** 警情处置: the jurisdiction's alerts, open ones first by default, each with its timers. */
export function AlertListPage() {
  const me = useMe();
  const navigate = useNavigate();
  const screens = Grid.useBreakpoint();
  const { page, pageSize, get, update, pagination } = useUrlFilters();
  const raw = get('status');
  const status = STATUS_OPTIONS.some((option) => option.value === raw) ? (raw as AlertStatusFilter | 'all') : 'open';
  const caseId = get('caseId');
  const params: AlertListParams = { page, pageSize, caseId, ...(status === 'all' ? {} : { status }) };
  const query = useQuery({
    queryKey: alertKeys.list(params),
    queryFn: ({ signal }) => alertsApi.list(params, signal),
    placeholderData: keepPreviousData,
  });
  const items = query.data?.items ?? [];
  const paging = pagination(query.data?.total ?? 0, '条');

  return (
    <div>
      <div className="page-heading">
        <Typography.Title level={4}>警情处置</Typography.Title>
        {can(me, 'alerts.report') && (
          <Button
            type="primary"
            danger
            icon={<PlusOutlined />}
            onClick={() => navigate(caseId ? `/alerts/new?caseId=${caseId}` : '/alerts/new')}
            data-testid="alert-new"
          >
            报告警情
          </Button>
        )}
      </div>
      <div className="alert-filters">
        <Segmented
          value={status}
          options={STATUS_OPTIONS}
          onChange={(value) => update({ status: value === 'open' ? undefined : value, page: undefined })}
          data-testid="alert-status-filter"
        />
      </div>
      {caseId && (
        <Alert
          type="info"
          showIcon
          className="form-alert"
          title="仅显示一名人员的警情"
          action={
            <Button size="small" onClick={() => update({ caseId: undefined, page: undefined })}>
              显示全部
            </Button>
          }
        />
      )}
      {query.error ? (
        <QueryError error={query.error} onRetry={() => query.refetch()} />
      ) : screens.md === false ? (
        // On a phone: one card per alert, the timers under the name, the whole card a link.
        <Card size="small" loading={query.isPending} data-testid="alerts-table">
          {items.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无警情" />
          ) : (
            <ul className="work-items">
              {items.map((alert) => (
                <li key={alert.id} className="work-item alert-item" data-testid="alert-row">
                  <Link to={`/alerts/${alert.id}`} className="work-item-main">
                    <span>
                      <Typography.Text strong>{alert.personName}</Typography.Text>{' '}
                      <Typography.Text type="secondary">{time(alert.occurredAt)}</Typography.Text>
                    </span>
                    <Typography.Text ellipsis className="alert-description">
                      {alert.description}
                    </Typography.Text>
                  </Link>
                  <div className="alert-item-tags">
                    <AlertStatusTag status={alert.status} />
                    <TimerTags timers={alert.timers} />
                  </div>
                </li>
              ))}
            </ul>
          )}
          {(query.data?.total ?? 0) > pageSize && (
            <Pagination size="small" className="alert-pagination" {...paging} showSizeChanger={false} />
          )}
        </Card>
      ) : (
        <Table<AlertRecord>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={items}
          loading={query.isFetching}
          scroll={{ x: 'max-content' }}
          onRow={(alert) =>
            ({
              onClick: () => navigate(`/alerts/${alert.id}`),
              className: 'clickable-row',
              'data-testid': 'alert-row',
            }) as HTMLAttributes<HTMLElement>
          }
          pagination={paging}
          data-testid="alerts-table"
          locale={{ emptyText: '暂无警情' }}
        />
      )}
    </div>
  );
}
