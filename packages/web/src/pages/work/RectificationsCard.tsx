import { useQuery } from '@tanstack/react-query';
import { Card, Empty, Tag, Typography } from 'antd';
import { QueryError } from '../../components/QueryError';
import { oversightApi, oversightKeys } from '../../oversightApi';
import { RectificationActions, RectificationStatusTag } from '../oversight/RectificationActions';
import '../oversight/oversight.css';

const OPEN = { page: 1, pageSize: 20, status: 'open' } as const;

/** 整改事项 on a village cadre's 工作台: the open items of inspections of their village, each a tap from done. */
export function RectificationsCard() {
  const query = useQuery({
    queryKey: oversightKeys.rectifications(OPEN),
    queryFn: ({ signal }) => oversightApi.rectifications(OPEN, signal),
  });
  const total = query.data?.total ?? 0;
  return (
    <Card
      title={<span>整改事项 {total > 0 && <Tag color="blue">{total}</Tag>}</span>}
      className="section-card"
      loading={query.isPending}
      data-testid="dashboard-rectifications"
    >
      {query.error ? (
        <QueryError error={query.error} onRetry={() => query.refetch()} />
      ) : !query.data || query.data.items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="没有待整改的事项" />
      ) : (
        <ul className="work-items">
          {query.data.items.map((item) => (
            <li key={item.id} className="rectification-card-item" data-testid="rectification-item">
              <div className="rectification-card-main">
                <Typography.Text strong className="oversight-text">
                  {item.description}
                </Typography.Text>
                <Typography.Text type="secondary">
                  {item.inspectedOn} 督导检查{item.personName ? `（${item.personName}服务管理小组）` : ''} · 期限{' '}
                  {item.dueOn}
                </Typography.Text>
              </div>
              <span className="oversight-counts">
                <RectificationStatusTag item={item} />
                <RectificationActions item={item} />
              </span>
            </li>
          ))}
        </ul>
      )}
      {total > OPEN.pageSize && (
        <Typography.Text type="secondary">另有 {total - OPEN.pageSize} 项，请先办理最紧急的事项。</Typography.Text>
      )}
    </Card>
  );
}
