import type { FormInstance, FormRule } from 'antd';
import { ApiError } from '../api';

interface SafeParser {
  safeParse(value: unknown): { success: boolean; error?: { issues: readonly { message: string }[] } };
}

/** A form rule that checks a value with a shared zod schema, so the client and server agree on the message. */
export function schemaRule(schema: SafeParser): FormRule {
  return {
    validator: async (_rule, value: unknown) => {
      if (value === undefined || value === null || value === '') return;
      const result = schema.safeParse(value);
      if (!result.success) throw new Error(result.error?.issues[0]?.message ?? '格式错误');
    },
  };
}

/**
 * Puts the server's field errors under the matching form fields. Returns the
 * message still to show on its own: the error's message when no field took it.
 */
export function applyApiError(form: FormInstance, error: unknown, fields: readonly string[]): string | null {
  if (!(error instanceof ApiError)) return '操作失败，请稍后再试';
  const known = error.details.filter((detail) => fields.includes(detail.field));
  const byField = new Map<string, string[]>();
  for (const detail of known) byField.set(detail.field, [...(byField.get(detail.field) ?? []), detail.message]);
  form.setFields([...byField].map(([name, errors]) => ({ name, errors })));
  const unplaced = error.details.filter((detail) => !fields.includes(detail.field));
  if (known.length > 0 && unplaced.length === 0) return null;
  return unplaced.length > 0 ? unplaced.map((detail) => detail.message).join('；') : error.message;
}

/** The message of any thrown value, for a toast. */
export function errorMessage(error: unknown): string {
  return error instanceof ApiError ? error.message : '操作失败，请稍后再试';
}
