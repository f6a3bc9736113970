import {
  type ComplianceRow,
  ORG_KIND_LABELS,
  type OrgKind,
  SCREENING_STATUSES,
  type ScreeningStatus,
} from '@anxin/shared';
import { useQuery } from '@tanstack/react-query';
import { Form, Space, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../../api';
import { ExportButton } from '../../components/ExportButton';
import { QueryError } from '../../components/QueryError';
import { formatDateTime } from '../../time';
import { dueOnOf, MonthPicker, useMonthParam } from './month';

export const COMPLIANCE_STATUS: Record<ScreeningStatus, { label: string; color: string }> = {
  on_time: { label: '按时', color: 'green' },
  late: { label: '逾期', color: 'orange' },
  missing: { label: '未报', color: 'red' },
  draft: { label: '草稿', color: 'blue' },
};

// Who still has to act comes first.
const STATUS_ORDER: Record<ScreeningStatus, number> = { missing: 0, draft: 1, late: 2, on_time: 3 };

const columns: TableColumnsType<ComplianceRow> = [
  { title: '单位', dataIndex: 'name', fixed: 'start', width: 140 },
  {
    title: '类型',
    dataIndex: 'kind',
    width: 80,
    render: (kind: string) => ORG_KIND_LABELS[kind as OrgKind] ?? kind,
  },
  {
    title: '上报情况',
    dataIndex: 'status',
    width: 100,
    render: (status: ScreeningStatus) => (
      <Tag color={COMPLIANCE_STATUS[status]?.color} data-testid={`compliance-status-${status}`}>
        {COMPLIANCE_STATUS[status]?.label ?? status}
      </Tag>
    ),
    sorter: (a, b) => STATUS_ORDER[a.status] - STATUS_ORDER[b.status],
  },
  { title: '上报时间', dataIndex: 'submittedAt', width: 170, render: (at: string | null) => formatDateTime(at) },
  {
    title: '排查人数',
    dataIndex: 'entryCount',
    width: 90,
    align: 'end',
    render: (count: number, row) => (row.status === 'missing' ? '—' : count),
  },
];

/** 上报情况: every reporting unit's return for a month, so the peace office sees at a glance who is missing. */
export function ComplianceTab() {
  const [month, setMonth] = useMonthParam();
  const [status, setStatus] = useState<ScreeningStatus | null>(null);
  const query = useQuery({
    queryKey: ['compliance', month],
    queryFn: ({ signal }) => api.compliance(month, signal),
  });
  const rows = [...(query.data ?? [])].sort(
    (a, b) => STATUS_ORDER[a.status] - STATUS_ORDER[b.status] || a.name.localeCompare(b.name, 'zh-CN'),
  );
  const counts = Object.fromEntries(
    SCREENING_STATUSES.map((key) => [key, rows.filter((row) => row.status === key).length]),
  ) as Record<ScreeningStatus, number>;
  const shown = status ? rows.filter((row) => row.status === status) : rows;

  return (
    <div>
      <Form layout="inline" component="div" className="filters">
        <Form.Item label="月份">
          <MonthPicker value={month} onChange={setMonth} testId="compliance-month" />
        </Form.Item>
        <ExportButton path="/api/screening-reports/compliance.xlsx" query={{ month }} testId="compliance-export" />
      </Form>
      <Space wrap className="filters" data-testid="compliance-summary">
        <Typography.Text>
          共 {rows.length} 个单位（截止 {dueOnOf(month)}）：
        </Typography.Text>
        {SCREENING_STATUSES.map((key) => (
          <Tag
            key={key}
            color={COMPLIANCE_STATUS[key].color}
            variant={status === key ? 'solid' : 'filled'}
            className="clickable"
            onClick={() => setStatus(status === key ? null : key)}
            data-testid={`compliance-count-${key}`}
          >
            {COMPLIANCE_STATUS[key].label} {counts[key]}
          </Tag>
        ))}
      </Space>
      {query.error ? (
        <QueryError error={query.error} onRetry={() => query.refetch()} />
      ) : (
        <Table<ComplianceRow>
          rowKey="orgUnitId"
          size="middle"
          columns={columns}
          dataSource={shown}
          loading={query.isFetching}
          pagination={false}
          scroll={{ x: 'max-content' }}
          data-testid="compliance-table"
          locale={{ emptyText: '暂无需要上报的单位' }}
        />
      )}
    </div>
  );
}
