import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { IMPORT_MAX_BYTES, type ImportRejection } from '@anxin/shared';
import {
  Alert,
  App,
  Button,
  Card,
  Progress,
  Result,
  Space,
  Steps,
  Table,
  type TableColumnsType,
  Typography,
  Upload,
} from 'antd';
import { type ReactNode, useRef, useState } from 'react';
import { ApiError } from '../api';
import { downloadFile } from '../formsApi';
import { type ImportReportBase, uploadWorkbook } from '../importsApi';
import { errorMessage } from './forms';
import './excel-import.css';

export interface ExcelImportProps<R extends ImportReportBase> {
  templatePath: string;
  templateLabel: string;
  importPath: string;
  /** What the rows are, e.g. 排查对象. */
  rowWord: string;
  /** What the accepted rows write (or would), e.g. 新建人员2人，新建草稿1份. */
  describe: (report: R) => string;
  /** Shown with the result of a real import (a link to what was written). */
  afterImport?: (report: R) => ReactNode;
  onImported?: (report: R) => void;
  /** Prefix of the data-testid of each part (`<prefix>-file`, `<prefix>-rejected` …). */
  testId: string;
}

type Phase = 'idle' | 'uploading' | 'checking' | 'importing';

const rejectionColumns: TableColumnsType<ImportRejection> = [
  { title: '行号', dataIndex: 'row', width: 56 },
  { title: '列', dataIndex: 'column', width: 88 },
  { title: '原因', dataIndex: 'reason', render: (reason: string) => <span className="pre-wrap">{reason}</span> },
];

