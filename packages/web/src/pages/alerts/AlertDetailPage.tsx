import { CheckCircleOutlined, EditOutlined, NotificationOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { ALERT_STEP_LABELS, type Alert as AlertRecord, type AlertTimer } from '@anxin/shared';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Descriptions, Grid, Space, Spin, Steps, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { alertKeys, alertsApi } from '../../alertsApi';
import { QueryError } from '../../components/QueryError';
import { formatDateTime } from '../../time';
import './alerts.css';
import { AlertStepModal, type StepKind } from './AlertStepModal';
import { AlertSourceTag, AlertStatusTag, minutesText, TimerTag, TimerTags } from './AlertTags';

const time = (value: string | null) => (value ? formatDateTime(value).slice(0, 16) : '—');

/** A step's line under its title: when, and against which time limit. */
function timerLine(timer: AlertTimer) {
  const limit = `时限${minutesText(timer.targetMinutes)}`;
  if (timer.doneAt) return `${time(timer.doneAt)}（用时${minutesText(timer.elapsedMinutes)}，${limit}）`;
  return `应于 ${time(timer.dueAt)} 前（${limit}）`;
}

/** The chain of ⑥ as steps: reported → 派出所出警 → 通报服务管理小组 → 处置结果. */
function ChainSteps({ alert }: { alert: AlertRecord }) {
  const screens = Grid.useBreakpoint();
  const { policeResponse, teamNotified } = alert.timers;
  const stepStatus = (done: boolean, timer?: AlertTimer) =>
    done ? ('finish' as const) : timer?.state === 'overdue' ? ('error' as const) : ('process' as const);
  const items = [
    {
      title: ALERT_STEP_LABELS.reported,
      status: 'finish' as const,
      content: `${time(alert.occurredAt)} ${alert.reportedByName}`,
    },
    {
      title: ALERT_STEP_LABELS.police_responded,
      status: stepStatus(alert.policeRespondedAt !== null, policeResponse),
      content: (
        <Space orientation="vertical" size={2}>
          <span>{timerLine(policeResponse)}</span>
          <TimerTag name="policeResponse" timer={policeResponse} />
        </Space>
      ),
    },
    {
      title: ALERT_STEP_LABELS.team_notified,
      status: stepStatus(alert.teamNotifiedAt !== null, teamNotified),
      content: (
        <Space orientation="vertical" size={2}>
          <span>{timerLine(teamNotified)}</span>
          <TimerTag name="teamNotified" timer={teamNotified} />
        </Space>
      ),
    },
    {
      title: ALERT_STEP_LABELS.disposed,
      status: alert.disposedAt ? ('finish' as const) : ('wait' as const),
      content: alert.disposedAt ? time(alert.disposedAt) : '出警和通报小组后登记',
    },
  ];
  return (
    <Steps
      className="alert-steps"
      orientation={screens.md ? 'horizontal' : 'vertical'}
      size="small"
      items={items}
      data-testid="alert-steps"
    />
  );
}

/** The timeline as recorded: each step (and 处置情况 note) with who recorded it. */
function ChainTimeline({ alert }: { alert: AlertRecord }) {
  return (
    <Timeline
      data-testid="alert-timeline"
      items={alert.events.map((event) => ({
        key: event.id,
        color: event.step === 'reported' ? 'red' : event.step === 'disposed' ? 'green' : 'blue',
        content: (
          <div className="timeline-entry" data-testid="alert-event" data-step={event.step}>
            <Space wrap size={[8, 0]}>
              <Typography.Text strong>{ALERT_STEP_LABELS[event.step]}</Typography.Text>
              <span>{time(event.at)}</span>
              <Typography.Text type="secondary">{event.actorName}</Typography.Text>
            </Space>
            {event.note && <Typography.Paragraph className="alert-text">{event.note}</Typography.Paragraph>}
          </div>
        ),
      }))}
    />
  );
}

/** One alert: what happened, the chain with its timers, the buttons of the caller's role, the timeline. */
export function AlertDetailPage() {
  const { id = '' } = useParams();
  const query = useQuery({ queryKey: alertKeys.one(id), queryFn: ({ signal }) => alertsApi.get(id, signal) });
  const [step, setStep] = useState<StepKind | null>(null);
  const screens = Grid.useBreakpoint();

  if (query.error) return <QueryError error={query.error} onRetry={() => query.refetch()} />;
  const alert = query.data;
  if (!alert) return <Spin className="page-spin" />;
  const { abilities } = alert;

  return (
    <div>
      <div className="page-heading">
        <Space wrap align="center">
          <Typography.Title level={4}>警情：{alert.personName}</Typography.Title>
          <AlertStatusTag status={alert.status} testId="alert-status" />
          <AlertSourceTag source={alert.source} />
        </Space>
        <Link to="/alerts">警情列表</Link>
      </div>
      <Card size="small" className="section-card" title="警情信息">
        <Descriptions
          size="small"
          column={1}
          layout={screens.sm ? 'horizontal' : 'vertical'}
          items={[
            {
              key: 'person',
              label: '人员',
              children: alert.caseId ? (
                <Link to={`/cases/${alert.caseId}`}>{alert.personName}（查看列管案件）</Link>
              ) : (
                <Link to={`/persons/${alert.personId}`}>{alert.personName}</Link>
              ),
            },
            { key: 'occurred', label: '发生（发现）时间', children: time(alert.occurredAt) },
            {
              key: 'reported',
              label: '报告',
              children: `${alert.reportedByName}，登记于 ${time(alert.createdAt)}`,
            },
            {
              key: 'description',
              label: '警情描述',
              children: <span className="alert-text">{alert.description}</span>,
            },
            { key: 'timers', label: '处置时限', children: <TimerTags timers={alert.timers} /> },
            ...(alert.disposition
              ? [
                  {
                    key: 'disposition',
                    label: '处置结果',
                    children: (
                      <span className="alert-text" data-testid="alert-disposition">
                        {alert.disposition}
                      </span>
                    ),
                  },
                ]
              : []),
          ]}
        />
      </Card>
      <Card size="small" className="section-card" title="联合处置进程">
        <ChainSteps alert={alert} />
        {(abilities.respond || abilities.notifyTeam || abilities.dispose || abilities.note) && (
          <div className="alert-actions">
            {abilities.respond && (
              <Button
                type="primary"
                icon={<SafetyCertificateOutlined />}
                onClick={() => setStep('respond')}
                data-testid="alert-respond"
              >
                记录出警
              </Button>
            )}
            {abilities.notifyTeam && (
              <Button
                type="primary"
                icon={<NotificationOutlined />}
                onClick={() => setStep('notifyTeam')}
                data-testid="alert-notify-team"
              >
                通报服务管理小组
              </Button>
            )}
            {abilities.dispose && (
              <Button
                type="primary"
                icon={<CheckCircleOutlined />}
                onClick={() => setStep('dispose')}
                data-testid="alert-dispose"
              >
                处置结果
              </Button>
            )}
            {abilities.note && (
              <Button icon={<EditOutlined />} onClick={() => setStep('note')} data-testid="alert-note">
                补充处置情况
              </Button>
            )}
          </div>
        )}
      </Card>
      <Card size="small" className="section-card" title="处置记录">
        <ChainTimeline alert={alert} />
      </Card>
      {step && <AlertStepModal alert={alert} kind={step} onClose={() => setStep(null)} />}
    </div>
  );
}
