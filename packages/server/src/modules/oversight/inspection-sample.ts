// 抽查: the population of a unit (its visits of the last 30 days, or its cases with overdue
// obligations) and the N drawn from it by a seed, with what an inspector checks of each.
import type { ObligationKind, SampleQuery } from '@anxin/shared';
import type { Db } from '../../db/client.js';
import { beijingIso } from '../../lib/clock.js';
import { daysBetween } from '../../lib/dates.js';
import type { Actor } from '../access/actor.js';
import { namesOf } from '../work/work.queries.js';
import { caseIdsWithOverdue, overdueOfCases, visitIdsInWindow, visitsWithPersons } from './oversight.queries.js';
import { drawSample, sampleWindow } from './oversight-rules.js';

/** Draws `query.n` of the unit's visits or cases by `seed` (on `day`, Beijing). */
export async function drawUnitSample(
  db: Db,
  actor: Actor,
  unitPath: string,
  query: Pick<SampleQuery, 'kind' | 'n'>,
  seed: string,
  day: string,
): Promise<{
  population: number;
  from: string | null;
  visits: Awaited<ReturnType<typeof sampleVisits>>;
  cases: Awaited<ReturnType<typeof sampleCases>>;
}> {
  if (query.kind === 'visits') {
    const window = sampleWindow(day);
    const ids = await visitIdsInWindow(db, actor, unitPath, window.from, window.to);
    return {
      population: ids.length,
      from: window.from,
      visits: await sampleVisits(db, drawSample(ids, query.n, seed)),
      cases: [],
    };
  }
  const ids = await caseIdsWithOverdue(db, actor, unitPath, day);
  return {
    population: ids.length,
    from: null,
    visits: [],
    cases: await sampleCases(db, drawSample(ids, query.n, seed), day),
  };
}

async function sampleVisits(db: Db, ids: string[]) {
  const rows = await visitsWithPersons(db, ids);
  const names = await namesOf(
    db,
    rows.flatMap((row) => row.visit.visitorUserIds),
  );
  const byId = new Map(rows.map((row) => [row.visit.id, row]));
  return ids
    .map((visitId) => byId.get(visitId))
    .filter((row): row is NonNullable<typeof row> => row !== undefined)
    .map((row) => ({
      visitId: row.visit.id,
      caseId: row.visit.caseId,
      personId: row.personId,
      personName: row.personName,
      level: row.level,
      visitedAt: beijingIso(row.visit.visitedAt),
      visitedOn: row.visit.visitedOn,
      visitors: row.visit.visitorUserIds.map((userId) => ({ userId, displayName: names.get(userId) ?? '' })),
      controlStatus: row.visit.controlStatus as 'in_control' | 'out_of_control',
      extremeTendency: row.visit.extremeTendency,
    }));
}

async function sampleCases(db: Db, ids: string[], day: string) {
  const rows = await overdueOfCases(db, ids, day);
  return ids.flatMap((caseId) => {
    const own = rows.filter((row) => row.caseId === caseId);
    const first = own[0];
    if (!first) return [];
    return [
      {
        caseId,
        personId: first.personId,
        personName: first.personName,
        level: first.level,
        overdue: own.map((row) => ({
          kind: row.kind as ObligationKind,
          dueOn: row.dueOn as string,
          overdueDays: daysBetween(row.dueOn as string, day),
        })),
      },
    ];
  });
}
