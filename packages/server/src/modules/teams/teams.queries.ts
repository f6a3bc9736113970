import { and, asc, desc, eq, inArray, like, or, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { caseTeamMembers, caseTeams, orgUnits, persons, responsibilityLetters, users } from '../../db/schema.js';
import type { CaseRow } from '../cases/cases.queries.js';
import { findUnit } from '../org/org.queries.js';
import type { TeamContext } from './team-rules.js';

const memberColumns = {
  userId: users.id,
  displayName: users.displayName,
  roles: users.roles,
  disabled: users.disabled,
  orgUnitId: orgUnits.id,
  orgUnitName: orgUnits.name,
  unitPath: orgUnits.path,
  unitKind: orgUnits.kind,
  unitParentId: orgUnits.parentId,
};
export type TeamUserRow = {
  userId: string;
  displayName: string;
  roles: string[];
  disabled: boolean;
  orgUnitId: string;
  orgUnitName: string;
  unitPath: string;
  unitKind: string;
  unitParentId: string | null;
};

export async function teamMembersOf(db: Executor, caseId: string) {
  return (await db
    .select({ ...memberColumns, role: caseTeamMembers.role })
    .from(caseTeamMembers)
    .innerJoin(users, eq(users.id, caseTeamMembers.userId))
    .innerJoin(orgUnits, eq(orgUnits.id, users.orgUnitId))
    .where(eq(caseTeamMembers.caseId, caseId))
    .orderBy(
      sql`${caseTeamMembers.role} = 'leader' DESC`,
      asc(orgUnits.path),
      asc(users.displayName),
    )) as (TeamUserRow & {
    role: 'leader' | 'member';
  })[];
}

export async function teamVersionOf(db: Executor, caseId: string): Promise<number | null> {
  const [row] = await db.select({ version: caseTeams.version }).from(caseTeams).where(eq(caseTeams.caseId, caseId));
  return row?.version ?? null;
}

export async function usersWithUnits(db: Executor, ids: readonly string[]): Promise<TeamUserRow[]> {
  if (ids.length === 0) return [];
  return (await db
    .select(memberColumns)
    .from(users)
    .innerJoin(orgUnits, eq(orgUnits.id, users.orgUnitId))
    .where(inArray(users.id, [...ids]))) as TeamUserRow[];
}

/** Active staff of the town and of the district's departments: who a team may be formed from. */
export async function teamCandidates(db: Executor, town: { path: string; parentId: string | null }) {
  return (await db
    .select(memberColumns)
    .from(users)
    .innerJoin(orgUnits, eq(orgUnits.id, users.orgUnitId))
    .where(
      and(
        eq(users.disabled, false),
        or(
          like(orgUnits.path, `${town.path}%`),
          town.parentId ? and(eq(orgUnits.kind, 'department'), eq(orgUnits.parentId, town.parentId)) : undefined,
        ),
      ),
    )
    .orderBy(asc(orgUnits.path), asc(users.displayName))) as TeamUserRow[];
}

export async function latestLetter(db: Executor, caseId: string) {
  const [row] = await db
    .select()
    .from(responsibilityLetters)
    .where(eq(responsibilityLetters.caseId, caseId))
    .orderBy(desc(responsibilityLetters.signedOn), desc(responsibilityLetters.createdAt))
    .limit(1);
  return row;
}

/** The responsible town and the person's village: what the team rules measure against. */
export async function teamContextOf(db: Executor, c: CaseRow) {
  const town = await findUnit(db, c.responsibleTownId);
  if (!town) throw new Error(`case ${c.id} has no responsible town`);
  const [person] = await db
    .select({ unitId: persons.householdOrgUnitId })
    .from(persons)
    .where(eq(persons.id, c.personId));
  const home = person ? await findUnit(db, person.unitId) : undefined;
  const village =
    home && (home.kind === 'village' || home.kind === 'community') && home.path.startsWith(town.path)
      ? { id: home.id, name: home.name }
      : null;
  const context: TeamContext = { townPath: town.path, village };
  return { town, context };
}
