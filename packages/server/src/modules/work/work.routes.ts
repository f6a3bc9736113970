import {
  assessmentReport,
  createAssessmentReportBody,
  createDailyReportBody,
  createEmergencyPlanBody,
  createVisitBody,
  createWatchLogBody,
  dailyReport,
  emergencyPlan,
  errorBody,
  id,
  listOf,
  proposal,
  submitReportProposalBody,
  visit,
  visitListQuery,
  visitWithPerson,
  watchLog,
  workListQuery,
} from '@anxin/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorContext } from '../access/access.hooks.js';

const errors = { 400: errorBody, 403: errorBody, 404: errorBody, 409: errorBody };
const LABELS = {
  visitedAt: '随访时间',
  visitorUserIds: '随访人员',
  livingSituation: '生活情况',
  activities: '现实活动',
  stateOfMind: '思想状况',
  controlStatus: '在控情况',
  extremeTendency: '过激倾向',
  measures: '采取措施',
  period: '评估期间',
  reportedOn: '报告日期',
  findings: '评估发现',
  harmAssessment: '现实危害性评估',
  recommendedMeasures: '下步措施意见',
  recommendedLevel: '建议级别',
  content: '报告内容',
  dutyOn: '值守日期',
  shift: '班次',
  onDutyUserIds: '值守人员',
  notes: '值守情况',
  adoptedOn: '制定日期',
  summary: '预案内容',
  basis: '呈报依据',
};

export async function workRoutes(app: FastifyInstance) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { visits, records } = app.services;
  const tags = ['work'];
  const params = z.object({ id });
  const write = { permission: 'work.record', labels: LABELS } as const;
  const read = { permission: 'work.read' } as const;

  api.post(
    '/cases/:id/visits',
    { config: write, schema: { tags, params, body: createVisitBody, response: { 201: visit, ...errors } } },
    async (request, reply) =>
      reply.code(201).send(await visits.create(actorContext(request), request.params.id, request.body)),
  );
  api.get(
    '/cases/:id/visits',
    {
      config: read,
      schema: { tags, params, querystring: workListQuery, response: { 200: listOf(visitWithPerson), 404: errorBody } },
    },
    (request) => visits.listOfCase(actorContext(request), request.params.id, request.query),
  );
  api.get(
    '/visits',
    { config: read, schema: { tags, querystring: visitListQuery, response: { 200: listOf(visitWithPerson) } } },
    (request) => visits.history(actorContext(request), request.query),
  );

  api.post(
    '/cases/:id/assessment-reports',
    {
      config: write,
      schema: { tags, params, body: createAssessmentReportBody, response: { 201: assessmentReport, ...errors } },
    },
    async (request, reply) =>
      reply.code(201).send(await records.createReport(actorContext(request), request.params.id, request.body)),
  );
  api.get(
    '/cases/:id/assessment-reports',
    { config: read, schema: { tags, params, response: { 200: listOf(assessmentReport), 404: errorBody } } },
    (request) => records.listReports(actorContext(request), request.params.id),
  );
  api.post(
    '/assessment-reports/:id/proposal',
    {
      // The team leader submits, whatever their role: the service checks the team.
      config: { permission: 'work.read', labels: LABELS },
      schema: { tags, params, body: submitReportProposalBody, response: { 201: proposal, ...errors } },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await records.submitReportProposal(actorContext(request), request.params.id, request.body.basis)),
  );

  api.post(
    '/cases/:id/daily-reports',
    { config: write, schema: { tags, params, body: createDailyReportBody, response: { 201: dailyReport, ...errors } } },
    async (request, reply) =>
      reply.code(201).send(await records.createDailyReport(actorContext(request), request.params.id, request.body)),
  );
  api.get(
    '/cases/:id/daily-reports',
    { config: read, schema: { tags, params, response: { 200: listOf(dailyReport), 404: errorBody } } },
    (request) => records.listDailyReports(actorContext(request), request.params.id),
  );

  api.post(
    '/cases/:id/watch-logs',
    { config: write, schema: { tags, params, body: createWatchLogBody, response: { 201: watchLog, ...errors } } },
    async (request, reply) =>
      reply.code(201).send(await records.createWatchLog(actorContext(request), request.params.id, request.body)),
  );
  api.get(
    '/cases/:id/watch-logs',
    { config: read, schema: { tags, params, response: { 200: listOf(watchLog), 404: errorBody } } },
    (request) => records.listWatchLogs(actorContext(request), request.params.id),
  );

  api.post(
    '/cases/:id/emergency-plans',
    {
      config: write,
      schema: { tags, params, body: createEmergencyPlanBody, response: { 201: emergencyPlan, ...errors } },
    },
    async (request, reply) =>
      reply.code(201).send(await records.createEmergencyPlan(actorContext(request), request.params.id, request.body)),
  );
  api.get(
    '/cases/:id/emergency-plans',
    { config: read, schema: { tags, params, response: { 200: listOf(emergencyPlan), 404: errorBody } } },
    (request) => records.listEmergencyPlans(actorContext(request), request.params.id),
  );
}
