import { AuditOutlined, EditOutlined, LockOutlined } from '@ant-design/icons';
import {
  GENDER_LABELS,
  NEED_TO_KNOW_FIELDS,
  NEED_TO_KNOW_LABELS,
  NEED_TO_KNOW_MASK,
  type NeedToKnowField,
  type PersonDetail,
} from '@anxin/shared';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Descriptions, type DescriptionsProps, Space, Spin, Tabs, Typography } from 'antd';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { api } from '../../api';
import { QueryError } from '../../components/QueryError';
import { caseStatusLabel, levelLabel } from '../../labels';
import { can, useMe } from '../../session';
import { PersonAuditTab } from './PersonAuditTab';
import { PersonCasesTab, PersonDocumentsTab } from './PersonCasesTab';

const orDash = (value: string | null | undefined) => value || '—';

function openCaseText(person: PersonDetail): string {
  const open = person.openCase;
  if (!open) return '未列管';
  const parts = [caseStatusLabel(open.status)];
  if (open.level !== null) parts.push(levelLabel(open.level));
  if (open.listedOn) parts.push(`列管日期 ${open.listedOn}`);
  return parts.join(' · ');
}

/** A need-to-know note: its text for a reader in the circle, else a lock and who may read it (never the text). */
function noteItem(person: PersonDetail, field: NeedToKnowField) {
  const restricted = person.restrictedFields.includes(field);
  return {
    key: field,
    label: NEED_TO_KNOW_LABELS[field],
    span: 'filled' as const,
    children: restricted ? (
      <Typography.Text type="secondary" data-testid={`person-${field}-restricted`}>
        <LockOutlined /> 【{NEED_TO_KNOW_MASK}】
      </Typography.Text>
    ) : (
      <span className="pre-wrap" data-testid={`person-${field}`}>
        {orDash(person[field])}
      </span>
    ),
  };
}

function personItems(person: PersonDetail): DescriptionsProps['items'] {
  return [
    { key: 'name', label: '姓名', children: person.name },
    { key: 'gender', label: '性别', children: person.gender ? GENDER_LABELS[person.gender] : '—' },
    { key: 'idNumber', label: '身份证号', children: <span className="mono">{person.idNumber}</span> },
    { key: 'birthDate', label: '出生日期', children: orDash(person.birthDate) },
    { key: 'phone', label: '联系电话', children: orDash(person.phone) },
    { key: 'occupation', label: '职业', children: orDash(person.occupation) },
    { key: 'household', label: '户籍地', children: person.householdOrgUnitName },
    { key: 'householdAddress', label: '户籍地址', children: person.householdAddress },
    { key: 'residence', label: '居住地', children: orDash(person.residenceOrgUnitName) },
    { key: 'residenceAddress', label: '居住地址', children: orDash(person.residenceAddress) },
    {
      key: 'openCase',
      label: '当前列管',
      children: person.openCase ? <Link to={`/cases/${person.openCase.id}`}>{openCaseText(person)}</Link> : '未列管',
      span: 'filled',
    },
    {
      key: 'familyContacts',
      label: '家庭联系人',
      children: <span className="pre-wrap">{orDash(person.familyContacts)}</span>,
      span: 'filled',
    },
    ...NEED_TO_KNOW_FIELDS.map((field) => noteItem(person, field)),
  ];
}

const TABS = ['info', 'cases', 'documents', 'audit'];

/** 一人一档: basic information, case history with the level timeline, the archive and the audit trail. Every read is audited. */
export function PersonDetailPage() {
  const { id = '' } = useParams();
  const me = useMe();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const tab = TABS.includes(params.get('tab') ?? '') ? (params.get('tab') as string) : 'info';
  const query = useQuery({ queryKey: ['person', id], queryFn: ({ signal }) => api.person(id, signal) });

  if (query.error) return <QueryError error={query.error} onRetry={() => query.refetch()} />;
  const person = query.data;
  if (!person) return <Spin className="page-spin" />;

  return (
    <div>
      <div className="page-heading">
        <Typography.Title level={4}>人员档案：{person.name}</Typography.Title>
        <Space wrap>
          {can(me, 'audit.read') && (
            <Button
              icon={<AuditOutlined />}
              onClick={() => navigate(`/audit?entityType=person&entityId=${encodeURIComponent(person.id)}`)}
            >
              查看审计记录
            </Button>
          )}
          {!person.openCase && can(me, 'cases.create') && (
            <Button
              onClick={() => navigate(`/cases/new?personId=${encodeURIComponent(person.id)}`)}
              data-testid="person-intake"
            >
              提出入库呈报
            </Button>
          )}
          {person.abilities.update && (
            <Button
              type="primary"
              icon={<EditOutlined />}
              onClick={() => navigate(`/persons/${person.id}/edit`)}
              data-testid="person-edit"
            >
              编辑
            </Button>
          )}
        </Space>
      </div>
      <Tabs
        activeKey={tab}
        onChange={(key) => setParams({ tab: key }, { replace: true })}
        destroyOnHidden
        items={[
          {
            key: 'info',
            label: '基本信息',
            children: (
              <Card className="section-card">
                <Descriptions
                  items={personItems(person)}
                  column={{ xs: 1, sm: 1, md: 2, lg: 2, xl: 3, xxl: 3 }}
                  size="small"
                  bordered
                />
              </Card>
            ),
          },
          { key: 'cases', label: `列管记录（${person.cases.length}）`, children: <PersonCasesTab person={person} /> },
          { key: 'documents', label: '档案材料', children: <PersonDocumentsTab person={person} /> },
          // Whoever may read the file may see who else read it.
          { key: 'audit', label: '审计记录', children: <PersonAuditTab personId={person.id} /> },
        ]}
      />
    </div>
  );
}
