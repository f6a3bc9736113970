import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, Input, Spin, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { alertKeys, alertsApi } from '../../alertsApi';
import { api } from '../../api';
import { applyApiError } from '../../components/forms';
import { PastTimeItem } from '../../components/PastTimeItem';
import { type KnownPerson, PersonSelect } from '../../components/PersonSelect';
import { QueryError } from '../../components/QueryError';
import { beijingIso, beijingNow, type dayjs } from '../../time';
import { workKeys } from '../../workApi';
import './alerts.css';

interface Values {
  personId?: string;
  occurredAt: dayjs.Dayjs;
  description: string;
}

const FIELDS = ['personId', 'occurredAt', 'description'] as const;

/**
 * 报告警情 (⑥ "及时向派出所报警"): who, when it happened or was found, what. From a case page
 * (?caseId=) the person is given; otherwise searched by name. One column, large targets: a village
 * cadre files it on a phone at the scene.
 */
export function AlertNewPage() {
  const [params] = useSearchParams();
  const caseId = params.get('caseId') ?? undefined;
  const linked = useQuery({
    queryKey: ['case', caseId],
    queryFn: ({ signal }) => api.case(caseId as string, signal),
    enabled: !!caseId,
  });
  if (caseId && linked.error) return <QueryError error={linked.error} onRetry={() => linked.refetch()} />;
  if (caseId && !linked.data) return <Spin className="page-spin" />;
  const known: KnownPerson | undefined = linked.data
    ? { id: linked.data.personId, name: linked.data.personName, idNumberMasked: linked.data.idNumberMasked }
    : undefined;
  return <AlertForm caseId={caseId} person={known} />;
}

function AlertForm({ caseId, person }: { caseId?: string; person?: KnownPerson }) {
  const [form] = Form.useForm<Values>();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { message, modal } = App.useApp();
  const [saving, setSaving] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);

  const submit = async (values: Values) => {
    setFormError(null);
    const confirmed = await modal.confirm({
      title: '确认报告警情？',
      content: '提交后系统立即通知派出所和平安办。情况紧急的，请同时拨打110或电话报告派出所。',
      okText: '立即报告',
      okButtonProps: { danger: true },
      cancelText: '返回',
    });
    if (!confirmed) return;
    setSaving(true);
    try {
      const created = await alertsApi.create({
        personId: values.personId as string,
        ...(caseId ? { caseId } : {}),
        occurredAt: beijingIso(values.occurredAt),
        description: values.description.trim(),
      });
      void queryClient.invalidateQueries({ queryKey: alertKeys.all });
      void queryClient.invalidateQueries({ queryKey: workKeys.dashboard });
      void queryClient.invalidateQueries({ queryKey: workKeys.obligations() });
      if (created.caseId) void queryClient.invalidateQueries({ queryKey: ['case', created.caseId] });
      message.success('警情已报告，已通知派出所和平安办');
      navigate(`/alerts/${created.id}`, { replace: true });
    } catch (error) {
      const rest = applyApiError(form, error, FIELDS);
      if (rest) setFormError(rest);
    } finally {
      setSaving(false);
    }
  };

  return (
    <div className="alert-form">
      <div className="page-heading">
        <Typography.Title level={4}>报告警情</Typography.Title>
        <Link to="/alerts">警情列表</Link>
      </div>
      <Alert
        type="warning"
        showIcon
        className="form-alert"
        title="发现“两失”人员有过激行为倾向的，及时向派出所报警并做好先期处置"
      />
      <Card size="small">
        <Form<Values>
          form={form}
          layout="vertical"
          onFinish={submit}
          scrollToFirstError
          initialValues={{ personId: person?.id, occurredAt: beijingNow().startOf('minute'), description: '' }}
        >
          <Form.Item
            name="personId"
            label="人员"
            rules={[{ required: true, message: '请选择人员' }]}
            extra={caseId ? '关联其列管案件' : '已列管的，自动关联其列管案件'}
          >
            <PersonSelect known={person ? [person] : []} disabled={!!caseId} testId="alert-person" />
          </Form.Item>
          <PastTimeItem
            name="occurredAt"
            label="发生（发现）时间"
            extra="北京时间；出警、通报时限由此起算"
            requiredMessage="请选择发生时间"
            futureMessage="发生时间不能晚于现在"
            testId="alert-time"
          />
          <Form.Item
            name="description"
            label="警情描述"
            rules={[
              { required: true, whitespace: true, message: '请填写警情描述' },
              { max: 4000, message: '警情描述不能超过4000字' },
            ]}
          >
            <Input.TextArea
              rows={5}
              placeholder="发生了什么、在哪里、现场情况、已采取的先期处置措施"
              data-testid="alert-description"
            />
          </Form.Item>
          {formError && (
            <Alert type="error" showIcon className="form-alert" title={formError} data-testid="alert-error" />
          )}
          <div className="form-actions">
            <Button onClick={() => navigate(-1)} disabled={saving}>
              取消
            </Button>
            <Button type="primary" danger htmlType="submit" loading={saving} data-testid="alert-submit">
              报告警情
            </Button>
          </div>
        </Form>
      </Card>
    </div>
  );
}
