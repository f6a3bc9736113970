import {
  auditEvent,
  createPersonBody,
  errorBody,
  id,
  listOf,
  NEED_TO_KNOW_LABELS,
  pageQuery,
  personDetail,
  personListQuery,
  personSummary,
  updatePersonBody,
} from '@anxin/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorContext, actorOf } from '../access/access.hooks.js';
import { readPersonAuditTrail } from './person-trail.js';

const PERSON_LABELS = { name: '姓名', ...NEED_TO_KNOW_LABELS };

export async function personRoutes(app: FastifyInstance) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { persons } = app.services;
  const tags = ['persons'];
  const params = z.object({ id });

  api.get(
    '/persons',
    {
      config: { permission: 'persons.read' },
      schema: { tags, querystring: personListQuery, response: { 200: listOf(personSummary), 400: errorBody } },
    },
    (request) => persons.list(actorOf(request), request.query),
  );

  api.post(
    '/persons',
    {
      config: { permission: 'persons.create', labels: PERSON_LABELS },
      schema: { tags, body: createPersonBody, response: { 201: personDetail, 400: errorBody, 409: errorBody } },
    },
    async (request, reply) => reply.code(201).send(await persons.create(actorContext(request), request.body)),
  );

  api.get(
    '/persons/:id',
    {
      config: { permission: 'persons.read' },
      schema: { tags, params, response: { 200: personDetail, 404: errorBody } },
    },
    (request) => persons.get(actorContext(request), request.params.id),
  );

  api.patch(
    '/persons/:id',
    {
      config: { permission: 'persons.update', labels: PERSON_LABELS },
      schema: {
        tags,
        params,
        body: updatePersonBody,
        response: { 200: personDetail, 400: errorBody, 404: errorBody, 409: errorBody },
      },
    },
    (request) => persons.update(actorContext(request), request.params.id, request.body),
  );

  api.get(
    '/persons/:id/audit-trail',
    {
      config: { permission: 'persons.read' },
      schema: {
        tags,
        params,
        querystring: z.strictObject(pageQuery),
        response: { 200: listOf(auditEvent), 400: errorBody, 404: errorBody },
      },
    },
    (request) => readPersonAuditTrail(app.services, actorContext(request), request.params.id, request.query),
  );
}
