import { errorBody, id, putTeamBody, responsibilityLetterBody, team, teamCandidate } from '@anxin/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorContext, actorOf } from '../access/access.hooks.js';

const errors = { 400: errorBody, 403: errorBody, 404: errorBody, 409: errorBody };
const LABELS = {
  members: '小组成员',
  role: '组内角色',
  userId: '成员',
  signedOn: '签订日期',
  signatoryUserIds: '签订人',
};

export async function teamRoutes(app: FastifyInstance) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { teams } = app.services;
  const tags = ['teams'];
  const params = z.object({ id });

  api.get(
    '/cases/:id/team',
    { config: { permission: 'work.read' }, schema: { tags, params, response: { 200: team, 404: errorBody } } },
    (request) => teams.get(actorOf(request), request.params.id),
  );

  api.get(
    '/cases/:id/team/candidates',
    {
      config: { permission: 'teams.manage' },
      schema: { tags, params, response: { 200: z.object({ items: z.array(teamCandidate) }), 404: errorBody } },
    },
    (request) => teams.candidates(actorOf(request), request.params.id),
  );

  api.put(
    '/cases/:id/team',
    {
      config: { permission: 'teams.manage', labels: LABELS },
      schema: { tags, params, body: putTeamBody, response: { 200: team, ...errors } },
    },
    (request) => teams.put(actorContext(request), request.params.id, request.body),
  );

  api.post(
    '/cases/:id/responsibility-letter',
    {
      config: { permission: 'work.record', labels: LABELS },
      schema: { tags, params, body: responsibilityLetterBody, response: { 201: team, ...errors } },
    },
    async (request, reply) =>
      reply.code(201).send(await teams.recordLetter(actorContext(request), request.params.id, request.body)),
  );
}
