import type { FastifyServerOptions } from 'fastify';

const ID_NUMBER = /\d{17}[\dXx]/g;
const MOBILE = /(?<!\d)1\d{10}(?!\d)/g;

/** Replaces ID numbers and mobile numbers in free text (URLs carry search terms). */
export function redactText(text: string): string {
  return text.replace(ID_NUMBER, '[身份证号]').replace(MOBILE, '[手机号]');
}

/**
 * Pino options: request logs keep method, redacted URL and status; cookies, tokens and bodies
 * are never logged.
 */
export function loggerOptions(
  setting: true | { stream: NodeJS.WritableStream; level?: string },
): FastifyServerOptions['logger'] {
  const base = {
    level: setting === true ? (process.env.LOG_LEVEL ?? 'info') : (setting.level ?? 'info'),
    redact: {
      paths: [
        'req.headers.cookie',
        'req.headers.authorization',
        'res.headers["set-cookie"]',
        '*.password',
        '*.idNumber',
        '*.phone',
        '*.token',
      ],
      censor: '[已隐藏]',
    },
    serializers: {
      req: (request: { method: string; url: string; id: string }) => ({
        method: request.method,
        url: redactText(request.url),
        id: request.id,
      }),
    },
  };
  return setting === true ? base : { ...base, stream: setting.stream };
}

/**
 * What the log keeps of an unexpected error: its type, SQLSTATE and the innermost message, never
 * the failed query's parameters (drizzle puts them in its own message) nor a driver's `detail`.
 */
export function errorForLog(error: unknown): { type: string; code?: string; message: string; stack?: string } {
  let innermost = error as { name?: string; message?: string; code?: unknown; cause?: unknown; stack?: string };
  for (let depth = 0; innermost?.cause && depth < 5; depth++) innermost = innermost.cause as typeof innermost;
  const outer = error as { name?: string; stack?: string };
  const frames = outer?.stack
    ?.split('\n')
    .filter((line) => line.trimStart().startsWith('at '))
    .slice(0, 8);
  return {
    type: outer?.name ?? typeof error,
    ...(typeof innermost?.code === 'string' ? { code: innermost.code } : {}),
    message: redactText(String(innermost?.message ?? error)).slice(0, 300),
    ...(frames?.length ? { stack: frames.join('\n') } : {}),
  };
}
