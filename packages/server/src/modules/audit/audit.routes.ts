import { auditEvent, auditQuery, auditVerifyResult, listOf } from '@anxin/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorOf } from '../access/access.hooks.js';

export async function auditRoutes(app: FastifyInstance) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { audit, db } = app.services;
  const tags = ['audit'];

  api.get(
    '/audit-events',
    {
      config: { permission: 'audit.read' },
      schema: { tags, querystring: auditQuery, response: { 200: listOf(auditEvent) } },
    },
    (request) => audit.search(db, actorOf(request), request.query),
  );

  api.get(
    '/audit-events/verify',
    { config: { permission: 'audit.read' }, schema: { tags, response: { 200: auditVerifyResult } } },
    () => audit.verify(db),
  );
}
