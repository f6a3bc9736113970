import type { LedgerImportReport } from '@anxin/shared';
import { useQueryClient } from '@tanstack/react-query';
import { Button, Typography } from 'antd';
import { Link, useNavigate } from 'react-router';
import { ExcelImport } from '../../components/ExcelImport';
import { IMPORT_PATHS } from '../../importsApi';

function describe(report: LedgerImportReport): string {
  const { persons, cases, teams } = report.created;
  const parts = [`列管 ${cases} 人（来源记为“在册台账导入”）`];
  if (teams > 0) parts.push(`其中 ${teams} 人同时组建服务管理小组`);
  if (persons > 0) parts.push(`新建人员档案 ${persons} 人`);
  return parts.join('，');
}

/**
 * 在册台账导入: a township that adopts Anxin moves in the persons it already lists, with their
 * level, listing date, team and the dates of the last visit, joint meeting and assessment report,
 * so that their 待办 are right from the first day.
 */
export function LedgerImportPage() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  return (
    <div>
      <div className="page-heading">
        <Typography.Title level={4}>导入在册台账</Typography.Title>
        <Link to="/cases">返回列管管理</Link>
      </div>
      <Typography.Paragraph type="secondary">
        启用安心系统前已列管的人员，按模板逐人填写户籍村（社区）、级别、列管日期、责任单位、专班成员，以及最近随访、联席会议、评估报告（一级人员：每日会商、每日报告、应急预案）的日期。导入后即为“列管中”，待办事项从这些日期起算（例如二级人员最近随访在10天前，随访即逾期3天）。
      </Typography.Paragraph>
      <ExcelImport<LedgerImportReport>
        templatePath={IMPORT_PATHS.ledgerTemplate}
        templateLabel="下载台账模板"
        importPath={IMPORT_PATHS.ledgerImport}
        rowWord="在册人员"
        describe={describe}
        testId="ledger-import"
        onImported={() => {
          void queryClient.invalidateQueries({ queryKey: ['cases'] });
          void queryClient.invalidateQueries({ queryKey: ['persons'] });
        }}
        afterImport={() => (
          <Button type="primary" onClick={() => navigate('/cases?status=listed')}>
            查看列管案件
          </Button>
        )}
      />
    </div>
  );
}
