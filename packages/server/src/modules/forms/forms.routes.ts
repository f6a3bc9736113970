import { caseFormList, caseFormQuery, errorBody, FORM_FORMATS, FORM_QUERY_LABELS, id } from '@anxin/shared';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { sendFile } from '../../lib/exports.js';
import { actorContext } from '../access/access.hooks.js';
import { createFormService, parseFormFile } from './forms.service.js';

const file = z.any().describe('the file (.docx or .pdf), as an attachment');
const errors = { 400: errorBody, 403: errorBody, 404: errorBody, 409: errorBody, 429: errorBody, 503: errorBody };

/** Generated files one user may download per minute from one route. */
export const FORM_DOWNLOADS_PER_MINUTE = 120;

/**
 * 文书: the printed forms of a case, a meeting's minutes and a village's 排查情况表, each as Word
 * or PDF. Reading them needs `documents.read` and the same object access as the screen.
 */
export async function formRoutes(app: FastifyInstance) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { db, clock, audit, persons, meetings, screening } = app.services;
  const forms = createFormService({ db, clock, audit, persons, meetings, screening });
  const tags = ['forms'];
  const config = { permission: 'documents.read', labels: FORM_QUERY_LABELS } as const;
  /**
   * Rendering is work (a PDF of the whole archive takes seconds): a user gets FORM_DOWNLOADS_PER_MINUTE
   * files a minute from each route (all case forms are one route), far more than anyone prints by
   * hand, and a runaway script gets 429. Counted in each app process's memory.
   */
  const download = {
    ...config,
    rateLimit: {
      max: FORM_DOWNLOADS_PER_MINUTE,
      timeWindow: 60_000,
      keyGenerator: (request: FastifyRequest) => request.actor?.userId ?? request.ip,
    },
  };

  api.get(
    '/cases/:id/forms',
    { config, schema: { tags, params: z.object({ id }), response: { 200: caseFormList, 404: errorBody } } },
    async (request) => ({ items: await forms.list(actorContext(request), request.params.id) }),
  );

  api.get(
    '/cases/:id/forms/:file',
    {
      config: download,
      schema: {
        tags,
        description:
          '`file` is `<form>.<format>`: form ∈ intake, exit, level-change, responsibility-letter, notice, visit, assessment-report, archive; format ∈ docx, pdf. Without an id in the query, the latest record of its kind is printed; 409 when the case has none yet.',
        params: z.object({ id, file: z.string().max(60).describe('e.g. intake.pdf') }),
        querystring: caseFormQuery,
        response: { 200: file, ...errors },
      },
    },
    async (request, reply) => {
      const { form, format } = parseFormFile(request.params.file);
      const result = await forms.caseForm(actorContext(request), request.params.id, form, format, request.query);
      return sendFile(reply, result.fileName, result.format, result.body);
    },
  );

  for (const format of FORM_FORMATS) {
    api.get(
      `/meetings/:id/minutes.${format}`,
      { config: download, schema: { tags, params: z.object({ id }), response: { 200: file, ...errors } } },
      async (request, reply) => {
        const result = await forms.minutes(actorContext(request), request.params.id, format);
        return sendFile(reply, result.fileName, result.format, result.body);
      },
    );
    api.get(
      `/screening-reports/:id/form.${format}`,
      { config: download, schema: { tags, params: z.object({ id }), response: { 200: file, ...errors } } },
      async (request, reply) => {
        const result = await forms.screeningForm(actorContext(request), request.params.id, format);
        return sendFile(reply, result.fileName, result.format, result.body);
      },
    );
  }
}
