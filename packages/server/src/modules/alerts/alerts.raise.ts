// Raising an alert (⑥ 联合处置): the one function through which every alert is created — reported on
// its own (POST /api/alerts) or found on a visit — so that each one notifies the same units, starts
// the same timeline and flags its case for level review (③ 专项会商) the same way.
import { eq, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { alertEvents, alerts, cases } from '../../db/schema.js';
import type { Actor } from '../access/actor.js';
import type { CaseRow } from '../cases/cases.queries.js';
import { notifyUnits } from '../notifications/notifications.service.js';
import { lockCases, refreshObligations } from '../obligations/recompute.js';
import { ancestorOfKind } from '../org/org.queries.js';
import { townUnitsWithRoles } from './alerts.queries.js';

export interface AlertToRaise {
  personId: string;
  /** The case it concerns: its paths scope the alert, its team hears of it; null when the person has none. */
  caseRow: CaseRow | null;
  /** The person's 户籍地 and 居住地 paths: the alert's scope when there is no case. */
  householdPath: string;
  residencePath: string | null;
  source: 'visit' | 'report';
  visitId?: string | null;
  description: string;
  occurredAt: Date;
  /** The in-app notice to 平安办 and 派出所 (it names the person, so it never leaves the system). */
  notice: { title: string; body: string };
}

/**
 * Writes an alert in the caller's transaction and returns its id: the alert (scoped by the case's
 * paths, or the person's), its `reported` step, an in-app notice to 平安办 and 派出所 of the
 * responsible town and of the 居住地 town, and — for a listed case — the level-review flag that
 * makes a special consultation due (recomputed at once). The flag dates from `today`, the Beijing
 * date the alert is recorded: the team owes the consultation from when it can know of the alert.
 * A case already flagged keeps its date (a second alert does not put the consultation off) but
 * points at the later alert, so only a meeting held on or after that alert's day clears the flag.
 */
export async function raiseAlert(tx: Executor, actor: Actor, input: AlertToRaise, today: string): Promise<string> {
  const c = input.caseRow;
  if (c) await lockCases(tx, [c.id]);
  const path = c ? c.responsiblePath : input.householdPath;
  const assistingPath = c ? c.assistingPath : input.residencePath;
  const responsibleTownId = c ? c.responsibleTownId : (await ancestorOfKind(tx, path, ['town']))?.id;
  const residenceTownId = assistingPath ? (await ancestorOfKind(tx, assistingPath, ['town']))?.id : undefined;
  const units = (
    await Promise.all(
      [...new Set([responsibleTownId, residenceTownId])]
        .filter((id): id is string => Boolean(id))
        .map((townId) => townUnitsWithRoles(tx, townId, ['peace_office', 'police'])),
    )
  ).flat();

  const id = crypto.randomUUID();
  await tx.insert(alerts).values({
    id,
    caseId: c?.id ?? null,
    personId: input.personId,
    source: input.source,
    visitId: input.visitId ?? null,
    description: input.description,
    occurredAt: input.occurredAt,
    path,
    assistingPath,
    reportedBy: actor.userId,
  });
  await tx.insert(alertEvents).values({ alertId: id, step: 'reported', at: input.occurredAt, actorId: actor.userId });
  await notifyUnits(tx, units, {
    kind: 'alert.raised',
    title: input.notice.title,
    body: input.notice.body,
    caseId: c?.id,
  });

  if (c) {
    const [current] = await tx
      .select({ since: cases.levelReviewSince, alertId: cases.levelReviewAlertId, status: cases.status })
      .from(cases)
      .where(eq(cases.id, c.id));
    if (current?.status === 'listed') {
      let renew = true;
      if (current.since && current.alertId) {
        const [flagging] = await tx
          .select({ occurredAt: alerts.occurredAt })
          .from(alerts)
          .where(eq(alerts.id, current.alertId));
        renew = !flagging || flagging.occurredAt.getTime() <= input.occurredAt.getTime();
      }
      if (renew) {
        await tx
          .update(cases)
          .set({ levelReviewSince: current.since ?? today, levelReviewAlertId: id, updatedAt: sql`now()` })
          .where(eq(cases.id, c.id));
      }
      if (!current.since) await refreshObligations(tx, today, { caseIds: [c.id] });
    }
  }
  return id;
}
