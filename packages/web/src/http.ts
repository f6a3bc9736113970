// The HTTP primitives every endpoint call goes through: JSON in and out, the API's error shape, 401 handling.
import type { ErrorBody } from '@anxin/shared';

export interface FieldError {
  field: string;
  message: string;
}

/** A failed API call; `message` is the server's Chinese text, fit to show the user. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: FieldError[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export interface Page<T> {
  items: T[];
  total: number;
}

export type Query = Record<string, string | number | undefined | null>;

// These answer 401 as part of their normal flow (bad password, not yet logged in),
// so they must not bounce the user to the login page.
const NO_REDIRECT_ON_401 = new Set(['/api/me', '/api/auth/login']);

let onUnauthorized: () => void = () => {};

/** Called once at start-up with what to do when the session has ended. */
export function setUnauthorizedHandler(handler: () => void): void {
  onUnauthorized = handler;
}

function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

function statusMessage(status: number): string {
  if (status === 401) return '登录已失效，请重新登录';
  if (status === 403) return '您无权执行此操作';
  if (status === 404) return '未找到该记录';
  if (status === 413) return '提交的内容过大';
  if (status === 429) return '操作过于频繁，请稍后再试';
  if (status >= 500) return `服务器暂时无法处理请求（${status}），请稍后再试`;
  return `请求失败（${status}）`;
}

async function toApiError(response: Response): Promise<ApiError> {
  let body: Partial<ErrorBody> | undefined;
  try {
    body = (await response.json()) as Partial<ErrorBody>;
  } catch {
    // A proxy or gateway page rather than the API's JSON: fall back to the status.
  }
  const error = body?.error;
  if (error && typeof error.message === 'string') {
    return new ApiError(response.status, error.code ?? 'ERROR', error.message, error.details ?? []);
  }
  return new ApiError(response.status, 'HTTP_ERROR', statusMessage(response.status));
}

async function request<T>(method: string, path: string, body?: unknown, signal?: AbortSignal): Promise<T> {
  const headers: Record<string, string> = {
    Accept: 'application/json',
  };
  // Only declare JSON when there is a body: Fastify rejects an empty JSON body.
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
      cache: 'no-store',
      signal,
    });
  } catch (cause) {
    if (signal?.aborted) throw cause;
    throw new ApiError(0, 'NETWORK_ERROR', '网络连接失败，请检查网络后重试');
  }
  if (!response.ok) {
    const error = await toApiError(response);
    if (response.status === 401 && !NO_REDIRECT_ON_401.has(path.split('?')[0] ?? path)) onUnauthorized();
    throw error;
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

export const get = <T>(path: string, query?: Query, signal?: AbortSignal) =>
  request<T>('GET', withQuery(path, query), undefined, signal);
export const post = <T>(path: string, body?: unknown) => request<T>('POST', path, body);
export const patch = <T>(path: string, body: unknown) => request<T>('PATCH', path, body);
export const put = <T>(path: string, body: unknown) => request<T>('PUT', path, body);

/** A multipart upload (FormData); the browser sets the boundary header itself. */
export async function postForm<T>(path: string, form: FormData): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      method: 'POST',
      headers: { Accept: 'application/json' },
      body: form,
      credentials: 'same-origin',
      cache: 'no-store',
    });
  } catch {
    throw new ApiError(0, 'NETWORK_ERROR', '网络连接失败，请检查网络后重试');
  }
  if (!response.ok) {
    const error = await toApiError(response);
    if (response.status === 401) onUnauthorized();
    throw error;
  }
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

export const enc = encodeURIComponent;
