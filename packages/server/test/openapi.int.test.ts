import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from './context.js';

// The generated OpenAPI document names every endpoint of API.md that other systems call.
let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t.close());

describe('OpenAPI', () => {
  it('documents the document endpoints, the upload as multipart, and the audit trail', async () => {
    const response = await t.anonymous.get('/api/openapi.json');
    expect(response.statusCode).toBe(200);
    const { paths } = response.json();
    expect(Object.keys(paths)).toEqual(
      expect.arrayContaining([
        '/api/cases/{id}/documents',
        '/api/documents/{id}/content',
        '/api/persons/{id}/audit-trail',
      ]),
    );
    expect(Object.keys(paths['/api/cases/{id}/documents'].post.requestBody?.content ?? {})).toContain(
      'multipart/form-data',
    );
  });
});
