import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../test/context.js';

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext({ loginRateLimit: 3 });
});
afterAll(() => t.close());

it('probe', async () => {
  const r1 = await t.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username: 'pingan', password: 'Anxin@2026' },
    headers: { origin: 'http://localhost:80' },
  });
  console.log('origin :80', r1.statusCode, r1.body);
  const r2 = await t.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username: 'pingan', password: 'Anxin@2026' },
    headers: { origin: 'http://localhost' },
  });
  console.log('origin no port', r2.statusCode, r2.headers['set-cookie']);
  const r3 = await t.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username: 'pingan', password: 'Anxin@2026' },
    headers: { origin: 'http://localhost', host: 'localhost' },
  });
  console.log('origin+host no port', r3.statusCode);
  const r4 = await t.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username: 'pingan', password: 'Anxin@2026' },
  });
  console.log('4th', r4.statusCode, r4.body);
  const r5 = await t.app.inject({ method: 'GET', url: '/nothing/here' });
  console.log('404', r5.statusCode, r5.headers);
  expect(1).toBe(1);
});
