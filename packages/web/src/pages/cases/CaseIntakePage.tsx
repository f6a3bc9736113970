import { CASE_SOURCE_LABELS, type CreateCaseBody, LEVEL_LABELS, type PoolEntry } from '@anxin/shared';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, DatePicker, Form, Input, Radio, Space, Spin, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { api } from '../../api';
import { CategoryChecklist, IndicatorChecklists } from '../../components/Checklists';
import { applyApiError } from '../../components/forms';
import { ResponsibleUnitsSelect } from '../../components/OrgUnitSelect';
import { type KnownPerson, PersonSelect } from '../../components/PersonSelect';
import { QueryError } from '../../components/QueryError';
import { useMe } from '../../session';
import { beijingToday, type dayjs, formatDate, isFutureDay } from '../../time';
import { POOL_QUERY_KEY } from '../screening/PoolTab';
import { addCaseToMeeting } from './addCaseToMeeting';

interface Values {
  /** A proposal's source; `ledger` cases come only from the 在册台账 import. */
  source: CreateCaseBody['source'];
  superiorBody?: string;
  superiorReference?: string;
  personId: string;
  categories: CreateCaseBody['categories'];
  indicators: CreateCaseBody['indicators'];
  proposedLevel: 1 | 2 | 3;
  basis: string;
  resolutionPlan: string;
  listingOpinion?: string;
  responsibleOrgUnitIds: string[];
  proposedOn: dayjs.Dayjs;
}

const FIELDS = [
  'source',
  'superiorBody',
  'superiorReference',
  'personId',
  'categories',
  'indicators',
  'proposedLevel',
  'basis',
  'resolutionPlan',
  'listingOpinion',
  'responsibleOrgUnitIds',
  'proposedOn',
] as const;

const optional = (value: string | undefined) => value?.trim() || undefined;

/** /cases/new?personId=&entryId=&meetingId=: waits for the pool entry it comes from, then shows the form. */
export function CaseIntakePage() {
  const [params] = useSearchParams();
  const entryId = params.get('entryId') ?? undefined;
  const pool = useQuery({
    queryKey: POOL_QUERY_KEY,
    queryFn: ({ signal }) => api.pool(signal),
    enabled: entryId !== undefined,
  });
  if (entryId && pool.error) return <QueryError error={pool.error} onRetry={() => pool.refetch()} />;
  if (entryId && !pool.data) return <Spin className="page-spin" />;
  const entry = pool.data?.items.find((item) => item.id === entryId);
  return (
    <IntakeForm
      personId={entry?.personId ?? params.get('personId') ?? undefined}
      entry={entry}
      entryMissing={entryId !== undefined && !entry}
      meetingId={params.get('meetingId') ?? undefined}
    />
  );
}