const size = (bytes: number) =>
  bytes < 1024 * 1024 ? `${Math.ceil(bytes / 1024)} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/**
 * 批量导入 in three steps: download the template, choose the filled-in file (a dry run checks every
 * row at once and lists the rejected rows with their reasons, writing nothing), then import — all
 * rows when none is rejected, or, on an explicit second choice, only the valid ones. The upload
 * shows its progress (large files on a village's connection take a while).
 */
export function ExcelImport<R extends ImportReportBase>(props: ExcelImportProps<R>) {
  const { message, modal } = App.useApp();
  const [file, setFile] = useState<File | null>(null);
  const [phase, setPhase] = useState<Phase>('idle');
  const [progress, setProgress] = useState(0);
  const [report, setReport] = useState<R | null>(null);
  const [imported, setImported] = useState<R | null>(null);
  const [error, setError] = useState<ApiError | Error | null>(null);
  const abort = useRef<(() => void) | null>(null);

  const send = async (chosen: File, options: { dryRun: boolean; validOnly: boolean }) => {
    setError(null);
    setProgress(0);
    setPhase(options.dryRun ? 'uploading' : 'importing');
    const upload = uploadWorkbook<R>(props.importPath, chosen, options, (percent) => {
      setProgress(percent);
      if (percent >= 100 && options.dryRun) setPhase('checking');
    });
    abort.current = upload.abort;
    try {
      return await upload.done;
    } finally {
      abort.current = null;
      setPhase('idle');
    }
  };

  const check = async (chosen: File) => {
    setFile(chosen);
    setReport(null);
    setImported(null);
    if (chosen.size > IMPORT_MAX_BYTES) {
      setError(new Error(`文件过大（${size(chosen.size)}），不能超过 ${size(IMPORT_MAX_BYTES)}，请分成几个文件导入`));
      return;
    }
    try {
      setReport(await send(chosen, { dryRun: true, validOnly: false }));
    } catch (caught) {
      setError(caught as Error);
    }
  };

  const importNow = (validOnly: boolean) => {
    if (!file || !report) return;
    const rows = validOnly ? report.accepted : report.rows;
    modal.confirm({
      title: validOnly ? `仅导入有效的 ${report.accepted} 行？` : `导入全部 ${report.rows} 行？`,
      content: (
        <div data-testid={`${props.testId}-confirm`}>
          <p>{props.describe(report)}。</p>
          {validOnly && <p>有误的 {report.rejectedRows} 行不会导入，请改正后另行导入。</p>}
          <p>导入在一个事务中完成：要么 {rows} 行全部写入，要么一行也不写入。</p>
        </div>
      ),
      okText: '确定导入',
      cancelText: '取消',
      onOk: async () => {
        try {
          const result = await send(file, { dryRun: false, validOnly });
          setImported(result);
          setReport(null);
          props.onImported?.(result);
          message.success(`已导入 ${result.accepted} 行`);
        } catch (caught) {
          setError(caught as Error);
        }
      },
    });
  };

  const reset = () => {
    setFile(null);
    setReport(null);
    setImported(null);
    setError(null);
  };

  const downloadTemplate = async () => {
    try {
      await downloadFile(props.templatePath);
    } catch (caught) {
      message.error(errorMessage(caught));
    }
  };

  const busy = phase !== 'idle';
  const current = imported ? 3 : report ? 2 : file ? 1 : 0;
  const details = error instanceof ApiError ? error.details : [];

  return (
    <div className="excel-import">
      <Steps
        size="small"
        current={current}
        className="excel-import-steps"
        responsive={false}
        items={[{ title: '下载模板' }, { title: '试导入' }, { title: '确认导入' }]}
      />
      <Space wrap className="filters">
        <Button
          icon={<DownloadOutlined />}
          onClick={() => void downloadTemplate()}
          data-testid={`${props.testId}-template`}
        >
          {props.templateLabel}
        </Button>
        <Upload
          accept=".xlsx"
          maxCount={1}
          showUploadList={false}
          disabled={busy}
          beforeUpload={(chosen) => {
            void check(chosen);
            return false;
          }}
        >
          <Button type="primary" icon={<UploadOutlined />} disabled={busy} data-testid={`${props.testId}-file`}>
            选择填好的文件
          </Button>
        </Upload>
        {file && (
          <Typography.Text type="secondary" data-testid={`${props.testId}-file-name`}>
            {file.name}（{size(file.size)}）
          </Typography.Text>
        )}
      </Space>

      {busy && (
        <Card size="small" className="excel-import-progress" data-testid={`${props.testId}-progress`}>
          <Typography.Text>
            {phase === 'checking' ? '已上传，正在逐行检查…' : phase === 'importing' ? '正在导入…' : '正在上传…'}
          </Typography.Text>
          <Progress percent={progress} status="active" />
          {phase === 'uploading' && (
            <Button size="small" onClick={() => abort.current?.()}>
              取消
            </Button>
          )}
        </Card>
      )}

      {error && (
        <Alert
          type="error"
          showIcon
          className="excel-import-alert"
          title={errorMessage(error)}
          description={
            details.length > 0 ? (
              <ul className="excel-import-details">
                {details.slice(0, 20).map((detail) => (
                  <li key={`${detail.field}-${detail.message}`}>{detail.message}</li>
                ))}
                {details.length > 20 && <li>……共 {details.length} 处</li>}
              </ul>
            ) : undefined
          }
          data-testid={`${props.testId}-error`}
        />
      )}

      {report && !busy && (
        <Card size="small" title="试导入结果（未写入任何数据）" data-testid={`${props.testId}-report`}>
          <Alert
            type={report.rejectedRows === 0 ? 'success' : report.accepted === 0 ? 'error' : 'warning'}
            showIcon
            title={`共 ${report.rows} 行${props.rowWord}：有效 ${report.accepted} 行，有误 ${report.rejectedRows} 行`}
            description={
              report.accepted > 0 ? `导入后将${props.describe(report)}。` : '没有可以导入的行，请改正后重新选择文件。'
            }
            data-testid={`${props.testId}-summary`}
          />
          {report.rejected.length > 0 && (
            <Table<ImportRejection>
              rowKey={(item) => `${item.row}-${item.field}-${item.reason}`}
              size="small"
              columns={rejectionColumns}
              dataSource={report.rejected}
              pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
              tableLayout="fixed"
              className="excel-import-rejected"
              data-testid={`${props.testId}-rejected`}
            />
          )}
          <Space wrap className="excel-import-actions">
            <Button
              type="primary"
              disabled={report.rejectedRows > 0 || report.accepted === 0}
              onClick={() => importNow(false)}
              data-testid={`${props.testId}-all`}
            >
              全部导入
            </Button>
            <Button
              disabled={report.rejectedRows === 0 || report.accepted === 0}
              onClick={() => importNow(true)}
              data-testid={`${props.testId}-valid-only`}
            >
              仅导入有效行
            </Button>
            {report.rejectedRows > 0 && (
              <Typography.Text type="secondary">有误的行改正后重新选择文件；或明确选择仅导入有效行。</Typography.Text>
            )}
          </Space>
        </Card>
      )}

      {imported && (
        <Result
          status="success"
          title={`已导入 ${imported.accepted} 行${props.rowWord}`}
          subTitle={`已${props.describe(imported)}${imported.rejectedRows > 0 ? `；有误的 ${imported.rejectedRows} 行未导入` : ''}。`}
          extra={
            <Space wrap>
              {props.afterImport?.(imported)}
              <Button onClick={reset} data-testid={`${props.testId}-again`}>
                继续导入
              </Button>
            </Space>
          }
          data-testid={`${props.testId}-done`}
        />
      )}
    </div>
  );
}
