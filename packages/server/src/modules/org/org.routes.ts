import { createOrgUnitBody, errorBody, id, orgUnit, updateOrgUnitBody } from '@anxin/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorContext, actorOf } from '../access/access.hooks.js';

export async function orgRoutes(app: FastifyInstance) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { org } = app.services;
  const tags = ['org'];

  api.get(
    '/org-units',
    { config: { permission: 'org.read' }, schema: { tags, response: { 200: z.object({ items: z.array(orgUnit) }) } } },
    (request) => org.list(actorOf(request)),
  );

  api.post(
    '/org-units',
    {
      config: { permission: 'org.manage' },
      schema: { tags, body: createOrgUnitBody, response: { 201: orgUnit, 400: errorBody, 409: errorBody } },
    },
    async (request, reply) => {
      const created = await org.create(actorContext(request), request.body);
      return reply.code(201).send(created);
    },
  );

  api.patch(
    '/org-units/:id',
    {
      config: { permission: 'org.manage' },
      schema: { tags, params: z.object({ id }), body: updateOrgUnitBody, response: { 200: orgUnit, 404: errorBody } },
    },
    (request) => org.update(actorContext(request), request.params.id, request.body),
  );
}
