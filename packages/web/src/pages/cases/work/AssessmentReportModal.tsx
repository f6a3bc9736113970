import { type CreateAssessmentReportBody, LEVEL_LABELS } from '@anxin/shared';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, DatePicker, Form, Input, Modal, Radio, Typography } from 'antd';
import { useState } from 'react';
import { applyApiError, withTestId } from '../../../components/forms';
import { levelFullLabel } from '../../../labels';
import { teamApi } from '../../../teamApi';
import { beijingToday, type dayjs, formatDate, isFutureDay } from '../../../time';
import type { CaseWithWork } from './recordForm';

interface Values {
  period: string;
  reportedOn: dayjs.Dayjs;
  findings: string;
  harmAssessment: string;
  recommendedMeasures: string;
  /** 0: no recommendation (keep the level). */
  recommendedLevel: 0 | 1 | 2 | 3;
}

const FIELDS = [
  'period',
  'reportedOn',
  'findings',
  'harmAssessment',
  'recommendedMeasures',
  'recommendedLevel',
] as const;

const textRules = (label: string) => [
  { required: true, whitespace: true, message: `请填写${label}` },
  { max: 8000, message: `${label}不能超过8000字` },
];

/**
 * 撰写现实危害性评估报告: the period's findings, the assessment of real harm, the next measures and,
 * optionally, another level. A different level prepares a level-change proposal for the team leader.
 */
export function AssessmentReportModal({ item, onClose }: { item: CaseWithWork; onClose: () => void }) {
  const [form] = Form.useForm<Values>();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [saving, setSaving] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const recommended = Form.useWatch('recommendedLevel', form);

  const submit = async (values: Values) => {
    setSaving(true);
    setFormError(null);
    const body: CreateAssessmentReportBody = {
      period: values.period.trim(),
      reportedOn: formatDate(values.reportedOn),
      findings: values.findings.trim(),
      harmAssessment: values.harmAssessment.trim(),
      recommendedMeasures: values.recommendedMeasures.trim(),
      ...(values.recommendedLevel ? { recommendedLevel: values.recommendedLevel } : {}),
    };
    try {
      const report = await teamApi.createAssessmentReport(item.id, body);
      await queryClient.invalidateQueries({ queryKey: ['case', item.id] });
      message.success(
        report.proposalPrepared ? '已保存评估报告，并生成级别变更呈报草稿，待组长提交' : '已保存评估报告',
      );
      onClose();
    } catch (error) {
      const rest = applyApiError(form, error, FIELDS);
      if (rest) setFormError(rest);
    } finally {
      setSaving(false);
    }
  };

  const levelOptions = [
    { value: 0, label: '不建议调整' },
    ...([1, 2, 3] as const).map((level) => ({
      value: level,
      label: level === item.level ? `${LEVEL_LABELS[level]}（当前）` : LEVEL_LABELS[level],
    })),
  ];

  return (
    <Modal
      open
      width={760}
      title={`现实危害性评估报告：${item.personName}`}
      okText="保存报告"
      okButtonProps={withTestId('report-submit', {})}
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">
        当前{levelFullLabel(item.level)}。综合当前工作情况开展现实危害性评估，提出下步措施意见。
      </Typography.Paragraph>
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{
          period: beijingToday().format('YYYY-MM'),
          reportedOn: beijingToday(),
          recommendedLevel: 0,
        }}
      >
        <div className="form-row">
          <Form.Item
            name="period"
            label="评估期间"
            extra="如 2026-11 或 2026-10至2026-11"
            rules={[
              { required: true, whitespace: true, message: '请填写评估期间' },
              { max: 50, message: '评估期间不能超过50字' },
            ]}
          >
            <Input data-testid="report-period" />
          </Form.Item>
          <Form.Item name="reportedOn" label="报告日期" rules={[{ required: true, message: '请选择报告日期' }]}>
            <DatePicker disabledDate={isFutureDay} allowClear={false} inputReadOnly />
          </Form.Item>
        </div>
        <Form.Item name="findings" label="现实表现（评估发现）" rules={textRules('现实表现')}>
          <Input.TextArea rows={4} data-testid="report-findings" />
        </Form.Item>
        <Form.Item name="harmAssessment" label="现实危害性评估" rules={textRules('现实危害性评估')}>
          <Input.TextArea rows={4} data-testid="report-harm" />
        </Form.Item>
        <Form.Item name="recommendedMeasures" label="下步措施意见" rules={textRules('下步措施意见')}>
          <Input.TextArea rows={3} data-testid="report-measures" />
        </Form.Item>
        <Form.Item name="recommendedLevel" label="级别建议">
          <Radio.Group options={levelOptions} data-testid="report-level" />
        </Form.Item>
        {recommended !== undefined && recommended !== 0 && recommended !== item.level && (
          <Alert
            className="form-alert"
            type="info"
            showIcon
            title={`建议由${levelFullLabel(item.level)}调整为${levelFullLabel(recommended)}`}
            description="保存后将生成级别变更呈报草稿，由服务管理小组组长核对提交，经研判会共同研究决定；决定前级别不变。"
          />
        )}
        {formError && <Alert type="error" showIcon title={formError} />}
      </Form>
    </Modal>
  );
}
