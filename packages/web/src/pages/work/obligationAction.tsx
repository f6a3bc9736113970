import { type Me, OBLIGATION_KIND_LABELS, type Obligation, type ObligationKind } from '@anxin/shared';
import { Button, Tag, Tooltip, Typography } from 'antd';
import { useNavigate } from 'react-router';
import { can } from '../../session';

/** Where an item is acted on, and what the button says. */
export interface ObligationAction {
  to: string;
  label: string;
}

type ActionItem = Pick<Obligation, 'kind' | 'caseId' | 'month'>;

/** Kinds recorded on the case page; it opens the matching form from `?record=<kind>`. */
const CASE_RECORD_LABELS: Partial<Record<ObligationKind, string>> = {
  assessment_report: '填写评估报告',
  daily_report: '填写每日报告',
  emergency_plan: '登记应急处置预案',
  responsibility_letter: '登记管控责任书',
};

/** The meeting kind that meets an obligation (POST /api/meetings with the case on the agenda). */
const MEETING_KIND_OF: Partial<Record<ObligationKind, string>> = {
  joint_meeting: 'joint',
  daily_consultation: 'daily',
  special_consultation: 'consultation',
};

const MEETING_ACTION_LABELS: Partial<Record<ObligationKind, string>> = {
  joint_meeting: '登记联席会议',
  daily_consultation: '登记每日会商',
  special_consultation: '登记专项会商',
};

/**
 * One click from an item to where it is done. The server still decides whether the user may record
 * it; a user whose role cannot open a form at all is sent to the case instead of a page they cannot use.
 */
export function obligationAction(me: Me, item: ActionItem): ObligationAction {
  const casePage = item.caseId ? `/cases/${item.caseId}` : '/cases';
  switch (item.kind) {
    case 'visit':
      return can(me, 'work.record') && item.caseId
        ? { to: `/visits/new?caseId=${item.caseId}`, label: '登记随访' }
        : { to: casePage, label: '查看案件' };
    case 'screening_report': {
      const month = item.month ? `&month=${item.month}` : '';
      return { to: `/screening?tab=return${month}`, label: '填报排查情况表' };
    }
    case 'joint_meeting':
    case 'daily_consultation':
    case 'special_consultation':
      return can(me, 'meetings.manage') && item.caseId
        ? {
            to: `/meetings/new?kind=${MEETING_KIND_OF[item.kind]}&caseId=${item.caseId}`,
            label: MEETING_ACTION_LABELS[item.kind] ?? '登记会议',
          }
        : { to: casePage, label: '查看案件' };
    case 'confirmation':
      return { to: casePage, label: '查看待确认' };
    case 'review':
      return { to: casePage, label: '查看复核' };
    default: {
      const label = CASE_RECORD_LABELS[item.kind];
      return label && can(me, 'work.record') && item.caseId
        ? { to: `${casePage}?record=${item.kind}`, label }
        : { to: casePage, label: '查看案件' };
    }
  }
}

export function ObligationActionButton({ me, item, testId }: { me: Me; item: ActionItem; testId?: string }) {
  const navigate = useNavigate();
  const action = obligationAction(me, item);
  return (
    <Button
      type="primary"
      ghost
      className="action-button"
      onClick={(event) => {
        event.stopPropagation();
        navigate(action.to);
      }}
      data-testid={testId}
    >
      {action.label}
    </Button>
  );
}

export function KindTag({ item }: { item: Pick<Obligation, 'kind' | 'sensitive'> }) {
  return (
    <>
      <Tag color="blue">{OBLIGATION_KIND_LABELS[item.kind] ?? item.kind}</Tag>
      {item.sensitive && <SensitiveTag />}
    </>
  );
}

/** Due sooner because a sensitive period tightened the interval. */
export function SensitiveTag() {
  return (
    <Tooltip title="敏感时期，按加密频次办理">
      <Tag color="volcano">敏感期</Tag>
    </Tooltip>
  );
}

/** 逾期N天 in red, 今日到期 in orange, or the due date. */
export function DueText({ item, today }: { item: Pick<Obligation, 'dueOn' | 'overdueDays'>; today?: string }) {
  if (item.overdueDays > 0) return <Typography.Text type="danger">逾期{item.overdueDays}天</Typography.Text>;
  if (today && item.dueOn === today) return <Typography.Text type="warning">今日到期</Typography.Text>;
  return <Typography.Text>{item.dueOn}前</Typography.Text>;
}

/** Who or what the item is about: the person, or the village's monthly return. */
export function subjectOf(item: Pick<Obligation, 'personName' | 'orgUnitName' | 'month' | 'kind'>): string {
  if (item.personName) return item.personName;
  if (item.kind === 'screening_report' && item.month) return `${item.orgUnitName} ${item.month}`;
  return item.orgUnitName;
}
