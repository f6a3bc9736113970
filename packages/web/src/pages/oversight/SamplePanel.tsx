import {
  CONTROL_STATUS_LABELS,
  OBLIGATION_KIND_LABELS,
  SAMPLE_KIND_LABELS,
  type Sample,
  type SampledCase,
  type SampledVisit,
  type SampleKind,
} from '@anxin/shared';
import { Alert, Button, Card, Empty, Input, InputNumber, Segmented, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { LevelTag } from '../../components/CaseTags';
import { errorMessage } from '../../components/forms';
import { oversightApi } from '../../oversightApi';
import { formatDateTime } from '../../time';

const KIND_OPTIONS = (Object.keys(SAMPLE_KIND_LABELS) as SampleKind[]).map((kind) => ({
  value: kind,
  label: kind === 'visits' ? '随访记录' : '逾期案件',
}));

/** A line the inspector can take into the findings, naming what was checked. */
export function visitLine(visit: SampledVisit): string {
  const visitors = visit.visitors.map((v) => v.displayName).join('、');
  return `抽查${visit.personName} ${visit.visitedOn} 随访记录（随访人员：${visitors}）：`;
}

export function caseLine(item: SampledCase): string {
  const overdue = item.overdue
    .map((o) => `${OBLIGATION_KIND_LABELS[o.kind] ?? o.kind}逾期${o.overdueDays}天`)
    .join('、');
  return `抽查${item.personName}（${overdue}）：`;
}

/**
 * 抽查: N random visits of the last 30 days in the unit, or N of its cases with overdue work, drawn
 * by the server with a seed that is shown back (the same seed draws the same records again).
 */
export function SamplePanel({
  orgUnitId,
  onNote,
  onInspectCase,
}: {
  orgUnitId: string | undefined;
  /** Adds a line to the findings. */
  onNote: (line: string) => void;
  /** Makes the inspection one of this case's team. */
  onInspectCase: (item: { caseId: string; personName: string }) => void;
}) {
  const [kind, setKind] = useState<SampleKind>('visits');
  const [n, setN] = useState<number>(5);
  const [seed, setSeed] = useState('');
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [sample, setSample] = useState<Sample | null>(null);

  const draw = async () => {
    if (!orgUnitId) return;
    setLoading(true);
    setError(null);
    try {
      const result = await oversightApi.sample({ orgUnitId, kind, n, seed: seed.trim() || undefined });
      setSample(result);
    } catch (caught) {
      setError(errorMessage(caught));
      setSample(null);
    } finally {
      setLoading(false);
    }
  };

  return (
    <Card size="small" title="抽查助手" className="section-card" data-testid="sample-panel">
      <Space wrap className="oversight-toolbar">
        <Segmented<SampleKind> value={kind} onChange={setKind} options={KIND_OPTIONS} data-testid="sample-kind" />
        <InputNumber<number>
          min={1}
          max={50}
          precision={0}
          value={n}
          onChange={(value) => setN(value ?? 5)}
          prefix="抽"
          suffix="条"
          style={{ width: 110 }}
          data-testid="sample-n"
        />
        <Input
          value={seed}
          onChange={(event) => setSeed(event.target.value)}
          placeholder="随机种子（可留空）"
          maxLength={64}
          style={{ width: 170 }}
          data-testid="sample-seed"
        />
        <Button onClick={draw} loading={loading} disabled={!orgUnitId} data-testid="sample-draw">
          抽取
        </Button>
      </Space>
      {!orgUnitId && <Typography.Text type="secondary">请先选择检查对象。</Typography.Text>}
      {error && <Alert type="error" showIcon title={error} />}
      {sample && (
        <div data-testid="sample-result">
          <Typography.Paragraph type="secondary">
            {sample.kind === 'visits'
              ? `${sample.orgUnitName} ${sample.from} 至 ${sample.to} 共有随访记录 ${sample.population} 条`
              : `${sample.orgUnitName} 有逾期事项的列管人员共 ${sample.population} 名`}
            ，抽取 {sample.kind === 'visits' ? sample.visits.length : sample.cases.length} 条。随机种子{' '}
            <Typography.Text code copyable data-testid="sample-seed-used">
              {sample.seed}
            </Typography.Text>
            （填入相同种子可重现本次抽取）
          </Typography.Paragraph>
          {sample.kind === 'visits' ? (
            <VisitSample visits={sample.visits} onNote={onNote} />
          ) : (
            <CaseSample cases={sample.cases} onNote={onNote} onInspectCase={onInspectCase} />
          )}
        </div>
      )}
    </Card>
  );
}

function VisitSample({ visits, onNote }: { visits: SampledVisit[]; onNote: (line: string) => void }) {
  if (visits.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="近30天没有随访记录" />;
  return (
    <ul className="sample-list">
      {visits.map((visit) => (
        <li key={visit.visitId} className="sample-item" data-testid="sample-item">
          <div className="sample-item-main">
            <span>
              <Link to={`/visits?caseId=${visit.caseId}`} target="_blank">
                {visit.personName}
              </Link>{' '}
              <LevelTag level={visit.level} />
              <Tag color={visit.controlStatus === 'out_of_control' ? 'red' : 'green'}>
                {CONTROL_STATUS_LABELS[visit.controlStatus]}
              </Tag>
              {visit.extremeTendency && <Tag color="red">过激倾向</Tag>}
            </span>
            <Typography.Text type="secondary">
              {formatDateTime(visit.visitedAt).slice(0, 16)} · {visit.visitors.map((v) => v.displayName).join('、')}
            </Typography.Text>
          </div>
          <Button size="small" onClick={() => onNote(visitLine(visit))} data-testid="sample-note">
            记入检查发现
          </Button>
        </li>
      ))}
    </ul>
  );
}

function CaseSample({
  cases,
  onNote,
  onInspectCase,
}: {
  cases: SampledCase[];
  onNote: (line: string) => void;
  onInspectCase: (item: { caseId: string; personName: string }) => void;
}) {
  if (cases.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="没有逾期未办的列管人员" />;
  return (
    <ul className="sample-list">
      {cases.map((item) => (
        <li key={item.caseId} className="sample-item" data-testid="sample-item">
          <div className="sample-item-main">
            <span>
              <Link to={`/cases/${item.caseId}`} target="_blank">
                {item.personName}
              </Link>{' '}
              <LevelTag level={item.level} />
            </span>
            <span className="oversight-counts">
              {item.overdue.map((o) => (
                <Tag key={o.kind} color="red">
                  {OBLIGATION_KIND_LABELS[o.kind] ?? o.kind} 逾期{o.overdueDays}天（{o.dueOn}）
                </Tag>
              ))}
            </span>
          </div>
          <Space size={4} wrap>
            <Button size="small" onClick={() => onInspectCase(item)} data-testid="sample-inspect-case">
              检查其服务管理小组
            </Button>
            <Button size="small" onClick={() => onNote(caseLine(item))} data-testid="sample-note">
              记入检查发现
            </Button>
          </Space>
        </li>
      ))}
    </ul>
  );
}
