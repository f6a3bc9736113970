import { OBLIGATION_KIND_LABELS, OBLIGATION_KINDS, type Obligation, type ObligationKind } from '@anxin/shared';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alert, Button, Segmented, Select, Space, Table, type TableColumnsType, Typography } from 'antd';
import { Link } from 'react-router';
import { LevelTag } from '../../components/CaseTags';
import { ExportButton } from '../../components/ExportButton';
import { ResidentialUnitSelect } from '../../components/OrgUnitSelect';
import { QueryError } from '../../components/QueryError';
import { useUrlFilters } from '../../components/useUrlFilters';
import { useMe } from '../../session';
import { beijingToday } from '../../time';
import '../../work.css';
import { type ObligationScope, type ObligationStatus, workApi, workKeys } from '../../workApi';
import { DueText, KindTag, ObligationActionButton, subjectOf } from './obligationAction';

const SCOPE_OPTIONS: { value: ObligationScope; label: string }[] = [
  { value: 'mine', label: '我的' },
  { value: 'unit', label: '本单位' },
  { value: 'all', label: '辖区全部' },
];
const STATUS_OPTIONS: { value: ObligationStatus; label: string }[] = [
  { value: 'overdue', label: '逾期' },
  { value: 'due', label: '待办' },
  { value: 'all', label: '全部' },
];
const KIND_OPTIONS = OBLIGATION_KINDS.map((kind) => ({ value: kind, label: OBLIGATION_KIND_LABELS[kind] }));

const oneOf = <T extends string>(values: readonly { value: T }[], raw: string | undefined, fallback: T): T =>
  values.some((option) => option.value === raw) ? (raw as T) : fallback;

/** 待办: every open obligation in the chosen scope, most urgent first, each a click from being done. */
export function ObligationListPage() {
  const me = useMe();
  const today = beijingToday().format('YYYY-MM-DD');
  const { page, pageSize, get, update, pagination } = useUrlFilters();
  const scope = oneOf(SCOPE_OPTIONS, get('scope'), 'mine');
  const status = oneOf(STATUS_OPTIONS, get('status'), 'all');
  const rawKind = get('kind');
  const kind = OBLIGATION_KINDS.includes(rawKind as ObligationKind) ? (rawKind as ObligationKind) : undefined;
  const orgUnitId = get('orgUnitId');
  const caseId = get('caseId');
  // A due-by date only narrows the 待办 list (the dashboard's 今日到期 / 本周到期).
  const dueBy = status === 'due' ? get('dueBy') : undefined;
  const params = { page, pageSize, scope, status, kind, orgUnitId, caseId, dueBy };
  const query = useQuery({
    queryKey: workKeys.obligations(params),
    queryFn: ({ signal }) => workApi.obligations(params, signal),
    placeholderData: keepPreviousData,
  });

  // On a phone the table scrolls sideways: who, what, by when and the action come first.
  const columns: TableColumnsType<Obligation> = [
    {
      title: '人员 / 事项',
      key: 'subject',
      fixed: 'start',
      width: 120,
      render: (_, item) => (
        <span className="subject-cell">
          {item.caseId && item.personName ? (
            <Link to={`/cases/${item.caseId}`}>{item.personName}</Link>
          ) : (
            <span>{subjectOf(item)}</span>
          )}
          <span>
            <KindTag item={item} />
          </span>
        </span>
      ),
    },
    {
      title: '应办日期',
      dataIndex: 'dueOn',
      width: 110,
      render: (dueOn: string, item) => (
        <span className="due-cell">
          <span>{dueOn}</span>
          {(item.overdueDays > 0 || dueOn === today) && <DueText item={item} today={today} />}
        </span>
      ),
    },
    {
      title: '操作',
      key: 'action',
      width: 130,
      render: (_, item) => <ObligationActionButton me={me} item={item} testId="obligation-action" />,
    },
    { title: '村（社区）', dataIndex: 'orgUnitName', width: 100 },
    { title: '级别', dataIndex: 'level', width: 70, render: (level: number | null) => <LevelTag level={level} /> },
    {
      title: '上次办理',
      dataIndex: 'lastMetOn',
      width: 110,
      render: (date: string | null) => date ?? <span className="muted">—</span>,
    },
  ];

  return (
    <div>
      <div className="page-heading">
        <Typography.Title level={4}>待办事项</Typography.Title>
        <Link to="/work">返回工作台</Link>
      </div>
      <Space wrap className="filters obligation-filters">
        <Segmented<ObligationScope>
          value={scope}
          options={SCOPE_OPTIONS}
          onChange={(value) => update({ scope: value, page: undefined })}
          data-testid="obligations-scope"
        />
        <Segmented<ObligationStatus>
          value={status}
          options={STATUS_OPTIONS}
          onChange={(value) => update({ status: value, dueBy: undefined, page: undefined })}
          data-testid="obligations-status"
        />
        <Select
          allowClear
          placeholder="全部事项"
          value={kind}
          options={KIND_OPTIONS}
          onChange={(value) => update({ kind: value, page: undefined })}
          className="filter-select"
          data-testid="obligations-kind"
        />
        <div className="village-filter" data-testid="obligations-village">
          <ResidentialUnitSelect
            placeholder="全部村（社区）"
            value={orgUnitId}
            onChange={(value) => update({ orgUnitId: value, page: undefined })}
          />
        </div>
        <ExportButton path="/api/obligations/export.xlsx" query={params} testId="obligations-export" />
      </Space>
      {(dueBy || caseId) && (
        <Alert
          type="info"
          showIcon
          className="form-alert"
          title={[dueBy && `仅显示 ${dueBy} 前到期的事项`, caseId && '仅显示一名人员的事项'].filter(Boolean).join('；')}
          action={
            <Button size="small" onClick={() => update({ dueBy: undefined, caseId: undefined, page: undefined })}>
              显示全部
            </Button>
          }
        />
      )}
      {query.error ? (
        <QueryError error={query.error} onRetry={() => query.refetch()} />
      ) : (
        <Table<Obligation>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={query.data?.items ?? []}
          loading={query.isFetching}
          scroll={{ x: 'max-content' }}
          pagination={pagination(query.data?.total ?? 0, '项')}
          data-testid="obligations-table"
          locale={{ emptyText: status === 'overdue' ? '没有逾期事项' : '暂无待办事项' }}
        />
      )}
    </div>
  );
}
