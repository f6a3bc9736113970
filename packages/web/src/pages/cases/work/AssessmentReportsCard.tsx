import { PlusOutlined, SendOutlined } from '@ant-design/icons';
import type { AssessmentReport } from '@anxin/shared';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { useState } from 'react';
import { QueryError } from '../../../components/QueryError';
import { levelLabel } from '../../../labels';
import { can, useMe } from '../../../session';
import { caseWorkKey, teamApi } from '../../../teamApi';
import { AssessmentReportModal } from './AssessmentReportModal';
import { type CaseWithWork, useRecordForm } from './recordForm';
import { SubmitReportProposalModal } from './SubmitReportProposalModal';

const longText = (text: string) => (
  <Typography.Paragraph className="cell-text pre-wrap" ellipsis={{ rows: 3, expandable: true, symbol: '展开' }}>
    {text}
  </Typography.Paragraph>
);

function Recommendation({ report }: { report: AssessmentReport }) {
  if (report.recommendedLevel === null) return <span className="muted">未提出</span>;
  if (report.recommendedLevel === report.levelAtReport) return <span>维持{levelLabel(report.recommendedLevel)}</span>;
  return <Typography.Text strong>调整为{levelLabel(report.recommendedLevel)}</Typography.Text>;
}

function ProposalState({ report }: { report: AssessmentReport }) {
  if (report.proposalId) return <Tag color="green">已提交级别变更呈报</Tag>;
  if (report.proposalPrepared) return <Tag color="orange">呈报草稿待组长提交</Tag>;
  return <span className="muted">—</span>;
}

const columns: TableColumnsType<AssessmentReport> = [
  { title: '评估期间', dataIndex: 'period', width: 110 },
  { title: '报告日期', dataIndex: 'reportedOn', width: 110 },
  { title: '撰写人', dataIndex: 'authorName', width: 90 },
  { title: '现实表现', dataIndex: 'findings', width: 260, render: longText },
  { title: '现实危害性评估', dataIndex: 'harmAssessment', width: 260, render: longText },
  { title: '下步措施意见', dataIndex: 'recommendedMeasures', width: 260, render: longText },
  { title: '级别建议', key: 'level', width: 110, render: (_, report) => <Recommendation report={report} /> },
  { title: '级别变更呈报', key: 'proposal', width: 150, render: (_, report) => <ProposalState report={report} /> },
];

/**
 * 现实危害性评估报告 (§四(三)3(2)⑦): written by the team at the level's interval. A report that
 * recommends another level prepares a level-change proposal; the team leader submits it.
 */
export function AssessmentReportsCard({ item }: { item: CaseWithWork }) {
  const me = useMe();
  const query = useQuery({
    queryKey: caseWorkKey(item.id, 'assessment-reports'),
    queryFn: ({ signal }) => teamApi.assessmentReports(item.id, signal),
  });
  const canRecord = item.status === 'listed' && can(me, 'work.record');
  const [formOpen, setFormOpen] = useRecordForm('assessment_report', canRecord);
  const [submitting, setSubmitting] = useState<AssessmentReport | null>(null);
  const leaderId = item.team?.members.find((member) => member.role === 'leader')?.userId;
  const isLeader = leaderId !== undefined && leaderId === me.id;
  // The newest draft only: an older one is superseded by the report written after it.
  const prepared = (query.data?.items ?? [])
    .filter((report) => report.proposalPrepared && !report.proposalId && report.recommendedLevel !== null)
    .sort((a, b) => b.reportedOn.localeCompare(a.reportedOn))[0];
  const pendingLevelChange = item.proposals.some(
    (proposal) => proposal.kind === 'level_change' && proposal.status === 'pending',
  );

  return (
    <Card
      title="现实危害性评估报告"
      className="section-card"
      data-testid="case-assessment-reports"
      extra={
        canRecord && (
          <Button size="small" icon={<PlusOutlined />} onClick={() => setFormOpen(true)} data-testid="report-new">
            撰写评估报告
          </Button>
        )
      }
    >
      {item.status === 'listed' && prepared && (
        <Alert
          className="form-alert"
          type="warning"
          showIcon
          data-testid="report-proposal-prepared"
          title={`建议调整为${levelLabel(prepared.recommendedLevel)}：已生成级别变更呈报草稿`}
          description={
            <>
              <div>
                依据{prepared.reportedOn}的评估报告（{prepared.period}）。
                {pendingLevelChange
                  ? '本案已有级别变更呈报待研判，待研判会决定后再行提交。'
                  : isLeader
                    ? '请核对后提交，经研判会共同研究决定。'
                    : '待服务管理小组组长提交。'}
              </div>
              {isLeader && !pendingLevelChange && (
                <Button
                  className="report-proposal-button"
                  size="small"
                  type="primary"
                  icon={<SendOutlined />}
                  onClick={() => setSubmitting(prepared)}
                  data-testid="report-proposal-submit"
                >
                  提交级别变更呈报
                </Button>
              )}
            </>
          }
        />
      )}
      {query.error ? (
        <QueryError error={query.error} onRetry={() => query.refetch()} />
      ) : (
        <Table<AssessmentReport>
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={query.data?.items ?? []}
          loading={query.isLoading}
          pagination={{ pageSize: 5, hideOnSinglePage: true }}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: '暂无评估报告' }}
        />
      )}
      {formOpen && <AssessmentReportModal item={item} onClose={() => setFormOpen(false)} />}
      {submitting && <SubmitReportProposalModal item={item} report={submitting} onClose={() => setSubmitting(null)} />}
    </Card>
  );
}
