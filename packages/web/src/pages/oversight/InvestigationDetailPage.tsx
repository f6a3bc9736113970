import type { Investigation } from '@anxin/shared';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Descriptions, Form, Grid, Input, Space, Spin, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { applyApiError } from '../../components/forms';
import { ResponsibleUnitsSelect } from '../../components/OrgUnitSelect';
import { QueryError } from '../../components/QueryError';
import { oversightApi, oversightKeys } from '../../oversightApi';
import { formatDateTime } from '../../time';
import { InvestigationStatusTag, incidentText } from './InvestigationsTab';
import './oversight.css';

interface Values {
  findings: string;
  accountableOrgUnitIds: string[];
  accountablePersons?: string;
  outcome: string;
}

const FIELDS = ['findings', 'accountableOrgUnitIds', 'accountablePersons', 'outcome'] as const;

/** One investigation: the incident, and while open its findings, accountable units and outcome to edit or conclude. */
export function InvestigationDetailPage() {
  const { id = '' } = useParams();
  const screens = Grid.useBreakpoint();
  const query = useQuery({
    queryKey: oversightKeys.investigation(id),
    queryFn: ({ signal }) => oversightApi.investigation(id, signal),
  });

  if (query.error) return <QueryError error={query.error} onRetry={() => query.refetch()} />;
  if (!query.data) return <Spin className="page-spin" />;
  const item = query.data;

  return (
    <div>
      <div className="page-heading">
        <Typography.Title level={4}>责任倒查{item.personName ? `：${item.personName}` : ''}</Typography.Title>
        <Link to="/oversight?tab=investigations">责任倒查记录</Link>
      </div>
      <Card size="small" className="section-card">
        <Descriptions
          size="small"
          column={1}
          layout={screens.sm ? 'horizontal' : 'vertical'}
          bordered
          data-testid="investigation-detail"
          items={[
            { key: 'status', label: '状态', children: <InvestigationStatusTag status={item.status} /> },
            { key: 'incident', label: '事件', children: <span className="oversight-text">{incidentText(item)}</span> },
            ...(item.caseId
              ? [{ key: 'case', label: '人员', children: <Link to={`/cases/${item.caseId}`}>{item.personName}</Link> }]
              : []),
            { key: 'findings', label: '调查发现', children: <span className="oversight-text">{item.findings}</span> },
            {
              key: 'units',
              label: '问责单位',
              children:
                item.accountableUnits.length === 0 ? (
                  <span className="muted">—</span>
                ) : (
                  item.accountableUnits.map((unit) => <Tag key={unit.id}>{unit.name}</Tag>)
                ),
            },
            {
              key: 'persons',
              label: '问责人员',
              children: item.accountablePersons ? (
                <span className="oversight-text">{item.accountablePersons}</span>
              ) : (
                <span className="muted">—</span>
              ),
            },
            { key: 'outcome', label: '问责结果', children: <span className="oversight-text">{item.outcome}</span> },
            { key: 'created', label: '登记', children: `${item.createdByName} ${formatDateTime(item.createdAt)}` },
            { key: 'updated', label: '最后修改', children: formatDateTime(item.updatedAt) },
          ]}
        />
      </Card>
      {item.abilities.update && <InvestigationEditCard item={item} />}
    </div>
  );
}

function InvestigationEditCard({ item }: { item: Investigation }) {
  const [form] = Form.useForm<Values>();
  const queryClient = useQueryClient();
  const { message, modal } = App.useApp();
  const [saving, setSaving] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);

  const save = async (conclude: boolean) => {
    setFormError(null);
    let values: Values;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    if (conclude) {
      const confirmed = await modal.confirm({
        title: '确认办结该责任倒查？',
        content: '办结后调查发现、问责单位、问责人员和问责结果均不能再修改。',
        okText: '确认办结',
        cancelText: '返回',
      });
      if (!confirmed) return;
    }
    setSaving(true);
    try {
      await oversightApi.updateInvestigation(item.id, {
        findings: values.findings.trim(),
        accountableOrgUnitIds: values.accountableOrgUnitIds ?? [],
        accountablePersons: values.accountablePersons?.trim() ?? '',
        outcome: values.outcome.trim(),
        ...(conclude ? { status: 'concluded' as const } : {}),
        version: item.version,
      });
      await queryClient.invalidateQueries({ queryKey: oversightKeys.all });
      message.success(conclude ? '责任倒查已办结' : '已保存');
    } catch (error) {
      const rest = applyApiError(form, error, FIELDS);
      if (rest) setFormError(rest);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Card size="small" title="补充调查与问责" className="section-card oversight-form">
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{
          findings: item.findings,
          accountableOrgUnitIds: item.accountableUnits.map((unit) => unit.id),
          accountablePersons: item.accountablePersons ?? '',
          outcome: item.outcome,
        }}
      >
        <Form.Item
          name="findings"
          label="调查发现"
          rules={[
            { required: true, whitespace: true, message: '请填写调查发现' },
            { max: 8000, message: '不能超过8000字' },
          ]}
        >
          <Input.TextArea rows={4} data-testid="investigation-edit-findings" />
        </Form.Item>
        <Form.Item name="accountableOrgUnitIds" label="问责单位">
          <ResponsibleUnitsSelect placeholder="请选择问责单位（可多选）" />
        </Form.Item>
        <Form.Item name="accountablePersons" label="问责人员" rules={[{ max: 2000, message: '不能超过2000字' }]}>
          <Input.TextArea rows={2} />
        </Form.Item>
        <Form.Item
          name="outcome"
          label="问责结果"
          rules={[
            { required: true, whitespace: true, message: '请填写问责结果' },
            { max: 4000, message: '不能超过4000字' },
          ]}
        >
          <Input.TextArea rows={3} />
        </Form.Item>
        {formError && <Alert type="error" showIcon title={formError} className="form-alert" />}
        <Space wrap>
          <Button type="primary" loading={saving} onClick={() => save(false)} data-testid="investigation-update">
            保存
          </Button>
          <Button danger loading={saving} onClick={() => save(true)} data-testid="investigation-conclude">
            办结
          </Button>
        </Space>
      </Form>
    </Card>
  );
}
