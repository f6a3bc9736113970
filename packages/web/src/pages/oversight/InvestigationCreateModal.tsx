import type { Investigation } from '@anxin/shared';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Form, Input, Modal, Radio, Select, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { applyApiError, withTestId } from '../../components/forms';
import { ResponsibleUnitsSelect } from '../../components/OrgUnitSelect';
import { levelLabel } from '../../labels';
import { lifecycleApi } from '../../lifecycleApi';
import { oversightApi, oversightKeys } from '../../oversightApi';
import { formatDateTime } from '../../time';

interface Values {
  source: 'alert' | 'case';
  alertId?: string;
  caseId?: string;
  findings: string;
  accountableOrgUnitIds: string[];
  accountablePersons?: string;
  outcome: string;
}

const FIELDS = ['alertId', 'caseId', 'findings', 'accountableOrgUnitIds', 'accountablePersons', 'outcome'] as const;

/** 登记责任倒查: of an alert (one per alert) or, for an incident without one on record, of a case. */
export function InvestigationCreateModal({
  onClose,
  onCreated,
}: {
  onClose: () => void;
  onCreated: (created: Investigation) => void;
}) {
  const [form] = Form.useForm<Values>();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [saving, setSaving] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const [caseSearch, setCaseSearch] = useState('');
  const source = Form.useWatch('source', form) ?? 'alert';

  const alerts = useQuery({ queryKey: oversightKeys.alerts, queryFn: ({ signal }) => oversightApi.alerts(signal) });
  // Alerts already investigated are shown but cannot be chosen again (一案一调查).
  const investigated = useQuery({
    queryKey: oversightKeys.investigations({ page: 1, pageSize: 100 }),
    queryFn: ({ signal }) => oversightApi.investigations({ page: 1, pageSize: 100 }, signal),
  });
  const taken = useMemo(
    () => new Set((investigated.data?.items ?? []).map((item) => item.alertId).filter(Boolean)),
    [investigated.data],
  );
  const alertOptions = (alerts.data?.items ?? []).map((alert) => ({
    value: alert.id,
    label: `${formatDateTime(alert.occurredAt).slice(0, 16)} ${alert.personName}：${alert.description}${
      taken.has(alert.id) ? '（已倒查）' : ''
    }`,
    disabled: taken.has(alert.id),
  }));

  const caseParams = { page: 1, pageSize: 50, ...(caseSearch ? { q: caseSearch } : {}) };
  const cases = useQuery({
    queryKey: ['cases', caseParams],
    queryFn: ({ signal }) => lifecycleApi.cases(caseParams, signal),
    enabled: source === 'case',
    placeholderData: (previous) => previous,
  });
  const caseOptions = (cases.data?.items ?? []).map((item) => ({
    value: item.id,
    label: `${item.personName}（${levelLabel(item.level)}，${item.idNumberMasked}）`,
  }));

  const submit = async (values: Values) => {
    setFormError(null);
    setSaving(true);
    try {
      const created = await oversightApi.createInvestigation({
        alertId: values.source === 'alert' ? values.alertId : undefined,
        caseId: values.source === 'case' ? values.caseId : undefined,
        findings: values.findings.trim(),
        accountableOrgUnitIds: values.accountableOrgUnitIds ?? [],
        accountablePersons: values.accountablePersons?.trim() || undefined,
        outcome: values.outcome.trim(),
      });
      await queryClient.invalidateQueries({ queryKey: oversightKeys.all });
      message.success('已登记责任倒查');
      onClose();
      onCreated(created);
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
      title="登记责任倒查"
      okText="登记"
      okButtonProps={withTestId('investigation-save', {})}
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={onClose}
      width={640}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">
        对发生的个人极端、报复社会等案（事）件，按照“一案一调查”“一案一问责”要求进行责任倒查；每一警情只登记一次。
      </Typography.Paragraph>
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ source: 'alert', accountableOrgUnitIds: [] }}
        className="oversight-form"
      >
        <Form.Item name="source" label="倒查对象">
          <Radio.Group
            optionType="button"
            options={[
              { value: 'alert', label: '警情' },
              { value: 'case', label: '无警情记录的事件（按案件）' },
            ]}
            data-testid="investigation-source"
          />
        </Form.Item>
        {source === 'alert' ? (
          <Form.Item name="alertId" label="警情" rules={[{ required: true, message: '请选择警情' }]}>
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              options={alertOptions}
              loading={alerts.isPending}
              placeholder="请选择警情"
              notFoundContent={alerts.isPending ? '加载中…' : '辖区内没有警情'}
              data-testid="investigation-alert"
            />
          </Form.Item>
        ) : (
          <Form.Item name="caseId" label="案件" rules={[{ required: true, message: '请选择案件' }]}>
            <Select
              showSearch={{ filterOption: false, onSearch: (text) => setCaseSearch(text.trim()) }}
              options={caseOptions}
              loading={cases.isFetching}
              placeholder="输入姓名搜索"
              notFoundContent={cases.isFetching ? '加载中…' : '没有符合的案件'}
              data-testid="investigation-case"
            />
          </Form.Item>
        )}
        <Form.Item
          name="findings"
          label="调查发现"
          rules={[
            { required: true, whitespace: true, message: '请填写调查发现' },
            { max: 8000, message: '不能超过8000字' },
          ]}
        >
          <Input.TextArea rows={4} placeholder="事件经过、各环节责任落实情况" data-testid="investigation-findings" />
        </Form.Item>
        <Form.Item name="accountableOrgUnitIds" label="问责单位">
          <ResponsibleUnitsSelect placeholder="请选择问责单位（可多选）" testId="investigation-units" />
        </Form.Item>
        <Form.Item name="accountablePersons" label="问责人员" rules={[{ max: 2000, message: '不能超过2000字' }]}>
          <Input.TextArea rows={2} placeholder="如：某村党支部书记（第一责任人）" data-testid="investigation-persons" />
        </Form.Item>
        <Form.Item
          name="outcome"
          label="问责结果"
          rules={[
            { required: true, whitespace: true, message: '请填写问责结果' },
            { max: 4000, message: '不能超过4000字' },
          ]}
        >
          <Input.TextArea rows={3} placeholder="如：约谈提醒、通报批评、责令整改" data-testid="investigation-outcome" />
        </Form.Item>
        {formError && <Alert type="error" showIcon title={formError} data-testid="investigation-error" />}
      </Form>
    </Modal>
  );
}
