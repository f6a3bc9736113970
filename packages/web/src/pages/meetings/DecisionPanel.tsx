import { type CaseDetail, LEVEL_LABELS, type Meeting, PROPOSAL_KIND_LABELS } from '@anxin/shared';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, Input, Select, Space, Spin, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { api } from '../../api';
import { CaseStatusTag, ConfirmationTag, LevelTag } from '../../components/CaseTags';
import { errorMessage } from '../../components/forms';
import { QueryError } from '../../components/QueryError';
import { decisionText, proposalAsk } from '../cases/proposalText';
import { decisionChoice, decisionSentence, NEEDS_LEVEL, pendingProposals, proposalSettledBy } from './decisionOptions';

interface Values {
  /** A DecisionOption's value: the outcome, or `reject:<proposalId>` for 不予采纳 of that proposal. */
  choice: string;
  level?: number;
  reason: string;
}

const LEVEL_OPTIONS = ([1, 2, 3] as const).map((level) => ({ value: level, label: LEVEL_LABELS[level] }));

/** One agenda case: what is asked, what this meeting decided, and the decision form while it may decide. */
export function DecisionPanel({
  meeting,
  caseId,
  missing,
  canDecide,
}: {
  meeting: Meeting;
  caseId: string;
  missing: string[];
  canDecide: boolean;
}) {
  const query = useQuery({ queryKey: ['case', caseId], queryFn: ({ signal }) => api.case(caseId, signal) });
  const item = query.data;
  const decided = meeting.decisions.filter((decision) => decision.caseId === caseId);
  const pending = item ? pendingProposals(item) : [];

  return (
    <Card size="small" className="agenda-case" data-testid="agenda-case" data-case-id={caseId}>
      {query.error ? (
        <QueryError error={query.error} onRetry={() => query.refetch()} />
      ) : !item ? (
        <Spin />
      ) : (
        <>
          <Space wrap size={4} className="agenda-case-head">
            <Link to={`/cases/${item.id}`}>
              <Typography.Text strong>{item.personName}</Typography.Text>
            </Link>
            <CaseStatusTag status={item.status} />
            {item.level !== null && <LevelTag level={item.level} />}
            <ConfirmationTag item={item} />
          </Space>
          {pending.map((proposal) => (
            <Typography.Paragraph key={proposal.id} className="agenda-ask" data-testid="agenda-ask">
              <Tag>{PROPOSAL_KIND_LABELS[proposal.kind]}</Tag>
              {proposalAsk(proposal)}（{proposal.proposerName}，{proposal.proposedOn}）
              <Typography.Text type="secondary" className="pre-wrap agenda-basis">
                {proposal.basis}
              </Typography.Text>
            </Typography.Paragraph>
          ))}
          {decided.map((decision) => (
            <Alert
              key={decision.id}
              type="success"
              showIcon
              className="form-alert"
              title={`本次会议决定：${decisionText(decision, item.proposals)}`}
              description={decision.reason}
              data-testid="decision-made"
            />
          ))}
          {missing.length > 0 && (
            <Typography.Paragraph type="danger" data-testid="quorum-missing">
              参会人员不足，缺少：{missing.join('、')}，不能作出决定
            </Typography.Paragraph>
          )}
          {canDecide && decided.length === 0 && <DecisionForm meeting={meeting} item={item} />}
        </>
      )}
    </Card>
  );
}

function DecisionForm({ meeting, item }: { meeting: Meeting; item: CaseDetail }) {
  const [form] = Form.useForm<Values>();
  const queryClient = useQueryClient();
  const { modal, message } = App.useApp();
  const [saving, setSaving] = useState(false);
  const [refused, setRefused] = useState<string | null>(null);
  const choice = decisionChoice(item);
  const chosen = Form.useWatch('choice', form);
  const outcome = choice.options.find((option) => option.value === chosen)?.outcome;

  if (choice.options.length === 0) {
    return <Typography.Text type="secondary">该案件已结案，无需研判</Typography.Text>;
  }

  const submit = async (values: Values) => {
    setRefused(null);
    const option = choice.options.find((candidate) => candidate.value === values.choice);
    if (!option) return;
    const level = NEEDS_LEVEL.includes(option.outcome) ? values.level : undefined;
    const confirmed = await modal.confirm({
      title: '确认作出研判决定？',
      content: `${decisionSentence(item, option, level)}。决定生效日期为会议日期 ${meeting.heldOn}，并通知各责任单位。`,
      okText: '确认决定',
      cancelText: '取消',
    });
    if (!confirmed) return;
    setSaving(true);
    try {
      await api.decide(meeting.id, {
        caseId: item.id,
        // 不予采纳 names the proposal it turns down: with both kinds pending the server cannot guess.
        proposalId: option.declines?.id ?? proposalSettledBy(item, option.outcome)?.id,
        outcome: option.outcome,
        level,
        reason: values.reason.trim(),
      });
      message.success('已作出决定');
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: ['meeting', meeting.id] }),
        queryClient.invalidateQueries({ queryKey: ['case', item.id] }),
        queryClient.invalidateQueries({ queryKey: ['agenda'] }),
        queryClient.invalidateQueries({ queryKey: ['cases'] }),
        queryClient.invalidateQueries({ queryKey: ['proposals'] }),
        queryClient.invalidateQueries({ queryKey: ['notifications'] }),
      ]);
    } catch (error) {
      // Quorum and state refusals (409) come with the server's own Chinese sentence: show it as it is.
      setRefused(errorMessage(error));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Form<Values>
      form={form}
      layout="vertical"
      className="decision-form"
      onFinish={submit}
      initialValues={{ choice: choice.defaultValue, level: choice.defaultLevel }}
    >
      <Space wrap align="start" className="full-width">
        <Form.Item name="choice" label="研判决定" rules={[{ required: true, message: '请选择' }]}>
          <Select
            options={choice.options.map(({ value, label }) => ({ value, label }))}
            style={{ width: 220 }}
            data-testid="decision-outcome"
          />
        </Form.Item>
        {outcome && NEEDS_LEVEL.includes(outcome) && (
          <Form.Item name="level" label="级别" rules={[{ required: outcome !== 'confirm', message: '请选择级别' }]}>
            <Select
              options={LEVEL_OPTIONS.map((option) => ({
                ...option,
                // A level change must change the level.
                disabled: outcome === 'change_level' && option.value === item.level,
              }))}
              style={{ width: 200 }}
              data-testid="decision-level"
            />
          </Form.Item>
        )}
      </Space>
      <Form.Item
        name="reason"
        label="决定理由"
        rules={[{ required: true, whitespace: true, message: '请填写决定理由' }, { max: 4000 }]}
      >
        <Input.TextArea rows={2} data-testid="decision-reason" />
      </Form.Item>
      {refused && <Alert type="error" showIcon className="form-alert" title={refused} data-testid="decision-error" />}
      <Button type="primary" htmlType="submit" loading={saving} data-testid="decision-submit">
        作出决定
      </Button>
    </Form>
  );
}
