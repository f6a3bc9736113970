import { MEETING_KIND_LABELS, MEETING_KINDS, type MeetingKind } from '@anxin/shared';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, Select, Space, Spin, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { api } from '../../api';
import { applyApiError } from '../../components/forms';
import { TownSelect } from '../../components/OrgUnitSelect';
import { PastTimeItem } from '../../components/PastTimeItem';
import { townOf, useOrgUnits } from '../../orgUnits';
import { useMe } from '../../session';
import { beijingIso, beijingNow, type dayjs } from '../../time';
import { workKeys } from '../../workApi';

interface Values {
  kind: MeetingKind;
  heldAt: dayjs.Dayjs;
  orgUnitId: string;
}

const KIND_OPTIONS = MEETING_KINDS.map((kind) => ({ value: kind, label: MEETING_KIND_LABELS[kind] }));

/**
 * /meetings/new: what kind, when (never in the future: a meeting is recorded after it is held) and which town.
 * From a 待办 item, `?kind=joint&caseId=…` presets the kind and puts the case on the agenda.
 */
export function MeetingNewPage() {
  const me = useMe();
  const units = useOrgUnits();
  const [params] = useSearchParams();
  const rawKind = params.get('kind');
  const kind = MEETING_KINDS.includes(rawKind as MeetingKind) ? (rawKind as MeetingKind) : undefined;
  const caseId = params.get('caseId') ?? undefined;
  if (!units.data) return <Spin className="page-spin" />;
  return <MeetingNewForm defaultTown={townOf(units.data, me.orgUnitId)?.id} defaultKind={kind} caseId={caseId} />;
}

function MeetingNewForm({
  defaultTown,
  defaultKind = 'assessment',
  caseId,
}: {
  defaultTown?: string;
  defaultKind?: MeetingKind;
  caseId?: string;
}) {
  const [form] = Form.useForm<Values>();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [saving, setSaving] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const agendaCase = useQuery({
    queryKey: ['case', caseId],
    queryFn: ({ signal }) => api.case(caseId as string, signal),
    enabled: !!caseId,
  });

  const submit = async (values: Values) => {
    setSaving(true);
    setFormError(null);
    try {
      const meeting = await api.createMeeting({
        kind: values.kind,
        heldAt: beijingIso(values.heldAt),
        orgUnitId: values.orgUnitId,
        participantUserIds: [],
        caseIds: caseId ? [caseId] : [],
        minutes: '',
      });
      await queryClient.invalidateQueries({ queryKey: ['meetings'] });
      // A joint meeting or daily consultation on a case meets that case's 待办.
      if (caseId) {
        void queryClient.invalidateQueries({ queryKey: workKeys.dashboard });
        void queryClient.invalidateQueries({ queryKey: workKeys.obligations() });
      }
      message.success('已新建会议，请登记参会人员并确定议程');
      navigate(`/meetings/${meeting.id}`, { replace: true });
    } catch (error) {
      const rest = applyApiError(form, error, ['kind', 'heldAt', 'orgUnitId']);
      if (rest) setFormError(rest);
    } finally {
      setSaving(false);
    }
  };

  return (
    <div>
      <div className="page-heading">
        <Typography.Title level={4}>新建会议</Typography.Title>
      </div>
      <Card>
        <Form<Values>
          form={form}
          layout="vertical"
          className="narrow-form"
          onFinish={submit}
          initialValues={{ kind: defaultKind, heldAt: beijingNow().startOf('minute'), orgUnitId: defaultTown }}
        >
          <Form.Item
            name="kind"
            label="会议类型"
            rules={[{ required: true }]}
            extra="研判会可作出列管、变更级别、撤销列管等决定"
          >
            <Select options={KIND_OPTIONS} data-testid="meeting-kind" />
          </Form.Item>
          <PastTimeItem
            name="heldAt"
            label="召开时间"
            extra="北京时间；会后补录的，填写实际召开时间"
            requiredMessage="请选择召开时间"
            futureMessage="召开时间不能晚于现在"
            testId="meeting-held-at"
            inputReadOnly={false}
          />
          <Form.Item name="orgUnitId" label="镇（街道）" rules={[{ required: true, message: '请选择镇（街道）' }]}>
            <TownSelect testId="meeting-town" />
          </Form.Item>
          {caseId && (
            <Alert
              type="info"
              showIcon
              className="form-alert"
              title={`议程案件：${agendaCase.data?.personName ?? '…'}`}
              description="新建后该案件即列入本次会议议程"
              data-testid="meeting-agenda-case"
            />
          )}
          {formError && <Alert type="error" showIcon className="form-alert" title={formError} />}
          <Space>
            <Button type="primary" htmlType="submit" loading={saving} data-testid="meeting-create">
              新建
            </Button>
            <Button onClick={() => navigate(-1)}>取消</Button>
          </Space>
        </Form>
      </Card>
    </div>
  );
}
