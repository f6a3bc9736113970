import { CONTROL_STATUS_LABELS, CONTROL_STATUSES, type Team, type Visit } from '@anxin/shared';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Checkbox, Form, Input, Radio, Switch, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { ApiError } from '../../api';
import { applyApiError } from '../../components/forms';
import { PastTimeItem } from '../../components/PastTimeItem';
import { useMe } from '../../session';
import { beijingIso, beijingNow, type dayjs } from '../../time';
import { workApi, workKeys } from '../../workApi';

type ControlStatus = (typeof CONTROL_STATUSES)[number];

interface Values {
  visitedAt: dayjs.Dayjs;
  visitorUserIds: string[];
  livingSituation: string;
  activities: string;
  stateOfMind: string;
  controlStatus?: ControlStatus;
  extremeTendency: boolean;
  measures: string;
}

const FIELDS = [
  'visitedAt',
  'visitorUserIds',
  'livingSituation',
  'activities',
  'stateOfMind',
  'controlStatus',
  'extremeTendency',
  'measures',
] as const;

const textRules = (label: string) => [
  { required: true, whitespace: true, message: `请填写${label}` },
  { max: 4000, message: `${label}不能超过4000字` },
];

/** `visitorUserIds.1` → `visitorUserIds`: the visitors are one checklist, so a message about one goes under it. */
function toFieldLevel(error: unknown): unknown {
  if (!(error instanceof ApiError)) return error;
  const details = error.details.map((detail) => ({ ...detail, field: detail.field.split('.')[0] ?? detail.field }));
  return new ApiError(error.status, error.code, error.message, details);
}

