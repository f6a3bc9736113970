import { errorBody, id, putWebhookBody, webhook } from '@anxin/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorContext } from '../access/access.hooks.js';

/** 推送设置 of an org unit (系统管理 › 组织机构): the administrator's. */
export async function webhookRoutes(app: FastifyInstance) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { webhooks } = app.services;
  const tags = ['webhooks'];
  const config = { permission: 'webhooks.manage' } as const;
  const params = z.object({ id });

  api.get(
    '/org-units/:id/webhook',
    { config, schema: { tags, params, response: { 200: webhook, 404: errorBody } } },
    (request) => webhooks.get(actorContext(request), request.params.id),
  );

  api.put(
    '/org-units/:id/webhook',
    {
      config,
      schema: { tags, params, body: putWebhookBody, response: { 200: webhook, 400: errorBody, 404: errorBody } },
    },
    (request) => webhooks.put(actorContext(request), request.params.id, request.body),
  );

  api.delete(
    '/org-units/:id/webhook',
    { config, schema: { tags, params, response: { 204: z.null(), 404: errorBody } } },
    async (request, reply) => {
      await webhooks.remove(actorContext(request), request.params.id);
      return reply.code(204).send(null);
    },
  );

  api.post(
    '/org-units/:id/webhook/test',
    {
      config,
      schema: {
        tags,
        params,
        response: { 202: z.object({ queued: z.boolean() }), 404: errorBody, 409: errorBody },
      },
    },
    async (request, reply) => reply.code(202).send(await webhooks.test(actorContext(request), request.params.id)),
  );
}
