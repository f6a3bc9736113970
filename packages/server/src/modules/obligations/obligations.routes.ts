import {
  createSensitivePeriodBody,
  dashboard,
  errorBody,
  listOf,
  obligation,
  obligationQuery,
  policyResponse,
  putPolicyBody,
  sensitivePeriod,
  sensitivePeriodQuery,
} from '@anxin/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorContext, actorOf } from '../access/access.hooks.js';

const errors = { 400: errorBody, 403: errorBody, 404: errorBody, 409: errorBody };
const LABELS = {
  scope: '范围',
  dueBy: '截止日期',
  startsOn: '开始日期',
  endsOn: '结束日期',
  orgUnitId: '范围',
  effectiveFrom: '生效日期',
  intervals: '工作频次',
  sensitive: '敏感时期规则',
  teamUnits: '小组必含单位',
  responsibilityLetterDays: '责任书签订期限',
  emergencyPlanDays: '应急预案期限',
  confirmationDays: '紧急列管确认期限',
  review: '复核周期',
  alertTargets: '警情处置时限',
  policeResponseMinutes: '出警时限（分钟）',
  teamNotifiedMinutes: '通报服务管理小组时限（分钟）',
  specialConsultationDays: '专项会商期限',
  divisor: '收紧倍数',
  extra: '增加的工作',
  days: '天数',
  months: '月数',
};

export async function obligationRoutes(app: FastifyInstance) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { obligations, policy, sensitivePeriods } = app.services;

  api.get(
    '/obligations',
    {
      config: { permission: 'work.read', labels: LABELS },
      schema: {
        tags: ['obligations'],
        querystring: obligationQuery,
        response: { 200: listOf(obligation), 400: errorBody },
      },
    },
    (request) => obligations.list(actorOf(request), request.query),
  );

  api.get(
    '/dashboard',
    { config: { permission: 'work.read' }, schema: { tags: ['obligations'], response: { 200: dashboard } } },
    (request) => obligations.dashboard(actorOf(request)),
  );

  api.get(
    '/sensitive-periods',
    {
      config: { permission: 'work.read' },
      schema: { tags: ['obligations'], querystring: sensitivePeriodQuery, response: { 200: listOf(sensitivePeriod) } },
    },
    (request) => sensitivePeriods.list(actorOf(request), request.query),
  );

  api.post(
    '/sensitive-periods',
    {
      config: { permission: 'sensitive_periods.manage', labels: LABELS },
      schema: { tags: ['obligations'], body: createSensitivePeriodBody, response: { 201: sensitivePeriod, ...errors } },
    },
    async (request, reply) => reply.code(201).send(await sensitivePeriods.create(actorContext(request), request.body)),
  );

  api.get(
    '/policy',
    { config: { permission: 'policy.read' }, schema: { tags: ['policy'], response: { 200: policyResponse } } },
    () => policy.get(),
  );

  api.put(
    '/policy',
    {
      config: { permission: 'policy.manage', labels: LABELS },
      schema: { tags: ['policy'], body: putPolicyBody, response: { 200: policyResponse, ...errors } },
    },
    (request) => policy.put(actorContext(request), request.body),
  );
}
