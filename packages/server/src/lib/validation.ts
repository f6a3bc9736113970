import { fieldLabel } from '@anxin/shared';
import { z } from 'zod';

// Zod's own messages in Chinese; every message below is prefixed with the field it is about.
z.config(z.locales.zhCN());

interface ValidationIssue {
  keyword: string;
  instancePath: string;
  message?: string | undefined;
  params?: Record<string, unknown>;
}

/** Turns schema-validation issues into `details` that name each field in Chinese. */
export function validationDetails(
  issues: ValidationIssue[],
  labels: Record<string, string> = {},
): { field: string; message: string }[] {
  return issues.map((issue) => {
    const path = issue.instancePath.split('/').filter(Boolean);
    const keys = path.map((part) => (/^\d+$/.test(part) ? Number(part) : part));
    if (issue.keyword === 'unrecognized_keys') {
      const unknown = (issue.params?.keys as string[] | undefined) ?? [];
      const where = keys.length ? `${fieldLabel(keys, labels)}中` : '';
      return {
        field: [...path, ...unknown.slice(0, 1)].join('.'),
        message: `${where}不允许的字段：${unknown.join('、')}`,
      };
    }
    const text = issue.message ?? '无效';
    const missing = issue.keyword === 'invalid_type' && /undefined/.test(text);
    const message = missing ? '为必填项' : text;
    return { field: path.join('.'), message: `${fieldLabel(keys, labels)}：${message}` };
  });
}

/**
 * The path of the first string in a parsed body or query that is not well-formed UTF-16 or holds
 * a NUL character (PostgreSQL cannot store either faithfully), or null when all are clean.
 */
export function malformedTextPath(value: unknown, path: string[] = []): string[] | null {
  if (typeof value === 'string') return value.isWellFormed() && !value.includes('\0') ? null : path;
  if (value === null || typeof value !== 'object') return null;
  for (const [key, child] of Object.entries(value)) {
    if (!key.isWellFormed() || key.includes('\0')) return [...path, key.toWellFormed()];
    const found = malformedTextPath(child, [...path, key]);
    if (found) return found;
  }
  return null;
}
