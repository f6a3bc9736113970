// 知悉范围: who reads a person's need-to-know notes (健康状况, 违法犯罪记录, 家庭矛盾) in clear.
import { NEED_TO_KNOW_FIELDS, type NeedToKnowField } from '@anxin/shared';
import { and, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { cases, caseTeamMembers } from '../../db/schema.js';
import type { Actor } from '../access/actor.js';

/** Roles that read the notes of every person in their jurisdiction: 平安办 coordinates, 督导 inspects. */
const NOTE_READER_ROLES = ['peace_office', 'inspector'] as const;

/**
 * The notes are shown to a reader who already may read the person (jurisdiction is checked before)
 * and either holds a note-reader role or serves on the team of the person's open case. Everyone
 * else in scope sees them withheld: a village cadre of the same village, 派出所 or a leader not on
 * the team, the district.
 */
export function mayReadNeedToKnow(roles: readonly string[], onOpenCaseTeam: boolean): boolean {
  return onOpenCaseTeam || roles.some((role) => (NOTE_READER_ROLES as readonly string[]).includes(role));
}

/**
 * The notes as one reader gets them: in clear, or null each with every field named in
 * `restrictedFields` — all three whether or not they hold text, so that withholding does not tell
 * whether there is a criminal record.
 */
export function presentNeedToKnow(
  notes: Record<NeedToKnowField, string | null>,
  shown: boolean,
): Record<NeedToKnowField, string | null> & { restrictedFields: NeedToKnowField[] } {
  if (shown) return { ...notes, restrictedFields: [] };
  return { healthNotes: null, criminalRecord: null, familyConflict: null, restrictedFields: [...NEED_TO_KNOW_FIELDS] };
}

/** Whether the user serves on the team of the person's open case (待研判 or 列管中). */
export async function onOpenCaseTeam(db: Executor, personId: string, userId: string): Promise<boolean> {
  const [row] = await db
    .select({ caseId: caseTeamMembers.caseId })
    .from(caseTeamMembers)
    .innerJoin(cases, eq(cases.id, caseTeamMembers.caseId))
    .where(
      and(
        eq(cases.personId, personId),
        inArray(cases.status, ['proposed', 'listed']),
        eq(caseTeamMembers.userId, userId),
      ),
    )
    .limit(1);
  return row !== undefined;
}

/** The rule for one actor and person: no query for the roles that read every note in scope. */
export async function needToKnowShown(db: Executor, actor: Actor, personId: string): Promise<boolean> {
  if (mayReadNeedToKnow(actor.roles, false)) return true;
  return mayReadNeedToKnow(actor.roles, await onOpenCaseTeam(db, personId, actor.userId));
}
