import type { ScreeningImportReport } from '@anxin/shared';
import { useQueryClient } from '@tanstack/react-query';
import { Button, Typography } from 'antd';
import { useSearchParams } from 'react-router';
import { ExcelImport } from '../../components/ExcelImport';
import { IMPORT_PATHS } from '../../importsApi';

function describe(report: ScreeningImportReport): string {
  const { persons, reports, reportsExtended, entries } = report.created;
  const parts = [`登记排查对象 ${entries} 人`];
  if (reports > 0) parts.push(`新建排查情况表草稿 ${reports} 份`);
  if (reportsExtended > 0) parts.push(`追加到已有草稿 ${reportsExtended} 份`);
  if (persons > 0) parts.push(`新建人员档案 ${persons} 人`);
  return parts.join('，');
}

/**
 * 批量导入: a village (or the peace office for its villages) fills the Excel template with the
 * month's suspects; the rows become draft returns to check and submit on 本月上报.
 */
export function ImportTab() {
  const queryClient = useQueryClient();
  const [, setParams] = useSearchParams();
  return (
    <div>
      <Typography.Paragraph type="secondary">
        按模板填写排查对象（每行一人，注明村（社区）和月份），先试导入检查，再确认导入。导入的排查情况表为草稿，请在“本月上报”核对后上报。
      </Typography.Paragraph>
      <ExcelImport<ScreeningImportReport>
        templatePath={IMPORT_PATHS.screeningTemplate}
        templateLabel="下载导入模板"
        importPath={IMPORT_PATHS.screeningImport}
        rowWord="排查对象"
        describe={describe}
        testId="screening-import"
        onImported={() => {
          void queryClient.invalidateQueries({ queryKey: ['screening-reports'] });
          void queryClient.invalidateQueries({ queryKey: ['compliance'] });
          void queryClient.invalidateQueries({ queryKey: ['persons'] });
        }}
        afterImport={() => (
          <Button type="primary" onClick={() => setParams({ tab: 'return' })}>
            去本月上报核对
          </Button>
        )}
      />
    </div>
  );
}
