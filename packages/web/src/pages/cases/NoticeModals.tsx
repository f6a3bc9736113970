import {
  type CaseDetail,
  NOTICE_EXCEPTION_LABELS,
  NOTICE_EXCEPTIONS,
  type NoticeException,
  type Objection,
} from '@anxin/shared';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, DatePicker, Form, type FormInstance, Input, Modal, Radio, Space, Typography } from 'antd';
import { useState } from 'react';
import { ApiError } from '../../api';
import { applyApiError, withTestId } from '../../components/forms';
import { beijingToday, dayjs, formatDate, isFutureDay } from '../../time';
import { noticeApi } from './noticeApi';

/** Days a picker refuses: after today (Beijing) or before `earliest`. */
const outside = (earliest: string | null) => (date: dayjs.Dayjs) =>
  isFutureDay(date) || (earliest !== null && date.isBefore(dayjs(earliest), 'day'));

/** Saves, refreshes the case, and puts the server's field errors under the fields. */
function useSubmit<T extends object>(caseId: string, fields: readonly string[], done: string, onClose: () => void) {
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [saving, setSaving] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const run = async (form: FormInstance<T>, action: () => Promise<unknown>) => {
    setSaving(true);
    setFormError(null);
    try {
      await action();
      await queryClient.invalidateQueries({ queryKey: ['case', caseId] });
      await queryClient.invalidateQueries({ queryKey: ['agenda'] });
      message.success(done);
      onClose();
    } catch (error) {
      if (error instanceof ApiError && error.status === 409) {
        // Someone else changed it first (or it was answered meanwhile): show what is there now.
        await queryClient.invalidateQueries({ queryKey: ['case', caseId] });
        setFormError(`${error.message}（已刷新，请核对后重试）`);
        return;
      }
      const rest = applyApiError(form, error, fields);
      if (rest) setFormError(rest);
    } finally {
      setSaving(false);
    }
  };
  return { saving, formError, run };
}

interface NoticeValues {
  status: 'informed' | 'exception';
  exception?: NoticeException;
  on: dayjs.Dayjs;
  note?: string;
}

/** 登记告知情况: informed on a date, or which exception of PIPL Art. 35 applies (平安办 decides). */
export function NoticeModal({ item, onClose }: { item: CaseDetail; onClose: () => void }) {
  const [form] = Form.useForm<NoticeValues>();
  const status = Form.useWatch('status', form);
  const { saving, formError, run } = useSubmit<NoticeValues>(
    item.id,
    ['status', 'exception', 'on', 'note'],
    '已登记告知情况',
    onClose,
  );
  const notice = item.notice;
  const submit = (values: NoticeValues) =>
    run(form, () =>
      noticeApi.putNotice(item.id, {
        status: values.status,
        exception: values.status === 'exception' ? values.exception : undefined,
        on: formatDate(values.on),
        note: values.note?.trim() || undefined,
        version: notice.version,
      }),
    );

  return (
    <Modal
      open
      title={`登记告知情况：${item.personName}`}
      okText="登记"
      okButtonProps={withTestId('notice-submit')}
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">
        依照个人信息保护法，处理其个人信息应告知本人；法律、行政法规规定应当保密或不需要告知，或告知将妨碍履行法定职责的除外，须写明适用哪一种情形。登记人即为决定人，修改会留下记录。
      </Typography.Paragraph>
      <Form<NoticeValues>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{
          status: notice.status === 'exception' ? 'exception' : 'informed',
          exception: notice.exception ?? undefined,
          on: notice.on ? dayjs(notice.on) : beijingToday(),
          note: notice.note ?? '',
        }}
      >
        <Form.Item name="status" label="告知情况" rules={[{ required: true }]}>
          <Radio.Group
            options={[
              { value: 'informed', label: '已告知本人' },
              { value: 'exception', label: '依法不予告知' },
            ]}
            data-testid="notice-status"
          />
        </Form.Item>
        {status === 'exception' && (
          <Form.Item name="exception" label="适用的例外情形" rules={[{ required: true, message: '请选择例外情形' }]}>
            <Radio.Group data-testid="notice-exception">
              <Space orientation="vertical">
                {NOTICE_EXCEPTIONS.map((exception) => (
                  <Radio key={exception} value={exception}>
                    {NOTICE_EXCEPTION_LABELS[exception]}
                  </Radio>
                ))}
              </Space>
            </Radio.Group>
          </Form.Item>
        )}
        <Form.Item
          name="on"
          label={status === 'exception' ? '决定日期' : '告知日期'}
          rules={[{ required: true, message: '请选择日期' }]}
          extra={item.listedOn ? `不早于列管日期 ${item.listedOn}` : undefined}
        >
          <DatePicker disabledDate={outside(item.listedOn)} allowClear={false} inputReadOnly />
        </Form.Item>
        <Form.Item name="note" label="说明" rules={[{ max: 1000 }]}>
          <Input.TextArea rows={3} placeholder="如：由村委会当面告知；或不予告知的理由" />
        </Form.Item>
        {formError && <Alert type="error" showIcon title={formError} />}
      </Form>
    </Modal>
  );
}

