import type { CaseDetail } from '@anxin/shared';
import { useQueryClient } from '@tanstack/react-query';
import { App, Form, Input, Modal, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../../api';
import { applyApiError } from '../../components/forms';
import { TownSelect } from '../../components/OrgUnitSelect';

interface Values {
  toTownId: string;
  reason: string;
}

/** 移交: asks another town to take the case (e.g. the household moved); that town accepts or refuses. */
export function TransferModal({ item, onClose }: { item: CaseDetail; onClose: () => void }) {
  const [form] = Form.useForm<Values>();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [saving, setSaving] = useState(false);

  const submit = async (values: Values) => {
    setSaving(true);
    try {
      await api.requestTransfer(item.id, { toTownId: values.toTownId, reason: values.reason.trim() });
      await queryClient.invalidateQueries({ queryKey: ['case', item.id] });
      await queryClient.invalidateQueries({ queryKey: ['transfers'] });
      message.success('已提出移交，待接收方答复');
      onClose();
    } catch (error) {
      const rest = applyApiError(form, error, ['toTownId', 'reason']);
      if (rest) message.error(rest);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      title={`移交：${item.personName}`}
      okText="提出移交"
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">
        服务管理责任以户籍地镇街为主、实际居住地镇街为辅。接收方拒绝的，报区级会商后指定管辖。
      </Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item name="toTownId" label="移交至" rules={[{ required: true, message: '请选择镇（街道）' }]}>
          <TownSelect exclude={item.responsibleTownId} testId="transfer-town" />
        </Form.Item>
        <Form.Item
          name="reason"
          label="移交理由"
          rules={[{ required: true, whitespace: true, message: '请填写移交理由' }, { max: 1000 }]}
        >
          <Input.TextArea rows={3} placeholder="如：户籍已迁至某镇" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
