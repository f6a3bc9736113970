import { EditOutlined, FileDoneOutlined } from '@ant-design/icons';
import { ROLE_LABELS, type Role, type Team } from '@anxin/shared';
import { Alert, Button, Card, Descriptions, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { levelLabel } from '../../../labels';
import { can, useMe } from '../../../session';
import { ResponsibilityLetterModal } from './ResponsibilityLetterModal';
import { type CaseWithWork, useRecordForm } from './recordForm';
import { TeamEditModal } from './TeamEditModal';
import './work.css';

function MemberList({ team }: { team: Team }) {
  return (
    <ul className="plain-list team-members" data-testid="team-members">
      {team.members.map((member) => (
        <li key={member.userId}>
          <Typography.Text strong>{member.displayName}</Typography.Text>
          {member.role === 'leader' && (
            <Tag color="blue" className="team-leader-tag">
              组长
            </Tag>
          )}
          <Typography.Text type="secondary" className="team-member-unit">
            {member.orgUnitName}
            {member.roles.length > 0 &&
              ` · ${member.roles.map((role) => ROLE_LABELS[role as Role] ?? role).join('、')}`}
          </Typography.Text>
        </li>
      ))}
    </ul>
  );
}

/**
 * 服务管理小组（一人一专班）and its 管控责任书: who is on the team, which units the level requires
 * and nobody covers yet, and whether the letter was signed.
 */
export function TeamCard({ item }: { item: CaseWithWork }) {
  const me = useMe();
  const listed = item.status === 'listed';
  const team = item.team;
  const members = team?.members ?? [];
  const canManage = listed && can(me, 'teams.manage');
  const canRecord = listed && can(me, 'work.record');
  const [editing, setEditing] = useState(false);
  const [letterOpen, setLetterOpen] = useRecordForm('responsibility_letter', canRecord);
  const letter = team?.responsibilityLetter ?? null;
  const missing = (team?.missingUnits ?? []).map((unit) => unit.label).join('、');
  const levelName = item.level ? `${levelLabel(item.level)}人员` : '本级';

  return (
    <Card
      title="服务管理小组（一人一专班）"
      className="section-card"
      data-testid="case-team"
      extra={
        canManage && (
          <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="team-edit">
            编辑小组
          </Button>
        )
      }
    >
      {members.length === 0 && !listed ? (
        <Typography.Text type="secondary">无服务管理小组记录</Typography.Text>
      ) : members.length === 0 ? (
        <Alert
          type="warning"
          showIcon
          title="尚未组建服务管理小组"
          description={
            <>
              {missing.length > 0 && <div>{`${levelName}服务管理小组须有：${missing}。`}</div>}
              {canManage ? '请点击“编辑小组”，从各责任单位选择成员并指定组长。' : '由平安办、派出所组建。'}
            </>
          }
          data-testid="team-missing"
        />
      ) : (
        <MemberList team={team as Team} />
      )}
      {listed && members.length > 0 && missing.length > 0 && (
        <Alert
          className="team-missing"
          type="warning"
          showIcon
          title={`缺少：${missing}`}
          description={`${levelName}服务管理小组须有以上单位的成员。`}
          data-testid="team-missing"
        />
      )}
      <Typography.Title level={5} className="subsection-title">
        管控责任书
      </Typography.Title>
      {letter ? (
        <Descriptions
          size="small"
          column={1}
          data-testid="responsibility-letter"
          items={[
            { key: 'signedOn', label: '签订日期', children: letter.signedOn },
            {
              key: 'signatories',
              label: '签订人',
              children: (
                <Space size={[0, 4]} wrap>
                  {letter.signatories.map((person) => (
                    <Tag key={person.userId}>{person.displayName}</Tag>
                  ))}
                </Space>
              ),
            },
          ]}
        />
      ) : (
        <Space orientation="vertical" className="full-width">
          <Typography.Text type={listed ? 'warning' : 'secondary'} data-testid="responsibility-letter-missing">
            {listed ? '尚未签订《“两失”人员管控责任书》' : '未登记管控责任书'}
          </Typography.Text>
          {canRecord && (
            <Button
              icon={<FileDoneOutlined />}
              onClick={() => setLetterOpen(true)}
              disabled={members.length === 0}
              data-testid="responsibility-letter-record"
            >
              登记签订
            </Button>
          )}
        </Space>
      )}
      {editing && <TeamEditModal item={item} onClose={() => setEditing(false)} />}
      {letterOpen && <ResponsibilityLetterModal item={item} onClose={() => setLetterOpen(false)} />}
    </Card>
  );
}
