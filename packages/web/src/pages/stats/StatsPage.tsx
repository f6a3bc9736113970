import { DownloadOutlined, FileExcelOutlined, FileWordOutlined } from '@ant-design/icons';
import { type Me, type OrgUnit, STATS_SCREENING_STATUS_LABELS, type StatsSummary } from '@anxin/shared';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Card, Empty, Grid, Spin, Statistic, Tag, TreeSelect, Typography } from 'antd';
import { useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { QueryError } from '../../components/QueryError';
import { buildOrgTree, type OrgTreeNode, useOrgUnits } from '../../orgUnits';
import { useMe } from '../../session';
import { statsApi, statsKeys } from '../../statsApi';
import { MonthPicker, useMonthParam } from '../screening/month';
import {
  categoryOption,
  complianceOption,
  levelOption,
  overdueOption,
  overdueRows,
  servicesOption,
  serviceTypes,
  trendOption,
  villageOption,
} from './chartOptions';
import { EChart } from './EChart';
import './stats.css';

/** Units with statistics of their own: the residential tree, not departments. */
const COUNTED_KINDS: readonly string[] = ['municipality', 'district', 'town', 'village', 'community'];

interface TreeOption {
  value: string;
  title: string;
  children?: TreeOption[];
}

const toTreeOptions = (nodes: OrgTreeNode[]): TreeOption[] =>
  nodes.map((node) => ({
    value: node.unit.id,
    title: node.unit.name,
    children: node.children ? toTreeOptions(node.children) : undefined,
  }));

/**
 * The units the caller may count: their jurisdiction (a department's town, a cadre's village)
 * and what lies under it. /api/org-units also names the ancestors, which are left out here.
 */
function scopeTree(me: Me, units: readonly OrgUnit[]): TreeOption[] {
  const byId = new Map(units.map((unit) => [unit.id, unit]));
  const own = byId.get(me.orgUnitId);
  const rootId = own?.kind === 'department' ? own.parentId : own?.id;
  const inside = (unit: OrgUnit) => {
    for (let at: OrgUnit | undefined = unit; at; at = at.parentId ? byId.get(at.parentId) : undefined) {
      if (at.id === rootId) return true;
    }
    return false;
  };
  return toTreeOptions(buildOrgTree(units.filter((unit) => COUNTED_KINDS.includes(unit.kind) && inside(unit))));
}

const monthWords = (month: string) => {
  const [year, m] = month.split('-');
  return `${year}年${Number(m)}月`;
};

/** 统计报表: a unit's numbers for a month in charts, with the Excel export and the monthly report to the district. */
export function StatsPage() {
  const me = useMe();
  const [month, setMonth] = useMonthParam();
  const [params, setParams] = useSearchParams();
  const orgUnitId = params.get('orgUnitId') ?? undefined;
  const { data: units = [], isLoading: unitsLoading } = useOrgUnits();
  const tree = useMemo(() => scopeTree(me, units), [me, units]);
  const query = useQuery({
    queryKey: statsKeys.summary({ orgUnitId, month }),
    queryFn: ({ signal }) => statsApi.summary({ orgUnitId, month }, signal),
    placeholderData: keepPreviousData,
  });
  const summary = query.data;
  const target = { orgUnitId: summary?.orgUnit.id ?? orgUnitId, month };

  const chooseUnit = (id: string | undefined) =>
    setParams(
      (prev) => {
        const copy = new URLSearchParams(prev);
        if (id) copy.set('orgUnitId', id);
        else copy.delete('orgUnitId');
        return copy;
      },
      { replace: true },
    );

  return (
    <div className="stats-page">
      <div className="page-heading">
        <Typography.Title level={4}>统计报表</Typography.Title>
      </div>
      <div className="stats-toolbar">
        <TreeSelect
          className="stats-unit"
          value={summary?.orgUnit.id ?? orgUnitId}
          onChange={(value: string) => chooseUnit(value)}
          treeData={tree}
          treeDefaultExpandAll
          loading={unitsLoading}
          showSearch={{ treeNodeFilterProp: 'title' }}
          placeholder="统计范围"
          popupMatchSelectWidth={false}
          data-testid="stats-unit"
        />
        <MonthPicker value={month} onChange={setMonth} testId="stats-month" />
        <div className="stats-downloads">
          <Button
            href={statsApi.exportUrl(target)}
            download
            icon={<DownloadOutlined />}
            disabled={!summary}
            data-testid="stats-export"
          >
            导出统计表
          </Button>
          <Button
            href={statsApi.reportUrl(target, 'docx')}
            download
            icon={<FileWordOutlined />}
            disabled={!summary}
            data-testid="stats-report-docx"
          >
            月报（Word）
          </Button>
          <Button
            href={statsApi.reportUrl(target, 'xlsx')}
            download
            icon={<FileExcelOutlined />}
            disabled={!summary}
            data-testid="stats-report-xlsx"
          >
            月报（Excel）
          </Button>
        </div>
      </div>
      {query.error ? (
        <QueryError error={query.error} onRetry={() => query.refetch()} />
      ) : !summary ? (
        <Spin className="page-spin" />
      ) : (
        <StatsBody summary={summary} />
      )}
    </div>
  );
}

function StatsBody({ summary }: { summary: StatsSummary }) {
  const screens = Grid.useBreakpoint();
  const narrow = !screens.sm;
  const options = useMemo(
    () => ({
      level: levelOption(summary),
      category: categoryOption(summary),
      village: villageOption(summary, narrow),
      trend: trendOption(summary),
      overdue: overdueOption(summary),
      compliance: complianceOption(summary),
      services: servicesOption(summary, narrow),
    }),
    [summary, narrow],
  );
  const overdueTotal = summary.overdueByKind.reduce((sum, row) => sum + row.count, 0);
  const meetings = summary.work.meetings.reduce((sum, row) => sum + row.count, 0);
  const openGrievances = summary.grievances.byStatus
    .filter((row) => row.status === 'open' || row.status === 'in_progress')
    .reduce((sum, row) => sum + row.count, 0);

  return (
    <>
      <Typography.Paragraph type="secondary" className="stats-note" data-testid="stats-note">
        {summary.orgUnit.name} · {monthWords(summary.month)}：在册人数截至 {summary.asOf}
        ；逾期待办、未处置警情截至今日（
        {summary.today}）。人员按户籍地（或指定管辖的镇）统计，居住在本辖区、户籍在外的人员列为“协助管理”。
      </Typography.Paragraph>
      <div className="stats-kpis">
        <Kpi title="在册列管" value={summary.byLevel.total} suffix="人" testId="stats-kpi-listed" />
        <Kpi title="本月新增列管" value={summary.changes.listed} suffix="人" testId="stats-kpi-new" />
        <Kpi title="本月撤销列管" value={summary.changes.delisted} suffix="人" testId="stats-kpi-delisted" />
        <Kpi title="逾期待办" value={overdueTotal} suffix="项" danger={overdueTotal > 0} testId="stats-kpi-overdue" />
        <Kpi
          title="未处置警情"
          value={summary.alerts.open}
          suffix="起"
          danger={summary.alerts.open > 0}
          testId="stats-kpi-alerts"
        />
        <Kpi title="协助管理" value={summary.assisted.total} suffix="人" testId="stats-kpi-assisted" />
      </div>
      <div className="stats-grid">
        <ChartCard title="在册人员（按级别）" option={options.level} testId="stats-chart-level" />
        <ChartCard title="在册人员（按排查情形）" option={options.category} testId="stats-chart-category" />
        <ChartCard title="在册人员（按村、社区）" option={options.village} testId="stats-chart-village" wide />
        <ChartCard title="近12个月新增与撤销列管" option={options.trend} testId="stats-chart-trend" wide />
        {overdueRows(summary).length > 0 ? (
          <ChartCard title="逾期待办（按事项）" option={options.overdue} testId="stats-chart-overdue" />
        ) : (
          <Card title="逾期待办（按事项）" className="stats-card" size="small">
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="没有逾期的待办" />
          </Card>
        )}
        <Card title={`排查上报（${monthWords(summary.month)}）`} className="stats-card" size="small">
          <EChart option={options.compliance} label="排查上报情况" testId="stats-chart-compliance" />
          <div className="stats-tags">
            {summary.screening.units.map((unit) => (
              <Tag key={unit.orgUnitId} color={STATUS_COLORS[unit.status]}>
                {unit.name}：{STATS_SCREENING_STATUS_LABELS[unit.status]}
              </Tag>
            ))}
          </div>
        </Card>
        {serviceTypes(summary).length > 0 ? (
          <ChartCard title="帮扶服务（按类型、状态）" option={options.services} testId="stats-chart-services" wide />
        ) : (
          <Card title="帮扶服务（按类型、状态）" className="stats-card stats-wide" size="small">
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="尚无帮扶服务" />
          </Card>
        )}
        <Card
          title={`工作落实（${monthWords(summary.month)}）`}
          className="stats-card"
          size="small"
          data-testid="stats-work"
        >
          <dl className="stats-list">
            <dt>随访</dt>
            <dd>{summary.work.visits} 次</dd>
            <dt>会议</dt>
            <dd>{meetings} 次</dd>
            <dt>评估报告</dt>
            <dd>{summary.work.assessmentReports} 份</dd>
            <dt>每日报告</dt>
            <dd>{summary.work.dailyReports} 份</dd>
            <dt>变更级别</dt>
            <dd>{summary.changes.levelChanged} 人次</dd>
          </dl>
        </Card>
        <Card title="矛盾化解与警情" className="stats-card" size="small" data-testid="stats-help">
          <dl className="stats-list">
            <dt>本月新受理矛盾诉求</dt>
            <dd>{summary.grievances.openedInMonth} 件</dd>
            <dt>本月化解</dt>
            <dd>{summary.grievances.resolvedInMonth} 件</dd>
            <dt>在办 / 超期未化解</dt>
            <dd>
              {openGrievances} / {summary.grievances.overdue} 件
            </dd>
            <dt>本月警情 / 已处置</dt>
            <dd>
              {summary.alerts.inMonth} / {summary.alerts.disposedInMonth} 起
            </dd>
          </dl>
        </Card>
      </div>
    </>
  );
}

const STATUS_COLORS: Record<string, string> = { on_time: 'green', late: 'orange', draft: 'blue', missing: 'red' };

function Kpi({
  title,
  value,
  suffix,
  danger,
  testId,
}: {
  title: string;
  value: number;
  suffix: string;
  danger?: boolean;
  testId: string;
}) {
  return (
    <Card size="small" className={danger ? 'stats-kpi stats-kpi-danger' : 'stats-kpi'} data-testid={testId}>
      <Statistic title={title} value={value} suffix={suffix} />
    </Card>
  );
}

function ChartCard({
  title,
  option,
  testId,
  wide,
}: {
  title: string;
  option: Parameters<typeof EChart>[0]['option'];
  testId: string;
  wide?: boolean;
}) {
  return (
    <Card title={title} className={wide ? 'stats-card stats-wide' : 'stats-card'} size="small">
      <EChart option={option} label={title} testId={testId} />
    </Card>
  );
}
