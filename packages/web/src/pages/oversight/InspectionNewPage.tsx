import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { CreateInspectionBody } from '@anxin/shared';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, DatePicker, Form, Input, Select, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { applyApiError, withTestId } from '../../components/forms';
import { levelLabel } from '../../labels';
import { lifecycleApi } from '../../lifecycleApi';
import { oversightApi, oversightKeys } from '../../oversightApi';
import { beijingToday, type dayjs, formatDate, isFutureDay } from '../../time';
import { InspectedUnitSelect } from './InspectedUnitSelect';
import { SamplePanel } from './SamplePanel';
import './oversight.css';

interface RectificationRow {
  description?: string;
  dueOn?: dayjs.Dayjs;
}

interface Values {
  orgUnitId: string;
  caseId?: string;
  inspectedOn: dayjs.Dayjs;
  findings: string;
  rectifications: RectificationRow[];
}

const FIELDS = ['orgUnitId', 'caseId', 'inspectedOn', 'findings', 'rectifications'] as const;

/** 新建督导检查: the unit (or one person's team), the sampling helper, findings and rectification items. */
export function InspectionNewPage() {
  const [form] = Form.useForm<Values>();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [saving, setSaving] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const [sampledCase, setSampledCase] = useState<{ caseId: string; personName: string } | null>(null);
  const orgUnitId = Form.useWatch('orgUnitId', form);
  const inspectedOn = Form.useWatch('inspectedOn', form);

  const listed = { page: 1, pageSize: 100, status: 'listed', orgUnitId } as const;
  const cases = useQuery({
    queryKey: ['cases', listed],
    queryFn: ({ signal }) => lifecycleApi.cases(listed, signal),
    enabled: !!orgUnitId,
  });
  const caseOptions = useMemo(() => {
    const options = (cases.data?.items ?? []).map((item) => ({
      value: item.id,
      label: `${item.personName}（${levelLabel(item.level)}）`,
    }));
    if (sampledCase && !options.some((option) => option.value === sampledCase.caseId)) {
      options.unshift({ value: sampledCase.caseId, label: sampledCase.personName });
    }
    return options;
  }, [cases.data, sampledCase]);

  const addNote = (line: string) => {
    const current = (form.getFieldValue('findings') as string | undefined) ?? '';
    form.setFieldValue('findings', current ? `${current.replace(/\s+$/, '')}\n${line}` : line);
  };

  const submit = async (values: Values) => {
    setFormError(null);
    setSaving(true);
    const body: CreateInspectionBody = {
      orgUnitId: values.orgUnitId,
      caseId: values.caseId || undefined,
      inspectedOn: formatDate(values.inspectedOn),
      findings: values.findings.trim(),
      rectifications: (values.rectifications ?? []).map((row) => ({
        description: (row.description ?? '').trim(),
        dueOn: row.dueOn ? formatDate(row.dueOn) : '',
      })),
    };
    try {
      const created = await oversightApi.createInspection(body);
      await queryClient.invalidateQueries({ queryKey: oversightKeys.all });
      message.success(`已登记督导检查，已通知${created.orgUnitName}`);
      navigate(`/oversight/inspections/${created.id}`, { replace: true });
    } catch (error) {
      const rest = applyApiError(form, error, FIELDS);
      if (rest) setFormError(rest);
    } finally {
      setSaving(false);
    }
  };

  return (
    <div className="oversight-form">
      <div className="page-heading">
        <Typography.Title level={4}>新建督导检查</Typography.Title>
        <Link to="/oversight?tab=inspections">督导检查记录</Link>
      </div>
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ inspectedOn: beijingToday(), rectifications: [{}] }}
        scrollToFirstError
      >
        <Card size="small" className="section-card">
          <Form.Item name="orgUnitId" label="检查对象" rules={[{ required: true, message: '请选择检查对象' }]}>
            <InspectedUnitSelect
              testId="inspection-unit"
              onChange={() => {
                form.setFieldValue('caseId', undefined);
                setSampledCase(null);
              }}
            />
          </Form.Item>
          <Form.Item
            name="caseId"
            label="检查某人的服务管理小组（可选）"
            extra="不选则为对该村（社区）或镇（街道）工作开展情况的检查"
          >
            <Select
              allowClear
              disabled={!orgUnitId}
              showSearch={{ optionFilterProp: 'label' }}
              options={caseOptions}
              loading={cases.isFetching}
              placeholder={orgUnitId ? '请选择列管人员' : '请先选择检查对象'}
              notFoundContent="该单位没有列管人员"
              data-testid="inspection-case"
            />
          </Form.Item>
        </Card>

        <SamplePanel
          orgUnitId={orgUnitId}
          onNote={addNote}
          onInspectCase={(item) => {
            setSampledCase(item);
            form.setFieldValue('caseId', item.caseId);
            message.info(`已设为检查${item.personName}的服务管理小组`);
          }}
        />

        <Card size="small" className="section-card">
          <Form.Item name="inspectedOn" label="检查日期" rules={[{ required: true, message: '请选择检查日期' }]}>
            <DatePicker inputReadOnly allowClear={false} disabledDate={isFutureDay} data-testid="inspection-date" />
          </Form.Item>
          <Form.Item
            name="findings"
            label="检查发现"
            rules={[
              { required: true, whitespace: true, message: '请填写检查发现' },
              { max: 8000, message: '不能超过8000字' },
            ]}
          >
            <Input.TextArea
              rows={6}
              placeholder="检查的记录、发现的问题；可用上方抽查助手把抽中的记录记入"
              data-testid="inspection-findings"
            />
          </Form.Item>
        </Card>

        <Card size="small" title="整改事项" className="section-card">
          <Form.List name="rectifications">
            {(fields, { add, remove }) => (
              <>
                {fields.map((field, index) => (
                  <div key={field.key} className="rectification-row" data-testid="rectification-row">
                    <Form.Item
                      name={[field.name, 'description']}
                      className="rectification-text"
                      rules={[
                        { required: true, whitespace: true, message: '请填写整改内容' },
                        { max: 2000, message: '不能超过2000字' },
                      ]}
                    >
                      <Input.TextArea
                        rows={2}
                        placeholder={`第${index + 1}项整改内容`}
                        data-testid="rectification-description"
                      />
                    </Form.Item>
                    <Form.Item name={[field.name, 'dueOn']} rules={[{ required: true, message: '请选择整改期限' }]}>
                      <DatePicker
                        inputReadOnly
                        placeholder="整改期限"
                        disabledDate={(date) => !!inspectedOn && date.isBefore(inspectedOn, 'day')}
                        data-testid="rectification-due"
                      />
                    </Form.Item>
                    <Button
                      icon={<DeleteOutlined />}
                      aria-label={`删除第${index + 1}项`}
                      onClick={() => remove(field.name)}
                    />
                  </div>
                ))}
                <Button
                  type="dashed"
                  icon={<PlusOutlined />}
                  onClick={() => add({})}
                  block
                  data-testid="rectification-add"
                >
                  添加整改事项
                </Button>
                <Typography.Paragraph type="secondary" className="oversight-hint">
                  保存后，被检查单位将收到通知，并在工作台“整改事项”中逐项办理。
                </Typography.Paragraph>
              </>
            )}
          </Form.List>
        </Card>

        {formError && (
          <Alert type="error" showIcon title={formError} className="form-alert" data-testid="inspection-error" />
        )}
        <Button type="primary" htmlType="submit" loading={saving} block {...withTestId('inspection-submit', {})}>
          保存督导检查
        </Button>
      </Form>
    </div>
  );
}
