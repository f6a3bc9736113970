import type { CaseDetail } from '@anxin/shared';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, DatePicker, Form, Modal, Space, Tag, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { api } from '../../api';
import { applyApiError } from '../../components/forms';
import { levelLabel } from '../../labels';
import { beijingToday, type dayjs, formatDate, isFutureDay } from '../../time';
import { HISTORY_KIND_LABELS } from './proposalText';

type HistoryEntry = CaseDetail['levelHistory'][number];

const KIND_COLORS: Record<string, string> = {
  delist: 'green',
  change_level: 'blue',
  list: 'red',
  emergency: 'red',
  confirm: 'purple',
};

function change(entry: HistoryEntry): string {
  if (entry.toLevel === null) return entry.fromLevel === null ? '' : `${levelLabel(entry.fromLevel)} → 撤销`;
  if (entry.fromLevel === null || entry.fromLevel === entry.toLevel) return levelLabel(entry.toLevel);
  return `${levelLabel(entry.fromLevel)} → ${levelLabel(entry.toLevel)}`;
}

/** 级别时间线: every listing, level change and delisting, the meeting that decided it, and the report upward. */
export function LevelTimeline({ item, onReport }: { item: CaseDetail; onReport?: (entry: HistoryEntry) => void }) {
  if (item.levelHistory.length === 0) {
    return <Typography.Text type="secondary">尚未研判列管</Typography.Text>;
  }
  return (
    <Timeline
      data-testid="level-timeline"
      items={item.levelHistory.map((entry) => ({
        key: entry.id,
        color: KIND_COLORS[entry.kind] ?? 'gray',
        content: (
          <div className="timeline-entry">
            <Space wrap size={4}>
              <span>{entry.effectiveOn}</span>
              <Typography.Text strong>{HISTORY_KIND_LABELS[entry.kind] ?? entry.kind}</Typography.Text>
              <span>{change(entry)}</span>
              {entry.meetingId && <Link to={`/meetings/${entry.meetingId}`}>会议纪要</Link>}
            </Space>
            {entry.reason && <div className="pre-wrap muted">{entry.reason}</div>}
            <div>
              {entry.reportedOn ? (
                <Tag color="green">已报区公安局 {entry.reportedOn}</Tag>
              ) : (
                <Space size={4} wrap>
                  <Tag color="orange">未报区公安局</Tag>
                  {onReport && (
                    <Button size="small" onClick={() => onReport(entry)} data-testid="report-upward">
                      登记已报区公安局
                    </Button>
                  )}
                </Space>
              )}
            </div>
          </div>
        ),
      }))}
    />
  );
}

export function LevelTimelineCard({ item }: { item: CaseDetail }) {
  const [reporting, setReporting] = useState<HistoryEntry | null>(null);
  return (
    <Card title="级别时间线" className="section-card">
      <LevelTimeline item={item} onReport={item.abilities.reportUpward ? setReporting : undefined} />
      {reporting && <ReportUpwardModal item={item} entry={reporting} onClose={() => setReporting(null)} />}
    </Card>
  );
}

/** Records that the listing or change was reported to the district police (报区公安局入库/变更) on a date. */
function ReportUpwardModal({ item, entry, onClose }: { item: CaseDetail; entry: HistoryEntry; onClose: () => void }) {
  const [form] = Form.useForm<{ reportedOn: dayjs.Dayjs }>();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [saving, setSaving] = useState(false);

  const submit = async ({ reportedOn }: { reportedOn: dayjs.Dayjs }) => {
    setSaving(true);
    try {
      await api.reportUpward(item.id, entry.id, formatDate(reportedOn));
      await queryClient.invalidateQueries({ queryKey: ['case', item.id] });
      message.success('已登记报区公安局');
      onClose();
    } catch (error) {
      const rest = applyApiError(form, error, ['reportedOn']);
      if (rest) message.error(rest);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      title="登记已报区公安局"
      okText="登记"
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">
        {HISTORY_KIND_LABELS[entry.kind] ?? entry.kind}（{entry.effectiveOn}，{change(entry)}
        ）已报区公安局入库/变更的日期。 本系统只作记录，不与公安系统对接。
      </Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ reportedOn: beijingToday() }}>
        <Form.Item name="reportedOn" label="报送日期" rules={[{ required: true, message: '请选择日期' }]}>
          <DatePicker
            disabledDate={(date) => isFutureDay(date) || formatDate(date) < entry.effectiveOn}
            allowClear={false}
            inputReadOnly
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
