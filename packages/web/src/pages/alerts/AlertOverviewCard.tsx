import type { AlertOverview } from '@anxin/shared';
import { Card, Empty, Statistic, Typography } from 'antd';
import { Link } from 'react-router';
import { formatDateTime } from '../../time';
import '../../work.css';
import './alerts.css';
import { AlertStatusTag, TimerTags } from './AlertTags';

/** 工作台 › 警情: open alerts of the jurisdiction, how many are past each time limit, the oldest first. */
export function AlertOverviewCard({ alerts }: { alerts: AlertOverview }) {
  const red = (count: number) => (count > 0 ? { content: { color: '#cf1322' } } : undefined);
  return (
    <Card
      title="警情处置"
      size="small"
      className="section-card"
      extra={<Link to="/alerts">全部</Link>}
      data-testid="overview-alerts"
    >
      <div className="screening-counts alert-counts">
        <Statistic title="未处置" value={alerts.open} data-testid="overview-alerts-open" />
        <Statistic
          title="出警超时"
          value={alerts.policeResponseOverdue}
          styles={red(alerts.policeResponseOverdue)}
          data-testid="overview-alerts-police-overdue"
        />
        <Statistic
          title="通报超时"
          value={alerts.teamNotifiedOverdue}
          styles={red(alerts.teamNotifiedOverdue)}
          data-testid="overview-alerts-team-overdue"
        />
      </div>
      {alerts.items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="辖区内没有未处置的警情" />
      ) : (
        <ul className="work-items">
          {alerts.items.map((item) => (
            <li key={item.id} className="work-item alert-item">
              <Link to={`/alerts/${item.id}`} className="work-item-main">
                <span>
                  <Typography.Text strong>{item.personName}</Typography.Text>{' '}
                  <Typography.Text type="secondary">{formatDateTime(item.occurredAt).slice(0, 16)}</Typography.Text>
                </span>
              </Link>
              <div className="alert-item-tags">
                <AlertStatusTag status={item.status} />
                <TimerTags timers={item.timers} />
              </div>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
