import type { PersonDetail } from '@anxin/shared';
import { useQuery } from '@tanstack/react-query';
import { Card, Spin, Table, type TableColumnsType, Typography } from 'antd';
import { Link } from 'react-router';
import { api } from '../../api';
import { CaseStatusTag, LevelTag } from '../../components/CaseTags';
import { QueryError } from '../../components/QueryError';
import { CaseDocumentsCard } from '../cases/CaseDocumentsCard';
import { CaseProposalsCard } from '../cases/CaseProposalsCard';
import { LevelTimeline } from '../cases/LevelTimeline';

type CaseRow = PersonDetail['cases'][number];

const caseColumns: TableColumnsType<CaseRow> = [
  {
    title: '状态',
    dataIndex: 'status',
    render: (status: string, row) => (
      <Link to={`/cases/${row.id}`}>
        <CaseStatusTag status={status} />
      </Link>
    ),
  },
  { title: '列管级别', dataIndex: 'level', render: (level: number | null) => <LevelTag level={level} /> },
  { title: '列管日期', dataIndex: 'listedOn', render: (date: string | null) => date ?? '—' },
  { title: '撤销日期', dataIndex: 'closedOn', render: (date: string | null) => date ?? '—' },
  { title: '', key: 'link', render: (_, row) => <Link to={`/cases/${row.id}`}>查看案件</Link> },
];

/** The case the file shows in full: the open one, else the latest. */
export function currentCaseId(person: PersonDetail): string | undefined {
  return person.openCase?.id ?? person.cases[0]?.id;
}

/** 列管记录: every listing episode, and the current one's level timeline, proposals and decisions. */
export function PersonCasesTab({ person }: { person: PersonDetail }) {
  const caseId = currentCaseId(person);
  const current = useQuery({
    queryKey: ['case', caseId],
    queryFn: ({ signal }) => api.case(caseId as string, signal),
    enabled: caseId !== undefined,
  });

  return (
    <div>
      <Card title="列管记录" className="section-card">
        <Table<CaseRow>
          rowKey="id"
          size="small"
          columns={caseColumns}
          dataSource={person.cases}
          pagination={false}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: '暂无列管记录' }}
          data-testid="person-cases"
        />
      </Card>
      {caseId &&
        (current.error ? (
          <QueryError error={current.error} onRetry={() => current.refetch()} />
        ) : !current.data ? (
          <Spin className="page-spin" />
        ) : (
          <>
            <Card
              title={person.openCase ? '当前列管：级别时间线' : '最近一次列管：级别时间线'}
              className="section-card"
              extra={<Link to={`/cases/${current.data.id}`}>案件详情</Link>}
            >
              <LevelTimeline item={current.data} />
            </Card>
            <CaseProposalsCard item={current.data} />
          </>
        ))}
    </div>
  );
}

/** 档案材料 of the current case, as on the case page. */
export function PersonDocumentsTab({ person }: { person: PersonDetail }) {
  const caseId = currentCaseId(person);
  const current = useQuery({
    queryKey: ['case', caseId],
    queryFn: ({ signal }) => api.case(caseId as string, signal),
    enabled: caseId !== undefined,
  });
  if (!caseId) return <Typography.Text type="secondary">未列管，暂无档案材料</Typography.Text>;
  if (current.error) return <QueryError error={current.error} onRetry={() => current.refetch()} />;
  if (!current.data) return <Spin className="page-spin" />;
  return <CaseDocumentsCard caseId={caseId} canUpload={current.data.abilities.uploadDocument === true} />;
}
