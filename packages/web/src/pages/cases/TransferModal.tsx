import type { CaseDetail } from '@anxin/shared';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Form, Input, Modal, Select, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../../api';
import { applyApiError, errorMessage } from '../../components/forms';

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
          <TransferTargetSelect caseId={item.id} />
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

/**
 * The towns this case may go to (GET /api/cases/:id/transfer-targets: the district's other towns).
 * A town's peace office cannot list its neighbours otherwise, since they lie outside its scope.
 */
function TransferTargetSelect({
  caseId,
  value,
  onChange,
}: {
  caseId: string;
  value?: string;
  onChange?: (value: string | undefined) => void;
}) {
  const query = useQuery({
    queryKey: ['transfer-targets', caseId],
    queryFn: ({ signal }) => api.transferTargets(caseId, signal),
    staleTime: 5 * 60_000,
  });
  const options = (query.data?.items ?? []).map((town) => ({ value: town.id, label: town.name }));
  return (
    <Select
      value={value}
      onChange={onChange}
      showSearch={{ optionFilterProp: 'label' }}
      loading={query.isFetching}
      placeholder="请选择镇（街道）"
      options={options}
      status={query.error ? 'error' : undefined}
      notFoundContent={
        query.error
          ? `未能加载可移交的镇（街道）：${errorMessage(query.error)}`
          : query.isPending
            ? '加载中…'
            : '本区没有其他可移交的镇（街道）'
      }
      data-testid="transfer-town"
    />
  );
}
