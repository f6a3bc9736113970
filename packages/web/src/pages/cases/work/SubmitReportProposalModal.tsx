import type { AssessmentReport } from '@anxin/shared';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Descriptions, Input, Modal, Typography } from 'antd';
import { useState } from 'react';
import { withTestId } from '../../../components/forms';
import { levelFullLabel } from '../../../labels';
import { useMe } from '../../../session';
import { teamApi } from '../../../teamApi';
import { type CaseWithWork, problemText } from './recordForm';

/**
 * The confirmation before the team leader submits the level-change proposal an assessment report
 * prepared: what changes, on whose responsibility ("谁呈报、谁负责"), and that a meeting decides it.
 */
export function SubmitReportProposalModal({
  item,
  report,
  onClose,
}: {
  item: CaseWithWork;
  report: AssessmentReport;
  onClose: () => void;
}) {
  const me = useMe();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [basis, setBasis] = useState('');
  const [saving, setSaving] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  const submit = async () => {
    if (basis.length > 4000) return setProblem('补充说明不能超过4000字');
    setSaving(true);
    setProblem(null);
    try {
      await teamApi.submitReportProposal(report.id, basis.trim() ? { basis: basis.trim() } : {});
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: ['case', item.id] }),
        queryClient.invalidateQueries({ queryKey: ['proposals'] }),
      ]);
      message.success('已提交级别变更呈报，待研判会决定');
      onClose();
    } catch (error) {
      setProblem(problemText(error));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      width={640}
      title="确认提交级别变更呈报？"
      okText="提交呈报"
      okButtonProps={withTestId('report-proposal-confirm', {})}
      confirmLoading={saving}
      onOk={submit}
      onCancel={onClose}
      destroyOnHidden
    >
      <Descriptions
        size="small"
        column={1}
        bordered
        items={[
          { key: 'person', label: '人员', children: item.personName },
          { key: 'from', label: '现级别', children: levelFullLabel(item.level) },
          {
            key: 'to',
            label: '建议调整为',
            children: <Typography.Text strong>{levelFullLabel(report.recommendedLevel)}</Typography.Text>,
          },
          {
            key: 'basis',
            label: '依据',
            children: `评估报告（${report.period}，${report.reportedOn}，${report.authorName}）`,
          },
          { key: 'proposer', label: '呈报人', children: `${me.displayName}（服务管理小组组长）` },
        ]}
      />
      <Typography.Paragraph className="subsection-title">
        {
          '提交后，《级别变更呈报表》进入研判会待研判事项，由镇党委、政府、派出所、平安办、属地属事单位等共同研究决定，并书面通知相关责任单位。研判会决定前，级别和各项工作频次不变。谁呈报、谁负责。'
        }
      </Typography.Paragraph>
      <Typography.Text>补充说明（选填）</Typography.Text>
      <Input.TextArea
        rows={3}
        value={basis}
        maxLength={4000}
        onChange={(event) => setBasis(event.target.value)}
        placeholder="默认以本评估报告的现实表现和现实危害性评估为依据"
        data-testid="report-proposal-basis"
      />
      {problem && <Alert className="subsection-title" type="error" showIcon title={problem} />}
    </Modal>
  );
}
