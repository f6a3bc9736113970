import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Checkbox, DatePicker, Form, Modal, Typography } from 'antd';
import { useState } from 'react';
import { applyApiError, withTestId } from '../../../components/forms';
import { teamApi } from '../../../teamApi';
import { beijingToday, type dayjs, formatDate, isFutureDay } from '../../../time';
import type { CaseWithWork } from './recordForm';

interface Values {
  signedOn: dayjs.Dayjs;
  signatoryUserIds: string[];
}

const FIELDS = ['signedOn', 'signatoryUserIds'] as const;

/** 登记《管控责任书》签订: the date and which team members signed it. */
export function ResponsibilityLetterModal({ item, onClose }: { item: CaseWithWork; onClose: () => void }) {
  const [form] = Form.useForm<Values>();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [saving, setSaving] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const members = item.team?.members ?? [];

  const submit = async (values: Values) => {
    setSaving(true);
    setFormError(null);
    try {
      await teamApi.recordResponsibilityLetter(item.id, {
        signedOn: formatDate(values.signedOn),
        signatoryUserIds: values.signatoryUserIds,
      });
      await queryClient.invalidateQueries({ queryKey: ['case', item.id] });
      message.success('已登记管控责任书');
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
      title={`登记管控责任书：${item.personName}`}
      okText="登记"
      okButtonProps={withTestId('letter-submit', { disabled: members.length === 0 })}
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      {members.length === 0 ? (
        <Alert type="warning" showIcon title="请先组建服务管理小组，再登记管控责任书的签订" />
      ) : (
        <Form<Values>
          form={form}
          layout="vertical"
          onFinish={submit}
          initialValues={{ signedOn: beijingToday(), signatoryUserIds: members.map((member) => member.userId) }}
        >
          <Typography.Paragraph type="secondary">
            服务管理小组签订《“两失”人员管控责任书》后在此登记，原件归入“一人一档”。
          </Typography.Paragraph>
          <Form.Item name="signedOn" label="签订日期" rules={[{ required: true, message: '请选择签订日期' }]}>
            <DatePicker disabledDate={isFutureDay} allowClear={false} inputReadOnly data-testid="letter-signed-on" />
          </Form.Item>
          <Form.Item
            name="signatoryUserIds"
            label="签订人（小组成员）"
            rules={[{ required: true, type: 'array', min: 1, message: '请至少选择一名签订人' }]}
          >
            <Checkbox.Group
              className="checklist"
              options={members.map((member) => ({
                value: member.userId,
                label: `${member.displayName}（${member.orgUnitName}${member.role === 'leader' ? '，组长' : ''}）`,
              }))}
              data-testid="letter-signatories"
            />
          </Form.Item>
          {formError && <Alert type="error" showIcon title={formError} />}
        </Form>
      )}
    </Modal>
  );
}