/** What a visit found and did, filled in on a phone: one column, large targets, the alert spelled out. */
export function VisitForm({
  caseId,
  personName,
  team,
  onRecorded,
}: {
  caseId: string;
  personName: string;
  team: Team;
  onRecorded: (visit: Visit) => void;
}) {
  const me = useMe();
  const [form] = Form.useForm<Values>();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { modal } = App.useApp();
  const [saving, setSaving] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const extremeTendency = Form.useWatch('extremeTendency', form);
  const controlStatus = Form.useWatch('controlStatus', form);
  const raisesAlert = extremeTendency === true || controlStatus === 'out_of_control';
  const onTeam = team.members.some((member) => member.userId === me.id);

  const submit = async (values: Values) => {
    setFormError(null);
    if (raisesAlert) {
      const confirmed = await modal.confirm({
        title: '确认提交？',
        content: `${values.extremeTendency ? '已标记过激倾向' : '已选择失控'}，提交后将立即生成警情，同时通知平安办和派出所。`,
        okText: '提交并报警情',
        okButtonProps: { danger: true },
        cancelText: '取消',
      });
      if (!confirmed) return;
    }
    setSaving(true);
    try {
      const visit = await workApi.createVisit(caseId, {
        visitedAt: beijingIso(values.visitedAt),
        visitorUserIds: values.visitorUserIds,
        livingSituation: values.livingSituation.trim(),
        activities: values.activities.trim(),
        stateOfMind: values.stateOfMind.trim(),
        controlStatus: values.controlStatus as ControlStatus,
        extremeTendency: values.extremeTendency,
        measures: values.measures.trim(),
      });
      void queryClient.invalidateQueries({ queryKey: workKeys.dashboard });
      void queryClient.invalidateQueries({ queryKey: workKeys.obligations() });
      void queryClient.invalidateQueries({ queryKey: workKeys.visits() });
      void queryClient.invalidateQueries({ queryKey: ['case', caseId] });
      onRecorded(visit);
      window.scrollTo({ top: 0 });
    } catch (error) {
      const rest = applyApiError(form, toFieldLevel(error), FIELDS);
      if (rest) setFormError(rest);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Card size="small" title={personName ? `随访：${personName}` : '随访情况'}>
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={submit}
        scrollToFirstError
        initialValues={{
          visitedAt: beijingNow().startOf('minute'),
          visitorUserIds: onTeam ? [me.id] : [],
          extremeTendency: false,
          livingSituation: '',
          activities: '',
          stateOfMind: '',
          measures: '',
        }}
      >
        <PastTimeItem
          name="visitedAt"
          label="随访时间"
          extra="北京时间；事后补录的，填写实际随访时间"
          requiredMessage="请选择随访时间"
          futureMessage="随访时间不能晚于现在"
          testId="visit-time"
        />
        <Form.Item
          name="visitorUserIds"
          label="随访人员"
          extra="随访须由服务管理小组成员2人以上同行"
          rules={[{ required: true, type: 'array', min: 2, message: '请至少选择2名随访人员' }]}
        >
          <Checkbox.Group
            className="checklist visitor-list"
            data-testid="visit-visitors"
            options={team.members.map((member) => ({
              value: member.userId,
              label: (
                <span>
                  {member.displayName}
                  <Typography.Text type="secondary">（{member.orgUnitName}）</Typography.Text>
                  {member.role === 'leader' && <Tag color="blue">组长</Tag>}
                  {member.userId === me.id && <Tag>本人</Tag>}
                </span>
              ),
            }))}
          />
        </Form.Item>
        <Form.Item name="livingSituation" label="生活情况" rules={textRules('生活情况')}>
          <Input.TextArea rows={3} placeholder="家庭、经济、就业、身体状况等" data-testid="visit-living" />
        </Form.Item>
        <Form.Item name="activities" label="现实活动" rules={textRules('现实活动')}>
          <Input.TextArea rows={3} placeholder="近期去向、交往、日常活动等" data-testid="visit-activities" />
        </Form.Item>
        <Form.Item name="stateOfMind" label="思想状况" rules={textRules('思想状况')}>
          <Input.TextArea rows={3} placeholder="情绪、诉求、心理状态等" data-testid="visit-mind" />
        </Form.Item>
        <Form.Item
          name="controlStatus"
          label="管控状态"
          rules={[{ required: true, message: '请选择在控或失控' }]}
          extra={
            controlStatus === 'out_of_control' ? (
              <Typography.Text type="danger">选择失控，提交后将立即生成警情并通知平安办、派出所</Typography.Text>
            ) : undefined
          }
        >
          <Radio.Group optionType="button" buttonStyle="solid" data-testid="visit-control">
            {CONTROL_STATUSES.map((status) => (
              <Radio.Button key={status} value={status}>
                {CONTROL_STATUS_LABELS[status]}
              </Radio.Button>
            ))}
          </Radio.Group>
        </Form.Item>
        <Form.Item label="过激倾向" required={false}>
          <div className="extreme-row">
            <Form.Item name="extremeTendency" valuePropName="checked" noStyle>
              <Switch checkedChildren="有" unCheckedChildren="无" data-testid="visit-extreme" />
            </Form.Item>
            <Typography.Text type={extremeTendency ? 'danger' : 'secondary'}>
              发现有过激倾向时打开：提交后立即生成警情，同时通知平安办和派出所
            </Typography.Text>
          </div>
        </Form.Item>
        {raisesAlert && (
          <Alert
            type="error"
            showIcon
            className="form-alert"
            title="本次随访将生成警情"
            description="提交后系统立即通知平安办、派出所。情况紧急的，请同时电话报告。"
            data-testid="visit-alert-warning"
          />
        )}
        <Form.Item name="measures" label="采取措施" rules={textRules('采取措施')}>
          <Input.TextArea rows={3} placeholder="教育疏导、帮扶救助、稳控措施等" data-testid="visit-measures" />
        </Form.Item>
        {formError && (
          <Alert type="error" showIcon className="form-alert" title={formError} data-testid="visit-error" />
        )}
        <div className="form-actions">
          <Button onClick={() => navigate(-1)} disabled={saving}>
            取消
          </Button>
          <Button type="primary" htmlType="submit" danger={raisesAlert} loading={saving} data-testid="visit-submit">
            提交随访记录
          </Button>
        </div>
      </Form>
    </Card>
  );
}
