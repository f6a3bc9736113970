import { AlertOutlined } from '@ant-design/icons';
import type { CaseDetail } from '@anxin/shared';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Empty, Space, Typography } from 'antd';
import { Link, useNavigate } from 'react-router';
import { alertKeys, alertsApi } from '../../alertsApi';
import { QueryError } from '../../components/QueryError';
import { can, useMe } from '../../session';
import { formatDateTime } from '../../time';
import '../../work.css';
import './alerts.css';
import { AlertStatusTag, TimerTags } from './AlertTags';

/**
 * 警情 on a case's page: its alerts with their timers, the level-review flag an alert set (a
 * special consultation is due until a meeting takes the case up), and 报告警情.
 */
export function CaseAlertsCard({ item }: { item: CaseDetail }) {
  const me = useMe();
  const navigate = useNavigate();
  const params = { page: 1, pageSize: 5, caseId: item.id };
  const query = useQuery({
    queryKey: alertKeys.list(params),
    queryFn: ({ signal }) => alertsApi.list(params, signal),
  });
  const open = item.status === 'listed' || item.status === 'proposed';
  const canReport = can(me, 'alerts.report') && open;
  const items = query.data?.items ?? [];
  if (!canReport && !item.levelReviewSince && query.data && items.length === 0) return null;

  return (
    <Card
      size="small"
      className="section-card"
      title="警情"
      data-testid="case-alerts"
      extra={
        <Space>
          {(query.data?.total ?? 0) > items.length && <Link to={`/alerts?caseId=${item.id}&status=all`}>全部</Link>}
          {canReport && (
            <Button
              danger
              size="small"
              icon={<AlertOutlined />}
              onClick={() => navigate(`/alerts/new?caseId=${item.id}`)}
              data-testid="case-report-alert"
            >
              报告警情
            </Button>
          )}
        </Space>
      }
    >
      {item.levelReviewSince && (
        <Alert
          type="warning"
          showIcon
          className="form-alert"
          data-testid="case-level-review"
          title={`${item.levelReviewSince} 起因警情待专项会商研判`}
          description="请召开专项会商（或联席会议、专班会议、研判会）将其列入议程，研判是否调整列管级别。"
        />
      )}
      {query.error ? (
        <QueryError error={query.error} onRetry={() => query.refetch()} />
      ) : items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无警情" />
      ) : (
        <ul className="work-items">
          {items.map((alert) => (
            <li key={alert.id} className="work-item alert-item">
              <Link to={`/alerts/${alert.id}`} className="work-item-main">
                <Typography.Text type="secondary">{formatDateTime(alert.occurredAt).slice(0, 16)}</Typography.Text>
                <Typography.Text ellipsis className="alert-description">
                  {alert.description}
                </Typography.Text>
              </Link>
              <div className="alert-item-tags">
                <AlertStatusTag status={alert.status} />
                {alert.status !== 'disposed' && <TimerTags timers={alert.timers} />}
              </div>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
