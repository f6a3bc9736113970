import { createUserBody, errorBody, id, listOf, updateUserBody, user } from '@anxin/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorContext, actorOf } from '../access/access.hooks.js';

export async function userRoutes(app: FastifyInstance) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { users } = app.services;
  const tags = ['users'];

  api.get(
    '/users',
    { config: { permission: 'users.read' }, schema: { tags, response: { 200: listOf(user) } } },
    (request) => users.list(actorOf(request)),
  );

  api.post(
    '/users',
    {
      config: { permission: 'users.manage' },
      schema: { tags, body: createUserBody, response: { 201: user, 400: errorBody, 409: errorBody } },
    },
    async (request, reply) => reply.code(201).send(await users.create(actorContext(request), request.body)),
  );

  api.patch(
    '/users/:id',
    {
      config: { permission: 'users.manage' },
      schema: { tags, params: z.object({ id }), body: updateUserBody, response: { 200: user, 404: errorBody } },
    },
    (request) => users.update(actorContext(request), request.params.id, request.body),
  );
}
