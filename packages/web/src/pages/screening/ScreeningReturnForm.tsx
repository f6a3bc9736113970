import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { ScreeningReport } from '@anxin/shared';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, Input, Space, Switch, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../../api';
import { CategoryChecklist } from '../../components/Checklists';
import { applyApiError, errorMessage } from '../../components/forms';
import { PersonSelect } from '../../components/PersonSelect';
import { OnTimeTag, screeningReportKey } from './MonthlyReturnTab';

interface EntryValues {
  personId?: string;
  categories?: string[];
  description?: string;
}

interface Values {
  zeroReport: boolean;
  entries: EntryValues[];
}

const FIELDS = ['entries', 'zeroReport'] as const;

function toBody(values: Values) {
  const entries = values.zeroReport
    ? []
    : values.entries.map((entry) => ({
        personId: entry.personId as string,
        categories: (entry.categories ?? []) as ScreeningReport['entries'][number]['categories'],
        description: (entry.description ?? '').trim(),
      }));
  return { zeroReport: values.zeroReport, entries };
}

/** The return's draft: 零报告, or one card per person found; saved as a draft, then 上报 once. */
export function ScreeningReturnForm({
  month,
  orgUnitId,
  report,
}: {
  month: string;
  orgUnitId: string;
  report: ScreeningReport | undefined;
}) {
  const [form] = Form.useForm<Values>();
  const queryClient = useQueryClient();
  const { message, modal } = App.useApp();
  const [busy, setBusy] = useState<'save' | 'submit' | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const zeroReport = Form.useWatch('zeroReport', form);
  const known = (report?.entries ?? []).map((entry) => ({
    id: entry.personId,
    name: entry.personName,
    idNumberMasked: entry.idNumberMasked,
  }));

  /** Saves the draft (creating it the first time) and returns what the server holds now. */
  const save = async (values: Values): Promise<ScreeningReport> => {
    const body = toBody(values);
    const saved = report
      ? await api.updateScreeningReport(report.id, { ...body, version: report.version })
      : await api.createScreeningReport({ orgUnitId, month, ...body });
    return saved;
  };

  const refresh = (saved: ScreeningReport) => {
    // Show the answer at once when it is the whole return; refetch in any case so the list agrees.
    if (Array.isArray(saved.entries)) {
      queryClient.setQueryData(screeningReportKey(month, orgUnitId), { items: [saved], total: 1 });
    }
    void queryClient.invalidateQueries({ queryKey: ['screening-reports'] });
    void queryClient.invalidateQueries({ queryKey: ['compliance'] });
    void queryClient.invalidateQueries({ queryKey: ['pool'] });
  };

  const run = async (kind: 'save' | 'submit') => {
    setFormError(null);
    let values: Values;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    if (!values.zeroReport && values.entries.length === 0) {
      setFormError('请添加排查出的人员；本月未排查出人员的，请打开“零报告”');
      return;
    }
    if (kind === 'submit') {
      const confirmed = await modal.confirm({
        title: '确认上报？',
        content: values.zeroReport
          ? `将以零报告上报 ${month.replace('-', '年')}月排查情况表。上报后不可修改。`
          : `将上报 ${values.entries.length} 名排查出的人员，上报后不可修改，人员进入平安办待研判。`,
        okText: '上报',
        cancelText: '取消',
      });
      if (!confirmed) return;
    }
    setBusy(kind);
    let saved: ScreeningReport | undefined;
    try {
      saved = await save(values);
      if (kind === 'submit') {
        const submitted = await api.submitScreeningReport(saved.id);
        message.success(submitted.onTime ? '已按时上报' : '已上报（逾期）');
        saved = submitted;
      } else {
        message.success('草稿已保存');
      }
      refresh(saved);
    } catch (error) {
      if (saved) {
        // The draft was saved but not submitted: show the saved draft and say why.
        refresh(saved);
        message.error(errorMessage(error));
      } else {
        const rest = applyApiError(form, error, FIELDS);
        if (rest) setFormError(rest);
      }
    } finally {
      setBusy(null);
    }
  };

  return (
    <Form<Values>
      form={form}
      layout="vertical"
      className="screening-form"
      initialValues={{
        zeroReport: report?.zeroReport ?? false,
        entries: (report?.entries ?? []).map((entry) => ({
          personId: entry.personId,
          categories: entry.categories,
          description: entry.description,
        })),
      }}
    >
      {report && (
        <Typography.Paragraph>
          当前状态：
          <OnTimeTag report={report} />
        </Typography.Paragraph>
      )}
      <Form.Item name="zeroReport" label="零报告" valuePropName="checked" extra="本月未排查出符合情形的人员时打开">
        <Switch data-testid="screening-zero" />
      </Form.Item>
      {!zeroReport && (
        <Form.List name="entries">
          {(fields, { add, remove }) => (
            <Space orientation="vertical" className="full-width">
              {fields.map((field, index) => (
                <Card
                  key={field.key}
                  size="small"
                  title={`排查人员 ${index + 1}`}
                  extra={
                    <Button type="text" danger icon={<DeleteOutlined />} onClick={() => remove(field.name)}>
                      删除
                    </Button>
                  }
                  data-testid="screening-entry"
                >
                  <Form.Item
                    name={[field.name, 'personId']}
                    label="人员"
                    rules={[{ required: true, message: '请选择人员' }]}
                  >
                    <PersonSelect known={known} testId="screening-person-select" />
                  </Form.Item>
                  <Form.Item
                    name={[field.name, 'categories']}
                    label="排查情形"
                    rules={[{ required: true, type: 'array', min: 1, message: '至少选择一种情形' }]}
                  >
                    <CategoryChecklist />
                  </Form.Item>
                  <Form.Item
                    name={[field.name, 'description']}
                    label="情况说明"
                    rules={[{ required: true, whitespace: true, message: '请填写情况说明' }, { max: 2000 }]}
                  >
                    <Input.TextArea rows={3} placeholder="现实表现、矛盾纠纷、家庭情况等" />
                  </Form.Item>
                </Card>
              ))}
              <Button
                block
                type="dashed"
                icon={<PlusOutlined />}
                onClick={() => add({ categories: [] })}
                data-testid="screening-add-entry"
              >
                添加排查人员
              </Button>
            </Space>
          )}
        </Form.List>
      )}
      {formError && <Alert type="error" showIcon className="form-alert form-alert-top" title={formError} />}
      <div className="form-actions">
        <Button
          loading={busy === 'save'}
          disabled={busy !== null}
          onClick={() => run('save')}
          data-testid="screening-save"
        >
          保存草稿
        </Button>
        <Button
          type="primary"
          loading={busy === 'submit'}
          disabled={busy !== null}
          onClick={() => run('submit')}
          data-testid="screening-submit"
        >
          上报
        </Button>
      </div>
    </Form>
  );
}
