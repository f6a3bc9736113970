import {
  caseGrievanceList,
  caseHelpListQuery,
  caseServiceList,
  createGrievanceBody,
  createServiceBody,
  errorBody,
  grievance,
  grievanceListQuery,
  helpUnit,
  id,
  listOf,
  serviceItem,
  serviceListQuery,
  updateGrievanceBody,
  updateServiceBody,
} from '@anxin/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorContext, actorOf } from '../access/access.hooks.js';
import { createHelpService } from './help.service.js';

const errors = { 400: errorBody, 403: errorBody, 404: errorBody, 409: errorBody };
const COMMON_LABELS = { status: '状态', scope: '范围', overdue: '超期', orgUnitId: '责任单位', version: '版本号' };
const SERVICE_LABELS = {
  ...COMMON_LABELS,
  type: '服务类型',
  responsibleOrgUnitId: '责任单位',
  description: '服务内容',
  outcome: '办理结果',
  dueOn: '办理期限',
};
const GRIEVANCE_LABELS = {
  ...COMMON_LABELS,
  orgUnitId: '事权单位',
  type: '矛盾类型',
  responsibleOrgUnitId: '事权单位',
  description: '矛盾诉求内容',
  resolution: '化解情况',
  dueOn: '化解期限',
};

export async function helpRoutes(app: FastifyInstance) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  // The module's services are built here from the app's shared db, clock and audit log.
  const help = createHelpService(app.services);
  const params = z.object({ id });
  const read = { permission: 'help.read' } as const;

  // ── 帮扶服务 ──
  const services = { tags: ['services'] };
  api.post(
    '/cases/:id/services',
    {
      config: { permission: 'help.create', labels: SERVICE_LABELS },
      schema: { ...services, params, body: createServiceBody, response: { 201: serviceItem, ...errors } },
    },
    async (request, reply) =>
      reply.code(201).send(await help.services.create(actorContext(request), request.params.id, request.body)),
  );
  api.get(
    '/cases/:id/services',
    {
      config: { ...read, labels: SERVICE_LABELS },
      schema: {
        ...services,
        params,
        querystring: caseHelpListQuery,
        response: { 200: caseServiceList, 404: errorBody },
      },
    },
    (request) => help.services.listOfCase(actorContext(request), request.params.id, request.query),
  );
  api.get(
    '/services',
    {
      config: { ...read, labels: SERVICE_LABELS },
      schema: { ...services, querystring: serviceListQuery, response: { 200: listOf(serviceItem), 400: errorBody } },
    },
    (request) => help.services.queue(actorContext(request), request.query),
  );
  api.get(
    '/services/:id',
    { config: read, schema: { ...services, params, response: { 200: serviceItem, 404: errorBody } } },
    (request) => help.services.get(actorContext(request), request.params.id),
  );
  api.patch(
    '/services/:id',
    {
      config: { permission: 'help.update', labels: SERVICE_LABELS },
      schema: { ...services, params, body: updateServiceBody, response: { 200: serviceItem, ...errors } },
    },
    (request) => help.services.update(actorContext(request), request.params.id, request.body),
  );

  // ── 矛盾纠纷与诉求 ──
  const grievances = { tags: ['grievances'] };
  api.post(
    '/cases/:id/grievances',
    {
      config: { permission: 'help.create', labels: GRIEVANCE_LABELS },
      schema: { ...grievances, params, body: createGrievanceBody, response: { 201: grievance, ...errors } },
    },
    async (request, reply) =>
      reply.code(201).send(await help.grievances.create(actorContext(request), request.params.id, request.body)),
  );
  api.get(
    '/cases/:id/grievances',
    {
      config: { ...read, labels: GRIEVANCE_LABELS },
      schema: {
        ...grievances,
        params,
        querystring: caseHelpListQuery,
        response: { 200: caseGrievanceList, 404: errorBody },
      },
    },
    (request) => help.grievances.listOfCase(actorContext(request), request.params.id, request.query),
  );
  api.get(
    '/grievances',
    {
      config: { ...read, labels: GRIEVANCE_LABELS },
      schema: { ...grievances, querystring: grievanceListQuery, response: { 200: listOf(grievance), 400: errorBody } },
    },
    (request) => help.grievances.queue(actorContext(request), request.query),
  );
  api.get(
    '/grievances/:id',
    { config: read, schema: { ...grievances, params, response: { 200: grievance, 404: errorBody } } },
    (request) => help.grievances.get(actorContext(request), request.params.id),
  );
  api.patch(
    '/grievances/:id',
    {
      config: { permission: 'help.update', labels: GRIEVANCE_LABELS },
      schema: { ...grievances, params, body: updateGrievanceBody, response: { 200: grievance, ...errors } },
    },
    (request) => help.grievances.update(actorContext(request), request.params.id, request.body),
  );

  // The units an item of a case may be given to (责任单位 / 事权单位), for the add forms.
  api.get(
    '/cases/:id/help-units',
    {
      config: { permission: 'help.create' },
      schema: {
        tags: ['services', 'grievances'],
        params,
        response: { 200: z.object({ items: z.array(helpUnit) }), 404: errorBody },
      },
    },
    (request) => help.units(actorOf(request), request.params.id),
  );
}
