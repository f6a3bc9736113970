import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, DatePicker, Form, Input, Modal, Select, Spin, Typography } from 'antd';
import { useState } from 'react';
import { applyApiError, withTestId } from '../../components/forms';
import { orgUnitLabel, townOf, useOrgUnits } from '../../orgUnits';
import { useMe } from '../../session';
import { POLICY_QUERY_KEY, type PolicyResponse, SENSITIVE_PERIODS_QUERY_KEY, teamApi } from '../../teamApi';
import { beijingToday, type dayjs, formatDate } from '../../time';
import { sensitiveExtras } from './policyText';

interface Values {
  name: string;
  range: [dayjs.Dayjs, dayjs.Dayjs];
  orgUnitId: string;
}

const FIELDS = ['name', 'orgUnitId', 'startsOn', 'endsOn'] as const;

/** What a sensitive period tightens under the policy in force, in words. */
function tighteningText(policy: PolicyResponse | undefined): string {
  if (!policy) return '各项工作间隔缩短（按工作规范），并按规范增加每日会商等事项';
  const { divisor, extra } = policy.current.sensitive;
  const extras = sensitiveExtras(extra);
  const shortened = divisor === 2 ? '减半' : `缩短为原间隔的1/${divisor}`;
  return `随访、联席会议、评估报告等各项工作间隔${shortened}${extras.length > 0 ? `；另增${extras.join('、')}` : ''}`;
}

/** 设定敏感时期: a named date range over a town or district in which the obligations tighten. */
export function SensitivePeriodModal({ onClose }: { onClose: () => void }) {
  const [form] = Form.useForm<Values>();
  const me = useMe();
  const queryClient = useQueryClient();
  const { message, modal } = App.useApp();
  const { data: units = [], isSuccess: unitsLoaded } = useOrgUnits();
  const policy = useQuery({ queryKey: POLICY_QUERY_KEY, queryFn: ({ signal }) => teamApi.policy(signal) });
  const [saving, setSaving] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const defaultUnit = townOf(units, me.orgUnitId)?.id;
  // A period covers a territory: the towns and the districts (municipality) in scope, not a department.
  const scopeOptions = units
    .filter((unit) => unit.kind === 'town' || unit.kind === 'district' || unit.kind === 'municipality')
    .map((unit) => ({ value: unit.id, label: orgUnitLabel(unit) }));

  const submit = async (values: Values) => {
    setFormError(null);
    const [start, end] = values.range;
    const unitName = units.find((unit) => unit.id === values.orgUnitId)?.name ?? '所选范围';
    const confirmed = await modal.confirm({
      title: `确认设定敏感时期“${values.name.trim()}”？`,
      width: 520,
      okText: '确认设定',
      cancelText: '返回',
      content: (
        <div data-testid="sensitive-confirm">
          <Typography.Paragraph>
            自 <Typography.Text strong>{formatDate(start)}</Typography.Text> 起至{' '}
            <Typography.Text strong>{formatDate(end)}</Typography.Text>，{unitName}范围内的列管人员：
            {tighteningText(policy.data)}。
          </Typography.Paragraph>
          <Typography.Paragraph>
            保存后系统将重新计算范围内每一名列管人员的待办日期，自开始之日起生效，到期后恢复原频次。
          </Typography.Paragraph>
        </div>
      ),
    });
    if (!confirmed) return;
    setSaving(true);
    try {
      await teamApi.createSensitivePeriod({
        name: values.name.trim(),
        startsOn: formatDate(start),
        endsOn: formatDate(end),
        orgUnitId: values.orgUnitId,
      });
      await queryClient.invalidateQueries({ queryKey: SENSITIVE_PERIODS_QUERY_KEY });
      message.success('已设定敏感时期');
      onClose();
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
      title="设定敏感时期"
      okText="设定"
      okButtonProps={withTestId('sensitive-save', {})}
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">
        重大敏感节点期间，{tighteningText(policy.data)}，直至敏感时期结束。
      </Typography.Paragraph>
      {!unitsLoaded ? (
        <Spin className="page-spin" />
      ) : (
        <Form<Values> form={form} layout="vertical" onFinish={submit} initialValues={{ orgUnitId: defaultUnit }}>
          <Form.Item
            name="name"
            label="名称"
            rules={[
              { required: true, whitespace: true, message: '请填写名称' },
              { max: 100, message: '名称不能超过100字' },
            ]}
          >
            <Input placeholder="如：国庆节期间" data-testid="sensitive-name" />
          </Form.Item>
          <Form.Item
            name="range"
            label="起止日期"
            rules={[{ required: true, type: 'array', message: '请选择起止日期' }]}
          >
            <DatePicker.RangePicker
              inputReadOnly
              allowClear={false}
              disabledDate={(date) => date.isBefore(beijingToday().subtract(1, 'year'), 'day')}
              data-testid="sensitive-range"
            />
          </Form.Item>
          <Form.Item
            name="orgUnitId"
            label="范围（镇街或区，含其下各村社区）"
            rules={[{ required: true, message: '请选择范围' }]}
          >
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              options={scopeOptions}
              placeholder="请选择镇（街道）或区"
              data-testid="sensitive-scope"
            />
          </Form.Item>
          {formError && <Alert type="error" showIcon title={formError} data-testid="sensitive-error" />}
        </Form>
      )}
    </Modal>
  );
}
