// 文书: which forms of a case can be printed, and downloading a generated Word or PDF file.
import { type CaseForm, type CaseFormList, type CaseFormQuery, caseFormPath, type FormFormat } from '@anxin/shared';
import { ApiError, enc, get } from './http';

export const formsKey = (caseId: string) => ['case-forms', caseId] as const;

export const formsApi = {
  list: (caseId: string, signal?: AbortSignal) =>
    get<CaseFormList>(`/api/cases/${enc(caseId)}/forms`, undefined, signal),
  casePath: (caseId: string, form: CaseForm, format: FormFormat, query?: CaseFormQuery) =>
    caseFormPath(caseId, form, format, query),
  minutesPath: (meetingId: string, format: FormFormat) => `/api/meetings/${enc(meetingId)}/minutes.${format}`,
  screeningPath: (reportId: string, format: FormFormat) => `/api/screening-reports/${enc(reportId)}/form.${format}`,
};

/** The file name of an attachment (RFC 5987 `filename*=UTF-8''…`), if the server named one. */
export function attachmentName(disposition: string | null): string | null {
  const match = /filename\*=UTF-8''([^;]+)/i.exec(disposition ?? '');
  if (!match?.[1]) return null;
  try {
    return decodeURIComponent(match[1]);
  } catch {
    return null;
  }
}

/**
 * Downloads a generated file through fetch, so that a refusal (nothing to print yet, out of
 * jurisdiction, session ended) shows the server's Chinese message instead of saving an error page;
 * the file is then saved under the name the server gave it. Returns that name.
 */
export async function downloadFile(path: string): Promise<string> {
  let response: Response;
  try {
    response = await fetch(path, { credentials: 'same-origin', cache: 'no-store' });
  } catch {
    throw new ApiError(0, 'NETWORK_ERROR', '网络连接失败，请检查网络后重试');
  }
  if (!response.ok) {
    let message = response.status === 401 ? '登录已失效，请重新登录' : `下载失败（${response.status}）`;
    let code = 'HTTP_ERROR';
    try {
      const body = (await response.json()) as { error?: { code?: string; message?: string } };
      if (body.error?.message) message = body.error.message;
      if (body.error?.code) code = body.error.code;
    } catch {
      // Not the API's JSON (a proxy's page): keep the status message.
    }
    throw new ApiError(response.status, code, message);
  }
  const blob = await response.blob();
  const name = attachmentName(response.headers.get('content-disposition')) ?? path.split('/').pop() ?? 'download';
  const href = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = href;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  // Give the browser time to start saving before the object URL goes.
  setTimeout(() => URL.revokeObjectURL(href), 30_000);
  return name;
}
