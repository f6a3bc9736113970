// Shared steps of the case lifecycle for integration tests: propose, meet, decide.

import type { Db } from '../src/db/client.js';
import { cases } from '../src/db/schema.js';
import { DEMO_PERSON_IDS, DEMO_UNITS, DEMO_USERS } from '../src/seed/demo-town.js';
import type { TestContext } from './context.js';

/** Leadership, police station, peace office and every village's cadre: quorum for any demo-town case. */
export const FULL_QUORUM = [
  DEMO_USERS.lingdao,
  DEMO_USERS.paichusuo,
  DEMO_USERS.pingan,
  DEMO_USERS.cun1,
  DEMO_USERS.cun2,
  DEMO_USERS.shequ,
] as string[];

export function intakeBody(personName: string, overrides: Record<string, unknown> = {}) {
  return {
    personId: DEMO_PERSON_IDS[personName],
    source: 'screening',
    categories: ['C4'],
    indicators: ['L3_1'],
    proposedLevel: 3,
    basis: '投资失败，债务缠身，情绪低落。',
    resolutionPlan: '司法所提供法律援助，民政办核查低保资格。',
    listingOpinion: '建议三级列管。',
    responsibleOrgUnitIds: [DEMO_UNITS.peaceOffice, DEMO_UNITS.policeStation, DEMO_UNITS.village1],
    ...overrides,
  };
}

/** 平安办 proposes intake; returns the created case. */
export async function proposeIntake(t: TestContext, personName: string, overrides: Record<string, unknown> = {}) {
  const response = await (await t.as('pingan')).post('/api/cases', intakeBody(personName, overrides));
  if (response.statusCode !== 201) throw new Error(`intake ${personName}: ${response.statusCode} ${response.body}`);
  return response.json();
}

/** An assessment meeting of 演示镇 held `hoursAgo` before the test clock, with full quorum by default. */
export async function assessmentMeeting(
  t: TestContext,
  options: { caseIds?: string[]; participants?: string[]; hoursAgo?: number } = {},
) {
  const heldAt = new Date(t.clock.now().getTime() - (options.hoursAgo ?? 1) * 3_600_000).toISOString();
  const response = await (await t.as('pingan')).post('/api/meetings', {
    kind: 'assessment',
    heldAt,
    orgUnitId: DEMO_UNITS.town,
    participantUserIds: options.participants ?? FULL_QUORUM,
    caseIds: options.caseIds ?? [],
    minutes: '研判会纪要（测试）',
  });
  if (response.statusCode !== 201) throw new Error(`meeting: ${response.statusCode} ${response.body}`);
  return response.json();
}

export async function decide(t: TestContext, meetingId: string, body: Record<string, unknown>, as = 'pingan') {
  return (await t.as(as)).post(`/api/meetings/${meetingId}/decisions`, { reason: '经共同研判。', ...body });
}

/** A person listed at `level` through the normal path; returns the case id. */
export async function listed(t: TestContext, personName: string, level: number) {
  const created = await proposeIntake(t, personName, { proposedLevel: level });
  const meeting = await assessmentMeeting(t, { caseIds: [created.id] });
  const response = await decide(t, meeting.id, { caseId: created.id, outcome: 'list', level });
  if (response.statusCode !== 201) throw new Error(`list ${personName}: ${response.statusCode} ${response.body}`);
  return created.id as string;
}

/**
 * A listed level-3 case written straight to the database, for tests that need a case to exist
 * without walking the lifecycle (documents, the access matrix).
 */
export async function insertListedCase(
  db: Db,
  personId: string,
  paths: { responsible: string; assisting?: string | null; townId?: string },
): Promise<string> {
  const id = crypto.randomUUID();
  await db.insert(cases).values({
    id,
    personId,
    source: 'screening',
    categories: ['C1'],
    indicators: [],
    proposedLevel: 3,
    level: 3,
    status: 'listed',
    basis: '测试依据',
    resolutionPlan: '测试化解方案',
    responsibleOrgUnitIds: [DEMO_UNITS.peaceOffice],
    proposedOn: '2026-11-01',
    listedOn: '2026-11-01',
    responsibleTownId: paths.townId ?? DEMO_UNITS.town,
    responsiblePath: paths.responsible,
    assistingPath: paths.assisting ?? null,
  });
  return id;
}

/** 平安办 records that the person was informed of the listing (PIPL Art. 35): a case closes only after this. */
export async function recordNotice(t: TestContext, caseId: string) {
  const pingan = await t.as('pingan');
  const current = (await pingan.get(`/api/cases/${caseId}`)).json();
  const response = await pingan.put(`/api/cases/${caseId}/notice`, {
    status: 'informed',
    on: current.listedOn,
    version: current.version,
  });
  if (response.statusCode !== 200) throw new Error(`notice ${caseId}: ${response.statusCode} ${response.body}`);
}
