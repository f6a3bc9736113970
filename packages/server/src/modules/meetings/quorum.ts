// 共同研判: an assessment meeting decides only with the town leadership, the police station, the
// peace office and the village concerned present (§四(一)2(1), §四(二)3–4).

export interface Attendee {
  roles: readonly string[];
  orgUnitId: string;
  /** Path of the attendee's unit: the town's leadership, police and peace office are the case's town's own. */
  unitPath: string;
}

export interface QuorumNeed {
  /** What the message names when it is missing. */
  label: string;
  met(attendees: readonly Attendee[]): boolean;
}

/**
 * Who must attend for a decision on a case of the town at `townPath` whose village is `village`
 * (null: no village, e.g. a case designated to a town): the town's own leadership, police
 * station and peace office, and the village's cadre.
 */
export function quorumFor(townPath: string, village: { id: string; name: string } | null): QuorumNeed[] {
  const byRole = (role: string, label: string): QuorumNeed => ({
    label,
    met: (attendees) => attendees.some((a) => a.roles.includes(role) && a.unitPath.startsWith(townPath)),
  });
  const needs = [
    byRole('leader', '镇党委、政府领导（领导小组）'),
    byRole('police', '派出所'),
    byRole('peace_office', '平安办'),
  ];
  if (village) {
    needs.push({
      label: village.name,
      met: (attendees) => attendees.some((a) => a.orgUnitId === village.id && a.roles.includes('village_cadre')),
    });
  }
  return needs;
}

/** The labels of what is missing, in a fixed order; empty when the meeting may decide. */
export function missingForQuorum(needs: readonly QuorumNeed[], attendees: readonly Attendee[]): string[] {
  return needs.filter((need) => !need.met(attendees)).map((need) => need.label);
}
