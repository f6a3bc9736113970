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

/** Whether a server field (`entries.0.personId`) belongs to one of the form's fields (`entries`). */
function isFormField(field: string, fields: readonly string[]): boolean {
  return fields.some((name) => field === name || field.startsWith(`${name}.`));
}

/** `entries.0.personId` → ['entries', 0, 'personId'], the name path of a Form.List item. */
function namePath(field: string): (string | number)[] {
  return field.split('.').map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

/**
 * Puts the server's field errors under the matching form fields (nested ones too:
 * `entries.0.categories` goes under that list item's field). Returns the message
 * still to show on its own: the error's message when no field took it.
 */
export function applyApiError(form: FormInstance, error: unknown, fields: readonly string[]): string | null {
  if (!(error instanceof ApiError)) return '操作失败，请稍后再试';
  // Only fields the form has mounted can show an error; the rest go into the returned message.
  const mounted = new Set(form.getFieldsError().map((entry) => entry.name.join('.')));
  const placeable = (field: string) => isFormField(field, fields) && mounted.has(field);
  const known = error.details.filter((detail) => placeable(detail.field));
  const byField = new Map<string, string[]>();
  for (const detail of known) byField.set(detail.field, [...(byField.get(detail.field) ?? []), detail.message]);
  form.setFields([...byField].map(([name, errors]) => ({ name: namePath(name), errors })));
  const unplaced = error.details.filter((detail) => !placeable(detail.field));
  if (known.length > 0 && unplaced.length === 0) return null;
  return unplaced.length > 0 ? unplaced.map((detail) => detail.message).join('；') : error.message;
}

/** The message of any thrown value, for a toast. */
export function errorMessage(error: unknown): string {
  return error instanceof ApiError ? error.message : '操作失败，请稍后再试';
}

/** Props for an antd part that takes a props object (a modal's OK button), plus a test hook the types do not declare. */
export function withTestId<T extends object>(testId: string, props?: T): T {
  return { ...props, 'data-testid': testId } as T;
}
