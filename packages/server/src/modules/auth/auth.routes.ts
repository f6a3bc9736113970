import { DEMO_PASSWORD, demoInfo, errorBody, loginBody, me } from '@anxin/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { DEMO_ACCOUNTS } from '../../seed/demo-town.js';
import { actorOf, requestContext } from '../access/access.hooks.js';
import type { Actor } from '../access/actor.js';
import { permissionsOf } from '../access/permissions.js';
import { sessionCookieName, sessionCookieOptions } from './cookie.js';

export async function authRoutes(app: FastifyInstance, options: { secureCookies: boolean; loginRateLimit: number }) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { auth, demoMode } = app.services;
  const cookieName = sessionCookieName(options.secureCookies);
  const presentMe = (actor: Actor) => ({
    id: actor.userId,
    username: actor.username,
    displayName: actor.displayName,
    orgUnitId: actor.orgUnitId,
    orgUnitName: actor.orgUnitName,
    roles: actor.roles,
    permissions: permissionsOf(actor.roles),
    demoMode,
  });

  api.post(
    '/auth/login',
    {
      config: {
        permission: 'public',
        rateLimit: { max: options.loginRateLimit, timeWindow: 60_000 },
      },
      schema: {
        tags: ['auth'],
        body: loginBody,
        response: { 200: me, 401: errorBody, 429: errorBody },
      },
    },
    async (request, reply) => {
      const previousToken = request.cookies[cookieName];
      const { token, actor } = await auth.login({ ...request.body, previousToken }, requestContext(request));
      reply.setCookie(cookieName, token, sessionCookieOptions(options.secureCookies));
      return presentMe(actor);
    },
  );

  api.post('/auth/logout', { config: { permission: 'public' }, schema: { tags: ['auth'] } }, async (request, reply) => {
    await auth.logout(request.actor, requestContext(request));
    reply.clearCookie(cookieName, sessionCookieOptions(options.secureCookies));
    return reply.code(204).send();
  });

  api.get(
    '/me',
    { config: { permission: 'authenticated' }, schema: { tags: ['auth'], response: { 200: me } } },
    async (request) => presentMe(actorOf(request)),
  );

  api.get(
    '/demo-info',
    { config: { permission: 'public' }, schema: { tags: ['auth'], response: { 200: demoInfo } } },
    async () =>
      demoMode
        ? {
            demoMode,
            accounts: DEMO_ACCOUNTS.map(({ username, label }) => ({ username, label })),
            password: DEMO_PASSWORD,
          }
        : { demoMode, accounts: [] },
  );
}
