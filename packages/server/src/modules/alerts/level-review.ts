import type { Executor } from '../../db/client.js';
import type { Actor } from '../access/actor.js';
import { presentCaseSummary } from '../cases/cases.present.js';
import { listCases } from '../cases/cases.queries.js';

/**
 * The meeting agenda's 警情待会商: listed cases of a unit's subtree that an alert flagged for level
 * review, oldest flag first, until a meeting takes them up (obligations/recompute.ts
 * `LEVEL_REVIEW_MEETING_KINDS`).
 */
export async function levelReviewAgenda(db: Executor, actor: Actor, unitPath: string, today: string) {
  const { items } = await listCases(db, actor, {
    page: 1,
    pageSize: 100,
    unitPath,
    status: 'listed',
    levelReview: true,
  });
  return items
    .map((row) => ({
      ...presentCaseSummary(actor, row, today),
      levelReviewSince: row.case.levelReviewSince as string,
      levelReviewAlertId: row.case.levelReviewAlertId,
    }))
    .sort((a, b) => a.levelReviewSince.localeCompare(b.levelReviewSince));
}
