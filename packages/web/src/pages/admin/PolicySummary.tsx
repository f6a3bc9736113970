import { INTERVAL_KINDS, type Interval, OBLIGATION_KIND_LABELS, type PolicyVersion } from '@anxin/shared';
import { Descriptions, Grid, Table, type TableColumnsType, Typography } from 'antd';
import {
  intervalText,
  LEVEL_NAMES,
  LEVELS,
  type LevelKey,
  sensitiveExtras,
  specialConsultationText,
  unitsText,
} from './policyText';

interface Row {
  key: string;
  label: string;
  values: Record<LevelKey, string>;
}

const columns: TableColumnsType<Row> = [
  { title: '事项', dataIndex: 'label', width: 150, fixed: 'start' },
  ...LEVELS.map((level) => ({
    title: LEVEL_NAMES[level],
    key: level,
    width: 140,
    render: (_: unknown, row: Row) =>
      row.values[level] === '不要求' ? <span className="muted">不要求</span> : row.values[level],
  })),
];

const perLevel = (pick: (level: LevelKey) => string) =>
  Object.fromEntries(LEVELS.map((level) => [level, pick(level)])) as Record<LevelKey, string>;

/** One version of the policy as the plan's rules read: what is due how often, per level. */
export function PolicySummary({ version }: { version: PolicyVersion }) {
  // On a phone the label column squeezes the text to a few characters a line: stack them instead.
  const screens = Grid.useBreakpoint();
  const intervals = version.intervals as Record<LevelKey, Partial<Record<string, Interval>>>;
  const rows: Row[] = [
    ...INTERVAL_KINDS.map((kind) => ({
      key: kind,
      label: OBLIGATION_KIND_LABELS[kind],
      values: perLevel((level) => intervalText(intervals[level][kind])),
    })),
    {
      key: 'review',
      label: '定期复核',
      values: perLevel((level) => intervalText((version.review as Record<LevelKey, Interval>)[level])),
    },
  ];
  const extras = sensitiveExtras(version.sensitive.extra);
  const teamUnits = version.teamUnits as Record<LevelKey, string[]>;

  return (
    <div data-testid="policy-summary">
      <Typography.Title level={5}>各级工作频次</Typography.Title>
      <Table<Row>
        size="small"
        columns={columns}
        dataSource={rows}
        pagination={false}
        scroll={{ x: 'max-content' }}
        bordered
      />
      <Descriptions
        className="subsection-title"
        size="small"
        column={1}
        bordered
        layout={screens.sm === false ? 'vertical' : 'horizontal'}
        items={[
          {
            key: 'sensitive',
            label: '敏感时期',
            children: `各项间隔缩短为原间隔的1/${version.sensitive.divisor}${extras.length > 0 ? `；另增：${extras.join('，')}` : ''}`,
          },
          ...LEVELS.map((level) => ({
            key: `team-${level}`,
            label: `${LEVEL_NAMES[level]}服务管理小组须有`,
            children: unitsText(teamUnits[level]),
          })),
          { key: 'letter', label: '管控责任书', children: `列管后${version.responsibilityLetterDays}日内签订` },
          { key: 'plan', label: '应急处置预案', children: `列为一级后${version.emergencyPlanDays}日内备案` },
          { key: 'confirm', label: '紧急列管确认', children: `列管后${version.confirmationDays}日内经研判会确认` },
          {
            key: 'alert',
            label: '警情处置时限',
            children: `自警情发生（发现）起，派出所${version.alertTargets.policeResponseMinutes}分钟内出警，${version.alertTargets.teamNotifiedMinutes}分钟内通报服务管理小组`,
          },
          {
            key: 'consultation',
            label: '警情专项会商',
            children: `${specialConsultationText(version.specialConsultationDays)}专项会商（或联席会议、专班会议、研判会），研判是否调整级别`,
          },
        ]}
      />
    </div>
  );
}
