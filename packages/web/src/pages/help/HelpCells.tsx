import { Tag, Typography } from 'antd';
import type { HelpItem, HelpKind } from './helpKinds';

export function HelpStatusTag({ kind, status }: { kind: HelpKind; status: string }) {
  return (
    <Tag color={kind.statusColors[status]} data-testid="help-status">
      {kind.statusLabels[status] ?? status}
    </Tag>
  );
}

export function HelpTypeTag({ kind, type }: { kind: HelpKind; type: string }) {
  return <Tag>{kind.typeLabels[type] ?? type}</Tag>;
}

/** The deadline, red with the days once an open item is past it; the closing date once closed. */
export function HelpDueCell({ kind, item }: { kind: HelpKind; item: HelpItem }) {
  const closedOn = kind.closedOn(item);
  return (
    <span className="due-cell">
      <span>{item.dueOn ?? <span className="muted">未设期限</span>}</span>
      {item.overdue && (
        <Typography.Text type="danger" strong data-testid="help-overdue">
          超期{item.overdueDays}天
        </Typography.Text>
      )}
      {closedOn && (
        <span className="muted">
          {kind.closedLabel}：{closedOn}
        </span>
      )}
    </span>
  );
}

/** Long free text in a table cell: a few lines, expandable. */
export function LongText({ text, rows = 2 }: { text: string | null; rows?: number }) {
  if (!text) return <span className="muted">—</span>;
  return (
    <Typography.Paragraph className="cell-text pre-wrap" ellipsis={{ rows, expandable: true, symbol: '展开' }}>
      {text}
    </Typography.Paragraph>
  );
}
