import { EditOutlined } from '@ant-design/icons';
import { HELP_UNIT_SCOPE_ROLES, type HelpScope } from '@anxin/shared';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Checkbox, Segmented, Select, Space, Table, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { LevelTag } from '../../components/CaseTags';
import { QueryError } from '../../components/QueryError';
import { useUrlFilters } from '../../components/useUrlFilters';
import { helpApi } from '../../helpApi';
import type { Page } from '../../http';
import { useMe } from '../../session';
import '../../work.css';
import { HelpDueCell, HelpStatusTag, HelpTypeTag, LongText } from './HelpCells';
import { HelpUpdateModal } from './HelpUpdateModal';
import type { HelpItem, HelpKind } from './helpKinds';
import './help.css';

const SCOPE_OPTIONS: { value: HelpScope; label: string }[] = [
  { value: 'unit', label: '本单位' },
  { value: 'all', label: '辖区全部' },
];

/**
 * One unit's work queue of 帮扶服务 or 矛盾诉求: 民政办、司法所、卫生院 open on their own unit's
 * items, the others on the whole jurisdiction; filters live in the URL. Overdue rows are red.
 */
export function HelpQueue({ kind }: { kind: HelpKind }) {
  const me = useMe();
  const { page, pageSize, get, update, pagination } = useUrlFilters();
  const defaultScope: HelpScope = me.roles.some((role) => (HELP_UNIT_SCOPE_ROLES as readonly string[]).includes(role))
    ? 'unit'
    : 'all';
  const scope = SCOPE_OPTIONS.some((o) => o.value === get('scope')) ? (get('scope') as HelpScope) : defaultScope;
  const status = kind.statuses.includes(get('status') ?? '') ? get('status') : undefined;
  const type = kind.types.includes(get('type') ?? '') ? get('type') : undefined;
  const overdue = get('overdue') === 'true' ? ('true' as const) : undefined;
  const supervisor = me.roles.includes('peace_office');
  const params = { page, pageSize, scope, status, type, overdue };
  const query = useQuery({
    queryKey: [...kind.queueKey, params],
    queryFn: ({ signal }): Promise<Page<HelpItem>> =>
      kind.kind === 'service'
        ? helpApi.services(params as Parameters<typeof helpApi.services>[0], signal)
        : helpApi.grievances(params as Parameters<typeof helpApi.grievances>[0], signal),
    placeholderData: keepPreviousData,
  });
  const [editing, setEditing] = useState<HelpItem | null>(null);

  // On a phone the table scrolls sideways: who and what, the state, the deadline and the action first.
  const columns: TableColumnsType<HelpItem> = [
    {
      title: `人员 / ${kind.typeLabel}`,
      key: 'subject',
      fixed: 'start',
      width: 110,
      render: (_, item) => (
        <span className="subject-cell">
          <Link to={`/cases/${item.caseId}`}>{item.personName}</Link>
          <HelpTypeTag kind={kind} type={item.type} />
        </span>
      ),
    },
    {
      title: '状态',
      dataIndex: 'status',
      width: 90,
      render: (value: string) => <HelpStatusTag kind={kind} status={value} />,
    },
    { title: kind.dueLabel, key: 'due', width: 120, render: (_, item) => <HelpDueCell kind={kind} item={item} /> },
    {
      title: '操作',
      key: 'action',
      width: 80,
      render: (_, item) =>
        item.abilities.update ? (
          <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(item)} data-testid="help-update">
            办理
          </Button>
        ) : null,
    },
    { title: kind.unitLabel, dataIndex: 'responsibleOrgUnitName', width: 120 },
    { title: '级别', dataIndex: 'level', width: 70, render: (level: number | null) => <LevelTag level={level} /> },
    {
      title: kind.descriptionLabel,
      dataIndex: 'description',
      width: 240,
      render: (text: string) => <LongText text={text} />,
    },
    { title: kind.textLabel, key: 'text', width: 240, render: (_, item) => <LongText text={kind.text(item)} /> },
  ];

  return (
    <div>
      <Space wrap className="filters help-filters">
        <Segmented<HelpScope>
          value={scope}
          options={SCOPE_OPTIONS}
          onChange={(value) => update({ scope: value, page: undefined })}
          data-testid="help-scope"
        />
        <Select
          allowClear
          placeholder="全部状态"
          value={status}
          options={kind.statuses.map((value) => ({ value, label: kind.statusLabels[value] }))}
          onChange={(value) => update({ status: value, page: undefined })}
          className="filter-select"
          data-testid="help-status-filter"
        />
        <Select
          allowClear
          placeholder={`全部${kind.typeLabel}`}
          value={type}
          options={kind.types.map((value) => ({ value, label: kind.typeLabels[value] }))}
          onChange={(value) => update({ type: value, page: undefined })}
          className="filter-select"
          data-testid="help-type-filter"
        />
        <Checkbox
          checked={overdue === 'true'}
          onChange={(event) => update({ overdue: event.target.checked ? 'true' : undefined, page: undefined })}
          data-testid="help-overdue-filter"
        >
          {supervisor && kind.kind === 'grievance' ? '超期督办' : '只看超期'}
        </Checkbox>
      </Space>
      {query.error ? (
        <QueryError error={query.error} onRetry={() => query.refetch()} />
      ) : (
        <Table<HelpItem>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={query.data?.items ?? []}
          loading={query.isFetching}
          rowClassName={(item) => (item.overdue ? 'help-row-overdue' : '')}
          scroll={{ x: 'max-content' }}
          pagination={pagination(query.data?.total ?? 0, '项')}
          data-testid={`help-${kind.kind}-table`}
          locale={{ emptyText: overdue ? '没有超期事项' : `暂无${kind.noun}` }}
        />
      )}
      {editing && <HelpUpdateModal kind={kind} item={editing} onClose={() => setEditing(null)} />}
    </div>
  );
}
