import { CASE_SOURCE_LABELS, type CaseSource, type CaseSummary } from '@anxin/shared';
import { Space, Tag, Tooltip } from 'antd';
import {
  CASE_STATUS_COLORS,
  caseStatusLabel,
  categoryLabel,
  categoryShortLabel,
  LEVEL_COLORS,
  levelFullLabel,
  levelLabel,
} from '../labels';

export function LevelTag({ level, testId }: { level: number | null | undefined; testId?: string }) {
  if (level === null || level === undefined) return <span className="muted">—</span>;
  return (
    <Tooltip title={levelFullLabel(level)}>
      <Tag color={LEVEL_COLORS[level]} data-testid={testId}>
        {levelLabel(level)}
      </Tag>
    </Tooltip>
  );
}

export function CaseStatusTag({ status, testId }: { status: string | null | undefined; testId?: string }) {
  return (
    <Tag color={status ? CASE_STATUS_COLORS[status] : undefined} data-testid={testId}>
      {caseStatusLabel(status)}
    </Tag>
  );
}

export function SourceTag({ source }: { source: CaseSource }) {
  return <Tag>{CASE_SOURCE_LABELS[source] ?? source}</Tag>;
}

/** 待确认 for an emergency listing, red once its confirmation date has passed. */
export function ConfirmationTag({
  item,
}: {
  item: Pick<CaseSummary, 'awaitingConfirmation' | 'confirmationDueOn' | 'confirmationOverdue'>;
}) {
  if (!item.awaitingConfirmation) return null;
  const due = item.confirmationDueOn ? `，应于 ${item.confirmationDueOn} 前确认` : '';
  return (
    <Tooltip title={`紧急列管待研判会确认${due}`}>
      <Tag color={item.confirmationOverdue ? 'red' : 'purple'}>{item.confirmationOverdue ? '确认逾期' : '待确认'}</Tag>
    </Tooltip>
  );
}

/** 情形一、情形三 …, each with the plan's wording on hover. */
export function CategoryTags({ categories }: { categories: readonly string[] }) {
  if (categories.length === 0) return <span className="muted">—</span>;
  return (
    <Space size={[0, 4]} wrap>
      {categories.map((category) => (
        <Tooltip key={category} title={categoryLabel(category)}>
          <Tag>{categoryShortLabel(category)}</Tag>
        </Tooltip>
      ))}
    </Space>
  );
}
