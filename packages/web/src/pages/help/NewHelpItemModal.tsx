import type { CaseDetail, HelpUnit } from '@anxin/shared';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, DatePicker, Form, Input, Modal, Select, Typography } from 'antd';
import { useState } from 'react';
import { applyApiError, withTestId } from '../../components/forms';
import { helpApi, helpKeys } from '../../helpApi';
import { beijingToday, type dayjs, formatDate } from '../../time';
import type { HelpKind } from './helpKinds';

interface Values {
  type: string;
  responsibleOrgUnitId: string;
  description: string;
  dueOn?: dayjs.Dayjs | null;
}

const FIELDS = ['type', 'responsibleOrgUnitId', 'description', 'dueOn'] as const;
const GROUP_LABELS: Record<HelpUnit['group'], string> = {
  town: '本镇部门',
  village: '村（社区）',
  district: '区级部门',
};

/**
 * The unit that usually does this kind of work (民政办 for 低保, 司法所 for 法律援助 …), preferring the
 * case's own responsible units and its team's units: a suggestion the user may change.
 */
function suggestedUnit(kind: HelpKind, type: string, units: readonly HelpUnit[], item: CaseDetail) {
  const role = kind.typeRoles[type];
  if (!role) return undefined;
  const own = new Set([...item.responsibleOrgUnitIds, ...(item.team?.members ?? []).map((m) => m.orgUnitId)]);
  const matching = units.filter((unit) => unit.roles.includes(role));
  return (matching.find((unit) => own.has(unit.id)) ?? matching[0])?.id;
}

/** 登记帮扶服务 / 登记矛盾诉求 on a listed case: what, for which unit, by when. The unit is notified. */
export function NewHelpItemModal({ kind, item, onClose }: { kind: HelpKind; item: CaseDetail; onClose: () => void }) {
  const [form] = Form.useForm<Values>();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [saving, setSaving] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [unitTouched, setUnitTouched] = useState(false);
  const units = useQuery({
    queryKey: helpKeys.units(item.id),
    queryFn: ({ signal }) => helpApi.units(item.id, signal),
  });
  const unitOptions = (Object.keys(GROUP_LABELS) as HelpUnit['group'][])
    .map((group) => ({
      label: GROUP_LABELS[group],
      title: GROUP_LABELS[group],
      options: (units.data?.items ?? [])
        .filter((unit) => unit.group === group)
        .map((unit) => ({ value: unit.id, label: unit.name })),
    }))
    .filter((group) => group.options.length > 0);

  const onTypeChange = (type: string) => {
    if (unitTouched) return;
    const suggestion = suggestedUnit(kind, type, units.data?.items ?? [], item);
    if (suggestion) form.setFieldValue('responsibleOrgUnitId', suggestion);
  };

  const submit = async (values: Values) => {
    setSaving(true);
    setProblem(null);
    try {
      await kind.create(item.id, {
        type: values.type,
        responsibleOrgUnitId: values.responsibleOrgUnitId,
        description: values.description.trim(),
        ...(values.dueOn ? { dueOn: formatDate(values.dueOn) } : {}),
      });
      await queryClient.invalidateQueries({ queryKey: kind.caseKey(item.id) });
      await queryClient.invalidateQueries({ queryKey: kind.queueKey });
      const unit = units.data?.items.find((u) => u.id === values.responsibleOrgUnitId)?.name ?? kind.unitLabel;
      message.success(`已登记${kind.noun}，已通知${unit}`);
      onClose();
    } catch (error) {
      const rest = applyApiError(form, error, FIELDS);
      if (rest) setProblem(rest);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      width={640}
      title={`登记${kind.noun}：${item.personName}`}
      okText="登记并交办"
      okButtonProps={withTestId('help-new-submit', {})}
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">
        {kind.kind === 'service'
          ? '交由责任单位办理，责任单位在“帮扶服务”中办理并填写结果。'
          : `责成事权单位在期限内化解；未填期限的，默认${kind.defaultDays}天。超期的由平安办督办。`}
      </Typography.Paragraph>
      <Form<Values> form={form} layout="vertical" onFinish={submit}>
        <div className="form-row">
          <Form.Item
            name="type"
            label={kind.typeLabel}
            rules={[{ required: true, message: `请选择${kind.typeLabel}` }]}
          >
            <Select
              data-testid="help-new-type"
              options={kind.types.map((type) => ({ value: type, label: kind.typeLabels[type] }))}
              onChange={onTypeChange}
            />
          </Form.Item>
          <Form.Item
            name="responsibleOrgUnitId"
            label={kind.unitLabel}
            rules={[{ required: true, message: `请选择${kind.unitLabel}` }]}
          >
            <Select
              data-testid="help-new-unit"
              showSearch={{ optionFilterProp: 'label' }}
              loading={units.isLoading}
              options={unitOptions}
              onChange={() => setUnitTouched(true)}
            />
          </Form.Item>
        </div>
        <Form.Item
          name="description"
          label={kind.descriptionLabel}
          rules={[
            { required: true, whitespace: true, message: `请填写${kind.descriptionLabel}` },
            { max: 4000, message: `${kind.descriptionLabel}不能超过4000字` },
          ]}
        >
          <Input.TextArea rows={4} data-testid="help-new-description" />
        </Form.Item>
        <Form.Item
          name="dueOn"
          label={kind.dueLabel}
          extra={kind.defaultDays ? `不填则为${formatDate(beijingToday().add(kind.defaultDays, 'day'))}` : '可不填'}
        >
          <DatePicker inputReadOnly disabledDate={(date) => date.isBefore(beijingToday(), 'day')} />
        </Form.Item>
        {problem && <Alert type="error" showIcon title={problem} />}
      </Form>
    </Modal>
  );
}
