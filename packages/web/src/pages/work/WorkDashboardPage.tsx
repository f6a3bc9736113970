import { RightOutlined } from '@ant-design/icons';
import { type Dashboard, type Me, OBLIGATION_KIND_LABELS, type Obligation, type ObligationKind } from '@anxin/shared';
import { useQuery } from '@tanstack/react-query';
import { Card, Empty, Spin, Statistic, Tag, Typography } from 'antd';
import { Link, useNavigate } from 'react-router';
import { LevelTag } from '../../components/CaseTags';
import { QueryError } from '../../components/QueryError';
import { useMe } from '../../session';
import { dayjs } from '../../time';
import { workApi, workKeys } from '../../workApi';
import '../../work.css';
import { DashboardOverview } from './DashboardOverview';
import { DueText, ObligationActionButton, SensitiveTag, subjectOf } from './obligationAction';
import { RectificationsCard } from './RectificationsCard';

type KindCount = Dashboard['mine']['overdue'][number];

/** 工作台: my overdue, today's and this week's items, each one click from being done; the town's overview below. */
export function WorkDashboardPage() {
  const me = useMe();
  const query = useQuery({ queryKey: workKeys.dashboard, queryFn: ({ signal }) => workApi.dashboard(signal) });

  return (
    <div>
      <div className="page-heading">
        <Typography.Title level={4}>工作台</Typography.Title>
        <Link to="/work/obligations?scope=mine" data-testid="dashboard-all-obligations">
          全部待办 <RightOutlined />
        </Link>
      </div>
      {query.error ? (
        <QueryError error={query.error} onRetry={() => query.refetch()} />
      ) : !query.data ? (
        <Spin className="page-spin" />
      ) : (
        <>
          <MineSection me={me} dashboard={query.data} />
          {me.roles.includes('village_cadre') && <RectificationsCard />}
          {query.data.overview && <DashboardOverview overview={query.data.overview} />}
        </>
      )}
    </div>
  );
}

function MineSection({ me, dashboard }: { me: Me; dashboard: Dashboard }) {
  const { mine, today } = dashboard;
  const weekEnd = dayjs(today).add(7, 'day').format('YYYY-MM-DD');
  return (
    <>
      <div className="work-grid work-grid-3">
        <StatCard
          title="已逾期"
          tone="overdue"
          counts={mine.overdue}
          to="/work/obligations?scope=mine&status=overdue"
          testId="dashboard-overdue"
        />
        <StatCard
          title="今日到期"
          tone="today"
          counts={mine.today}
          to={`/work/obligations?scope=mine&status=due&dueBy=${today}`}
          testId="dashboard-today"
        />
        <StatCard
          title="本周到期"
          tone="week"
          counts={mine.week}
          to={`/work/obligations?scope=mine&status=due&dueBy=${weekEnd}`}
          testId="dashboard-week"
        />
      </div>
      <Card title="我的待办" className="section-card" data-testid="dashboard-mine">
        {mine.items.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="近期没有需要您办理的事项" />
        ) : (
          groupByKind(mine.items).map(([kind, items]) => (
            <section key={kind} className="work-group" data-testid={`dashboard-group-${kind}`}>
              <div className="work-group-title">
                <Typography.Text strong>{OBLIGATION_KIND_LABELS[kind] ?? kind}</Typography.Text>
                <Tag>{items.length}</Tag>
              </div>
              <ul className="work-items">
                {items.map((item) => (
                  <WorkItem key={item.id} me={me} item={item} today={today} />
                ))}
              </ul>
            </section>
          ))
        )}
      </Card>
    </>
  );
}

function StatCard({
  title,
  tone,
  counts,
  to,
  testId,
}: {
  title: string;
  tone: 'overdue' | 'today' | 'week';
  counts: KindCount[];
  to: string;
  testId: string;
}) {
  const navigate = useNavigate();
  const total = counts.reduce((sum, entry) => sum + entry.count, 0);
  return (
    <Card
      size="small"
      hoverable
      className={`stat-card stat-${tone}`}
      onClick={() => navigate(to)}
      data-testid={testId}
      role="link"
    >
      <Statistic title={title} value={total} suffix="项" />
      <div className="kind-counts">
        {counts
          .filter((entry) => entry.count > 0)
          .map((entry) => (
            <Tag key={entry.kind}>
              {OBLIGATION_KIND_LABELS[entry.kind] ?? entry.kind} {entry.count}
            </Tag>
          ))}
      </div>
    </Card>
  );
}

/** One item: who, where, by when, and the button that does it. */
export function WorkItem({ me, item, today }: { me: Me; item: Obligation; today: string }) {
  return (
    <li className="work-item" data-testid="work-item">
      <div className="work-item-main">
        <span>
          {item.caseId && item.personName ? (
            <Link to={`/cases/${item.caseId}`}>{item.personName}</Link>
          ) : (
            <Typography.Text>{subjectOf(item)}</Typography.Text>
          )}{' '}
          {item.level !== null && <LevelTag level={item.level} />}
          {item.sensitive && <SensitiveTag />}
        </span>
        <Typography.Text type="secondary">
          {item.orgUnitName}
          {item.lastMetOn ? ` · 上次 ${item.lastMetOn}` : ''}
        </Typography.Text>
      </div>
      <div className="work-item-side">
        <DueText item={item} today={today} />
        <ObligationActionButton me={me} item={item} testId="work-item-action" />
      </div>
    </li>
  );
}

/** Groups in the order of their most urgent item, since the server sends the most urgent first. */
function groupByKind(items: readonly Obligation[]): [ObligationKind, Obligation[]][] {
  const groups = new Map<ObligationKind, Obligation[]>();
  for (const item of items) {
    const list = groups.get(item.kind);
    if (list) list.push(item);
    else groups.set(item.kind, [item]);
  }
  return [...groups];
}
