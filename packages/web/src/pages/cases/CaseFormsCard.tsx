import { FilePdfOutlined, FileWordOutlined } from '@ant-design/icons';
import type { CaseFormItem, FormFormat } from '@anxin/shared';
import { useQuery } from '@tanstack/react-query';
import { App, Button, Card, List, Space, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { errorMessage } from '../../components/forms';
import { QueryError } from '../../components/QueryError';
import { downloadFile, formsApi, formsKey } from '../../formsApi';

const FORMAT_LABELS: Record<FormFormat, string> = { docx: 'Word', pdf: 'PDF' };

/**
 * A Word and a PDF button for one generated file. The download goes through fetch, so a refusal
 * shows the server's message; `testId` names the pair (`<testId>-docx`, `<testId>-pdf`).
 */
export function FormDownloadButtons({
  path,
  testId,
  disabled = false,
  disabledReason,
  size = 'small',
}: {
  path: (format: FormFormat) => string;
  testId: string;
  disabled?: boolean;
  disabledReason?: string;
  size?: 'small' | 'middle';
}) {
  const { message } = App.useApp();
  const [busy, setBusy] = useState<FormFormat | null>(null);

  const download = async (format: FormFormat) => {
    setBusy(format);
    try {
      const name = await downloadFile(path(format));
      message.success(`已下载：${name}`);
    } catch (error) {
      message.error(errorMessage(error));
    } finally {
      setBusy(null);
    }
  };

  const button = (format: FormFormat) => (
    <Button
      key={format}
      size={size}
      icon={format === 'pdf' ? <FilePdfOutlined /> : <FileWordOutlined />}
      loading={busy === format}
      disabled={disabled || (busy !== null && busy !== format)}
      onClick={() => void download(format)}
      data-testid={`${testId}-${format}`}
    >
      {FORMAT_LABELS[format]}
    </Button>
  );
  const buttons = (
    <Space size={4}>
      {button('docx')}
      {button('pdf')}
    </Space>
  );
  return disabled && disabledReason ? <Tooltip title={disabledReason}>{buttons}</Tooltip> : buttons;
}

/**
 * 文书: the case's forms as a township prints them (入库/出库呈报表, 级别变更呈报表, the written
 * notice, 管控责任书, the latest visit record and assessment report) and the whole 一人一档, each
 * as Word or PDF. A form with nothing to print yet says why.
 */
export function CaseFormsCard({ caseId }: { caseId: string }) {
  const query = useQuery({ queryKey: formsKey(caseId), queryFn: ({ signal }) => formsApi.list(caseId, signal) });

  return (
    <Card title="文书打印" className="section-card" data-testid="case-forms">
      {query.error ? (
        <QueryError error={query.error} onRetry={() => query.refetch()} />
      ) : (
        <>
          <Typography.Paragraph type="secondary">
            按方案格式生成，下载后可直接打印、签字盖章；每份文件页脚注明导出人和时间，下载记入审计日志。
          </Typography.Paragraph>
          <List<CaseFormItem>
            size="small"
            loading={query.isPending}
            dataSource={query.data?.items ?? []}
            rowKey="form"
            renderItem={(item) => (
              <List.Item
                data-testid={`case-form-${item.form}`}
                extra={
                  <FormDownloadButtons
                    path={(format) => formsApi.casePath(caseId, item.form, format)}
                    testId={`form-download-${item.form}`}
                    disabled={!item.available}
                    disabledReason={item.note}
                  />
                }
              >
                <List.Item.Meta
                  title={item.form === 'archive' ? <strong>{item.label}</strong> : item.label}
                  description={<span className={item.available ? undefined : 'muted'}>{item.note}</span>}
                />
              </List.Item>
            )}
          />
        </>
      )}
    </Card>
  );
}
