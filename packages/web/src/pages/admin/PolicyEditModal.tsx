import {
  INTERVAL_KINDS,
  type IntervalKind,
  interval,
  OBLIGATION_KIND_LABELS,
  type PolicyBody,
  type PolicyVersion,
  TEAM_UNIT_LABELS,
  TEAM_UNITS,
} from '@anxin/shared';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Checkbox, Col, DatePicker, Form, InputNumber, Modal, Row, Typography } from 'antd';
import { useState } from 'react';
import { ApiError } from '../../api';
import { applyApiError, schemaRule, withTestId } from '../../components/forms';
import { POLICY_QUERY_KEY, teamApi } from '../../teamApi';
import { beijingToday, type dayjs, formatDate } from '../../time';
import { IntervalInput } from './IntervalInput';
import { LEVEL_NAMES, LEVELS, policyChanges, policyFieldLabel } from './policyText';

type Values = PolicyBody & { effectiveFrom: dayjs.Dayjs };

const TOP_FIELDS = [
  'responsibilityLetterDays',
  'emergencyPlanDays',
  'confirmationDays',
  'specialConsultationDays',
  'effectiveFrom',
] as const;
const isTopField = (field: string) => (TOP_FIELDS as readonly string[]).includes(field);
const UNIT_OPTIONS = TEAM_UNITS.map((unit) => ({ value: unit, label: TEAM_UNIT_LABELS[unit] }));

/** Only the rules: a stored version without its id and dates. */
function rulesOf(version: PolicyVersion): PolicyBody {
  const { id: _id, effectiveFrom: _from, createdBy: _by, createdAt: _at, ...rules } = version;
  return rules;
}

/** The interval fields of one level: every recurring kind, each may be left empty (不要求). */
function LevelIntervals({ path, level }: { path: (string | number)[]; level: string }) {
  return (
    <div className="policy-level">
      <Typography.Text strong>{LEVEL_NAMES[level as '1']}</Typography.Text>
      {INTERVAL_KINDS.map((kind: IntervalKind) => (
        <Form.Item
          key={kind}
          name={[...path, level, kind]}
          label={OBLIGATION_KIND_LABELS[kind]}
          rules={[schemaRule(interval)]}
          className="policy-item"
        >
          <IntervalInput testId={`policy-${path.join('-')}-${level}-${kind}`} />
        </Form.Item>
      ))}
    </div>
  );
}

const dayRules = (label: string, max: number) => [
  { required: true, message: `请填写${label}` },
  { type: 'integer' as const, min: 1, max, message: `${label}须为1至${max}的整数` },
];

/**
 * 修改工作规范: a new version of the obligation policy from a date on. On save the server recomputes
 * every listed case's due dates, so the confirmation lists what changes.
 */
