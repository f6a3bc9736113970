import { errorBody, id, pageQuery } from '@anxin/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../access/access.hooks.js';

const notice = z.object({
  id,
  orgUnitId: id,
  kind: z.string(),
  title: z.string(),
  body: z.string(),
  caseId: id.nullable(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});

export async function notificationRoutes(app: FastifyInstance) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { notifications } = app.services;
  const tags = ['notifications'];

  api.get(
    '/notifications',
    {
      config: { permission: 'notifications.read' },
      schema: {
        tags,
        querystring: z.strictObject({ ...pageQuery, unread: z.enum(['true', 'false']).optional() }),
        response: { 200: z.object({ items: z.array(notice), total: z.number().int(), unread: z.number().int() }) },
      },
    },
    (request) => notifications.list(actorOf(request), { ...request.query, unread: request.query.unread === 'true' }),
  );

  api.post(
    '/notifications/:id/read',
    {
      config: { permission: 'notifications.read' },
      schema: { tags, params: z.object({ id }), response: { 204: z.null(), 404: errorBody } },
    },
    async (request, reply) => {
      await notifications.markRead(actorOf(request), request.params.id);
      return reply.code(204).send(null);
    },
  );
}
