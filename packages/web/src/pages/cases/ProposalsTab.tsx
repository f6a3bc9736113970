import { PROPOSAL_KIND_LABELS, type Proposal } from '@anxin/shared';
import { useQuery } from '@tanstack/react-query';
import { Table, type TableColumnsType, Tag, Typography } from 'antd';
import { Link, useNavigate } from 'react-router';
import { api } from '../../api';
import { QueryError } from '../../components/QueryError';
import { proposalAsk } from './proposalText';

const columns: TableColumnsType<Proposal> = [
  {
    title: '姓名',
    dataIndex: 'personName',
    fixed: 'start',
    width: 90,
    render: (name: string, proposal) => (
      <Link to={`/cases/${proposal.caseId}`} onClick={(event) => event.stopPropagation()}>
        {name}
      </Link>
    ),
  },
  {
    title: '呈报类型',
    dataIndex: 'kind',
    width: 120,
    render: (kind: Proposal['kind']) => <Tag>{PROPOSAL_KIND_LABELS[kind]}</Tag>,
  },
  { title: '呈报事项', key: 'ask', width: 200, render: (_, proposal) => proposalAsk(proposal) },
  {
    title: '依据',
    dataIndex: 'basis',
    width: 280,
    render: (text: string) => (
      <Typography.Paragraph className="cell-text" ellipsis={{ rows: 2, tooltip: text }}>
        {text}
      </Typography.Paragraph>
    ),
  },
  { title: '呈报人', dataIndex: 'proposerName', width: 100 },
  { title: '呈报日期', dataIndex: 'proposedOn', width: 110 },
];

/** 待研判呈报: every pending intake, level-change and delisting proposal in scope, for the next meeting. */
export function ProposalsTab() {
  const navigate = useNavigate();
  const query = useQuery({
    queryKey: ['proposals', 'pending'],
    queryFn: ({ signal }) => api.proposals('pending', signal),
  });
  if (query.error) return <QueryError error={query.error} onRetry={() => query.refetch()} />;
  return (
    <Table<Proposal>
      rowKey="id"
      size="middle"
      columns={columns}
      dataSource={query.data?.items ?? []}
      loading={query.isFetching}
      scroll={{ x: 'max-content' }}
      onRow={(proposal) => ({ onClick: () => navigate(`/cases/${proposal.caseId}`), className: 'clickable-row' })}
      pagination={{ pageSize: 20, hideOnSinglePage: true, showTotal: (total) => `共 ${total} 件` }}
      data-testid="proposals-table"
      locale={{ emptyText: '暂无待研判的呈报' }}
    />
  );
}
