import {
  caseDetail,
  caseListQuery,
  caseSummary,
  createCaseBody,
  createProposalBody,
  errorBody,
  id,
  levelHistoryEntry,
  listOf,
  proposal,
  proposalListQuery,
  reportUpwardBody,
} from '@anxin/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorContext, actorOf } from '../access/access.hooks.js';

const CASE_LABELS = { basis: '呈报依据', resolutionPlan: '问题化解方案', listingOpinion: '列管意见', level: '级别' };
const errors = { 400: errorBody, 403: errorBody, 404: errorBody, 409: errorBody };

export async function caseRoutes(app: FastifyInstance) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { cases } = app.services;
  const tags = ['cases'];
  const params = z.object({ id });

  api.post(
    '/cases',
    {
      config: { permission: 'cases.create', labels: CASE_LABELS },
      schema: { tags, body: createCaseBody, response: { 201: caseDetail, ...errors } },
    },
    async (request, reply) => reply.code(201).send(await cases.create(actorContext(request), request.body)),
  );

  api.get(
    '/cases',
    {
      config: { permission: 'cases.read' },
      schema: { tags, querystring: caseListQuery, response: { 200: listOf(caseSummary) } },
    },
    (request) => cases.list(actorOf(request), request.query),
  );

  api.get(
    '/cases/:id',
    { config: { permission: 'cases.read' }, schema: { tags, params, response: { 200: caseDetail, 404: errorBody } } },
    (request) => cases.get(actorContext(request), request.params.id),
  );

  api.post(
    '/cases/:id/proposals',
    {
      config: { permission: 'proposals.create', labels: CASE_LABELS },
      schema: { tags, params, body: createProposalBody, response: { 201: proposal, ...errors } },
    },
    async (request, reply) =>
      reply.code(201).send(await cases.propose(actorContext(request), request.params.id, request.body)),
  );

  api.get(
    '/proposals',
    {
      config: { permission: 'cases.read' },
      schema: { tags, querystring: proposalListQuery, response: { 200: listOf(proposal) } },
    },
    (request) => cases.listProposals(actorOf(request), request.query),
  );

  api.post(
    '/cases/:id/level-history/:entryId/report',
    {
      config: { permission: 'cases.report_upward' },
      schema: {
        tags,
        params: z.object({ id, entryId: id }),
        body: reportUpwardBody,
        response: { 200: levelHistoryEntry, ...errors },
      },
    },
    (request) =>
      cases.reportUpward(actorContext(request), request.params.id, request.params.entryId, request.body.reportedOn),
  );
}