interface ObjectionValues {
  raisedOn: dayjs.Dayjs;
  content: string;
}

/** 登记异议: what the person raised, and when. */
export function ObjectionModal({ item, onClose }: { item: CaseDetail; onClose: () => void }) {
  const [form] = Form.useForm<ObjectionValues>();
  const { saving, formError, run } = useSubmit<ObjectionValues>(
    item.id,
    ['raisedOn', 'content'],
    '已登记异议，将列入下次研判会议程',
    onClose,
  );
  const submit = (values: ObjectionValues) =>
    run(form, () =>
      noticeApi.recordObjection(item.id, { raisedOn: formatDate(values.raisedOn), content: values.content.trim() }),
    );

  return (
    <Modal
      open
      title={`登记异议：${item.personName}`}
      okText="登记"
      okButtonProps={withTestId('objection-submit')}
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form<ObjectionValues>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ raisedOn: beijingToday() }}
      >
        <Form.Item name="raisedOn" label="提出日期" rules={[{ required: true, message: '请选择日期' }]}>
          <DatePicker disabledDate={outside(item.proposedOn)} allowClear={false} inputReadOnly />
        </Form.Item>
        <Form.Item
          name="content"
          label="异议内容"
          rules={[{ required: true, whitespace: true, message: '请填写异议内容' }, { max: 2000 }]}
        >
          <Input.TextArea
            rows={4}
            placeholder="本人（或其家属）提出的异议，尽量照录原话"
            data-testid="objection-content"
          />
        </Form.Item>
        {formError && <Alert type="error" showIcon title={formError} />}
      </Form>
    </Modal>
  );
}

interface AnswerValues {
  answeredOn: dayjs.Dayjs;
  answer: string;
}

/** 答复异议 (平安办). An answer is final. */
export function AnswerModal({
  item,
  objection,
  onClose,
}: {
  item: CaseDetail;
  objection: Objection;
  onClose: () => void;
}) {
  const [form] = Form.useForm<AnswerValues>();
  const { saving, formError, run } = useSubmit<AnswerValues>(item.id, ['answer', 'answeredOn'], '已答复', onClose);
  const submit = (values: AnswerValues) =>
    run(form, () =>
      noticeApi.answerObjection(objection.id, {
        answer: values.answer.trim(),
        answeredOn: formatDate(values.answeredOn),
        version: objection.version,
      }),
    );

  return (
    <Modal
      open
      title="答复异议"
      okText="答复"
      okButtonProps={withTestId('objection-answer-submit')}
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Typography.Paragraph>
        <Typography.Text type="secondary">{objection.raisedOn} 提出：</Typography.Text>
        <span className="pre-wrap">{objection.content}</span>
      </Typography.Paragraph>
      <Alert type="info" showIcon className="form-alert" title="答复登记后不能修改，请核对后提交。" />
      <Form<AnswerValues>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ answeredOn: beijingToday() }}
      >
        <Form.Item name="answeredOn" label="答复日期" rules={[{ required: true, message: '请选择日期' }]}>
          <DatePicker disabledDate={outside(objection.raisedOn)} allowClear={false} inputReadOnly />
        </Form.Item>
        <Form.Item
          name="answer"
          label="答复内容"
          rules={[{ required: true, whitespace: true, message: '请填写答复内容' }, { max: 2000 }]}
        >
          <Input.TextArea rows={4} data-testid="objection-answer" />
        </Form.Item>
        {formError && <Alert type="error" showIcon title={formError} />}
      </Form>
    </Modal>
  );
}
