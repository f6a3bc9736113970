import type { CaseSummary, Team, Visit } from '@anxin/shared';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Result, Select, Spin, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { api } from '../../api';
import { QueryError } from '../../components/QueryError';
import { levelLabel } from '../../labels';
import { formatDateTime } from '../../time';
import '../../work.css';
import { caseWorkKey, teamApi } from '../../teamApi';
import { VisitForm } from './VisitForm';

/** The listed cases a visit may be recorded for, searched by name on the server (a page is 50). */
const LISTED = { page: 1, pageSize: 50, status: 'listed' } as const;

/** /visits/new?caseId=: choose the person, check the team can visit, then the visit form; the result after. */
export function VisitNewPage() {
  const [params, setParams] = useSearchParams();
  const caseId = params.get('caseId') ?? undefined;
  const [recorded, setRecorded] = useState<{ visit: Visit; personName: string } | null>(null);
  const [search, setSearch] = useState('');
  const listQuery = search ? { ...LISTED, q: search } : LISTED;
  const cases = useQuery({
    queryKey: ['cases', listQuery],
    queryFn: ({ signal }) => api.cases(listQuery, signal),
    placeholderData: (previous) => previous,
  });
  // A case named in the link but beyond the first page of the list still gets its name.
  const linked = useQuery({
    queryKey: ['case', caseId],
    queryFn: ({ signal }) => api.case(caseId as string, signal),
    enabled: !!caseId && !!cases.data && !cases.data.items.some((item) => item.id === caseId),
  });
  const options = useMemo(() => {
    const list: Pick<CaseSummary, 'id' | 'personName' | 'level' | 'idNumberMasked'>[] = [...(cases.data?.items ?? [])];
    if (linked.data && !list.some((item) => item.id === linked.data.id)) list.unshift(linked.data);
    return list.map((item) => ({
      value: item.id,
      label: `${item.personName}（${levelLabel(item.level)}，${item.idNumberMasked}）`,
      name: item.personName,
    }));
  }, [cases.data, linked.data]);
  const personName = options.find((option) => option.value === caseId)?.name ?? '';

  const chooseCase = (next: string | undefined) => {
    setParams(next ? { caseId: next } : {}, { replace: true });
  };

  if (recorded) {
    return <VisitRecorded {...recorded} onAnother={() => setRecorded(null)} />;
  }

  return (
    <div className="visit-form">
      <div className="page-heading">
        <Typography.Title level={4}>登记随访</Typography.Title>
        <Link to="/visits">随访记录</Link>
      </div>
      <Card size="small" className="section-card">
        <Form layout="vertical" component="div" className="visit-case-picker">
          <Form.Item label="随访对象" required extra="仅可选择已列管人员；可输入姓名搜索">
            <Select
              value={caseId}
              onChange={chooseCase}
              options={options}
              showSearch={{ filterOption: false, onSearch: (text) => setSearch(text.trim()) }}
              allowClear
              loading={cases.isPending}
              placeholder="请选择随访对象"
              // A case from the link shows its name once the list is in, never its id.
              labelRender={({ label }) => label ?? (cases.isPending || linked.isFetching ? '加载中…' : '非列管人员')}
              notFoundContent={cases.isPending ? '加载中…' : '辖区内没有列管人员'}
              data-testid="visit-case"
            />
          </Form.Item>
        </Form>
        {cases.error && <QueryError error={cases.error} onRetry={() => cases.refetch()} />}
      </Card>
      {caseId && (
        <TeamGate
          key={caseId}
          caseId={caseId}
          personName={personName}
          onRecorded={(visit) => setRecorded({ visit, personName })}
        />
      )}
    </div>
  );
}

/** A visit is made by the case's team: without a complete team, say why and where to form it. */
function TeamGate({
  caseId,
  personName,
  onRecorded,
}: {
  caseId: string;
  personName: string;
  onRecorded: (visit: Visit) => void;
}) {
  const team = useQuery({
    queryKey: caseWorkKey(caseId, 'team'),
    queryFn: ({ signal }) => teamApi.team(caseId, signal),
  });
  const caseLink = (
    <Link to={`/cases/${caseId}`} data-testid="visit-case-link">
      前往案件页
    </Link>
  );
  if (team.isPending) return <Spin className="page-spin" />;
  if (team.error) {
    return <QueryError error={team.error} onRetry={() => team.refetch()} />;
  }
  const blocked = whyBlocked(team.data);
  if (blocked) {
    return (
      <Alert
        type="warning"
        showIcon
        data-testid="visit-blocked"
        title={blocked}
        description={<>随访须由服务管理小组成员2人以上同行。请先组建小组：{caseLink}</>}
      />
    );
  }
  // An incomplete team may still visit (the server takes any two members); it is told to complete it.
  const missing = team.data.missingUnits.map((unit) => unit.label).join('、');
  return (
    <>
      {missing && (
        <Alert
          type="warning"
          showIcon
          className="form-alert"
          data-testid="visit-team-incomplete"
          title={`服务管理小组缺少：${missing}`}
          description={<>请尽快完善小组：{caseLink}</>}
        />
      )}
      <VisitForm caseId={caseId} personName={personName} team={team.data} onRecorded={onRecorded} />
    </>
  );
}

/** What the server would refuse anyway: a visit needs two team members. */
function whyBlocked(team: Team): string | null {
  if (team.members.length === 0) return '该人员尚未组建服务管理小组，暂不能登记随访';
  if (team.members.length < 2) return '服务管理小组不足2人，暂不能登记随访';
  return null;
}

function VisitRecorded({ visit, personName, onAnother }: { visit: Visit; personName: string; onAnother: () => void }) {
  const navigate = useNavigate();
  return (
    <div className="visit-form">
      {visit.alertId && (
        <Alert
          type="error"
          showIcon
          className="form-alert"
          title="已生成警情并通知平安办、派出所"
          description="请保持与当事人及家属的联系，配合做好现场处置。"
          data-testid="visit-alert-raised"
        />
      )}
      <Result
        status="success"
        title="随访已登记"
        subTitle={`${personName ? `${personName}，` : ''}${formatDateTime(visit.visitedAt).slice(0, 16)}，随访人员：${visit.visitors
          .map((visitor) => visitor.displayName)
          .join('、')}`}
        data-testid="visit-recorded"
        extra={[
          <Button type="primary" key="home" onClick={() => navigate('/work')}>
            返回工作台
          </Button>,
          <Button key="history" onClick={() => navigate(`/visits?caseId=${visit.caseId}`)}>
            查看随访记录
          </Button>,
          <Button key="another" onClick={onAnother}>
            继续登记
          </Button>,
        ]}
      />
    </div>
  );
}
