// 一人一专班: which units a case's service team must include (policy per level), and who may join.
import { TEAM_UNIT_LABELS, type TeamUnit } from '@anxin/shared';

export interface TeamCandidateUnit {
  roles: readonly string[];
  orgUnitId: string;
  /** Path of the member's unit. */
  unitPath: string;
}

export interface TeamContext {
  /** The responsible town's path: its own departments count for the department units. */
  townPath: string;
  /** The person's village or community (null when the case is held by a town without one). */
  village: { id: string; name: string } | null;
}

/** The required units no member covers, in policy order, with the labels a message names. */
export function missingTeamUnits(
  required: readonly TeamUnit[],
  members: readonly TeamCandidateUnit[],
  context: TeamContext,
): { unit: TeamUnit; label: string }[] {
  const covers = (unit: TeamUnit) => {
    if (unit === 'village') {
      if (!context.village) return true;
      const villageId = context.village.id;
      return members.some((m) => m.orgUnitId === villageId && m.roles.includes('village_cadre'));
    }
    return members.some((m) => m.roles.includes(unit) && m.unitPath.startsWith(context.townPath));
  };
  return required
    .filter((unit) => !covers(unit))
    .map((unit) => ({
      unit,
      label: unit === 'village' && context.village ? context.village.name : TEAM_UNIT_LABELS[unit],
    }));
}

/** Roles that do the work of a team; an inspector, a district reader or the administrator does not. */
const TEAM_ROLES = ['peace_office', 'police', 'judicial', 'civil_affairs', 'health', 'village_cadre', 'leader'];

/**
 * Who may serve on a team: working staff of the responsible town (its departments, the town's
 * leadership), of the person's own village or community, and of the district's departments.
 */
export function mayJoinTeam(
  user: { roles: readonly string[]; disabled: boolean },
  unit: { id: string; path: string; kind: string; parentId: string | null },
  town: { path: string; parentId: string | null },
  village: { id: string } | null,
): boolean {
  if (user.disabled) return false;
  if (!user.roles.some((role) => TEAM_ROLES.includes(role))) return false;
  if (unit.kind === 'village' || unit.kind === 'community') return unit.id === village?.id;
  return unit.path.startsWith(town.path) || (unit.kind === 'department' && unit.parentId === town.parentId);
}
