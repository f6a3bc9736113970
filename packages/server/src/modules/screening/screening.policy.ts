import type { Actor } from '../access/actor.js';
import { can, inScope } from '../access/actor.js';
import { isResidentialKind } from '../org/org.service.js';
import { isReportingUnitKind } from './screening.rules.js';

interface ReportingUnit {
  id: string;
  kind: string;
  path: string;
}

/**
 * Screening returns (排查情况表): read where the reporting unit lies in the actor's jurisdiction
 * (the query layer applies that); filed — created, edited, submitted — by the unit itself (a
 * village's cadre, a department for its own member-unit return), or by the peace office for a
 * village or community of its town, which keys in returns handed in on paper.
 */
export const screeningReportPolicy = {
  fileFor: (actor: Actor, unit: ReportingUnit) =>
    can(actor, 'screening.write') &&
    isReportingUnitKind(unit.kind) &&
    (unit.id === actor.orgUnitId ||
      (actor.roles.includes('peace_office') && isResidentialKind(unit.kind) && inScope(actor, unit.path))),
  update: (actor: Actor, report: { status: string; unit: ReportingUnit }) =>
    report.status === 'draft' && screeningReportPolicy.fileFor(actor, report.unit),
  submit: (actor: Actor, report: { status: string; unit: ReportingUnit }) =>
    report.status === 'draft' && screeningReportPolicy.fileFor(actor, report.unit),
};

export function screeningReportAbilities(actor: Actor, report: { status: string; unit: ReportingUnit }) {
  return { update: screeningReportPolicy.update(actor, report), submit: screeningReportPolicy.submit(actor, report) };
}

interface PoolEntryState {
  poolStatus: string;
  reportStatus: string;
}

/** An entry waits in the 待研判 pool once its return is submitted, until proposed or dismissed. */
export const awaitsAssessment = (entry: PoolEntryState) =>
  entry.reportStatus === 'submitted' && entry.poolStatus === 'pending';

/** 待研判 pool entries: the peace office dismisses; whoever may open a case proposes intake. */
export const poolEntryPolicy = {
  dismiss: (actor: Actor, entry: PoolEntryState) => can(actor, 'pool.dismiss') && awaitsAssessment(entry),
  propose: (actor: Actor, entry: PoolEntryState) => can(actor, 'cases.create') && awaitsAssessment(entry),
};

export function poolEntryAbilities(actor: Actor, entry: PoolEntryState) {
  return { dismiss: poolEntryPolicy.dismiss(actor, entry), propose: poolEntryPolicy.propose(actor, entry) };
}
