import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, DatePicker, Descriptions, Form, Input, Modal, Radio, Select } from 'antd';
import { useState } from 'react';
import { ApiError } from '../../api';
import { applyApiError, withTestId } from '../../components/forms';
import { helpApi, helpKeys } from '../../helpApi';
import { beijingToday, dayjs, formatDate } from '../../time';
import { HelpTypeTag } from './HelpCells';
import { type HelpChange, type HelpItem, type HelpKind, isOpenStatus, nextStatuses } from './helpKinds';

interface Values {
  status: string;
  text?: string;
  dueOn?: dayjs.Dayjs | null;
  responsibleOrgUnitId?: string;
}

/**
 * 办理 / 化解: moves an item on (status, outcome), and for those allowed, its deadline and unit.
 * Sends the version it was opened with; if someone changed the item meanwhile the server answers
 * 409 and the form says so, offering to reload instead of overwriting their work.
 */
export function HelpUpdateModal({ kind, item, onClose }: { kind: HelpKind; item: HelpItem; onClose: () => void }) {
  const [form] = Form.useForm<Values>();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [saving, setSaving] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [stale, setStale] = useState(false);
  const status = Form.useWatch('status', form) ?? item.status;
  const closing = !isOpenStatus(kind, status) && status !== item.status;
  const textField = kind.kind === 'service' ? 'outcome' : 'resolution';
  const units = useQuery({
    queryKey: helpKeys.units(item.caseId),
    queryFn: ({ signal }) => helpApi.units(item.caseId, signal),
    enabled: item.abilities.reassign,
  });

  const refresh = async () => {
    await queryClient.invalidateQueries({ queryKey: kind.queueKey });
    await queryClient.invalidateQueries({ queryKey: ['case', item.caseId] });
  };

  const submit = async (values: Values) => {
    const change: HelpChange = { version: item.version };
    if (values.status !== item.status) change.status = values.status;
    const text = values.text?.trim() ?? '';
    // Closing sends the outcome even when it was written earlier: the server wants it with the close.
    const closes = !isOpenStatus(kind, values.status) && values.status !== item.status;
    if (text && (closes || text !== (kind.text(item) ?? ''))) change.text = text;
    if (item.abilities.reschedule && values.dueOn !== undefined) {
      const dueOn = values.dueOn ? formatDate(values.dueOn) : null;
      if (dueOn !== item.dueOn) change.dueOn = dueOn;
    }
    if (values.responsibleOrgUnitId && values.responsibleOrgUnitId !== item.responsibleOrgUnitId) {
      change.responsibleOrgUnitId = values.responsibleOrgUnitId;
    }
    if (Object.keys(change).length === 1) {
      setProblem('没有修改任何内容');
      return;
    }
    setSaving(true);
    setProblem(null);
    try {
      const saved = await kind.update(item.id, change);
      await refresh();
      message.success(
        `已保存：${item.personName}的${kind.typeLabels[item.type]}（${kind.statusLabels[saved.status]}）`,
      );
      onClose();
    } catch (error) {
      if (error instanceof ApiError && error.code === 'STALE_VERSION') {
        setStale(true);
        setProblem('该事项已被他人修改，您看到的不是最新内容。请刷新后重新办理，以免覆盖他人的修改。');
      } else if (error instanceof ApiError && error.status === 409) {
        setProblem(error.message);
      } else {
        setProblem(applyApiError(form, error, ['status', textField, 'dueOn', 'responsibleOrgUnitId']));
      }
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      width={640}
      title={`${kind.kind === 'service' ? '办理帮扶服务' : '化解矛盾诉求'}：${item.personName}`}
      okText="保存"
      okButtonProps={withTestId('help-update-submit', { disabled: stale })}
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Descriptions size="small" column={1} className="help-summary">
        <Descriptions.Item label={kind.typeLabel}>
          <HelpTypeTag kind={kind} type={item.type} />
        </Descriptions.Item>
        <Descriptions.Item label={kind.descriptionLabel}>
          <span className="pre-wrap">{item.description}</span>
        </Descriptions.Item>
        <Descriptions.Item label={kind.unitLabel}>{item.responsibleOrgUnitName}</Descriptions.Item>
        <Descriptions.Item label={kind.dueLabel}>{item.dueOn ?? '未设期限'}</Descriptions.Item>
      </Descriptions>
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{
          status: item.status,
          text: kind.text(item) ?? '',
          dueOn: item.dueOn ? dayjs(item.dueOn) : null,
          responsibleOrgUnitId: item.responsibleOrgUnitId,
        }}
      >
        <Form.Item name="status" label="状态" rules={[{ required: true, message: '请选择状态' }]}>
          <Radio.Group
            data-testid="help-update-status"
            className="help-status-choice"
            options={nextStatuses(kind, item.status).map((value) => ({ value, label: kind.statusLabels[value] }))}
          />
        </Form.Item>
        <Form.Item
          name="text"
          label={kind.textLabel}
          extra={closing ? `办结时须写明${kind.textLabel}` : '可记录办理进展'}
          rules={[
            { required: closing, whitespace: true, message: `请填写${kind.textLabel}` },
            { max: 4000, message: `${kind.textLabel}不能超过4000字` },
          ]}
        >
          <Input.TextArea rows={4} data-testid="help-update-text" />
        </Form.Item>
        {item.abilities.reschedule && (
          <Form.Item
            name="dueOn"
            label={kind.dueLabel}
            extra={kind.kind === 'grievance' ? '延期由平安办决定' : undefined}
          >
            <DatePicker
              allowClear={kind.kind === 'service'}
              inputReadOnly
              disabledDate={(date) => date.isBefore(beijingToday(), 'day')}
            />
          </Form.Item>
        )}
        {item.abilities.reassign && (
          <Form.Item name="responsibleOrgUnitId" label={`改派${kind.unitLabel}`}>
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              loading={units.isLoading}
              options={(units.data?.items ?? []).map((unit) => ({ value: unit.id, label: unit.name }))}
            />
          </Form.Item>
        )}
        {problem && (
          <Alert
            type={stale ? 'warning' : 'error'}
            showIcon
            title={problem}
            data-testid="help-update-problem"
            action={
              stale ? (
                <Button
                  size="small"
                  onClick={async () => {
                    await refresh();
                    onClose();
                  }}
                >
                  刷新
                </Button>
              ) : undefined
            }
          />
        )}
      </Form>
    </Modal>
  );
}
