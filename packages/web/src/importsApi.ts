// Excel in and out: the templates, the imports (uploaded with progress) and the list exports.
import type { ImportRejection } from '@anxin/shared';
import { ApiError, type FieldError, type Query } from './http';

export const IMPORT_PATHS = {
  screeningTemplate: '/api/screening-reports/template.xlsx',
  screeningImport: '/api/screening-reports/import',
  ledgerTemplate: '/api/cases/ledger-template.xlsx',
  ledgerImport: '/api/cases/import-ledger',
} as const;

/** What both import reports hold (the screening and the ledger report add their own `created`). */
export interface ImportReportBase {
  dryRun: boolean;
  written: boolean;
  rows: number;
  accepted: number;
  rejectedRows: number;
  rejected: ImportRejection[];
}

/** An export's URL with the list's current filters (paging left out: an export holds every row). */
export function exportPath(path: string, query: Query = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (key === 'page' || key === 'pageSize') continue;
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

function errorOf(status: number, text: string): ApiError {
  try {
    const body = JSON.parse(text) as { error?: { code?: string; message?: string; details?: FieldError[] } };
    if (body.error?.message)
      return new ApiError(status, body.error.code ?? 'ERROR', body.error.message, body.error.details ?? []);
  } catch {
    // Not the API's JSON (a proxy's page).
  }
  if (status === 413) return new ApiError(413, 'TOO_LARGE', '文件过大');
  if (status === 401) return new ApiError(401, 'UNAUTHENTICATED', '登录已失效，请重新登录');
  return new ApiError(status, 'HTTP_ERROR', `导入失败（${status}）`);
}

/**
 * Uploads a workbook to an import endpoint with XMLHttpRequest, whose upload events report the
 * progress of a large file (fetch has none); `onProgress` gets 0–100 while the bytes go up.
 */
export function uploadWorkbook<T>(
  path: string,
  file: File,
  options: { dryRun: boolean; validOnly: boolean },
  onProgress: (percent: number) => void,
): { done: Promise<T>; abort: () => void } {
  const xhr = new XMLHttpRequest();
  const done = new Promise<T>((resolve, reject) => {
    xhr.open('POST', `${path}?dryRun=${options.dryRun}&validOnly=${options.validOnly}`);
    xhr.withCredentials = true;
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(Math.round((event.loaded / event.total) * 100));
    };
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) {
        try {
          resolve(JSON.parse(xhr.responseText) as T);
        } catch {
          reject(new ApiError(xhr.status, 'BAD_RESPONSE', '服务器返回的内容无法识别'));
        }
      } else reject(errorOf(xhr.status, xhr.responseText));
    };
    xhr.onerror = () => reject(new ApiError(0, 'NETWORK_ERROR', '网络连接失败，请检查网络后重试'));
    xhr.onabort = () => reject(new ApiError(0, 'ABORTED', '已取消上传'));
    const form = new FormData();
    form.append('file', file, file.name);
    xhr.send(form);
  });
  return { done, abort: () => xhr.abort() };
}
