import { OBLIGATION_KIND_LABELS, type ObligationKind } from '@anxin/shared';
import { Button, Card, Empty, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { can, useMe } from '../../../session';
import type { CaseObligation } from '../../../teamApi';
import { beijingToday, dayjs } from '../../../time';
import { type CaseWithWork, type RecordForm, useRecordForm } from './recordForm';
import './work.css';

/** Obligations met by a record form on this page. */
const FORM_OF: Partial<Record<string, RecordForm>> = {
  assessment_report: 'assessment_report',
  daily_report: 'daily_report',
  emergency_plan: 'emergency_plan',
  responsibility_letter: 'responsibility_letter',
};

/** Obligations met by a meeting that has the case on its agenda (会议 kind). */
const MEETING_OF: Partial<Record<string, string>> = {
  joint_meeting: 'joint',
  daily_consultation: 'daily',
  review: 'assessment',
  confirmation: 'assessment',
};

function DueState({ obligation, today }: { obligation: CaseObligation; today: string }) {
  if (obligation.overdue) {
    const days = dayjs(today).diff(dayjs(obligation.dueOn), 'day');
    return <Tag color="red">{days > 0 ? `已逾期${days}天` : '已逾期'}</Tag>;
  }
  if (obligation.dueOn === today) return <Tag color="orange">今日到期</Tag>;
  return <Tag color="blue">{`${dayjs(obligation.dueOn).diff(dayjs(today), 'day')}天后到期`}</Tag>;
}

/** Opens a record form by putting `?record=` in the address, as the dashboard's links do. */
function RecordButton({ kind }: { kind: RecordForm }) {
  const [, setOpen] = useRecordForm(kind, true);
  return (
    <Button type="link" size="small" onClick={() => setOpen(true)} data-testid={`obligation-do-${kind}`}>
      登记
    </Button>
  );
}

/**
 * 待办: what the plan requires next for this person and by when (§四(三)); overdue in red.
 * The server computes the due dates from the policy in force; this card only shows them.
 */
export function ObligationsCard({ item }: { item: CaseWithWork }) {
  const me = useMe();
  const today = beijingToday().format('YYYY-MM-DD');
  const canRecord = item.status === 'listed' && can(me, 'work.record');
  const obligations = [...item.obligations].sort((a, b) => a.dueOn.localeCompare(b.dueOn));

  const listed = item.status === 'listed';
  const action = (kind: string): ReactNode => {
    const meeting = MEETING_OF[kind];
    if (meeting) {
      return listed && can(me, 'meetings.manage') ? (
        <Link
          to={`/meetings/new?kind=${meeting}&caseId=${encodeURIComponent(item.id)}`}
          data-testid={`obligation-do-${kind}`}
        >
          召开会议
        </Link>
      ) : null;
    }
    if (!canRecord) return null;
    if (kind === 'visit') {
      return (
        <Link to={`/visits/new?caseId=${encodeURIComponent(item.id)}`} data-testid="obligation-do-visit">
          登记随访
        </Link>
      );
    }
    const form = FORM_OF[kind];
    return form ? <RecordButton kind={form} /> : null;
  };

  return (
    <Card title="待办" className="section-card" data-testid="case-obligations">
      {obligations.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无待办" />
      ) : (
        <ul className="plain-list obligation-list">
          {obligations.map((obligation) => (
            <li
              key={`${obligation.kind}:${obligation.dueOn}`}
              className="obligation-row"
              data-testid={`obligation-${obligation.kind}`}
            >
              <div className="obligation-main">
                <Typography.Text strong>
                  {OBLIGATION_KIND_LABELS[obligation.kind as ObligationKind] ?? obligation.kind}
                </Typography.Text>
                <DueState obligation={obligation} today={today} />
              </div>
              <div className="obligation-meta">
                <Typography.Text type={obligation.overdue ? 'danger' : undefined}>
                  应于 {obligation.dueOn} 前
                </Typography.Text>
                <Typography.Text type="secondary">
                  上次完成：{obligation.lastMetOn ? obligation.lastMetOn : '—'}
                </Typography.Text>
                {action(obligation.kind)}
              </div>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
