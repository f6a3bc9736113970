import { type Meeting, ROLE_LABELS } from '@anxin/shared';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, Input, Select, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { ApiError, api } from '../../api';
import { errorMessage } from '../../components/forms';
import { useOrgUnitNames } from '../../orgUnits';

/** The people who may attend: users in scope, labelled with their unit so 派出所 and 平安办 are easy to find. */
function useAttendeeOptions(meeting: Meeting) {
  const names = useOrgUnitNames();
  const users = useQuery({ queryKey: ['users'], queryFn: ({ signal }) => api.users(signal), staleTime: 5 * 60_000 });
  return useMemo(() => {
    const options = new Map<string, { value: string; label: string }>();
    for (const user of users.data?.items ?? []) {
      if (user.disabled) continue;
      const unit = names.get(user.orgUnitId) ?? ROLE_LABELS[user.roles[0] ?? 'peace_office'];
      options.set(user.id, { value: user.id, label: `${user.displayName}（${unit}）` });
    }
    // Someone already recorded but out of the user list (another town's, the district's) still shows by name.
    for (const participant of meeting.participants) {
      if (!options.has(participant.userId)) {
        const unit = names.get(participant.orgUnitId);
        options.set(participant.userId, {
          value: participant.userId,
          label: unit ? `${participant.displayName}（${unit}）` : participant.displayName,
        });
      }
    }
    return { options: [...options.values()], loading: users.isLoading };
  }, [users.data, users.isLoading, meeting.participants, names]);
}

/**
 * 参会人员 and 会议纪要, saved together with the meeting's version. The quorum of each agenda
 * case (leader, 派出所, 平安办 and the case's village) is the server's answer after saving.
 */
export function AttendanceCard({
  meeting,
  canEdit,
  personNames,
}: {
  meeting: Meeting;
  canEdit: boolean;
  personNames: Map<string, string>;
}) {
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const { options, loading } = useAttendeeOptions(meeting);
  // Local until saved, so a reload of the meeting (after a decision) does not drop what is being typed.
  const [participants, setParticipants] = useState(() => meeting.participants.map((p) => p.userId));
  const [minutes, setMinutes] = useState(meeting.minutes);
  const [saving, setSaving] = useState(false);
  const [stale, setStale] = useState<string | null>(null);
  const short = meeting.missingForQuorum.filter((item) => item.missing.length > 0);

  const save = async () => {
    setSaving(true);
    setStale(null);
    try {
      const updated = await api.updateMeeting(meeting.id, {
        participantUserIds: participants,
        minutes,
        version: meeting.version,
      });
      queryClient.setQueryData(['meeting', meeting.id], updated);
      message.success('已保存');
    } catch (error) {
      if (error instanceof ApiError && error.status === 409) setStale(error.message);
      else message.error(errorMessage(error));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Card title="参会人员与会议纪要" className="section-card">
      <Form layout="vertical" component="div">
        <Form.Item label="参会人员" extra="研判会须有领导小组、派出所、平安办及案件所在村（社区）人员参加">
          <Select
            mode="multiple"
            value={participants}
            onChange={setParticipants}
            options={options}
            loading={loading}
            disabled={!canEdit}
            showSearch={{ optionFilterProp: 'label' }}
            placeholder="选择参会人员"
            data-testid="meeting-attendance"
          />
        </Form.Item>
        {meeting.kind === 'assessment' && meeting.caseIds.length > 0 && (
          <div className="quorum" data-testid="quorum">
            {short.length === 0 ? (
              <Typography.Text type="success">参会人员齐备，可以对议程案件作出决定</Typography.Text>
            ) : (
              short.map((item) => (
                <Typography.Paragraph key={item.caseId} type="danger" className="quorum-line">
                  {personNames.get(item.caseId) ?? '议程案件'}：缺少 {item.missing.join('、')}
                </Typography.Paragraph>
              ))
            )}
          </div>
        )}
        <Form.Item label="会议纪要">
          <Input.TextArea
            rows={6}
            value={minutes}
            onChange={(event) => setMinutes(event.target.value)}
            disabled={!canEdit}
            maxLength={20000}
            placeholder="会议议题、研判情况、各单位意见及决定事项"
            data-testid="meeting-minutes"
          />
        </Form.Item>
      </Form>
      {stale && (
        <Alert
          type="warning"
          showIcon
          className="form-alert"
          title={stale}
          action={
            <Button size="small" onClick={() => queryClient.invalidateQueries({ queryKey: ['meeting', meeting.id] })}>
              刷新
            </Button>
          }
        />
      )}
      {canEdit && (
        <Button type="primary" loading={saving} onClick={save} data-testid="meeting-save">
          保存参会人员与纪要
        </Button>
      )}
    </Card>
  );
}
