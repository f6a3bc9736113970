import {
  createInspectionBody,
  createInvestigationBody,
  errorBody,
  INVESTIGATION_LABELS,
  id,
  inspection,
  inspectionDetail,
  inspectionListQuery,
  investigation,
  investigationListQuery,
  listOf,
  OVERSIGHT_LABELS,
  rectification,
  rectificationListQuery,
  sample,
  sampleQuery,
  updateInvestigationBody,
  updateRectificationBody,
} from '@anxin/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorContext } from '../access/access.hooks.js';

const errors = { 400: errorBody, 403: errorBody, 404: errorBody, 409: errorBody };

/** 督导问责 (plan §五(三)): inspections with rectifications and sampling; accountability investigations. */
export async function oversightRoutes(app: FastifyInstance) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { inspections, investigations } = app.services;
  const tags = ['oversight'];
  const params = z.object({ id });
  const read = { permission: 'oversight.read', labels: OVERSIGHT_LABELS } as const;
  const manage = { permission: 'oversight.manage', labels: OVERSIGHT_LABELS } as const;

  api.post(
    '/inspections',
    { config: manage, schema: { tags, body: createInspectionBody, response: { 201: inspectionDetail, ...errors } } },
    async (request, reply) => reply.code(201).send(await inspections.create(actorContext(request), request.body)),
  );
  api.get(
    '/inspections',
    { config: read, schema: { tags, querystring: inspectionListQuery, response: { 200: listOf(inspection) } } },
    (request) => inspections.list(actorContext(request), request.query),
  );
  // Static before parametric: Fastify matches /inspections/sample here, never as an id.
  api.get(
    '/inspections/sample',
    {
      config: manage,
      schema: { tags, querystring: sampleQuery, response: { 200: sample, 400: errorBody, 404: errorBody } },
    },
    (request) => inspections.sample(actorContext(request), request.query),
  );
  api.get(
    '/inspections/:id',
    { config: read, schema: { tags, params, response: { 200: inspectionDetail, 404: errorBody } } },
    (request) => inspections.get(actorContext(request), request.params.id),
  );

  api.get(
    '/rectifications',
    {
      config: { permission: 'rectifications.read', labels: OVERSIGHT_LABELS },
      schema: { tags, querystring: rectificationListQuery, response: { 200: listOf(rectification) } },
    },
    (request) => inspections.rectifications(actorContext(request), request.query),
  );
  api.patch(
    '/rectifications/:id',
    {
      config: { permission: 'rectifications.update', labels: OVERSIGHT_LABELS },
      schema: { tags, params, body: updateRectificationBody, response: { 200: rectification, ...errors } },
    },
    (request) => inspections.updateRectification(actorContext(request), request.params.id, request.body),
  );

  const investigationManage = { permission: 'oversight.manage', labels: INVESTIGATION_LABELS } as const;
  api.post(
    '/investigations',
    {
      config: investigationManage,
      schema: { tags, body: createInvestigationBody, response: { 201: investigation, ...errors } },
    },
    async (request, reply) => reply.code(201).send(await investigations.create(actorContext(request), request.body)),
  );
  api.get(
    '/investigations',
    {
      config: { permission: 'oversight.read', labels: INVESTIGATION_LABELS },
      schema: { tags, querystring: investigationListQuery, response: { 200: listOf(investigation) } },
    },
    (request) => investigations.list(actorContext(request), request.query),
  );
  api.get(
    '/investigations/:id',
    { config: read, schema: { tags, params, response: { 200: investigation, 404: errorBody } } },
    (request) => investigations.get(actorContext(request), request.params.id),
  );
  api.patch(
    '/investigations/:id',
    {
      config: investigationManage,
      schema: { tags, params, body: updateInvestigationBody, response: { 200: investigation, ...errors } },
    },
    (request) => investigations.update(actorContext(request), request.params.id, request.body),
  );
}