/** 入库呈报表: basic facts, categories, observed behaviour per level, proposed level, plan, opinion, units. */
function IntakeForm({
  personId,
  entry,
  entryMissing,
  meetingId,
}: {
  personId?: string;
  entry?: PoolEntry;
  entryMissing: boolean;
  meetingId?: string;
}) {
  const [form] = Form.useForm<Values>();
  const me = useMe();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [saving, setSaving] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const source = Form.useWatch('source', form);
  const isPolice = me.roles.includes('police');
  const known: KnownPerson[] = entry
    ? [{ id: entry.personId, name: entry.personName, idNumberMasked: entry.idNumberMasked }]
    : [];
  // A person named in the URL without an entry: look them up so the select can show the name.
  const person = useQuery({
    queryKey: ['person', personId],
    queryFn: ({ signal }) => api.person(personId as string, signal),
    enabled: personId !== undefined && !entry,
  });
  if (person.data)
    known.push({ id: person.data.id, name: person.data.name, idNumberMasked: person.data.idNumberMasked });

  const defaultUnits = (village: string | undefined) => [
    ...new Set([village, me.orgUnitId].filter((id): id is string => Boolean(id))),
  ];

  const submit = async (values: Values) => {
    setSaving(true);
    setFormError(null);
    try {
      const created = await api.createCase({
        personId: values.personId,
        source: values.source,
        categories: values.categories,
        indicators: values.indicators ?? [],
        proposedLevel: values.proposedLevel,
        basis: values.basis.trim(),
        resolutionPlan: values.resolutionPlan.trim(),
        listingOpinion: optional(values.listingOpinion),
        responsibleOrgUnitIds: values.responsibleOrgUnitIds,
        proposedOn: formatDate(values.proposedOn),
        screeningEntryId: entry?.id,
        superiorBody: values.source === 'superior' ? optional(values.superiorBody) : undefined,
        superiorReference: values.source === 'superior' ? optional(values.superiorReference) : undefined,
      });
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: POOL_QUERY_KEY }),
        queryClient.invalidateQueries({ queryKey: ['cases'] }),
        queryClient.invalidateQueries({ queryKey: ['person', values.personId] }),
      ]);
      if (meetingId) {
        const added = await addCaseToMeeting(meetingId, created.id).then(
          () => true,
          () => false,
        );
        message[added ? 'success' : 'warning'](
          added ? '已提出入库呈报并加入会议议程' : '已提出入库呈报，但未能加入会议议程',
        );
        navigate(`/meetings/${meetingId}`, { replace: true });
        return;
      }
      message.success(created.status === 'listed' ? '已紧急列管，请于7日内提请研判会确认' : '已提出入库呈报');
      navigate(`/cases/${created.id}`, { replace: true });
    } catch (error) {
      const rest = applyApiError(form, error, FIELDS);
      if (rest) setFormError(rest);
    } finally {
      setSaving(false);
    }
  };

  const sourceOptions = (['screening', 'superior', 'emergency'] as const)
    .filter((value) => value !== 'emergency' || isPolice)
    .map((value) => ({
      value,
      label: CASE_SOURCE_LABELS[value],
      disabled: entry !== undefined && value !== 'screening',
    }));

  return (
    <div>
      <div className="page-heading">
        <Typography.Title level={4}>入库呈报</Typography.Title>
      </div>
      {entryMissing && (
        <Alert type="warning" showIcon className="form-alert" title="该排查条目已不在待研判中（可能已呈报或已排除）" />
      )}
      <Card>
        <Form<Values>
          form={form}
          layout="vertical"
          className="case-form"
          scrollToFirstError
          onFinish={submit}
          initialValues={{
            source: 'screening',
            personId,
            categories: entry?.categories ?? [],
            indicators: [],
            basis: entry?.description,
            proposedOn: beijingToday(),
            responsibleOrgUnitIds: defaultUnits(entry?.orgUnitId),
          }}
        >
          <Form.Item name="source" label="来源" rules={[{ required: true }]}>
            <Radio.Group options={sourceOptions} data-testid="intake-source" />
          </Form.Item>
          {source === 'emergency' && (
            <Alert
              type="warning"
              showIcon
              className="form-alert"
              title="紧急列管：提交后即列管，须在7日内由研判会确认"
            />
          )}
          {source === 'superior' && (
            <Space wrap className="full-width" align="start">
              <Form.Item
                name="superiorBody"
                label="交办单位"
                rules={[{ required: true, whitespace: true }, { max: 100 }]}
              >
                <Input placeholder="如：区委政法委" />
              </Form.Item>
              <Form.Item name="superiorReference" label="交办文号" rules={[{ max: 100 }]}>
                <Input placeholder="文号或领导批示" />
              </Form.Item>
            </Space>
          )}
          <Form.Item name="personId" label="人员" rules={[{ required: true, message: '请选择人员' }]}>
            <PersonSelect
              known={known}
              disabled={entry !== undefined}
              testId="intake-person"
              onChange={(_id, picked) => {
                if (picked?.householdOrgUnitId) {
                  form.setFieldValue('responsibleOrgUnitIds', defaultUnits(picked.householdOrgUnitId));
                }
              }}
            />
          </Form.Item>
          <Form.Item
            name="categories"
            label="排查情形"
            rules={[{ required: true, type: 'array', min: 1, message: '至少选择一种情形' }]}
          >
            <CategoryChecklist />
          </Form.Item>
          <Form.Item name="indicators" label="现实表现（对照各级行为特征勾选）">
            <IndicatorChecklists />
          </Form.Item>
          <Form.Item name="proposedLevel" label="建议级别" rules={[{ required: true, message: '请选择建议级别' }]}>
            <Radio.Group
              options={([1, 2, 3] as const).map((level) => ({ value: level, label: LEVEL_LABELS[level] }))}
              data-testid="intake-level"
            />
          </Form.Item>
          <Form.Item
            name="basis"
            label="基本情况及列管依据"
            rules={[{ required: true, whitespace: true }, { max: 4000 }]}
          >
            <Input.TextArea rows={4} placeholder="核查采集的基本情况、现实表现" />
          </Form.Item>
          <Form.Item
            name="resolutionPlan"
            label="问题化解方案"
            rules={[{ required: true, whitespace: true }, { max: 4000 }]}
          >
            <Input.TextArea rows={3} placeholder="矛盾纠纷化解、帮扶救助等措施" />
          </Form.Item>
          <Form.Item name="listingOpinion" label="列管意见" rules={[{ max: 2000 }]}>
            <Input.TextArea rows={2} />
          </Form.Item>
          <Form.Item
            name="responsibleOrgUnitIds"
            label="责任单位"
            rules={[{ required: true, type: 'array', min: 1, message: '至少指定一个责任单位' }]}
          >
            <ResponsibleUnitsSelect testId="intake-units" />
          </Form.Item>
          <Form.Item
            name="proposedOn"
            label="呈报日期"
            rules={[{ required: true }]}
            extra="纸质呈报补录时填写原呈报日期"
          >
            <DatePicker disabledDate={isFutureDay} allowClear={false} inputReadOnly />
          </Form.Item>
          {formError && <Alert type="error" showIcon className="form-alert" title={formError} />}
          <Space>
            <Button type="primary" htmlType="submit" loading={saving} data-testid="intake-submit">
              {source === 'emergency' ? '紧急列管' : '提交呈报'}
            </Button>
            <Button onClick={() => navigate(-1)}>取消</Button>
          </Space>
        </Form>
      </Card>
    </div>
  );
}
