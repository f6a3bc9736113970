import {
  answerObjectionBody,
  caseNotice,
  createObjectionBody,
  errorBody,
  id,
  listOf,
  objection,
  putNoticeBody,
} from '@anxin/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorContext } from '../access/access.hooks.js';
import { createNoticeService } from './notice.service.js';

const LABELS = {
  status: '告知状态',
  exception: '例外情形',
  on: '告知日期',
  note: '说明',
  raisedOn: '提出日期',
  content: '异议内容',
  answer: '答复内容',
  answeredOn: '答复日期',
};
const errors = { 400: errorBody, 403: errorBody, 404: errorBody, 409: errorBody };

/** 告知 and 异议 (PIPL Art. 35): the notice to the person on a case, and the person's objections. */
export async function noticeRoutes(app: FastifyInstance) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const notice = createNoticeService(app.services);
  const tags = ['notice'];
  const params = z.object({ id });

  api.put(
    '/cases/:id/notice',
    {
      config: { permission: 'notice.decide', labels: LABELS },
      schema: { tags, params, body: putNoticeBody, response: { 200: caseNotice, ...errors } },
    },
    (request) => notice.decide(actorContext(request), request.params.id, request.body),
  );

  api.get(
    '/cases/:id/objections',
    {
      config: { permission: 'cases.read' },
      schema: { tags, params, response: { 200: listOf(objection), 404: errorBody } },
    },
    (request) => notice.listObjections(actorContext(request), request.params.id),
  );

  api.post(
    '/cases/:id/objections',
    {
      config: { permission: 'objections.record', labels: LABELS },
      schema: { tags, params, body: createObjectionBody, response: { 201: objection, ...errors } },
    },
    async (request, reply) =>
      reply.code(201).send(await notice.recordObjection(actorContext(request), request.params.id, request.body)),
  );

  api.patch(
    '/objections/:id',
    {
      config: { permission: 'objections.answer', labels: LABELS },
      schema: { tags, params, body: answerObjectionBody, response: { 200: objection, ...errors } },
    },
    (request) => notice.answerObjection(actorContext(request), request.params.id, request.body),
  );
}
