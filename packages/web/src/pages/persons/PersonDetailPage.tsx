import { AuditOutlined, EditOutlined } from '@ant-design/icons';
import { GENDER_LABELS, type PersonDetail } from '@anxin/shared';
import { useQuery } from '@tanstack/react-query';
import {
  Button,
  Card,
  Descriptions,
  type DescriptionsProps,
  Space,
  Spin,
  Table,
  type TableColumnsType,
  Typography,
} from 'antd';
import { useNavigate, useParams } from 'react-router';
import { api } from '../../api';
import { QueryError } from '../../components/QueryError';
import { caseStatusLabel, levelLabel } from '../../labels';
import { can, useMe } from '../../session';

type CaseRow = PersonDetail['cases'][number];

const caseColumns: TableColumnsType<CaseRow> = [
  { title: '状态', dataIndex: 'status', render: (status: string) => caseStatusLabel(status) },
  { title: '列管级别', dataIndex: 'level', render: (level: number | null) => levelLabel(level) },
  { title: '列管日期', dataIndex: 'listedOn', render: (date: string | null) => date ?? '—' },
  { title: '撤销日期', dataIndex: 'closedOn', render: (date: string | null) => date ?? '—' },
];

const orDash = (value: string | null | undefined) => value || '—';

function openCaseText(person: PersonDetail): string {
  const open = person.openCase;
  if (!open) return '未列管';
  const parts = [caseStatusLabel(open.status)];
  if (open.level !== null) parts.push(levelLabel(open.level));
  if (open.listedOn) parts.push(`列管日期 ${open.listedOn}`);
  return parts.join(' · ');
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
    { key: 'openCase', label: '当前列管', children: openCaseText(person), span: 'filled' },
    {
      key: 'familyContacts',
      label: '家庭联系人',
      children: <span className="pre-wrap">{orDash(person.familyContacts)}</span>,
      span: 'filled',
    },
  ];
}

/** The one-person-one-file page. Every read of it is audited by the server. */
export function PersonDetailPage() {
  const { id = '' } = useParams();
  const me = useMe();
  const navigate = useNavigate();
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
      <Card title="基本信息" className="section-card">
        <Descriptions
          items={personItems(person)}
          column={{ xs: 1, sm: 1, md: 2, lg: 2, xl: 3, xxl: 3 }}
          size="small"
          bordered
        />
      </Card>
      <Card title="列管记录" className="section-card">
        <Table<CaseRow>
          rowKey="id"
          size="small"
          columns={caseColumns}
          dataSource={person.cases}
          pagination={false}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: '暂无列管记录' }}
        />
      </Card>
    </div>
  );
}
