import {
  type AgendaObjection,
  type CaseSummary,
  type LevelReviewCase,
  type Meeting,
  PROPOSAL_KIND_LABELS,
} from '@anxin/shared';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { Link, useNavigate } from 'react-router';
import { api } from '../../api';
import { QueryError } from '../../components/QueryError';
import { categoryShortLabel, levelLabel } from '../../labels';
import type { Agenda } from '../../lifecycleApi';
import { proposalAsk } from '../cases/proposalText';
import { intakePath } from '../screening/PoolTab';

/** The agenda with the person's objections and the notices still to record (告知与异议). */
type AgendaWithNotice = Agenda & { objections?: AgendaObjection[]; noticePending?: CaseSummary[] };

const clip = (text: string, max = 40) => (text.length > max ? `${text.slice(0, max)}…` : text);

interface AgendaRow {
  key: string;
  group: string;
  color: string;
  personName: string;
  personId: string;
  /** The case to put on the agenda; a pool entry has none until its intake proposal is made. */
  caseId?: string;
  entry?: { id: string; personId: string };
  detail: string;
}

/**
 * 议程: what the town has waiting for a meeting — pending proposals, cases due for review,
 * emergency listings to confirm, and suspects in the 待研判 pool — each one click from the agenda.
 */
export function AgendaCard({
  meeting,
  canEdit,
  adding,
  onAdd,
}: {
  meeting: Meeting;
  canEdit: boolean;
  adding: string | null;
  onAdd: (caseId: string) => void;
}) {
  const navigate = useNavigate();
  const query = useQuery({
    queryKey: ['agenda', meeting.orgUnitId],
    queryFn: ({ signal }) => api.agenda(meeting.orgUnitId, signal),
  });
  // 警情待会商: cases an alert flagged for level review (alerts module).
  const agenda = query.data as (AgendaWithNotice & { levelReview?: LevelReviewCase[] }) | undefined;
  const rows: AgendaRow[] = [
    ...(agenda?.pendingProposals ?? []).map((proposal) => ({
      key: `proposal:${proposal.id}`,
      group: PROPOSAL_KIND_LABELS[proposal.kind],
      color: 'blue',
      personName: proposal.personName,
      personId: proposal.personId,
      caseId: proposal.caseId,
      detail: `${proposalAsk(proposal)}（${proposal.proposerName}，${proposal.proposedOn}）`,
    })),
    ...(agenda?.awaitingConfirmation ?? []).map((item) => ({
      key: `confirm:${item.id}`,
      group: '待确认紧急列管',
      color: item.confirmationOverdue ? 'red' : 'purple',
      personName: item.personName,
      personId: item.personId,
      caseId: item.id,
      detail: `${levelLabel(item.level)}，应于 ${item.confirmationDueOn ?? '—'} 前确认${item.confirmationOverdue ? '（已逾期）' : ''}`,
    })),
    ...(agenda?.levelReview ?? []).map((item) => ({
      key: `alert-review:${item.id}`,
      group: '警情待会商',
      color: 'red',
      personName: item.personName,
      personId: item.personId,
      caseId: item.id,
      detail: `${levelLabel(item.level)}，${item.levelReviewSince} 起因警情待专项会商研判级别`,
    })),
    ...(agenda?.dueForReview ?? []).map((item) => ({
      key: `review:${item.id}`,
      group: '到期复核',
      color: 'gold',
      personName: item.personName,
      personId: item.personId,
      caseId: item.id,
      detail: `${levelLabel(item.level)}，复核日期 ${item.nextReviewOn ?? '—'}`,
    })),
    ...(agenda?.objections ?? []).map((objection) => ({
      key: `objection:${objection.id}`,
      group: objection.status === 'open' ? '异议待答复' : '异议已答复',
      color: objection.status === 'open' ? 'volcano' : 'cyan',
      personName: objection.personName,
      personId: objection.personId,
      caseId: objection.caseId,
      detail:
        objection.status === 'open'
          ? `${objection.raisedOn} 提出：${clip(objection.content)}`
          : `${objection.raisedOn} 提出，${objection.answeredOn} 已答复：${clip(objection.answer ?? '')}`,
    })),
    ...(agenda?.noticePending ?? []).map((item) => ({
      key: `notice:${item.id}`,
      group: '待登记告知',
      color: 'orange',
      personName: item.personName,
      personId: item.personId,
      caseId: item.id,
      detail: `${levelLabel(item.level)}，列管日期 ${item.listedOn ?? '—'}，尚未登记是否已告知本人`,
    })),
    ...(agenda?.pool ?? []).map((entry) => ({
      key: `pool:${entry.id}`,
      group: '排查待研判',
      color: 'default',
      personName: entry.personName,
      personId: entry.personId,
      entry: { id: entry.id, personId: entry.personId },
      detail: `${entry.orgUnitName} ${entry.month} 上报：${entry.categories.map(categoryShortLabel).join('、')}`,
    })),
  ];

  const columns: TableColumnsType<AgendaRow> = [
    {
      title: '事项',
      dataIndex: 'group',
      width: 130,
      render: (group: string, row) => <Tag color={row.color}>{group}</Tag>,
    },
    {
      title: '人员',
      dataIndex: 'personName',
      width: 90,
      render: (name: string, row) =>
        row.caseId ? (
          <Link to={`/cases/${row.caseId}`}>{name}</Link>
        ) : (
          <Link to={`/persons/${row.personId}`}>{name}</Link>
        ),
    },
    { title: '说明', dataIndex: 'detail', width: 300 },
  ];
  if (canEdit) {
    columns.push({
      title: '操作',
      key: 'add',
      width: 150,
      render: (_, row) => {
        if (row.caseId && meeting.caseIds.includes(row.caseId)) return <Tag color="green">已在议程</Tag>;
        if (row.caseId) {
          const caseId = row.caseId;
          return (
            <Button
              size="small"
              loading={adding === caseId}
              disabled={adding !== null}
              onClick={() => onAdd(caseId)}
              data-testid="meeting-agenda-add"
            >
              加入议程
            </Button>
          );
        }
        const entry = row.entry as AgendaRow['entry'] & object;
        return (
          <Button size="small" onClick={() => navigate(intakePath(entry, meeting.id))} data-testid="meeting-agenda-add">
            提出入库呈报
          </Button>
        );
      },
    });
  }

  return (
    <Card title="待上会事项" className="section-card">
      <Typography.Paragraph type="secondary">
        {meeting.orgUnitName}
        待研判的呈报、到期复核、待确认的紧急列管、本人提出的异议（待答复的，及上次研判会以来已答复的）、尚未登记告知的列管人员及排查待研判人员。排查人员须先提出入库呈报，再列入议程。
      </Typography.Paragraph>
      {query.error ? (
        <QueryError error={query.error} onRetry={() => query.refetch()} />
      ) : (
        <Table<AgendaRow>
          rowKey="key"
          size="small"
          columns={columns}
          dataSource={rows}
          loading={query.isFetching}
          pagination={false}
          scroll={{ x: 'max-content' }}
          data-testid="meeting-agenda"
          locale={{ emptyText: '暂无待上会事项' }}
        />
      )}
    </Card>
  );
}
