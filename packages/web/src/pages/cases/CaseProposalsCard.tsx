import {
  type CaseDetail,
  type Decision,
  INDICATOR_LABELS,
  type Indicator,
  PROPOSAL_KIND_LABELS,
  type Proposal,
} from '@anxin/shared';
import { Card, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { decisionText, PROPOSAL_STATUS, proposalAsk } from './proposalText';

const longText = (text: string) => (
  <Typography.Paragraph className="cell-text pre-wrap" ellipsis={{ rows: 3, expandable: true, symbol: '展开' }}>
    {text}
  </Typography.Paragraph>
);

function indicatorText(indicators: string[] | null): string {
  if (!indicators || indicators.length === 0) return '';
  return indicators.map((code) => INDICATOR_LABELS[code as Indicator]?.label ?? code).join('；');
}

const decisionColumns = (proposals: readonly Proposal[]): TableColumnsType<Decision> => [
  { title: '生效日期', dataIndex: 'effectiveOn', width: 110 },
  {
    title: '研判决定',
    key: 'outcome',
    width: 160,
    render: (_, decision) => <Tag color="geekblue">{decisionText(decision, proposals)}</Tag>,
  },
  { title: '理由', dataIndex: 'reason', width: 320, render: longText },
  {
    title: '会议',
    dataIndex: 'meetingId',
    width: 90,
    render: (meetingId: string) => <Link to={`/meetings/${meetingId}`}>会议纪要</Link>,
  },
];

/** 呈报与决定: what was proposed by whom ("谁呈报、谁负责"), and what the meetings decided. */
export function CaseProposalsCard({ item }: { item: CaseDetail }) {
  const decisions = new Map(item.decisions.map((decision) => [decision.id, decision]));
  const proposalColumns: TableColumnsType<Proposal> = [
    { title: '呈报日期', dataIndex: 'proposedOn', width: 110 },
    {
      title: '类型',
      dataIndex: 'kind',
      width: 120,
      render: (kind: Proposal['kind']) => PROPOSAL_KIND_LABELS[kind] ?? kind,
    },
    { title: '呈报事项', key: 'ask', width: 180, render: (_, proposal) => proposalAsk(proposal) },
    {
      title: '依据',
      dataIndex: 'basis',
      width: 320,
      render: (basis: string, proposal) =>
        longText([basis, indicatorText(proposal.indicators)].filter(Boolean).join('\n')),
    },
    { title: '呈报人', dataIndex: 'proposerName', width: 100 },
    {
      title: '状态',
      dataIndex: 'status',
      width: 200,
      render: (status: string, proposal) => {
        const decision = proposal.decisionId ? decisions.get(proposal.decisionId) : undefined;
        return (
          <span>
            <Tag color={PROPOSAL_STATUS[status]?.color}>{PROPOSAL_STATUS[status]?.label ?? status}</Tag>
            {decision && <Link to={`/meetings/${decision.meetingId}`}>{decisionText(decision, item.proposals)}</Link>}
          </span>
        );
      },
    },
  ];

  return (
    <Card title="呈报与决定" className="section-card">
      <Typography.Title level={5}>呈报</Typography.Title>
      <Table<Proposal>
        rowKey="id"
        size="small"
        columns={proposalColumns}
        dataSource={item.proposals}
        pagination={false}
        scroll={{ x: 'max-content' }}
        data-testid="case-proposals"
        locale={{ emptyText: '暂无呈报' }}
      />
      <Typography.Title level={5} className="subsection-title">
        研判决定
      </Typography.Title>
      <Table<Decision>
        rowKey="id"
        size="small"
        columns={decisionColumns(item.proposals)}
        dataSource={item.decisions}
        pagination={false}
        scroll={{ x: 'max-content' }}
        data-testid="case-decisions"
        locale={{ emptyText: '暂无研判决定' }}
      />
    </Card>
  );
}
