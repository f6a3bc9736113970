import { PlusOutlined } from '@ant-design/icons';
import { MEETING_KIND_LABELS, MEETING_KINDS, type Meeting } from '@anxin/shared';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Select, Space, Table, type TableColumnsType, Typography } from 'antd';
import { Link, useNavigate } from 'react-router';
import { api } from '../../api';
import { QueryError } from '../../components/QueryError';
import { useUrlFilters } from '../../components/useUrlFilters';
import { can, useMe } from '../../session';
import { formatDateTime } from '../../time';

const KIND_OPTIONS = MEETING_KINDS.map((kind) => ({ value: kind, label: MEETING_KIND_LABELS[kind] }));

const columns: TableColumnsType<Meeting> = [
  {
    title: '会议时间',
    dataIndex: 'heldAt',
    width: 170,
    render: (heldAt: string, meeting) => (
      <Link to={`/meetings/${meeting.id}`} onClick={(event) => event.stopPropagation()}>
        {formatDateTime(heldAt).slice(0, 16)}
      </Link>
    ),
  },
  {
    title: '会议类型',
    dataIndex: 'kind',
    width: 110,
    render: (kind: Meeting['kind']) => MEETING_KIND_LABELS[kind] ?? kind,
  },
  { title: '镇（街道）', dataIndex: 'orgUnitName', width: 110 },
  {
    title: '参会人数',
    key: 'participants',
    width: 90,
    align: 'end',
    render: (_, meeting) => meeting.participants.length,
  },
  { title: '议程案件', key: 'cases', width: 90, align: 'end', render: (_, meeting) => meeting.caseIds.length },
  { title: '研判决定', key: 'decisions', width: 90, align: 'end', render: (_, meeting) => meeting.decisions.length },
];

/** 研判会议: the record of every meeting in scope, newest first. */
export function MeetingListPage() {
  const me = useMe();
  const navigate = useNavigate();
  const { page, pageSize, get, update, pagination } = useUrlFilters();
  const kind = get('kind');
  const query = useQuery({
    queryKey: ['meetings', { page, pageSize, kind }],
    queryFn: ({ signal }) => api.meetings({ page, pageSize, kind }, signal),
    placeholderData: keepPreviousData,
  });

  return (
    <div>
      <div className="page-heading">
        <Typography.Title level={4}>研判会议</Typography.Title>
        {can(me, 'meetings.manage') && (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => navigate('/meetings/new')}
            data-testid="meeting-new"
          >
            新建会议
          </Button>
        )}
      </div>
      <Space wrap className="filters">
        <Select
          allowClear
          placeholder="全部会议类型"
          value={kind}
          options={KIND_OPTIONS}
          onChange={(value) => update({ kind: value, page: undefined })}
          className="filter-select"
        />
      </Space>
      {query.error ? (
        <QueryError error={query.error} onRetry={() => query.refetch()} />
      ) : (
        <Table<Meeting>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={query.data?.items ?? []}
          loading={query.isFetching}
          scroll={{ x: 'max-content' }}
          onRow={(meeting) => ({ onClick: () => navigate(`/meetings/${meeting.id}`), className: 'clickable-row' })}
          pagination={pagination(query.data?.total ?? 0, '次')}
          data-testid="meetings-table"
          locale={{ emptyText: '暂无会议记录' }}
        />
      )}
    </div>
  );
}
