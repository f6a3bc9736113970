import { MEETING_KIND_LABELS } from '@anxin/shared';
import { useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Descriptions, Space, Spin, Typography } from 'antd';
import { useState } from 'react';
import { useParams } from 'react-router';
import { api } from '../../api';
import { errorMessage } from '../../components/forms';
import { QueryError } from '../../components/QueryError';
import { formsApi } from '../../formsApi';
import { formatDateTime } from '../../time';
import { FormDownloadButtons } from '../cases/CaseFormsCard';
import { AgendaCard } from './AgendaCard';
import { AttendanceCard } from './AttendanceCard';
import { DecisionPanel } from './DecisionPanel';

/** A meeting's page: attendance and minutes, the agenda built from what the town has waiting, and a decision per case. */
export function MeetingDetailPage() {
  const { id = '' } = useParams();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [changing, setChanging] = useState<string | null>(null);
  const query = useQuery({ queryKey: ['meeting', id], queryFn: ({ signal }) => api.meeting(id, signal) });
  const meeting = query.data;
  // The agenda cases, shared by key with each decision panel, so the quorum lines can name the person.
  const cases = useQueries({
    queries: (meeting?.caseIds ?? []).map((caseId) => ({
      queryKey: ['case', caseId],
      queryFn: ({ signal }: { signal: AbortSignal }) => api.case(caseId, signal),
    })),
  });

  if (query.error) return <QueryError error={query.error} onRetry={() => query.refetch()} />;
  if (!meeting) return <Spin className="page-spin" />;
  const personNames = new Map(
    cases.flatMap((result) => (result.data ? [[result.data.id, result.data.personName] as const] : [])),
  );
  const canEdit = meeting.abilities.update === true;
  const canDecide = meeting.abilities.decide === true && meeting.kind === 'assessment';
  const missing = new Map(meeting.missingForQuorum.map((item) => [item.caseId, item.missing]));

  const changeAgenda = async (caseId: string, add: boolean) => {
    setChanging(caseId);
    try {
      const caseIds = add ? [...meeting.caseIds, caseId] : meeting.caseIds.filter((other) => other !== caseId);
      const updated = await api.updateMeeting(meeting.id, { caseIds, version: meeting.version });
      queryClient.setQueryData(['meeting', meeting.id], updated);
    } catch (error) {
      message.error(errorMessage(error));
      void queryClient.invalidateQueries({ queryKey: ['meeting', meeting.id] });
    } finally {
      setChanging(null);
    }
  };

  return (
    <div>
      <div className="page-heading">
        <Typography.Title level={4}>
          {MEETING_KIND_LABELS[meeting.kind]}：{meeting.orgUnitName} {meeting.heldOn}
        </Typography.Title>
        <Space wrap>
          <Typography.Text type="secondary">会议纪要</Typography.Text>
          <FormDownloadButtons
            path={(format) => formsApi.minutesPath(meeting.id, format)}
            testId="minutes-download"
            size="middle"
          />
        </Space>
      </div>
      <Card className="section-card" size="small">
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 2, md: 3, lg: 3, xl: 3, xxl: 3 }}
          items={[
            { key: 'kind', label: '会议类型', children: MEETING_KIND_LABELS[meeting.kind] },
            { key: 'heldAt', label: '召开时间', children: formatDateTime(meeting.heldAt).slice(0, 16) },
            { key: 'town', label: '镇（街道）', children: meeting.orgUnitName },
          ]}
        />
        {meeting.kind !== 'assessment' && (
          <Typography.Text type="secondary">
            本会议不是研判会，只记录参会人员和纪要；列管等决定须在研判会上作出。
          </Typography.Text>
        )}
      </Card>
      <AttendanceCard meeting={meeting} canEdit={canEdit} personNames={personNames} />
      {canEdit && (
        <AgendaCard
          meeting={meeting}
          canEdit={canEdit}
          adding={changing}
          onAdd={(caseId) => changeAgenda(caseId, true)}
        />
      )}
      <Card title={`本次议程（${meeting.caseIds.length}）`} className="section-card" data-testid="meeting-cases">
        {meeting.caseIds.length === 0 ? (
          <Typography.Text type="secondary">
            尚未列入议程案件{canEdit ? '，请从“待上会事项”中加入' : ''}
          </Typography.Text>
        ) : (
          <Space orientation="vertical" className="full-width">
            {meeting.caseIds.map((caseId) => (
              <div key={caseId} className="agenda-item">
                <DecisionPanel
                  meeting={meeting}
                  caseId={caseId}
                  missing={missing.get(caseId) ?? []}
                  canDecide={canDecide}
                />
                {canEdit && !meeting.decisions.some((decision) => decision.caseId === caseId) && (
                  <Button
                    type="link"
                    size="small"
                    danger
                    loading={changing === caseId}
                    onClick={() => changeAgenda(caseId, false)}
                    className="agenda-remove"
                  >
                    移出议程
                  </Button>
                )}
              </div>
            ))}
          </Space>
        )}
      </Card>
    </div>
  );
}
