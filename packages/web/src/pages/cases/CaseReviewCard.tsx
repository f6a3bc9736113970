import { BorderOutlined } from '@ant-design/icons';
import { type CaseDetail, DELIST_REASON_LABELS, DELIST_REASONS } from '@anxin/shared';
import { Card, Descriptions, Space, Tag, Typography } from 'antd';
import { DueDate } from './CaseListTab';

const OBLIGATION_LABELS: Record<string, string> = {
  review: '定期复核',
  confirmation: '紧急列管确认',
};

/**
 * 复核: when the case is next reviewed and what is due, with the plan's delisting criteria
 * (§四(二)4) as the checklist the team goes through at each review.
 */
export function CaseReviewCard({ item }: { item: CaseDetail }) {
  return (
    <Card title="复核" className="section-card" data-testid="case-review">
      <Descriptions
        size="small"
        column={1}
        items={[
          { key: 'next', label: '下次复核日期', children: <DueDate date={item.nextReviewOn} /> },
          {
            key: 'obligations',
            label: '待办',
            children:
              item.obligations.length === 0 ? (
                <span className="muted">无</span>
              ) : (
                <Space wrap>
                  {item.obligations.map((obligation) => (
                    <Tag key={`${obligation.kind}:${obligation.dueOn}`} color={obligation.overdue ? 'red' : 'blue'}>
                      {OBLIGATION_LABELS[obligation.kind] ?? obligation.kind} {obligation.dueOn}
                      {obligation.overdue ? ' 已逾期' : ''}
                    </Tag>
                  ))}
                </Space>
              ),
          },
        ]}
      />
      <Typography.Paragraph className="subsection-title">
        <Typography.Text strong>撤销列管情形</Typography.Text>
        <Typography.Text type="secondary">
          （复核时逐项对照：符合的，提出撤销列管呈报；仍有风险的，由研判会作出“复核后继续列管”决定）
        </Typography.Text>
      </Typography.Paragraph>
      {/* Read-only: ticking happens in the team's discussion; a delisting proposal names the reason. */}
      <ul className="plain-list readonly-checklist" data-testid="delist-criteria">
        {DELIST_REASONS.map((reason) => (
          <li key={reason}>
            <BorderOutlined className="muted" /> {DELIST_REASON_LABELS[reason]}
          </li>
        ))}
      </ul>
    </Card>
  );
}
