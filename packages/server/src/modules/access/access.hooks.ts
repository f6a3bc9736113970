import type { FastifyInstance, FastifyRequest } from 'fastify';
import { forbidden, unauthorized } from '../../lib/errors.js';
import type { ActorContext, RequestContext } from '../audit/audit.service.js';
import { sessionCookieName } from '../auth/cookie.js';
import { type Actor, can } from './actor.js';
import type { RoutePermission } from './permissions.js';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
  }
  interface FastifyContextConfig {
    /** Deny by default: every API route names the permission it needs (AC-1). */
    permission?: RoutePermission;
    /** Field labels that differ from the shared dictionary (e.g. `name` is 姓名 for a person). */
    labels?: Record<string, string>;
  }
}

/** The actor, IP and request id that services record in the audit log. */
export function requestContext(request: FastifyRequest): RequestContext {
  return { actor: request.actor, ip: request.ip, requestId: request.id };
}

/** The request context of a route whose permission guarantees a signed-in actor. */
export function actorContext(request: FastifyRequest): ActorContext {
  return { ...requestContext(request), actor: actorOf(request) };
}

/** The signed-in actor of a route whose permission guarantees one. */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw unauthorized();
  return request.actor;
}

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** A browser's cross-site request carries a foreign Origin; requests without one (curl, scripts) pass. */
function originRejected(request: FastifyRequest): boolean {
  const origin = request.headers.origin;
  if (!origin || !STATE_CHANGING.has(request.method)) return false;
  try {
    // Both through the URL parser, so that a default port (:80, :443) on either side is dropped.
    return new URL(origin).host !== new URL(`${request.protocol}://${request.host}`).host;
  } catch {
    return true;
  }
}

/**
 * Authentication, the route's permission and the Origin check, in that order, before any body is
 * parsed. Installed on the root instance so that every route, in every module, passes through it.
 */
export async function accessHooks(app: FastifyInstance, options: { secureCookies: boolean }) {
  const cookieName = sessionCookieName(options.secureCookies);
  app.decorateRequest('actor', null);

  app.addHook('onRoute', (route) => {
    if (route.url.startsWith('/api') && !route.config?.permission) {
      throw new Error(`${route.method} ${route.url} declares no config.permission`);
    }
  });

  app.addHook('onRequest', async (request) => {
    const permission = request.routeOptions.config?.permission;
    if (!permission) return;
    if (originRejected(request)) throw forbidden('请求来源不被允许（Origin 校验失败）');
    const token = request.cookies[cookieName];
    if (token) request.actor = await app.services.auth.authenticate(token);
    if (permission === 'public') return;
    if (!request.actor) throw unauthorized();
    if (permission === 'authenticated' || can(request.actor, permission)) return;
    const { db, audit } = app.services;
    await db.transaction((tx) =>
      audit.record(tx, requestContext(request), {
        action: `denied:${permission}`,
        outcome: 'denied',
        diff: { method: request.method, route: request.routeOptions.url ?? '' },
      }),
    );
    throw forbidden();
  });
}
// Hooks added here must reach routes registered by sibling plugins.
(accessHooks as unknown as Record<symbol, boolean>)[Symbol.for('skip-override')] = true;
