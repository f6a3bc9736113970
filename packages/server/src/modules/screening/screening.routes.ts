import {
  complianceQuery,
  complianceRow,
  createScreeningReportBody,
  dismissEntryBody,
  errorBody,
  id,
  listOf,
  poolEntry,
  poolQuery,
  SCREENING_FIELD_LABELS,
  screeningReport,
  screeningReportQuery,
  submitScreeningReportBody,
  updateScreeningReportBody,
} from '@anxin/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorContext, actorOf } from '../access/access.hooks.js';

/** 排查情况表 and the 待研判 pool (plan §四(一)1). */
export async function screeningRoutes(app: FastifyInstance) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { screening } = app.services;
  const tags = ['screening'];
  const params = z.object({ id });
  const labels = SCREENING_FIELD_LABELS;

  api.get(
    '/screening-reports',
    {
      config: { permission: 'screening.read', labels },
      schema: { tags, querystring: screeningReportQuery, response: { 200: listOf(screeningReport), 400: errorBody } },
    },
    (request) => screening.list(actorOf(request), request.query),
  );

  api.post(
    '/screening-reports',
    {
      config: { permission: 'screening.write', labels },
      schema: {
        tags,
        body: createScreeningReportBody,
        response: { 201: screeningReport, 400: errorBody, 404: errorBody, 409: errorBody },
      },
    },
    async (request, reply) => reply.code(201).send(await screening.create(actorContext(request), request.body)),
  );

  api.get(
    '/screening-reports/compliance',
    {
      config: { permission: 'screening.compliance', labels },
      schema: { tags, querystring: complianceQuery, response: { 200: z.array(complianceRow), 400: errorBody } },
    },
    (request) => screening.compliance(actorOf(request), request.query),
  );

  api.get(
    '/screening-reports/:id',
    {
      config: { permission: 'screening.read' },
      schema: { tags, params, response: { 200: screeningReport, 404: errorBody } },
    },
    (request) => screening.get(actorOf(request), request.params.id),
  );

  api.put(
    '/screening-reports/:id',
    {
      config: { permission: 'screening.write', labels },
      schema: {
        tags,
        params,
        body: updateScreeningReportBody,
        response: { 200: screeningReport, 400: errorBody, 403: errorBody, 404: errorBody, 409: errorBody },
      },
    },
    (request) => screening.update(actorContext(request), request.params.id, request.body),
  );

  api.post(
    '/screening-reports/:id/submit',
    {
      config: { permission: 'screening.write', labels },
      schema: {
        tags,
        params,
        body: submitScreeningReportBody,
        response: { 200: screeningReport, 400: errorBody, 403: errorBody, 404: errorBody, 409: errorBody },
      },
    },
    (request) => screening.submit(actorContext(request), request.params.id, request.body),
  );

  api.get(
    '/screening-entries',
    {
      config: { permission: 'screening.read', labels },
      schema: { tags, querystring: poolQuery, response: { 200: listOf(poolEntry), 400: errorBody } },
    },
    (request) => screening.pool(actorOf(request), request.query),
  );

  api.post(
    '/screening-entries/:id/dismiss',
    {
      config: { permission: 'pool.dismiss', labels },
      schema: {
        tags,
        params,
        body: dismissEntryBody,
        response: { 200: poolEntry, 400: errorBody, 404: errorBody, 409: errorBody },
      },
    },
    (request) => screening.dismiss(actorContext(request), request.params.id, request.body),
  );
}
