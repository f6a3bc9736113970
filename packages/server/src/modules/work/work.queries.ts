import { and, count, desc, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { cases, persons, users, visits } from '../../db/schema.js';
import type { Actor } from '../access/actor.js';
import { caseScope } from '../cases/cases.queries.js';

/** Display names of users, by id (visitors, people on duty, signatories). */
export async function namesOf(db: Executor, ids: readonly string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await db
    .select({ id: users.id, displayName: users.displayName })
    .from(users)
    .where(inArray(users.id, unique));
  return new Map(rows.map((r) => [r.id, r.displayName]));
}

export async function listVisits(
  db: Executor,
  actor: Actor,
  filters: { caseId?: string | undefined; page: number; pageSize: number },
) {
  const where = and(caseScope(actor), filters.caseId ? eq(visits.caseId, filters.caseId) : undefined);
  const items = await db
    .select({ visit: visits, personId: cases.personId, personName: persons.name, level: cases.level })
    .from(visits)
    .innerJoin(cases, eq(cases.id, visits.caseId))
    .innerJoin(persons, eq(persons.id, cases.personId))
    .where(where)
    .orderBy(desc(visits.visitedAt), desc(visits.createdAt))
    .limit(filters.pageSize)
    .offset((filters.page - 1) * filters.pageSize);
  const [total] = await db
    .select({ value: count() })
    .from(visits)
    .innerJoin(cases, eq(cases.id, visits.caseId))
    .where(where);
  return { items, total: total?.value ?? 0 };
}
