import { createPersonBody } from '@anxin/shared';
import { describe, expect, it } from 'vitest';
import { validationDetails } from './validation.js';

/** The issues as fastify-type-provider-zod hands them to the error handler. */
function issuesOf(input: unknown) {
  const result = createPersonBody.safeParse(input);
  if (result.success) throw new Error('expected a failure');
  return result.error.issues.map((issue) => ({
    keyword: issue.code,
    instancePath: `/${issue.path.join('/')}`,
    message: issue.message,
    params: { ...issue },
  }));
}

describe('validationDetails', () => {
  it('names a missing field in Chinese', () => {
    const details = validationDetails(issuesOf({ idNumber: '11010519491231002X', householdAddress: 'x' }), {
      name: '姓名',
    });
    expect(details).toContainEqual({ field: 'name', message: '姓名(name)：为必填项' });
  });

  it('lists unknown fields', () => {
    const details = validationDetails(issuesOf({ ownerId: 1 }));
    expect(details.find((d) => d.field === 'ownerId')?.message).toBe('不允许的字段：ownerId');
  });

  it('keeps the rule’s own Chinese message', () => {
    const details = validationDetails(issuesOf({ idNumber: '110105194912310021' }));
    expect(details.find((d) => d.field === 'idNumber')?.message).toBe('身份证号(idNumber)：身份证号校验位错误');
  });
});
