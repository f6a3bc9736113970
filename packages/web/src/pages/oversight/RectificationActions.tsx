import { RECTIFICATION_STATUS_LABELS, type Rectification } from '@anxin/shared';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Form, Input, Modal, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { applyApiError, withTestId } from '../../components/forms';
import { oversightApi, oversightKeys } from '../../oversightApi';
import { workKeys } from '../../workApi';

/** 整改中 / 逾期N天 / 已整改 (with the date). */
export function RectificationStatusTag({ item }: { item: Rectification }) {
  if (item.status === 'done') {
    return (
      <Tag color="green" data-testid="rectification-status">
        {RECTIFICATION_STATUS_LABELS.done}
        {item.doneOn ? ` ${item.doneOn}` : ''}
      </Tag>
    );
  }
  if (item.overdue) {
    return (
      <Tag color="red" data-testid="rectification-status">
        逾期{item.overdueDays}天
      </Tag>
    );
  }
  return (
    <Tag color="blue" data-testid="rectification-status">
      {RECTIFICATION_STATUS_LABELS.open}
    </Tag>
  );
}

type Action = 'done' | 'reopen';

/** 标记已整改 (the inspected unit) and 退回整改 (those who inspect), each with what was done or found. */
export function RectificationActions({ item, size = 'small' }: { item: Rectification; size?: 'small' | 'middle' }) {
  const [action, setAction] = useState<Action | null>(null);
  if (!item.abilities.complete && !item.abilities.reopen) return null;
  return (
    <>
      <Space size={4} wrap>
        {item.abilities.complete && (
          <Button size={size} type="primary" onClick={() => setAction('done')} data-testid="rectification-done">
            标记已整改
          </Button>
        )}
        {item.abilities.reopen && (
          <Button size={size} danger onClick={() => setAction('reopen')} data-testid="rectification-reopen">
            退回整改
          </Button>
        )}
      </Space>
      {action && <RectificationModal item={item} action={action} onClose={() => setAction(null)} />}
    </>
  );
}

function RectificationModal({ item, action, onClose }: { item: Rectification; action: Action; onClose: () => void }) {
  const [form] = Form.useForm<{ note?: string }>();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [saving, setSaving] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const done = action === 'done';

  const submit = async (values: { note?: string }) => {
    setFormError(null);
    setSaving(true);
    try {
      await oversightApi.updateRectification(item.id, {
        status: done ? 'done' : 'open',
        note: values.note?.trim() || undefined,
        version: item.version,
      });
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: oversightKeys.all }),
        queryClient.invalidateQueries({ queryKey: workKeys.dashboard }),
      ]);
      message.success(done ? '已标记为整改完成' : '已退回继续整改');
      onClose();
    } catch (error) {
      const rest = applyApiError(form, error, ['note']);
      if (rest) setFormError(rest);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      title={done ? '标记已整改' : '退回整改'}
      okText={done ? '确认已整改' : '确认退回'}
      okButtonProps={withTestId('rectification-save', { danger: !done })}
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Typography.Paragraph>
        <Typography.Text strong>{item.description}</Typography.Text>
        <br />
        <Typography.Text type="secondary">
          {item.orgUnitName} · 整改期限 {item.dueOn}
        </Typography.Text>
      </Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ note: done ? (item.note ?? '') : '' }}>
        <Form.Item
          name="note"
          label={done ? '整改情况' : '退回原因'}
          rules={[
            { max: 2000, message: '不能超过2000字' },
            ...(done ? [] : [{ required: true, whitespace: true, message: '请说明退回原因' }]),
          ]}
          extra={done ? '完成日期记为今天（北京时间）' : '退回后该事项恢复为整改中'}
        >
          <Input.TextArea
            rows={3}
            placeholder={done ? '如：已补齐随访签名，建立核对制度' : '如：核查发现仍有记录未补签'}
            data-testid="rectification-note"
          />
        </Form.Item>
        {formError && <Alert type="error" showIcon title={formError} data-testid="rectification-error" />}
      </Form>
    </Modal>
  );
}
