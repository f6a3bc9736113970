import { CASE_SOURCE_LABELS, CASE_STATUS_LABELS, type CaseSummary } from '@anxin/shared';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Checkbox, Select, Space, Table, type TableColumnsType, Typography } from 'antd';
import { Link, useNavigate } from 'react-router';
import { api } from '../../api';
import { CaseStatusTag, CategoryTags, ConfirmationTag, LevelTag } from '../../components/CaseTags';
import { ExportButton } from '../../components/ExportButton';
import { QueryError } from '../../components/QueryError';
import { useUrlFilters } from '../../components/useUrlFilters';
import { levelFullLabel, levelLabel, optionsOf } from '../../labels';
import { beijingToday } from '../../time';

const STATUS_OPTIONS = optionsOf(CASE_STATUS_LABELS);
const LEVEL_OPTIONS = [1, 2, 3].map((level) => ({ value: String(level), label: levelFullLabel(level) }));

/** A date that has passed (Beijing today) shows in red: an obligation not met. */
export function DueDate({ date }: { date: string | null }) {
  if (!date) return <span className="muted">—</span>;
  const overdue = date < beijingToday().format('YYYY-MM-DD');
  return <Typography.Text type={overdue ? 'danger' : undefined}>{date}</Typography.Text>;
}

const columns: TableColumnsType<CaseSummary> = [
  {
    title: '姓名',
    dataIndex: 'personName',
    fixed: 'start',
    width: 90,
    render: (name: string, item) => (
      <Link to={`/cases/${item.id}`} onClick={(event) => event.stopPropagation()}>
        {name}
      </Link>
    ),
  },
  { title: '身份证号', dataIndex: 'idNumberMasked', width: 180, className: 'mono' },
  {
    title: '状态',
    dataIndex: 'status',
    width: 150,
    render: (status: string, item) => (
      <Space size={0}>
        <CaseStatusTag status={status} />
        <ConfirmationTag item={item} />
      </Space>
    ),
  },
  {
    title: '级别',
    key: 'level',
    width: 90,
    render: (_, item) =>
      item.status === 'proposed' ? (
        <span className="muted">建议{levelLabel(item.proposedLevel)}</span>
      ) : (
        <LevelTag level={item.level} />
      ),
  },
  {
    title: '来源',
    dataIndex: 'source',
    width: 120,
    render: (source: CaseSummary['source']) => CASE_SOURCE_LABELS[source],
  },
  {
    title: '排查情形',
    dataIndex: 'categories',
    width: 180,
    render: (categories: string[]) => <CategoryTags categories={categories} />,
  },
  { title: '呈报日期', dataIndex: 'proposedOn', width: 110 },
  { title: '列管日期', dataIndex: 'listedOn', width: 110, render: (date: string | null) => date ?? '—' },
  {
    title: '下次复核',
    dataIndex: 'nextReviewOn',
    width: 110,
    render: (date: string | null, item) => (item.status === 'listed' ? <DueDate date={date} /> : '—'),
  },
  { title: '责任镇街', dataIndex: 'responsibleTownName', width: 100 },
];

/** The cases in scope, filtered by status, level and emergency listings awaiting confirmation; filters in the URL. */
export function CaseListTab() {
  const navigate = useNavigate();
  const { page, pageSize, get, update, pagination } = useUrlFilters();
  const status = get('status');
  const level = get('level');
  const awaiting = get('awaitingConfirmation') === 'true';
  const params = {
    page,
    pageSize,
    status,
    level,
    awaitingConfirmation: awaiting ? ('true' as const) : undefined,
  };
  const query = useQuery({
    queryKey: ['cases', params],
    queryFn: ({ signal }) => api.cases(params, signal),
    placeholderData: keepPreviousData,
  });

  return (
    <div>
      <Space wrap className="filters">
        <Select
          allowClear
          placeholder="全部状态"
          value={status}
          options={STATUS_OPTIONS}
          onChange={(value) => update({ status: value, page: undefined })}
          className="filter-select"
          data-testid="cases-status-filter"
        />
        <Select
          allowClear
          placeholder="全部级别"
          value={level}
          options={LEVEL_OPTIONS}
          onChange={(value) => update({ level: value, page: undefined })}
          className="filter-select-wide"
          data-testid="cases-level-filter"
        />
        <Checkbox
          checked={awaiting}
          onChange={(event) =>
            update({ awaitingConfirmation: event.target.checked ? 'true' : undefined, page: undefined })
          }
          data-testid="cases-awaiting-filter"
        >
          待确认紧急列管
        </Checkbox>
        <ExportButton path="/api/cases/export.xlsx" query={params} testId="cases-export" />
      </Space>
      {query.error ? (
        <QueryError error={query.error} onRetry={() => query.refetch()} />
      ) : (
        <Table<CaseSummary>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={query.data?.items ?? []}
          loading={query.isFetching}
          scroll={{ x: 'max-content' }}
          onRow={(item) => ({ onClick: () => navigate(`/cases/${item.id}`), className: 'clickable-row' })}
          pagination={pagination(query.data?.total ?? 0, '件')}
          data-testid="cases-table"
          locale={{ emptyText: '暂无列管案件' }}
        />
      )}
    </div>
  );
}
