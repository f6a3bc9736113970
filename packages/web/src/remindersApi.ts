// 推送设置: a unit's webhook (API: /api/org-units/:id/webhook), for the administrator.
import type { PutWebhookBody, webhook } from '@anxin/shared';
import { ApiError, enc, get, post, put } from './http';

export type Webhook = ReturnType<typeof webhook.parse>;

export const webhookQueryKey = (orgUnitId: string) => ['org-units', orgUnitId, 'webhook'] as const;

/** DELETE with the API's error shape (http.ts has no helper for it). */
async function remove(path: string): Promise<void> {
  let response: Response;
  try {
    response = await fetch(path, {
      method: 'DELETE',
      headers: { Accept: 'application/json' },
      credentials: 'same-origin',
      cache: 'no-store',
    });
  } catch {
    throw new ApiError(0, 'NETWORK_ERROR', '网络连接失败，请检查网络后重试');
  }
  if (response.ok) return;
  let body: { error?: { code?: string; message?: string } } | undefined;
  try {
    body = await response.json();
  } catch {
    // Not the API's JSON (a proxy page): fall back to the status below.
  }
  throw new ApiError(
    response.status,
    body?.error?.code ?? 'HTTP_ERROR',
    body?.error?.message ?? (response.status === 401 ? '登录已失效，请重新登录' : `请求失败（${response.status}）`),
  );
}

export const remindersApi = {
  /** The unit's webhook, or null when it has none (the API answers 404). */
  async webhook(orgUnitId: string, signal?: AbortSignal): Promise<Webhook | null> {
    try {
      return await get<Webhook>(`/api/org-units/${enc(orgUnitId)}/webhook`, undefined, signal);
    } catch (error) {
      if (error instanceof ApiError && error.status === 404 && error.code === 'NOT_FOUND') return null;
      throw error;
    }
  },
  putWebhook: (orgUnitId: string, body: PutWebhookBody) =>
    put<Webhook>(`/api/org-units/${enc(orgUnitId)}/webhook`, body),
  deleteWebhook: (orgUnitId: string) => remove(`/api/org-units/${enc(orgUnitId)}/webhook`),
  testWebhook: (orgUnitId: string) => post<{ queued: boolean }>(`/api/org-units/${enc(orgUnitId)}/webhook/test`),
};
