import { type Dashboard, OBLIGATION_KIND_LABELS, OBLIGATION_KINDS, type ObligationKind } from '@anxin/shared';
import { Card, Empty, Grid, Statistic, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { AlertOverviewCard } from '../alerts/AlertOverviewCard';

type Overview = NonNullable<Dashboard['overview']>;
type Caseload = Overview['caseload'][number];

interface VillageRow {
  orgUnitId: string;
  orgUnitName: string;
  counts: Partial<Record<ObligationKind, number>>;
  total: number;
}

/** The peace office's view of its jurisdiction: what is overdue where, screening, confirmations, who carries what. */
export function DashboardOverview({ overview }: { overview: Overview }) {
  return (
    <>
      <Typography.Title level={5} className="work-section-title">
        辖区概况
      </Typography.Title>
      <AlertOverviewCard alerts={overview.alerts} />
      <OverdueByVillage rows={overview.overdueByVillage} />
      <div className="work-grid work-grid-2">
        <ScreeningCard screening={overview.screening} />
        <AwaitingConfirmationCard items={overview.awaitingConfirmation} />
      </div>
      <CaseloadCard rows={overview.caseload} />
    </>
  );
}

const overdueLink = (orgUnitId: string, kind?: ObligationKind) =>
  `/work/obligations?scope=all&status=overdue&orgUnitId=${orgUnitId}${kind ? `&kind=${kind}` : ''}`;

function OverdueByVillage({ rows }: { rows: Overview['overdueByVillage'] }) {
  const byVillage = new Map<string, VillageRow>();
  for (const row of rows) {
    let village = byVillage.get(row.orgUnitId);
    if (!village) {
      village = { orgUnitId: row.orgUnitId, orgUnitName: row.orgUnitName, counts: {}, total: 0 };
      byVillage.set(row.orgUnitId, village);
    }
    village.counts[row.kind] = (village.counts[row.kind] ?? 0) + row.count;
    village.total += row.count;
  }
  const villages = [...byVillage.values()].sort((a, b) => b.total - a.total);
  const screens = Grid.useBreakpoint();
  // Only the kinds that are overdue somewhere, in the plan's order.
  const kinds = OBLIGATION_KINDS.filter((kind) => rows.some((row) => row.kind === kind && row.count > 0));
  const columns: TableColumnsType<VillageRow> = [
    { title: '村（社区）', dataIndex: 'orgUnitName', fixed: 'start', width: 110 },
    ...kinds.map((kind) => ({
      title: OBLIGATION_KIND_LABELS[kind],
      key: kind,
      width: 90,
      align: 'end' as const,
      render: (_: unknown, village: VillageRow) => {
        const count = village.counts[kind];
        return count ? (
          <Link to={overdueLink(village.orgUnitId, kind)} className="danger-link" data-testid={`overdue-count-${kind}`}>
            {count}
          </Link>
        ) : (
          <span className="muted">—</span>
        );
      },
    })),
    {
      title: '合计',
      dataIndex: 'total',
      width: 70,
      align: 'end',
      render: (total: number, village) => <Link to={overdueLink(village.orgUnitId)}>{total}</Link>,
    },
  ];
  return (
    <Card title="逾期事项（按村、按类）" size="small" className="section-card" data-testid="overview-overdue">
      {villages.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="辖区内暂无逾期事项" />
      ) : !screens.md ? (
        // On a phone a village × kind grid does not fit: one line per village, its kinds as links.
        <ul className="work-items">
          {villages.map((village) => (
            <li key={village.orgUnitId} className="work-item village-overdue" data-testid="overdue-village">
              <Link to={overdueLink(village.orgUnitId)}>
                {village.orgUnitName} <span className="danger-link">{village.total}</span>
              </Link>
              <span className="kind-counts">
                {kinds
                  .filter((kind) => village.counts[kind])
                  .map((kind) => (
                    <Link key={kind} to={overdueLink(village.orgUnitId, kind)} data-testid={`overdue-count-${kind}`}>
                      <Tag color="red">
                        {OBLIGATION_KIND_LABELS[kind]} {village.counts[kind]}
                      </Tag>
                    </Link>
                  ))}
              </span>
            </li>
          ))}
        </ul>
      ) : (
        <Table<VillageRow>
          rowKey="orgUnitId"
          size="small"
          columns={columns}
          dataSource={villages}
          pagination={false}
          scroll={{ x: 'max-content' }}
        />
      )}
    </Card>
  );
}

function ScreeningCard({ screening }: { screening: Overview['screening'] }) {
  const link = `/screening?tab=compliance&month=${screening.month}`;
  return (
    <Card
      title={`${screening.month.replace('-', '年')}月排查上报`}
      size="small"
      extra={<Link to={link}>查看</Link>}
      data-testid="overview-screening"
    >
      <div className="screening-counts">
        <Statistic title="按时" value={screening.onTime} />
        <Statistic title="逾期上报" value={screening.late} />
        <Statistic title="草稿" value={screening.draft} />
        <Statistic
          title="未报"
          value={screening.missing}
          styles={screening.missing > 0 ? { content: { color: '#cf1322' } } : undefined}
        />
      </div>
    </Card>
  );
}

function AwaitingConfirmationCard({ items }: { items: Overview['awaitingConfirmation'] }) {
  return (
    <Card
      title="紧急列管待确认"
      size="small"
      extra={<Link to="/cases?awaitingConfirmation=true">全部</Link>}
      data-testid="overview-confirmation"
    >
      {items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="没有待确认的紧急列管" />
      ) : (
        <ul className="plain-list overdue-list">
          {items.map((item) => (
            <li key={item.caseId}>
              <Link to={`/cases/${item.caseId}`}>{item.personName}</Link>
              <Typography.Text type={item.overdue ? 'danger' : 'secondary'}>
                {item.overdue ? '已逾期，' : ''}
                {item.confirmationDueOn ? `应于 ${item.confirmationDueOn} 前确认` : '待确认'}
              </Typography.Text>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

// Narrow enough for a phone: the unit goes under the name.
const caseloadColumns: TableColumnsType<Caseload> = [
  {
    title: '成员',
    dataIndex: 'displayName',
    render: (name: string, row) => (
      <span className="subject-cell">
        <span>{name}</span>
        <Typography.Text type="secondary">{row.orgUnitName}</Typography.Text>
      </span>
    ),
  },
  { title: '包案', dataIndex: 'cases', width: 60, align: 'end' },
  { title: '本周到期', dataIndex: 'dueThisWeek', width: 80, align: 'end' },
  {
    title: '逾期',
    dataIndex: 'overdue',
    width: 60,
    align: 'end',
    render: (count: number) => (count > 0 ? <Typography.Text type="danger">{count}</Typography.Text> : count),
  },
];

function CaseloadCard({ rows }: { rows: Caseload[] }) {
  return (
    <Card title="本周小组成员工作量" size="small" className="section-card" data-testid="overview-caseload">
      <Table<Caseload>
        rowKey="userId"
        size="small"
        columns={caseloadColumns}
        dataSource={rows}
        pagination={rows.length > 20 ? { pageSize: 20, size: 'small' } : false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: '尚无服务管理小组成员' }}
      />
    </Card>
  );
}
