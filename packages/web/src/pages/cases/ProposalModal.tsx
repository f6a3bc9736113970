import {
  type CaseDetail,
  type CreateProposalBody,
  DELIST_REASON_LABELS,
  DELIST_REASONS,
  type DelistReason,
  type Indicator,
  LEVEL_LABELS,
} from '@anxin/shared';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, DatePicker, Form, Input, Modal, Radio, Select, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../../api';
import { IndicatorChecklists } from '../../components/Checklists';
import { applyApiError, withTestId } from '../../components/forms';
import { levelFullLabel } from '../../labels';
import { beijingToday, type dayjs, formatDate, isFutureDay } from '../../time';

interface Values {
  proposedLevel?: 1 | 2 | 3;
  reasonCode?: DelistReason;
  indicators?: Indicator[];
  basis: string;
  proposedOn: dayjs.Dayjs;
}

const FIELDS = ['proposedLevel', 'reasonCode', 'indicators', 'basis', 'proposedOn'] as const;

/**
 * 级别变更呈报表 / 撤销列管呈报: the proposer is the signed-in user ("谁呈报、谁负责");
 * a meeting decides it.
 */
export function ProposalModal({
  item,
  kind,
  onClose,
}: {
  item: CaseDetail;
  kind: 'level_change' | 'delist';
  onClose: () => void;
}) {
  const [form] = Form.useForm<Values>();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [saving, setSaving] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const levelChange = kind === 'level_change';

  const submit = async (values: Values) => {
    setSaving(true);
    setFormError(null);
    const body: CreateProposalBody = levelChange
      ? { kind, proposedLevel: values.proposedLevel, indicators: values.indicators ?? [], basis: values.basis.trim() }
      : { kind, reasonCode: values.reasonCode, basis: values.basis.trim() };
    body.proposedOn = formatDate(values.proposedOn);
    try {
      await api.createProposal(item.id, body);
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: ['case', item.id] }),
        queryClient.invalidateQueries({ queryKey: ['proposals'] }),
      ]);
      message.success(levelChange ? '已提出级别变更呈报' : '已提出撤销列管呈报');
      onClose();
    } catch (error) {
      const rest = applyApiError(form, error, FIELDS);
      if (rest) setFormError(rest);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      width={720}
      title={`${levelChange ? '级别变更呈报' : '撤销列管呈报'}：${item.personName}`}
      okText="提交呈报"
      okButtonProps={withTestId('proposal-submit', {})}
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">
        当前{levelFullLabel(item.level)}。呈报经研判会共同研究决定后生效，并书面通知各责任单位；谁呈报、谁负责。
      </Typography.Paragraph>
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ indicators: levelChange ? item.indicators : [], proposedOn: beijingToday() }}
      >
        {levelChange ? (
          <>
            <Form.Item name="proposedLevel" label="变更为" rules={[{ required: true, message: '请选择新的级别' }]}>
              <Radio.Group
                options={([1, 2, 3] as const)
                  .filter((level) => level !== item.level)
                  .map((level) => ({ value: level, label: LEVEL_LABELS[level] }))}
                data-testid="proposal-level"
              />
            </Form.Item>
            <Form.Item name="indicators" label="现实表现（对照各级行为特征勾选）">
              <IndicatorChecklists />
            </Form.Item>
          </>
        ) : (
          <Form.Item name="reasonCode" label="撤销理由" rules={[{ required: true, message: '请选择撤销理由' }]}>
            <Select
              placeholder="请选择"
              options={DELIST_REASONS.map((reason) => ({ value: reason, label: DELIST_REASON_LABELS[reason] }))}
              data-testid="proposal-reason-code"
            />
          </Form.Item>
        )}
        <Form.Item
          name="basis"
          label={levelChange ? '变更理由（现实活动表现、行为变化等）' : '情况说明及证明材料'}
          rules={[{ required: true, whitespace: true, message: '请填写' }, { max: 4000 }]}
        >
          <Input.TextArea rows={4} data-testid="proposal-basis" />
        </Form.Item>
        <Form.Item name="proposedOn" label="呈报日期" rules={[{ required: true }]}>
          <DatePicker disabledDate={isFutureDay} allowClear={false} inputReadOnly />
        </Form.Item>
        {formError && <Alert type="error" showIcon title={formError} />}
      </Form>
    </Modal>
  );
}
