import type { ScreeningReport } from '@anxin/shared';
import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Descriptions, Form, Select, Space, Spin, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { api } from '../../api';
import { CategoryTags } from '../../components/CaseTags';
import { QueryError } from '../../components/QueryError';
import { formsApi } from '../../formsApi';
import { isResidentialUnit, useOrgUnits } from '../../orgUnits';
import { useMe } from '../../session';
import { beijingToday, formatDateTime } from '../../time';
import { FormDownloadButtons } from '../cases/CaseFormsCard';
import { dueOnOf, MonthPicker, useMonthParam } from './month';
import { ScreeningReturnForm } from './ScreeningReturnForm';

export const screeningReportKey = (month: string, orgUnitId: string) =>
  ['screening-reports', { month, orgUnitId }] as const;

/**
 * 本月上报: one return per unit per month. A village files for itself; the peace office
 * may also file for any village in its scope.
 */
export function MonthlyReturnTab() {
  const me = useMe();
  const [month, setMonth] = useMonthParam();
  const [orgUnitId, setOrgUnitId] = useState(me.orgUnitId);
  const units = useOrgUnits();
  const unitOptions = useMemo(() => {
    const villages = (units.data ?? []).filter(isResidentialUnit).map((unit) => ({ value: unit.id, label: unit.name }));
    const own = villages.some((option) => option.value === me.orgUnitId)
      ? []
      : [{ value: me.orgUnitId, label: `${me.orgUnitName}（本单位）` }];
    return [...own, ...villages.sort((a, b) => a.label.localeCompare(b.label, 'zh-CN'))];
  }, [units.data, me.orgUnitId, me.orgUnitName]);
  const mayFileForVillages = me.roles.includes('peace_office');

  const query = useQuery({
    queryKey: screeningReportKey(month, orgUnitId),
    queryFn: ({ signal }) => api.screeningReports({ month, orgUnitId }, signal),
  });
  const report = query.data?.items[0];
  const dueOn = report?.dueOn ?? dueOnOf(month);
  const pastDue = beijingToday().format('YYYY-MM-DD') > dueOn;

  return (
    <div className="screening-return">
      <Form layout="vertical" component="div" className="screening-return-head">
        <Form.Item label="月份" className="inline-item">
          <MonthPicker value={month} onChange={setMonth} testId="screening-month" />
        </Form.Item>
        {mayFileForVillages && (
          <Form.Item label="填报单位" className="inline-item">
            <Select
              value={orgUnitId}
              onChange={setOrgUnitId}
              options={unitOptions}
              showSearch={{ optionFilterProp: 'label' }}
              className="unit-select"
              data-testid="screening-unit"
            />
          </Form.Item>
        )}
      </Form>
      <Typography.Paragraph type="secondary" className="due-note">
        排查情况表每月22日前报平安办（{month.replace('-', '年')}月截止 {dueOn}）
      </Typography.Paragraph>
      {query.error ? (
        <QueryError error={query.error} onRetry={() => query.refetch()} />
      ) : query.isPending ? (
        <Spin className="page-spin" />
      ) : report?.status === 'submitted' ? (
        <SubmittedReturn report={report} />
      ) : (
        <>
          {pastDue && (
            <Alert type="warning" showIcon className="form-alert" title="已过本月上报期限，现在上报将记为逾期" />
          )}
          <ScreeningReturnForm
            // A fresh form for each month, unit and saved version.
            key={`${month}:${orgUnitId}:${report?.id ?? 'new'}:${report?.version ?? 0}`}
            month={month}
            orgUnitId={orgUnitId}
            report={report}
          />
        </>
      )}
    </div>
  );
}

export function OnTimeTag({ report }: { report: Pick<ScreeningReport, 'status' | 'onTime'> }) {
  if (report.status !== 'submitted') return <Tag color="blue">草稿</Tag>;
  return report.onTime ? <Tag color="green">按时上报</Tag> : <Tag color="orange">逾期上报</Tag>;
}

function SubmittedReturn({ report }: { report: ScreeningReport }) {
  return (
    <Card size="small" data-testid="screening-submitted">
      <Descriptions
        size="small"
        column={1}
        items={[
          { key: 'unit', label: '填报单位', children: report.orgUnitName },
          { key: 'status', label: '上报状态', children: <OnTimeTag report={report} /> },
          { key: 'at', label: '上报时间', children: formatDateTime(report.submittedAt) },
          { key: 'due', label: '截止日期', children: report.dueOn },
          {
            key: 'content',
            label: '排查结果',
            children: report.zeroReport ? '零报告（本月未排查出符合情形的人员）' : `排查出 ${report.entries.length} 人`,
          },
        ]}
      />
      {report.entries.length > 0 && (
        <Space orientation="vertical" className="full-width entry-list">
          {report.entries.map((entry) => (
            <Card key={entry.id} size="small" type="inner" title={`${entry.personName}（${entry.idNumberMasked}）`}>
              <CategoryTags categories={entry.categories} />
              <Typography.Paragraph className="pre-wrap entry-description">{entry.description}</Typography.Paragraph>
            </Card>
          ))}
        </Space>
      )}
      <Typography.Paragraph type="secondary" className="entry-description">
        已上报的排查情况表不可修改；如有遗漏，请联系平安办。
      </Typography.Paragraph>
      <Space wrap>
        <Typography.Text>打印排查情况表</Typography.Text>
        <FormDownloadButtons
          path={(format) => formsApi.screeningPath(report.id, format)}
          testId="screening-form-download"
          size="middle"
        />
      </Space>
    </Card>
  );
}
