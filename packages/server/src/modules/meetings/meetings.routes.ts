import {
  agendaObjection,
  agendaQuery,
  caseSummary,
  createDecisionBody,
  createMeetingBody,
  decision,
  errorBody,
  id,
  levelReviewCase,
  listOf,
  meeting,
  meetingListQuery,
  proposal,
  updateMeetingBody,
} from '@anxin/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorContext, actorOf } from '../access/access.hooks.js';

const LABELS = { kind: '会议类型', minutes: '会议纪要', reason: '决定理由', level: '级别', outcome: '决定' };
const errors = { 400: errorBody, 403: errorBody, 404: errorBody, 409: errorBody };

export async function meetingRoutes(app: FastifyInstance) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { meetings, decisions } = app.services;
  const tags = ['meetings'];
  const params = z.object({ id });

  api.get(
    '/meetings/agenda',
    {
      config: { permission: 'meetings.read' },
      schema: {
        tags,
        querystring: agendaQuery,
        response: {
          200: z.object({
            pendingProposals: z.array(proposal),
            dueForReview: z.array(caseSummary),
            awaitingConfirmation: z.array(caseSummary),
            pool: z.array(z.unknown()),
            levelReview: z.array(levelReviewCase),
            objections: z.array(agendaObjection),
            noticePending: z.array(caseSummary),
          }),
          404: errorBody,
        },
      },
    },
    (request) => meetings.agenda(actorOf(request), request.query.orgUnitId),
  );

  api.post(
    '/meetings',
    {
      config: { permission: 'meetings.manage', labels: LABELS },
      schema: { tags, body: createMeetingBody, response: { 201: meeting, ...errors } },
    },
    async (request, reply) => reply.code(201).send(await meetings.create(actorContext(request), request.body)),
  );

  api.get(
    '/meetings',
    {
      config: { permission: 'meetings.read' },
      schema: { tags, querystring: meetingListQuery, response: { 200: listOf(meeting) } },
    },
    (request) => meetings.list(actorOf(request), request.query),
  );

  api.get(
    '/meetings/:id',
    { config: { permission: 'meetings.read' }, schema: { tags, params, response: { 200: meeting, 404: errorBody } } },
    (request) => meetings.get(actorOf(request), request.params.id),
  );

  api.patch(
    '/meetings/:id',
    {
      config: { permission: 'meetings.manage', labels: LABELS },
      schema: { tags, params, body: updateMeetingBody, response: { 200: meeting, ...errors } },
    },
    (request) => meetings.update(actorContext(request), request.params.id, request.body),
  );

  api.post(
    '/meetings/:id/decisions',
    {
      config: { permission: 'meetings.decide', labels: LABELS },
      schema: { tags, params, body: createDecisionBody, response: { 201: decision, ...errors } },
    },
    async (request, reply) =>
      reply.code(201).send(await decisions.decide(actorContext(request), request.params.id, request.body)),
  );
}
