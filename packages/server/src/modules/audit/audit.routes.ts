import { auditEvent, auditQuery, auditVerifyResult, listOf } from '@anxin/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { beijingIso } from '../../lib/clock.js';
import { actorOf } from '../access/access.hooks.js';

/** A date alone means that whole day in Beijing time. */
function boundary(value: string | undefined, end: boolean): Date | undefined {
  if (!value) return undefined;
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return new Date(`${value}T${end ? '23:59:59.999' : '00:00:00.000'}+08:00`);
  return new Date(value);
}

export async function auditRoutes(app: FastifyInstance) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { audit, db } = app.services;
  const tags = ['audit'];

  api.get(
    '/audit-events',
    {
      config: { permission: 'audit.read' },
      schema: { tags, querystring: auditQuery, response: { 200: listOf(auditEvent) } },
    },
    async (request) => {
      const query = request.query;
      const result = await audit.list(db, actorOf(request), {
        ...query,
        from: boundary(query.from, false),
        to: boundary(query.to, true),
      });
      return {
        total: result.total,
        items: result.items.map(({ prevHash: _prev, actorUnitPath: _path, ...row }) => ({
          ...row,
          at: beijingIso(row.at),
        })),
      };
    },
  );

  api.get(
    '/audit-events/verify',
    { config: { permission: 'audit.read' }, schema: { tags, response: { 200: auditVerifyResult } } },
    () => audit.verify(db),
  );
}
