import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';

export async function healthRoutes(app: FastifyInstance) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { db, driver } = app.services;
  api.get(
    '/health',
    {
      config: { permission: 'public' },
      schema: {
        tags: ['health'],
        response: { 200: z.object({ status: z.literal('ok'), db: z.enum(['pglite', 'postgres']) }) },
      },
    },
    async () => {
      // A failed query becomes a 503 in the error handler.
      await db.execute(sql`SELECT 1`);
      return { status: 'ok' as const, db: driver };
    },
  );
}
