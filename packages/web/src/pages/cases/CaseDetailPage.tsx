import { FallOutlined, LogoutOutlined, SwapOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Space, Spin, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { api } from '../../api';
import { CaseStatusTag, ConfirmationTag, LevelTag, SourceTag } from '../../components/CaseTags';
import { QueryError } from '../../components/QueryError';
import { CaseAlertsCard } from '../alerts/CaseAlertsCard';
import { CaseDocumentsCard } from './CaseDocumentsCard';
import { CaseFormsCard } from './CaseFormsCard';
import { CaseInfoCard } from './CaseInfoCard';
import { CaseNoticeCard } from './CaseNoticeCard';
import { CaseProposalsCard } from './CaseProposalsCard';
import { CaseReviewCard } from './CaseReviewCard';
import { LevelTimelineCard } from './LevelTimeline';
import { ProposalModal } from './ProposalModal';
import { TransferModal } from './TransferModal';
import { CaseWorkSection } from './work/CaseWorkSection';
import { GrievancesCard } from './work/GrievancesCard';
import { ServicesCard } from './work/ServicesCard';

export const caseKey = (id: string) => ['case', id] as const;

/** A case's page: who, what level and why, who decided, what is due, and its archive. */
export function CaseDetailPage() {
  const { id = '' } = useParams();
  const query = useQuery({ queryKey: caseKey(id), queryFn: ({ signal }) => api.case(id, signal) });
  const [dialog, setDialog] = useState<'level_change' | 'delist' | 'transfer' | null>(null);

  if (query.error) return <QueryError error={query.error} onRetry={() => query.refetch()} />;
  const item = query.data;
  if (!item) return <Spin className="page-spin" />;
  const listed = item.status === 'listed';
  const pendingProposal = item.proposals.some((proposal) => proposal.status === 'pending');

  return (
    <div>
      <div className="page-heading">
        <Space wrap align="center">
          <Typography.Title level={4}>
            列管案件：<Link to={`/persons/${item.personId}`}>{item.personName}</Link>
          </Typography.Title>
          <CaseStatusTag status={item.status} testId="case-status" />
          {item.level !== null && <LevelTag level={item.level} testId="case-level" />}
          <ConfirmationTag item={item} />
          <SourceTag source={item.source} />
        </Space>
        <Space wrap>
          {item.abilities.propose && listed && (
            <>
              <Button
                icon={<FallOutlined />}
                onClick={() => setDialog('level_change')}
                data-testid="propose-level-change"
              >
                级别变更呈报
              </Button>
              <Button icon={<LogoutOutlined />} onClick={() => setDialog('delist')} data-testid="propose-delist">
                撤销列管呈报
              </Button>
            </>
          )}
          {item.abilities.transfer && (
            <Button icon={<SwapOutlined />} onClick={() => setDialog('transfer')} data-testid="case-transfer">
              移交
            </Button>
          )}
        </Space>
      </div>
      {pendingProposal && (
        <Typography.Paragraph type="secondary">有呈报待研判，将提交研判会决定。</Typography.Paragraph>
      )}
      <CaseInfoCard item={item} />
      <CaseWorkSection item={item} />
      <CaseAlertsCard item={item} />
      {(listed || item.status === 'delisted') && (
        <>
          <ServicesCard item={item} />
          <GrievancesCard item={item} />
        </>
      )}
      <LevelTimelineCard item={item} />
      <CaseProposalsCard item={item} />
      <CaseNoticeCard item={item} />
      {listed && <CaseReviewCard item={item} />}
      <CaseFormsCard caseId={item.id} />
      <CaseDocumentsCard caseId={item.id} canUpload={item.abilities.uploadDocument === true} />
      {(dialog === 'level_change' || dialog === 'delist') && (
        <ProposalModal item={item} kind={dialog} onClose={() => setDialog(null)} />
      )}
      {dialog === 'transfer' && <TransferModal item={item} onClose={() => setDialog(null)} />}
    </div>
  );
}