export function PolicyEditModal({ current, onClose }: { current: PolicyVersion; onClose: () => void }) {
  const [form] = Form.useForm<Values>();
  const queryClient = useQueryClient();
  const { message, modal } = App.useApp();
  const [saving, setSaving] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const before = rulesOf(current);

  const submit = async (values: Values) => {
    setFormError(null);
    const { effectiveFrom, ...rules } = values;
    const body: PolicyBody = {
      intervals: rules.intervals,
      sensitive: rules.sensitive,
      teamUnits: rules.teamUnits,
      responsibilityLetterDays: rules.responsibilityLetterDays,
      emergencyPlanDays: rules.emergencyPlanDays,
      confirmationDays: rules.confirmationDays,
      review: rules.review,
      alertTargets: rules.alertTargets,
      specialConsultationDays: rules.specialConsultationDays,
    };
    const changes = policyChanges(before, body);
    const from = formatDate(effectiveFrom);
    if (changes.length === 0) return setFormError('未作任何修改');
    const confirmed = await modal.confirm({
      title: '确认修改工作规范？',
      width: 560,
      okText: '确认修改',
      cancelText: '返回',
      content: (
        <div data-testid="policy-confirm">
          <Typography.Paragraph>
            新规范自 <Typography.Text strong>{from}</Typography.Text>{' '}
            起施行（之前的规范保留在历史版本中）。保存后，系统将按新规范重新计算每一名列管人员的各项待办日期，部分事项可能随即显示为逾期。
          </Typography.Paragraph>
          <Typography.Paragraph strong>修改内容（{changes.length}项）：</Typography.Paragraph>
          <ul className="policy-changes">
            {changes.slice(0, 20).map((line) => (
              <li key={line}>{line}</li>
            ))}
            {changes.length > 20 && <li>……等共 {changes.length} 项</li>}
          </ul>
        </div>
      ),
    });
    if (!confirmed) return;
    setSaving(true);
    try {
      const result = await teamApi.putPolicy({ ...body, effectiveFrom: from });
      queryClient.setQueryData(POLICY_QUERY_KEY, result);
      await queryClient.invalidateQueries({ queryKey: POLICY_QUERY_KEY });
      message.success(`已保存工作规范，自${from}起施行`);
      onClose();
    } catch (error) {
      const rest = applyApiError(form, error, TOP_FIELDS);
      // Nested rules (intervals.2.visit) have no single field to sit under: name them in words.
      const nested = error instanceof ApiError ? error.details.filter((detail) => !isTopField(detail.field)) : [];
      if (nested.length > 0) {
        setFormError(nested.map((detail) => `${policyFieldLabel(detail.field)}：${detail.message}`).join('；'));
      } else if (rest) setFormError(rest);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      width={1000}
      title="修改工作规范"
      okText="保存"
      okButtonProps={withTestId('policy-save', {})}
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ ...before, effectiveFrom: beijingToday() }}
        scrollToFirstError
      >
        <Typography.Title level={5}>各级工作频次</Typography.Title>
        <Typography.Paragraph type="secondary">
          空白表示该级别不要求此项。间隔从上次完成之日（或列管之日）起算。
        </Typography.Paragraph>
        <Row gutter={16}>
          {LEVELS.map((level) => (
            <Col key={level} xs={24} md={8}>
              <LevelIntervals path={['intervals']} level={level} />
            </Col>
          ))}
        </Row>

        <Typography.Title level={5} className="subsection-title">
          敏感时期
        </Typography.Title>
        <Form.Item
          name={['sensitive', 'divisor']}
          label="各项间隔缩短为原间隔的几分之一（2即减半）"
          rules={dayRules('缩短倍数', 7)}
        >
          <InputNumber min={1} max={7} precision={0} prefix="1 /" data-testid="policy-divisor" />
        </Form.Item>
        <Typography.Paragraph type="secondary">敏感时期内另增的事项（如二级人员每日会商）：</Typography.Paragraph>
        <Row gutter={16}>
          {LEVELS.map((level) => (
            <Col key={level} xs={24} md={8}>
              <LevelIntervals path={['sensitive', 'extra']} level={level} />
            </Col>
          ))}
        </Row>

        <Typography.Title level={5} className="subsection-title">
          服务管理小组须有的单位（一人一专班）
        </Typography.Title>
        <Row gutter={16}>
          {LEVELS.map((level) => (
            <Col key={level} xs={24} md={8}>
              <Form.Item name={['teamUnits', level]} label={LEVEL_NAMES[level]}>
                <Checkbox.Group className="checklist" options={UNIT_OPTIONS} />
              </Form.Item>
            </Col>
          ))}
        </Row>

        <Typography.Title level={5} className="subsection-title">
          定期复核（自上次研判决定起）
        </Typography.Title>
        <Row gutter={16}>
          {LEVELS.map((level) => (
            <Col key={level} xs={24} md={8}>
              <Form.Item
                name={['review', level]}
                label={LEVEL_NAMES[level]}
                rules={[{ required: true, message: '请填写复核间隔' }, schemaRule(interval)]}
              >
                <IntervalInput placeholder="必填" />
              </Form.Item>
            </Col>
          ))}
        </Row>

        <Typography.Title level={5} className="subsection-title">
          时限
        </Typography.Title>
        <div className="form-row">
          <Form.Item name="responsibilityLetterDays" label="管控责任书：列管后几日内签订" rules={dayRules('天数', 60)}>
            <InputNumber min={1} max={60} precision={0} suffix="日" />
          </Form.Item>
          <Form.Item name="emergencyPlanDays" label="应急处置预案：列为一级后几日内" rules={dayRules('天数', 30)}>
            <InputNumber min={1} max={30} precision={0} suffix="日" />
          </Form.Item>
          <Form.Item name="confirmationDays" label="紧急列管：几日内经研判会确认" rules={dayRules('天数', 30)}>
            <InputNumber min={1} max={30} precision={0} suffix="日" />
          </Form.Item>
        </div>

        <Typography.Title level={5} className="subsection-title">
          警情与联合处置
        </Typography.Title>
        <Typography.Paragraph type="secondary">
          时限自警情发生（发现）时起算；专项会商在警情登记后召开，会议将该人员列入议程即为完成。
        </Typography.Paragraph>
        <div className="form-row">
          <Form.Item
            name={['alertTargets', 'policeResponseMinutes']}
            label="派出所出警：几分钟内"
            rules={dayRules('分钟数', 1440)}
          >
            <InputNumber min={1} max={1440} precision={0} suffix="分钟" data-testid="policy-police-minutes" />
          </Form.Item>
          <Form.Item
            name={['alertTargets', 'teamNotifiedMinutes']}
            label="通报服务管理小组：几分钟内"
            rules={dayRules('分钟数', 1440)}
          >
            <InputNumber min={1} max={1440} precision={0} suffix="分钟" data-testid="policy-team-minutes" />
          </Form.Item>
          <Form.Item
            name="specialConsultationDays"
            label="专项会商：警情后几日内（0为当日）"
            rules={[
              { required: true, message: '请填写天数' },
              { type: 'integer' as const, min: 0, max: 30, message: '天数须为0至30的整数' },
            ]}
          >
            <InputNumber min={0} max={30} precision={0} suffix="日" data-testid="policy-consultation-days" />
          </Form.Item>
        </div>

        <Form.Item
          name="effectiveFrom"
          label="生效日期（今天或以后）"
          rules={[{ required: true, message: '请选择生效日期' }]}
        >
          <DatePicker
            allowClear={false}
            inputReadOnly
            disabledDate={(date) => date.isBefore(beijingToday(), 'day')}
            data-testid="policy-effective-from"
          />
        </Form.Item>
        {formError && <Alert type="error" showIcon title={formError} data-testid="policy-error" />}
      </Form>
    </Modal>
  );
}
