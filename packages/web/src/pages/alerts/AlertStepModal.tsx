import type { Alert as AlertRecord, UpdateAlertBody } from '@anxin/shared';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Form, Input, Modal, Typography } from 'antd';
import { useState } from 'react';
import { alertKeys, alertsApi } from '../../alertsApi';
import { ApiError } from '../../api';
import { applyApiError, withTestId } from '../../components/forms';
import { PastTimeItem } from '../../components/PastTimeItem';
import { beijingIso, beijingNow, dayjs, formatDateTime } from '../../time';
import { workKeys } from '../../workApi';

export type StepKind = 'respond' | 'notifyTeam' | 'dispose' | 'note';

interface Values {
  at?: dayjs.Dayjs;
  text?: string;
}

const STEPS: Record<
  StepKind,
  {
    title: string;
    timeLabel?: string;
    textLabel: string;
    textRequired: boolean;
    ok: string;
    done: string;
    hint: string;
  }
> = {
  respond: {
    title: '记录出警',
    timeLabel: '出警时间',
    textLabel: '现场情况（可选）',
    textRequired: false,
    ok: '记录出警',
    done: '已记录出警',
    hint: '派出所第一时间出警，做好事态控制、组证固证、依法处理。出警时间登记后不能修改。',
  },
  notifyTeam: {
    title: '通报服务管理小组',
    timeLabel: '通报时间',
    textLabel: '通报内容（可选）',
    textRequired: false,
    ok: '确认已通报',
    done: '已通报服务管理小组',
    hint: '提交后系统同时向该人员服务管理小组成员所在单位发送通知，统筹开展依法处置、善后处理等工作。',
  },
  dispose: {
    title: '处置结果',
    textLabel: '处置结果',
    textRequired: true,
    ok: '登记处置结果',
    done: '已登记处置结果，警情处置完毕',
    hint: '登记后警情即处置完毕，处置结果不能修改；后续情况可补充处置情况。',
  },
  note: {
    title: '补充处置情况',
    textLabel: '处置情况',
    textRequired: true,
    ok: '保存',
    done: '已补充处置情况',
    hint: '记入处置记录，不改变警情状态。',
  },
};

/** The body of one step: its time (or text), with any text as a 处置情况 note beside a timed step. */
function bodyOf(kind: StepKind, values: Values, version: number): UpdateAlertBody {
  const text = values.text?.trim() || undefined;
  const at = values.at ? beijingIso(values.at) : undefined;
  switch (kind) {
    case 'respond':
      return { policeRespondedAt: at, ...(text ? { note: text } : {}), version };
    case 'notifyTeam':
      return { teamNotifiedAt: at, ...(text ? { note: text } : {}), version };
    case 'dispose':
      return { disposition: text, version };
    default:
      return { note: text, version };
  }
}

/** One step of the chain, recorded with the alert's version; a stale one says so and reloads. */
export function AlertStepModal({ alert, kind, onClose }: { alert: AlertRecord; kind: StepKind; onClose: () => void }) {
  const step = STEPS[kind];
  const [form] = Form.useForm<Values>();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [saving, setSaving] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const occurredAt = dayjs(formatDateTime(alert.occurredAt));
  const timeField = kind === 'respond' ? 'policeRespondedAt' : 'teamNotifiedAt';

  const submit = async (values: Values) => {
    setFormError(null);
    setSaving(true);
    try {
      const updated = await alertsApi.update(alert.id, bodyOf(kind, values, alert.version));
      queryClient.setQueryData(alertKeys.one(alert.id), updated);
      void queryClient.invalidateQueries({ queryKey: alertKeys.all });
      void queryClient.invalidateQueries({ queryKey: workKeys.dashboard });
      message.success(step.done);
      onClose();
    } catch (error) {
      if (error instanceof ApiError && error.status === 409) {
        void queryClient.invalidateQueries({ queryKey: alertKeys.one(alert.id) });
      }
      // The time field's errors go under the picker; the text's under the text.
      const mapped =
        error instanceof ApiError
          ? new ApiError(
              error.status,
              error.code,
              error.message,
              error.details.map((detail) => ({
                ...detail,
                field:
                  detail.field === timeField
                    ? 'at'
                    : ['disposition', 'note'].includes(detail.field)
                      ? 'text'
                      : detail.field,
              })),
            )
          : error;
      const rest = applyApiError(form, mapped, ['at', 'text']);
      if (rest) setFormError(rest);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      title={`${step.title}：${alert.personName}`}
      okText={step.ok}
      okButtonProps={withTestId('alert-step-submit', { danger: false })}
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{step.hint}</Typography.Paragraph>
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={submit}
        className="alert-form"
        initialValues={{ at: beijingNow().startOf('minute'), text: '' }}
      >
        {step.timeLabel && (
          <PastTimeItem
            name="at"
            label={step.timeLabel}
            extra={`北京时间；不早于警情发生时间 ${formatDateTime(alert.occurredAt).slice(0, 16)}`}
            requiredMessage={`请选择${step.timeLabel}`}
            futureMessage={`${step.timeLabel}不能晚于现在`}
            earliest={{ time: occurredAt, message: `${step.timeLabel}不能早于警情发生时间` }}
            testId="alert-step-time"
          />
        )}
        <Form.Item
          name="text"
          label={step.textLabel}
          rules={[
            ...(step.textRequired ? [{ required: true, whitespace: true, message: `请填写${step.textLabel}` }] : []),
            { max: kind === 'dispose' ? 4000 : 2000, message: `${step.textLabel}过长` },
          ]}
        >
          <Input.TextArea rows={4} data-testid="alert-step-text" />
        </Form.Item>
        {formError && <Alert type="error" showIcon title={formError} data-testid="alert-step-error" />}
      </Form>
    </Modal>
  );
}
