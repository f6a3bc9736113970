/** An error with an HTTP status, a stable code and a Chinese message for the user. */
export class AppError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly details?: { field: string; message: string }[],
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const badRequest = (message: string, field?: string) =>
  new AppError(400, 'VALIDATION_FAILED', message, field ? [{ field, message }] : undefined);
export const unauthorized = (message = '请先登录') => new AppError(401, 'UNAUTHENTICATED', message);
export const forbidden = (message = '无权执行此操作') => new AppError(403, 'FORBIDDEN', message);
/** Absent and out-of-jurisdiction look the same, so existence does not leak. */
export const notFound = (message = '未找到该记录') => new AppError(404, 'NOT_FOUND', message);
export const conflict = (code: string, message: string) => new AppError(409, code, message);
export const staleVersion = () => new AppError(409, 'STALE_VERSION', '记录已被他人修改，请刷新后重试');
