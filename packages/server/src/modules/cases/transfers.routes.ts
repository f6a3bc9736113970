import {
  answerTransferBody,
  createTransferBody,
  designateTransferBody,
  errorBody,
  id,
  pageQuery,
  transfer,
} from '@anxin/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorContext, actorOf } from '../access/access.hooks.js';

const LABELS = { reason: '理由', toTownId: '接收镇', townId: '指定镇' };
const errors = { 400: errorBody, 403: errorBody, 404: errorBody, 409: errorBody };

export async function transferRoutes(app: FastifyInstance) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { transfers } = app.services;
  const tags = ['transfers'];
  const params = z.object({ id });

  api.post(
    '/cases/:id/transfers',
    {
      config: { permission: 'transfers.request', labels: LABELS },
      schema: { tags, params, body: createTransferBody, response: { 201: transfer, ...errors } },
    },
    async (request, reply) =>
      reply.code(201).send(await transfers.request(actorContext(request), request.params.id, request.body)),
  );

  api.get(
    '/transfers',
    {
      config: { permission: 'cases.read' },
      schema: {
        tags,
        querystring: z.strictObject({
          ...pageQuery,
          status: z.enum(['pending', 'accepted', 'refused', 'designated']).optional(),
        }),
        response: { 200: z.object({ items: z.array(transfer), total: z.number().int() }) },
      },
    },
    (request) => transfers.list(actorOf(request), request.query),
  );

  api.get(
    '/cases/:id/transfer-targets',
    {
      config: { permission: 'transfers.request' },
      schema: {
        tags,
        params,
        response: { 200: z.object({ items: z.array(z.object({ id, name: z.string() })) }), 404: errorBody },
      },
    },
    (request) => transfers.targets(actorOf(request), request.params.id),
  );

  api.post(
    '/transfers/:id/answer',
    {
      config: { permission: 'transfers.answer', labels: LABELS },
      schema: { tags, params, body: answerTransferBody, response: { 200: transfer, ...errors } },
    },
    (request) => transfers.answer(actorContext(request), request.params.id, request.body),
  );

  api.post(
    '/transfers/:id/designate',
    {
      config: { permission: 'transfers.designate', labels: LABELS },
      schema: { tags, params, body: designateTransferBody, response: { 200: transfer, ...errors } },
    },
    (request) => transfers.designate(actorContext(request), request.params.id, request.body),
  );
}
