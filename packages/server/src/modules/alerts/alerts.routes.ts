import { alert, alertListQuery, createAlertBody, errorBody, id, listOf, updateAlertBody } from '@anxin/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorContext } from '../access/access.hooks.js';

const errors = { 400: errorBody, 403: errorBody, 404: errorBody, 409: errorBody };
const LABELS = {
  personId: '人员',
  caseId: '关联案件',
  description: '警情描述',
  occurredAt: '发生时间',
  policeRespondedAt: '出警时间',
  teamNotifiedAt: '通报时间',
  disposition: '处置结果',
  note: '处置情况',
  status: '状态',
};

/** 警情与联合处置 (⑥): report, read, and the steps of the chain. */
export async function alertRoutes(app: FastifyInstance) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { alerts } = app.services;
  const tags = ['alerts'];
  const params = z.object({ id });

  api.post(
    '/alerts',
    {
      config: { permission: 'alerts.report', labels: LABELS },
      schema: { tags, body: createAlertBody, response: { 201: alert, ...errors } },
    },
    async (request, reply) => reply.code(201).send(await alerts.create(actorContext(request), request.body)),
  );
  api.get(
    '/alerts',
    {
      config: { permission: 'alerts.read', labels: LABELS },
      schema: { tags, querystring: alertListQuery, response: { 200: listOf(alert), 400: errorBody } },
    },
    (request) => alerts.list(actorContext(request), request.query),
  );
  api.get(
    '/alerts/:id',
    { config: { permission: 'alerts.read' }, schema: { tags, params, response: { 200: alert, 404: errorBody } } },
    (request) => alerts.get(actorContext(request), request.params.id),
  );
  api.patch(
    '/alerts/:id',
    {
      // 派出所 responds; 平安办 or 派出所 notify the team and dispose: the service checks each step.
      config: { permission: 'alerts.dispose', labels: LABELS },
      schema: { tags, params, body: updateAlertBody, response: { 200: alert, ...errors } },
    },
    (request) => alerts.update(actorContext(request), request.params.id, request.body),
  );
}
