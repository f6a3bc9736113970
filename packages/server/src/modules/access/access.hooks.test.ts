import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { accessHooks } from './access.hooks.js';

describe('deny by default (AC-1)', () => {
  it('refuses to register an API route that declares no permission', async () => {
    const app = Fastify();
    await app.register(accessHooks, { secureCookies: false });
    await expect(
      app.register(async (api) => {
        api.get('/api/forgotten', async () => 'oops');
      }),
    ).rejects.toThrow(/declares no config.permission/);
  });

  it('accepts one that does', async () => {
    const app = Fastify();
    await app.register(accessHooks, { secureCookies: false });
    await app.register(async (api) => {
      api.get('/api/health-like', { config: { permission: 'public' } }, async () => 'ok');
    });
    await expect(app.ready()).resolves.toBeDefined();
    await app.close();
  });
});
