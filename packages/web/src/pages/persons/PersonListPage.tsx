import { PlusOutlined, SearchOutlined } from '@ant-design/icons';
import { GENDER_LABELS, type PersonSummary } from '@anxin/shared';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Input, Space, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { api } from '../../api';
import { ExportButton } from '../../components/ExportButton';
import { ResidentialUnitSelect } from '../../components/OrgUnitSelect';
import { QueryError } from '../../components/QueryError';
import { useUrlFilters } from '../../components/useUrlFilters';
import { caseStatusLabel, levelLabel } from '../../labels';
import { can, useMe } from '../../session';

const STATUS_COLORS: Record<string, string> = {
  listed: 'red',
  proposed: 'orange',
  delisted: 'default',
  rejected: 'default',
};

const columns: TableColumnsType<PersonSummary> = [
  {
    title: '姓名',
    dataIndex: 'name',
    fixed: 'start',
    width: 100,
    // The row navigates too; stop here so one click makes one history entry.
    render: (name: string, person) => (
      <Link to={`/persons/${person.id}`} onClick={(event) => event.stopPropagation()}>
        {name}
      </Link>
    ),
  },
  {
    title: '性别',
    dataIndex: 'gender',
    width: 60,
    render: (gender: PersonSummary['gender']) => (gender ? GENDER_LABELS[gender] : '—'),
  },
  { title: '身份证号', dataIndex: 'idNumberMasked', width: 190, className: 'mono' },
  { title: '户籍地', dataIndex: 'householdOrgUnitName', width: 120 },
  { title: '居住地', dataIndex: 'residenceOrgUnitName', width: 120, render: (name: string | null) => name ?? '—' },
  { title: '列管级别', dataIndex: 'level', width: 90, render: (level: number | null) => levelLabel(level) },
  {
    title: '状态',
    dataIndex: 'caseStatus',
    width: 110,
    render: (status: string | null) => (
      <Tag color={status ? STATUS_COLORS[status] : undefined}>{caseStatusLabel(status)}</Tag>
    ),
  },
];

/** 人员档案: search by name or full ID number, filter by village; filters live in the URL so Back keeps them. */
export function PersonListPage() {
  const me = useMe();
  const navigate = useNavigate();
  const { page, pageSize, get, update, pagination } = useUrlFilters();
  const q = get('q') ?? '';
  const orgUnitId = get('orgUnitId');
  const [search, setSearch] = useState(q);
  useEffect(() => setSearch(q), [q]);

  const query = useQuery({
    queryKey: ['persons', { page, pageSize, q, orgUnitId }],
    queryFn: ({ signal }) => api.persons({ page, pageSize, q: q || undefined, orgUnitId }, signal),
    placeholderData: keepPreviousData,
  });

  return (
    <div>
      <div className="page-heading">
        <Typography.Title level={4}>人员档案</Typography.Title>
        {can(me, 'persons.create') && (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => navigate('/persons/new')}
            data-testid="persons-new"
          >
            新增人员
          </Button>
        )}
      </div>
      <Space wrap className="filters">
        <Space.Compact className="filter-search">
          <Input
            allowClear
            placeholder="姓名或完整身份证号"
            value={search}
            onChange={(event) => setSearch(event.target.value)}
            onPressEnter={() => update({ q: search.trim(), page: undefined })}
            onClear={() => update({ q: undefined, page: undefined })}
            data-testid="persons-search"
          />
          <Button
            icon={<SearchOutlined />}
            aria-label="查询"
            onClick={() => update({ q: search.trim(), page: undefined })}
          />
        </Space.Compact>
        <ResidentialUnitSelect
          placeholder="全部村（社区）"
          value={orgUnitId}
          onChange={(value) => update({ orgUnitId: value, page: undefined })}
          style={{ width: 200 }}
        />
        <ExportButton
          path="/api/persons/export.xlsx"
          query={{ q: q || undefined, orgUnitId }}
          testId="persons-export"
        />
      </Space>
      {query.error ? (
        <QueryError error={query.error} onRetry={() => query.refetch()} />
      ) : (
        <Table<PersonSummary>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={query.data?.items ?? []}
          loading={query.isFetching}
          scroll={{ x: 'max-content' }}
          onRow={(person) => ({ onClick: () => navigate(`/persons/${person.id}`), className: 'clickable-row' })}
          pagination={pagination(query.data?.total ?? 0, '人')}
        />
      )}
    </div>
  );
}
