import { ROLE_LABELS, type Role } from '@anxin/shared';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Checkbox, Empty, Modal, Radio, Spin, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { ApiError } from '../../../api';
import { withTestId } from '../../../components/forms';
import { QueryError } from '../../../components/QueryError';
import { type TeamCandidate, teamApi } from '../../../teamApi';
import { type CaseWithWork, problemText } from './recordForm';

interface Group {
  unit: string;
  people: TeamCandidate[];
}

// The town's departments first, in the plan's order (政法、公安、司法、民政、卫生), then the leaders, the village, the district.
const ROLE_ORDER = [
  'peace_office',
  'police',
  'judicial',
  'civil_affairs',
  'health',
  'leader',
  'village_cadre',
  'district',
];
const rank = (people: readonly TeamCandidate[]) =>
  Math.min(
    ...people
      .flatMap((person) => person.roles.map((role) => ROLE_ORDER.indexOf(role)))
      .map((index) => (index < 0 ? ROLE_ORDER.length : index)),
    ROLE_ORDER.length,
  );

/** Candidates by unit, the current members included even if they are no longer offered. */
function groupByUnit(candidates: readonly TeamCandidate[], item: CaseWithWork): Group[] {
  const people = new Map<string, TeamCandidate>();
  for (const member of item.team?.members ?? []) people.set(member.userId, member);
  for (const candidate of candidates) people.set(candidate.userId, candidate);
  const groups = new Map<string, TeamCandidate[]>();
  for (const person of people.values()) {
    groups.set(person.orgUnitName, [...(groups.get(person.orgUnitName) ?? []), person]);
  }
  return [...groups]
    .map(([unit, list]) => ({
      unit,
      people: list.sort((a, b) => a.displayName.localeCompare(b.displayName, 'zh-CN')),
    }))
    .sort((a, b) => rank(a.people) - rank(b.people) || a.unit.localeCompare(b.unit, 'zh-CN'));
}

const roleText = (roles: readonly string[]) => roles.map((role) => ROLE_LABELS[role as Role] ?? role).join('、');

/**
 * 编辑服务管理小组: members from the units the case's level requires, exactly one leader.
 * The server checks the required units and answers which are missing.
 */
export function TeamEditModal({ item, onClose }: { item: CaseWithWork; onClose: () => void }) {
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const candidates = useQuery({
    queryKey: ['case', item.id, 'team-candidates'],
    queryFn: ({ signal }) => teamApi.teamCandidates(item.id, signal).then((body) => body.items),
  });
  const [selected, setSelected] = useState<Set<string>>(
    () => new Set((item.team?.members ?? []).map((member) => member.userId)),
  );
  const [leaderId, setLeaderId] = useState<string | undefined>(
    () => item.team?.members.find((member) => member.role === 'leader')?.userId,
  );
  const [problem, setProblem] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const groups = useMemo(() => groupByUnit(candidates.data ?? [], item), [candidates.data, item]);

  const toggle = (userId: string, checked: boolean) => {
    setProblem(null);
    setSelected((previous) => {
      const next = new Set(previous);
      if (checked) next.add(userId);
      else next.delete(userId);
      return next;
    });
    if (!checked && leaderId === userId) setLeaderId(undefined);
  };

  const save = async () => {
    if (selected.size < 2) return setProblem('服务管理小组至少2人');
    if (!leaderId || !selected.has(leaderId)) return setProblem('请在已选成员中指定一名组长');
    setSaving(true);
    setProblem(null);
    try {
      const version = item.team?.version;
      await teamApi.putTeam(item.id, {
        members: [...selected].map((userId) => ({ userId, role: userId === leaderId ? 'leader' : 'member' })),
        ...(version && version >= 1 ? { version } : {}),
      });
      await queryClient.invalidateQueries({ queryKey: ['case', item.id] });
      message.success('已保存服务管理小组');
      onClose();
    } catch (error) {
      // No form fields here: whatever the server says (missing units, stale version) goes in the alert.
      setProblem(problemText(error));
      if (error instanceof ApiError && error.status === 409) {
        await queryClient.invalidateQueries({ queryKey: ['case', item.id] });
      }
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      width={720}
      title={`编辑服务管理小组：${item.personName}`}
      okText="保存"
      okButtonProps={withTestId('team-save', { disabled: candidates.isLoading })}
      confirmLoading={saving}
      onOk={save}
      onCancel={onClose}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">
        按“一人一专班”组建：勾选各单位的成员，并指定一名组长（负责撰写评估报告后提交级别变更呈报）。
      </Typography.Paragraph>
      {candidates.error ? (
        <QueryError error={candidates.error} onRetry={() => candidates.refetch()} />
      ) : candidates.isLoading ? (
        <Spin className="page-spin" />
      ) : groups.length === 0 ? (
        <Empty description="没有可选的人员" />
      ) : (
        <Radio.Group
          value={leaderId}
          onChange={(event) => {
            setProblem(null);
            setLeaderId(event.target.value);
          }}
          className="full-width"
        >
          <div className="team-groups" data-testid="team-candidates">
            {groups.map((group) => (
              <section key={group.unit} className="team-group">
                <Typography.Text strong>{group.unit}</Typography.Text>
                {group.people.map((person) => (
                  <div key={person.userId} className="team-candidate">
                    <Checkbox
                      checked={selected.has(person.userId)}
                      onChange={(event) => toggle(person.userId, event.target.checked)}
                      data-testid={`team-member-${person.userId}`}
                    >
                      {person.displayName}
                      {person.roles.length > 0 && (
                        <Typography.Text type="secondary"> （{roleText(person.roles)}）</Typography.Text>
                      )}
                    </Checkbox>
                    <Radio
                      value={person.userId}
                      disabled={!selected.has(person.userId)}
                      data-testid={`team-leader-${person.userId}`}
                    >
                      组长
                    </Radio>
                  </div>
                ))}
              </section>
            ))}
          </div>
        </Radio.Group>
      )}
      <Typography.Paragraph className="team-summary">
        已选 {selected.size} 人
        {leaderId && selected.has(leaderId)
          ? `，组长：${groups.flatMap((group) => group.people).find((person) => person.userId === leaderId)?.displayName ?? ''}`
          : '，尚未指定组长'}
      </Typography.Paragraph>
      {problem && <Alert type="error" showIcon title={problem} data-testid="team-error" />}
    </Modal>
  );
}
