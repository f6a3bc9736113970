import { FileExcelOutlined } from '@ant-design/icons';
import { App, Button } from 'antd';
import { useState } from 'react';
import { downloadFile } from '../formsApi';
import type { Query } from '../http';
import { exportPath } from '../importsApi';
import { can, useMe } from '../session';
import { errorMessage } from './forms';

/**
 * 导出Excel: the list as it is filtered now, every page of it, for users with the export
 * permission. The server records the export and prints the exporter's name in the file's footer.
 */
export function ExportButton({ path, query, testId }: { path: string; query?: Query; testId: string }) {
  const me = useMe();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  if (!can(me, 'lists.export')) return null;
  const download = async () => {
    setBusy(true);
    try {
      const name = await downloadFile(exportPath(path, query));
      message.success(`已导出：${name}`);
    } catch (error) {
      message.error(errorMessage(error));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button icon={<FileExcelOutlined />} loading={busy} onClick={() => void download()} data-testid={testId}>
      导出Excel
    </Button>
  );
}
