import { PlusOutlined } from '@ant-design/icons';
import { CONTROL_STATUS_LABELS } from '@anxin/shared';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alert, Button, Descriptions, Grid, Table, type TableColumnsType, Tag, Tooltip, Typography } from 'antd';
import { Link, useNavigate } from 'react-router';
import { LevelTag } from '../../components/CaseTags';
import { QueryError } from '../../components/QueryError';
import { useUrlFilters } from '../../components/useUrlFilters';
import { can, useMe } from '../../session';
import { formatDateTime } from '../../time';
import '../../work.css';
import { type VisitWithPerson, workApi, workKeys } from '../../workApi';

export function ControlStatusTag({ status }: { status: VisitWithPerson['controlStatus'] }) {
  return <Tag color={status === 'out_of_control' ? 'red' : 'green'}>{CONTROL_STATUS_LABELS[status] ?? status}</Tag>;
}

const columns: TableColumnsType<VisitWithPerson> = [
  {
    title: '随访时间',
    dataIndex: 'visitedAt',
    // A fixed column keeps an opened row's details within the screen on a phone.
    fixed: 'start',
    width: 140,
    render: (visitedAt: string) => formatDateTime(visitedAt).slice(0, 16),
  },
  {
    title: '人员',
    dataIndex: 'personName',
    width: 90,
    render: (name: string, visit) => (
      <Link to={`/cases/${visit.caseId}`} onClick={(event) => event.stopPropagation()}>
        {name}
      </Link>
    ),
  },
  { title: '级别', dataIndex: 'level', width: 70, render: (level: number | null) => <LevelTag level={level} /> },
  {
    title: '随访人员',
    dataIndex: 'visitors',
    width: 180,
    render: (visitors: VisitWithPerson['visitors']) => visitors.map((visitor) => visitor.displayName).join('、'),
  },
  {
    title: '管控状态',
    dataIndex: 'controlStatus',
    width: 90,
    render: (status: VisitWithPerson['controlStatus']) => <ControlStatusTag status={status} />,
  },
  {
    title: '过激倾向',
    dataIndex: 'extremeTendency',
    width: 90,
    render: (extreme: boolean) => (extreme ? <Tag color="red">有</Tag> : <span className="muted">无</span>),
  },
  {
    title: '警情',
    dataIndex: 'alertId',
    width: 90,
    render: (alertId: string | null) =>
      alertId ? (
        <Tooltip title="已通知平安办、派出所">
          <Tag color="volcano">已生成</Tag>
        </Tooltip>
      ) : (
        <span className="muted">—</span>
      ),
  },
];

/** The four records a visit writes down, shown when a row is opened. */
export function VisitDetail({
  visit,
}: {
  visit: Pick<VisitWithPerson, 'livingSituation' | 'activities' | 'stateOfMind' | 'measures'>;
}) {
  const screens = Grid.useBreakpoint();
  return (
    <Descriptions
      size="small"
      column={1}
      layout={screens.sm ? 'horizontal' : 'vertical'}
      bordered
      className="visit-detail"
      items={[
        { key: 'living', label: '生活情况', children: visit.livingSituation },
        { key: 'activities', label: '现实活动', children: visit.activities },
        { key: 'mind', label: '思想状况', children: visit.stateOfMind },
        { key: 'measures', label: '采取措施', children: visit.measures },
      ]}
    />
  );
}

/** 随访走访: the visits in my jurisdiction, newest first; a case's own from ?caseId=. */
export function VisitListPage() {
  const me = useMe();
  const navigate = useNavigate();
  const { page, pageSize, get, update, pagination } = useUrlFilters();
  const caseId = get('caseId');
  const params = { page, pageSize, caseId };
  const query = useQuery({
    queryKey: workKeys.visits(params),
    queryFn: ({ signal }) => workApi.visits(params, signal),
    placeholderData: keepPreviousData,
  });
  const personName = caseId ? query.data?.items[0]?.personName : undefined;

  return (
    <div>
      <div className="page-heading">
        <Typography.Title level={4}>随访走访</Typography.Title>
        {can(me, 'work.record') && (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => navigate(caseId ? `/visits/new?caseId=${caseId}` : '/visits/new')}
            data-testid="visit-new"
          >
            登记随访
          </Button>
        )}
      </div>
      {caseId && (
        <Alert
          type="info"
          showIcon
          className="form-alert"
          title={personName ? `仅显示 ${personName} 的随访记录` : '仅显示一名人员的随访记录'}
          action={
            <Button size="small" onClick={() => update({ caseId: undefined, page: undefined })}>
              显示全部
            </Button>
          }
        />
      )}
      {query.error ? (
        <QueryError error={query.error} onRetry={() => query.refetch()} />
      ) : (
        <Table<VisitWithPerson>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={query.data?.items ?? []}
          loading={query.isFetching}
          scroll={{ x: 'max-content' }}
          expandable={{
            expandedRowRender: (visit) => <VisitDetail visit={visit} />,
            expandRowByClick: true,
          }}
          rowClassName={() => 'clickable-row'}
          pagination={pagination(query.data?.total ?? 0, '次')}
          data-testid="visits-table"
          locale={{ emptyText: '暂无随访记录' }}
        />
      )}
    </div>
  );
}
