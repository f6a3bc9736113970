import { PlusOutlined } from '@ant-design/icons';
import { WATCH_SHIFT_LABELS } from '@anxin/shared';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Table, type TableColumnsType, Tabs, Typography } from 'antd';
import type { ReactNode } from 'react';
import { QueryError } from '../../../components/QueryError';
import { can, useMe } from '../../../session';
import {
  caseWorkKey,
  type DailyReport,
  type EmergencyPlan,
  POLICY_QUERY_KEY,
  teamApi,
  type WatchLog,
} from '../../../teamApi';
import { DailyReportModal, EmergencyPlanModal, WatchLogModal } from './LevelOneForms';
import { type CaseWithWork, useRecordForm } from './recordForm';

const longText = (text: string) => (
  <Typography.Paragraph className="cell-text pre-wrap" ellipsis={{ rows: 3, expandable: true, symbol: '展开' }}>
    {text}
  </Typography.Paragraph>
);

const dailyColumns: TableColumnsType<DailyReport> = [
  { title: '报告日期', dataIndex: 'reportedOn', width: 110 },
  { title: '工作情况', dataIndex: 'content', width: 420, render: longText },
  { title: '报告人', dataIndex: 'authorName', width: 90 },
];

const watchColumns: TableColumnsType<WatchLog> = [
  { title: '值守日期', dataIndex: 'dutyOn', width: 110 },
  { title: '班次', dataIndex: 'shift', width: 70, render: (shift: WatchLog['shift']) => WATCH_SHIFT_LABELS[shift] },
  {
    title: '值守人员',
    dataIndex: 'onDuty',
    width: 160,
    render: (people: WatchLog['onDuty']) => people.map((person) => person.displayName).join('、'),
  },
  { title: '值守履职情况', dataIndex: 'notes', width: 380, render: longText },
];

const planColumns: TableColumnsType<EmergencyPlan> = [
  { title: '制定日期', dataIndex: 'adoptedOn', width: 110 },
  { title: '预案要点', dataIndex: 'summary', width: 480, render: longText },
];

function RecordList<T extends { id: string }>({
  caseId,
  part,
  load,
  columns,
  empty,
  action,
}: {
  caseId: string;
  part: string;
  load: (caseId: string, signal?: AbortSignal) => Promise<{ items: T[] }>;
  columns: TableColumnsType<T>;
  empty: string;
  action: ReactNode;
}) {
  const query = useQuery({ queryKey: caseWorkKey(caseId, part), queryFn: ({ signal }) => load(caseId, signal) });
  return (
    <>
      {action && <div className="record-actions">{action}</div>}
      {query.error ? (
        <QueryError error={query.error} onRetry={() => query.refetch()} />
      ) : (
        <Table<T>
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={query.data?.items ?? []}
          loading={query.isLoading}
          pagination={{ pageSize: 10, hideOnSinglePage: true }}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: empty }}
        />
      )}
    </>
  );
}

/** "须在列管后3日内": the policy's days, and the due date when the obligation is open. */
function EmergencyPlanNotice({ item }: { item: CaseWithWork }) {
  const plans = useQuery({
    queryKey: caseWorkKey(item.id, 'emergency-plans'),
    queryFn: ({ signal }) => teamApi.emergencyPlans(item.id, signal),
  });
  const policy = useQuery({ queryKey: POLICY_QUERY_KEY, queryFn: ({ signal }) => teamApi.policy(signal) });
  if (!plans.data || plans.data.items.length > 0) return null;
  const days = policy.data?.current.emergencyPlanDays;
  const due = item.obligations.find((obligation) => obligation.kind === 'emergency_plan');
  return (
    <Alert
      className="form-alert"
      type={due?.overdue ? 'error' : 'warning'}
      showIcon
      data-testid="emergency-plan-missing"
      title={`尚未备案应急处置预案（须在列管后${days ?? 'N'}日内${due ? `，即${due.dueOn}前` : ''}）`}
      description="派出所会同相关部门成立专项处置小组，制定应急处置预案，做好24小时备勤出动准备。"
    />
  );
}

/**
 * 一级人员工作记录: what people did for a level-1 person: the daily report to the district,
 * the duty log of the people on watch, and the emergency plan on file. Nothing about the person is tracked here.
 */
export function LevelOneCard({ item }: { item: CaseWithWork }) {
  const me = useMe();
  const canRecord = item.status === 'listed' && can(me, 'work.record');
  const [dailyOpen, setDailyOpen] = useRecordForm('daily_report', canRecord);
  const [watchOpen, setWatchOpen] = useRecordForm('watch_log', canRecord);
  const [planOpen, setPlanOpen] = useRecordForm('emergency_plan', canRecord);
  const add = (label: string, open: () => void, testId: string) =>
    canRecord ? (
      <Button size="small" icon={<PlusOutlined />} onClick={open} data-testid={testId}>
        {label}
      </Button>
    ) : null;

  return (
    <Card title="一级人员工作记录" className="section-card" data-testid="case-level-one">
      <EmergencyPlanNotice item={item} />
      <Tabs
        defaultActiveKey={planOpen ? 'plan' : watchOpen ? 'watch' : 'daily'}
        items={[
          {
            key: 'daily',
            label: '每日报告',
            children: (
              <RecordList<DailyReport>
                caseId={item.id}
                part="daily-reports"
                load={teamApi.dailyReports}
                columns={dailyColumns}
                empty="暂无每日报告"
                action={add('填写每日报告', () => setDailyOpen(true), 'daily-report-new')}
              />
            ),
          },
          {
            key: 'watch',
            label: '值守记录',
            children: (
              <>
                <Typography.Paragraph type="secondary">
                  记录专门小组工作人员的值守履职情况（谁值守、做了什么），不记录当事人的行踪轨迹。
                </Typography.Paragraph>
                <RecordList<WatchLog>
                  caseId={item.id}
                  part="watch-logs"
                  load={teamApi.watchLogs}
                  columns={watchColumns}
                  empty="暂无值守记录"
                  action={add('登记值守', () => setWatchOpen(true), 'watch-log-new')}
                />
              </>
            ),
          },
          {
            key: 'plan',
            label: '应急处置预案',
            children: (
              <RecordList<EmergencyPlan>
                caseId={item.id}
                part="emergency-plans"
                load={teamApi.emergencyPlans}
                columns={planColumns}
                empty="暂无应急处置预案"
                action={add('备案应急处置预案', () => setPlanOpen(true), 'emergency-plan-new')}
              />
            ),
          },
        ]}
      />
      {dailyOpen && <DailyReportModal item={item} onClose={() => setDailyOpen(false)} />}
      {watchOpen && <WatchLogModal item={item} onClose={() => setWatchOpen(false)} />}
      {planOpen && <EmergencyPlanModal item={item} onClose={() => setPlanOpen(false)} />}
    </Card>
  );
}
