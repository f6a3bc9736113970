import { WATCH_SHIFT_LABELS, WATCH_SHIFTS } from '@anxin/shared';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Checkbox, DatePicker, Form, Input, Modal, Radio, Typography } from 'antd';
import { type ReactNode, useState } from 'react';
import { applyApiError, withTestId } from '../../../components/forms';
import { teamApi } from '../../../teamApi';
import { beijingToday, type dayjs, formatDate, isFutureDay } from '../../../time';
import type { CaseWithWork } from './recordForm';

const textRules = (label: string) => [
  { required: true, whitespace: true, message: `请填写${label}` },
  { max: 8000, message: `${label}不能超过8000字` },
];

/** One record form in a modal: saves, refreshes the case (its lists and obligations), shows the server's refusal. */
function RecordModal<Values extends object>({
  item,
  title,
  okText,
  testId,
  fields,
  initialValues,
  save,
  done,
  onClose,
  children,
}: {
  item: CaseWithWork;
  title: string;
  okText: string;
  testId: string;
  fields: readonly string[];
  initialValues: Partial<Values>;
  save: (values: Values) => Promise<unknown>;
  done: string;
  onClose: () => void;
  children: ReactNode;
}) {
  const [form] = Form.useForm<Values>();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [saving, setSaving] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);

  const submit = async (values: Values) => {
    setSaving(true);
    setFormError(null);
    try {
      await save(values);
      await queryClient.invalidateQueries({ queryKey: ['case', item.id] });
      message.success(done);
      onClose();
    } catch (error) {
      const rest = applyApiError(form, error, fields);
      if (rest) setFormError(rest);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      width={640}
      title={`${title}：${item.personName}`}
      okText={okText}
      okButtonProps={withTestId(testId, {})}
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form<Values> form={form} layout="vertical" onFinish={submit} initialValues={initialValues}>
        {children}
        {formError && <Alert type="error" showIcon title={formError} />}
      </Form>
    </Modal>
  );
}

const dateField = (name: string, label: string, testId: string) => (
  <Form.Item name={name} label={label} rules={[{ required: true, message: `请选择${label}` }]}>
    <DatePicker disabledDate={isFutureDay} allowClear={false} inputReadOnly data-testid={testId} />
  </Form.Item>
);

interface DailyValues {
  reportedOn: dayjs.Dayjs;
  content: string;
}

/** 每日报告: the town's daily report of the work on a level-1 person to the district's working group. */
export function DailyReportModal({ item, onClose }: { item: CaseWithWork; onClose: () => void }) {
  return (
    <RecordModal<DailyValues>
      item={item}
      title="每日报告"
      okText="报送"
      testId="daily-report-submit"
      fields={['reportedOn', 'content']}
      initialValues={{ reportedOn: beijingToday() }}
      done="已报送每日报告"
      onClose={onClose}
      save={(values) =>
        teamApi.createDailyReport(item.id, {
          reportedOn: formatDate(values.reportedOn),
          content: values.content.trim(),
        })
      }
    >
      {
        <>
          <Typography.Paragraph type="secondary">镇级工作专班每日向区级工作专班上报工作情况。</Typography.Paragraph>
          {dateField('reportedOn', '报告日期', 'daily-report-date')}
          <Form.Item name="content" label="当日工作情况" rules={textRules('当日工作情况')}>
            <Input.TextArea rows={6} data-testid="daily-report-content" />
          </Form.Item>
        </>
      }
    </RecordModal>
  );
}

interface WatchValues {
  dutyOn: dayjs.Dayjs;
  shift: (typeof WATCH_SHIFTS)[number];
  onDutyUserIds: string[];
  notes: string;
}

/** 值守记录: who of the team was on duty, which shift, and what they did. */
export function WatchLogModal({ item, onClose }: { item: CaseWithWork; onClose: () => void }) {
  const members = item.team?.members ?? [];
  return (
    <RecordModal<WatchValues>
      item={item}
      title="值守记录"
      okText="登记"
      testId="watch-log-submit"
      fields={['dutyOn', 'shift', 'onDutyUserIds', 'notes']}
      initialValues={{ dutyOn: beijingToday(), shift: 'day', onDutyUserIds: [] }}
      done="已登记值守记录"
      onClose={onClose}
      save={(values) =>
        teamApi.createWatchLog(item.id, {
          dutyOn: formatDate(values.dutyOn),
          shift: values.shift,
          onDutyUserIds: values.onDutyUserIds,
          notes: values.notes.trim(),
        })
      }
    >
      {
        <>
          <Typography.Paragraph type="secondary">
            记录工作人员的值守履职情况（谁值守、做了哪些工作），不记录当事人的行踪轨迹。
          </Typography.Paragraph>
          {dateField('dutyOn', '值守日期', 'watch-log-date')}
          <Form.Item name="shift" label="班次" rules={[{ required: true, message: '请选择班次' }]}>
            <Radio.Group
              options={WATCH_SHIFTS.map((shift) => ({ value: shift, label: WATCH_SHIFT_LABELS[shift] }))}
              data-testid="watch-log-shift"
            />
          </Form.Item>
          {members.length === 0 ? (
            <Alert className="form-alert" type="warning" showIcon title="尚未组建服务管理小组，无法选择值守人员" />
          ) : (
            <Form.Item
              name="onDutyUserIds"
              label="值守人员（小组成员）"
              rules={[{ required: true, type: 'array', min: 1, message: '请至少选择一名值守人员' }]}
            >
              <Checkbox.Group
                className="checklist"
                options={members.map((member) => ({
                  value: member.userId,
                  label: `${member.displayName}（${member.orgUnitName}）`,
                }))}
                data-testid="watch-log-people"
              />
            </Form.Item>
          )}
          <Form.Item name="notes" label="值守履职情况" rules={textRules('值守履职情况')}>
            <Input.TextArea
              rows={4}
              placeholder="如：按时到岗，走访家属了解近况，无异常"
              data-testid="watch-log-notes"
            />
          </Form.Item>
        </>
      }
    </RecordModal>
  );
}

interface PlanValues {
  adoptedOn: dayjs.Dayjs;
  summary: string;
}

/** 应急处置预案: the special handling group's plan, put on file with its date. */
export function EmergencyPlanModal({ item, onClose }: { item: CaseWithWork; onClose: () => void }) {
  return (
    <RecordModal<PlanValues>
      item={item}
      title="备案应急处置预案"
      okText="备案"
      testId="emergency-plan-submit"
      fields={['adoptedOn', 'summary']}
      initialValues={{ adoptedOn: beijingToday() }}
      done="已备案应急处置预案"
      onClose={onClose}
      save={(values) =>
        teamApi.createEmergencyPlan(item.id, {
          adoptedOn: formatDate(values.adoptedOn),
          summary: values.summary.trim(),
        })
      }
    >
      {
        <>
          <Typography.Paragraph type="secondary">
            派出所会同相关部门成立专项处置小组，制定应急处置预案，做好24小时备勤出动准备。预案全文归入“一人一档”。
          </Typography.Paragraph>
          {dateField('adoptedOn', '制定日期', 'emergency-plan-date')}
          <Form.Item name="summary" label="预案要点（处置小组、联络方式、处置流程）" rules={textRules('预案要点')}>
            <Input.TextArea rows={6} data-testid="emergency-plan-summary" />
          </Form.Item>
        </>
      }
    </RecordModal>
  );
}
