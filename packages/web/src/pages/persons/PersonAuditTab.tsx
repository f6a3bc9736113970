import type { AuditEvent } from '@anxin/shared';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Table, type TableColumnsType, Tag } from 'antd';
import { useState } from 'react';
import { api } from '../../api';
import { QueryError } from '../../components/QueryError';
import { AUDIT_ACTION_LABELS, AUDIT_ENTITY_LABELS, AUDIT_OUTCOME } from '../../labels';
import { formatDateTime } from '../../time';

const columns: TableColumnsType<AuditEvent> = [
  { title: '时间', dataIndex: 'at', width: 170, render: (at: string) => formatDateTime(at) },
  { title: '操作人', dataIndex: 'actorUsername', width: 110, render: (name: string | null) => name ?? '—' },
  { title: '操作', dataIndex: 'action', width: 140, render: (action: string) => AUDIT_ACTION_LABELS[action] ?? action },
  {
    title: '对象',
    dataIndex: 'entityType',
    width: 110,
    render: (type: string | null) => (type ? (AUDIT_ENTITY_LABELS[type] ?? type) : '—'),
  },
  {
    title: '结果',
    dataIndex: 'outcome',
    width: 80,
    render: (outcome: string) => (
      <Tag color={AUDIT_OUTCOME[outcome]?.color}>{AUDIT_OUTCOME[outcome]?.label ?? outcome}</Tag>
    ),
  },
];

/** 审计记录: who read or changed this file and its cases (GET /api/persons/:id/audit-trail). */
export function PersonAuditTab({ personId }: { personId: string }) {
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const query = useQuery({
    queryKey: ['person-audit', personId, page],
    queryFn: ({ signal }) => api.personAuditTrail(personId, page, signal),
    placeholderData: keepPreviousData,
  });
  if (query.error) return <QueryError error={query.error} onRetry={() => query.refetch()} />;
  return (
    <Table<AuditEvent>
      rowKey="id"
      size="small"
      columns={columns}
      dataSource={query.data?.items ?? []}
      loading={query.isFetching}
      scroll={{ x: 'max-content' }}
      data-testid="person-audit"
      pagination={{
        current: page.page,
        pageSize: page.pageSize,
        total: query.data?.total ?? 0,
        showTotal: (total) => `共 ${total} 条`,
        onChange: (next, size) => setPage({ page: size === page.pageSize ? next : 1, pageSize: size }),
      }}
    />
  );
}
