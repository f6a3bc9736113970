import { SafetyCertificateOutlined } from '@ant-design/icons';
import type { AuditEvent } from '@anxin/shared';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alert, Button, DatePicker, Select, Space, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { useState } from 'react';
import { type AuditVerifyResult, api } from '../../api';
import { errorMessage } from '../../components/forms';
import { QueryError } from '../../components/QueryError';
import { useUrlFilters } from '../../components/useUrlFilters';
import { AUDIT_ACTION_LABELS, AUDIT_ENTITY_LABELS, AUDIT_OUTCOME, optionsOf } from '../../labels';
import { dayjs, endOfDayIso, formatDateTime, startOfDayIso } from '../../time';

const ACTION_OPTIONS = optionsOf(AUDIT_ACTION_LABELS);
const ENTITY_OPTIONS = optionsOf(AUDIT_ENTITY_LABELS);
const DATE = 'YYYY-MM-DD';

const columns: TableColumnsType<AuditEvent> = [
  { title: '时间', dataIndex: 'at', width: 170, render: (at: string) => formatDateTime(at) },
  { title: '操作人', dataIndex: 'actorUsername', width: 110, render: (name: string | null) => name ?? '—' },
  {
    title: '操作',
    dataIndex: 'action',
    width: 130,
    render: (action: string) => AUDIT_ACTION_LABELS[action] ?? action,
  },
  {
    title: '对象',
    key: 'entity',
    render: (_, event) =>
      event.entityType ? (
        <span>
          {AUDIT_ENTITY_LABELS[event.entityType] ?? event.entityType}
          {event.entityId && <span className="mono muted"> / {event.entityId}</span>}
        </span>
      ) : (
        '—'
      ),
  },
  {
    title: '结果',
    dataIndex: 'outcome',
    width: 80,
    render: (outcome: string) => {
      const known = AUDIT_OUTCOME[outcome];
      return <Tag color={known?.color}>{known?.label ?? outcome}</Tag>;
    },
  },
  {
    title: 'IP',
    dataIndex: 'ip',
    width: 130,
    render: (ip: string | null) => <span className="mono">{ip ?? '—'}</span>,
  },
];

/** A calendar date from the URL, or null when absent or malformed. */
function dateParam(value: string | undefined): dayjs.Dayjs | null {
  if (!value || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return null;
  const date = dayjs(value);
  return date.isValid() ? date : null;
}

function VerifyResult({ result }: { result: AuditVerifyResult }) {
  if (result.ok) {
    return <Alert type="success" showIcon className="form-alert" title={`哈希链完整，已校验 ${result.checked} 条`} />;
  }
  const broken = result.brokenAt;
  return (
    <Alert
      type="error"
      showIcon
      className="form-alert"
      title={broken ? `哈希链在第 ${broken.seq} 条处断裂` : '哈希链校验未通过'}
      description={broken ? `${broken.reason}（已校验 ${result.checked} 条）` : `已校验 ${result.checked} 条`}
    />
  );
}

/** 审计日志: search the append-only log and verify its hash chain. Filters live in the URL so links can point at one record's history. */
export function AuditPage() {
  const { page, pageSize, get, update, pagination } = useUrlFilters();
  const filters = {
    action: get('action'),
    entityType: get('entityType'),
    entityId: get('entityId'),
    actorId: get('actorId'),
  };
  const fromDate = dateParam(get('from'));
  const toDate = dateParam(get('to'));
  const range = fromDate && toDate ? ([fromDate, toDate] as const) : null;
  const [verify, setVerify] = useState<{ result?: AuditVerifyResult; error?: string; running: boolean }>({
    running: false,
  });

  const query = useQuery({
    queryKey: ['audit-events', { page, pageSize, ...filters, from: get('from'), to: get('to') }],
    queryFn: ({ signal }) =>
      api.auditEvents(
        {
          page,
          pageSize,
          ...filters,
          from: range ? startOfDayIso(range[0]) : undefined,
          to: range ? endOfDayIso(range[1]) : undefined,
        },
        signal,
      ),
    placeholderData: keepPreviousData,
  });

  const runVerify = async () => {
    setVerify({ running: true });
    try {
      setVerify({ running: false, result: await api.verifyAudit() });
    } catch (error) {
      setVerify({ running: false, error: errorMessage(error) });
    }
  };

  return (
    <div>
      <div className="page-heading">
        <Typography.Title level={4}>审计日志</Typography.Title>
        <Button
          icon={<SafetyCertificateOutlined />}
          loading={verify.running}
          onClick={runVerify}
          data-testid="audit-verify"
        >
          校验哈希链
        </Button>
      </div>
      {verify.result && <VerifyResult result={verify.result} />}
      {verify.error && <Alert type="error" showIcon className="form-alert" title={verify.error} />}
      <Space wrap className="filters">
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder="全部操作"
          options={ACTION_OPTIONS}
          value={filters.action}
          onChange={(value?: string) => update({ action: value, page: undefined })}
          style={{ width: 160 }}
        />
        <Select
          allowClear
          placeholder="全部对象类型"
          options={ENTITY_OPTIONS}
          value={filters.entityType}
          onChange={(value?: string) => update({ entityType: value, entityId: undefined, page: undefined })}
          style={{ width: 140 }}
        />
        <DatePicker.RangePicker
          value={range ? [range[0], range[1]] : null}
          onChange={(dates) =>
            update({ from: dates?.[0]?.format(DATE), to: dates?.[1]?.format(DATE), page: undefined })
          }
        />
        {(filters.entityId || filters.actorId) && (
          <Tag closable onClose={() => update({ entityId: undefined, actorId: undefined, page: undefined })}>
            {[filters.entityId && `对象 ${filters.entityId}`, filters.actorId && `操作人 ${filters.actorId}`]
              .filter(Boolean)
              .join('，')}
          </Tag>
        )}
      </Space>
      {query.error ? (
        <QueryError error={query.error} onRetry={() => query.refetch()} />
      ) : (
        <Table<AuditEvent>
          data-testid="audit-table"
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={query.data?.items ?? []}
          loading={query.isFetching}
          scroll={{ x: 'max-content' }}
          expandable={{
            rowExpandable: (event) => event.diff !== null && event.diff !== undefined,
            expandedRowRender: (event) => <pre className="audit-diff">{JSON.stringify(event.diff, null, 2)}</pre>,
          }}
          pagination={pagination(query.data?.total ?? 0, '条')}
        />
      )}
    </div>
  );
}
