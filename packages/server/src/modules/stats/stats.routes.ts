import { errorBody, STATS_FIELD_LABELS, statsQuery, statsSummary } from '@anxin/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { sendFile } from '../../lib/exports.js';
import { actorContext, actorOf } from '../access/access.hooks.js';
import { createStatsService } from './stats.service.js';

const tags = ['stats'];
const errors = { 400: errorBody, 403: errorBody, 404: errorBody };
// The file's bytes, sent as they are (Fastify does not serialise a Buffer).
const file = z.any().describe('the file, as an attachment');

/** 统计报表: the summary of a unit for a month, its Excel export, and the monthly report to the district. */
export async function statsRoutes(app: FastifyInstance) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const stats = createStatsService(app.services);
  const config = { permission: 'stats.read' as const, labels: STATS_FIELD_LABELS };

  api.get(
    '/stats/summary',
    { config, schema: { tags, querystring: statsQuery, response: { 200: statsSummary, ...errors } } },
    (request) => stats.summary(actorOf(request), request.query),
  );

  api.get(
    '/stats/export.xlsx',
    { config, schema: { tags, querystring: statsQuery, response: { 200: file, ...errors } } },
    async (request, reply) => {
      const result = await stats.exportXlsx(actorContext(request), request.query);
      return sendFile(reply, result.fileName, result.format, result.body);
    },
  );

  for (const format of ['xlsx', 'docx'] as const) {
    api.get(
      `/stats/monthly-report.${format}`,
      { config, schema: { tags, querystring: statsQuery, response: { 200: file, ...errors } } },
      async (request, reply) => {
        const result = await stats.monthlyReport(actorContext(request), request.query, format);
        return sendFile(reply, result.fileName, result.format, result.body);
      },
    );
  }
}
