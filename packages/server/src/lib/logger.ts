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
