// Shared steps of the integration tests of issue 4 (teams, work records, obligations): list a
// person on a given date, form the team the level requires, record a visit, read obligations.
import { count, type SQL } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { Db } from '../src/db/client.js';
import { users } from '../src/db/schema.js';
import { hashPassword } from '../src/modules/auth/passwords.js';
import { DEMO_PASSWORD, DEMO_PERSON_IDS, DEMO_PERSONS, DEMO_UNITS, DEMO_USERS } from '../src/seed/demo-town.js';
import type { TestContext } from './context.js';
import { decide, FULL_QUORUM, proposeIntake } from './lifecycle.js';

/** The user id of a demo account (or of `shifan`, once `addShifan` ran). */
export const uid = (username: string) => DEMO_USERS[username] as string;

/** 示范镇平安办's peace officer: a user of the neighbouring town (the demo seeds none). */
export const SHIFAN = 'shifan';

/** For `createTestContext({ prepare })`: adds `shifan`, 示范镇平安办, and records its id in DEMO_USERS. */
export async function addShifan(db: Db): Promise<void> {
  const [row] = await db
    .insert(users)
    .values({
      username: SHIFAN,
      displayName: '示范镇平安办 严平',
      passwordHash: await hashPassword(DEMO_PASSWORD),
      orgUnitId: DEMO_UNITS.otherPeaceOffice,
      roles: ['peace_office'],
    })
    .returning({ id: users.id });
  DEMO_USERS[SHIFAN] = row?.id as string;
}

const CADRES: Record<string, string> = {
  [DEMO_UNITS.village1]: 'cun1',
  [DEMO_UNITS.village2]: 'cun2',
  [DEMO_UNITS.community]: 'shequ',
};

/** The cadre of the village (or community) where the person is registered. */
export function cadreOf(personName: string): string {
  const person = DEMO_PERSONS.find((p) => p.name === personName);
  const cadre = person ? CADRES[person.household] : undefined;
  if (!cadre) throw new Error(`no cadre for ${personName}`);
  return cadre;
}

/** The six units every level requires, and the town leadership for level 1. */
export function teamUsernames(personName: string, level: number): string[] {
  const units = ['pingan', 'paichusuo', 'sifasuo', 'minzheng', 'weisheng', cadreOf(personName)];
  return level === 1 ? [...units, 'lingdao'] : units;
}

export function teamBody(usernames: readonly string[], leader = usernames[0]) {
  return { members: usernames.map((u) => ({ userId: uid(u), role: u === leader ? 'leader' : 'member' })) };
}

/**
 * Forms the complete team of a listed case (the units its level requires) through the API, as
 * 平安办, led by `leader`; `extra` members are added. Returns the team.
 */
export async function formTeam(
  t: TestContext,
  caseId: string,
  options: { leader?: string; extra?: string[]; as?: string } = {},
) {
  const caller = await t.as(options.as ?? 'pingan');
  const c = (await caller.get(`/api/cases/${caseId}`)).json();
  const person = DEMO_PERSONS.find((p) => p.id === c.personId);
  if (!person || !c.level) throw new Error(`case ${caseId} is not a listed demo case`);
  const usernames = [...teamUsernames(person.name, c.level), ...(options.extra ?? [])];
  const response = await caller.put(`/api/cases/${caseId}/team`, teamBody(usernames, options.leader ?? 'pingan'));
  if (response.statusCode !== 200) throw new Error(`team ${caseId}: ${response.statusCode} ${response.body}`);
  return response.json();
}

/** A meeting of 演示镇 held at `heldAt` (ISO with offset), by 平安办. */
export async function meetingAt(
  t: TestContext,
  kind: string,
  heldAt: string,
  caseIds: string[],
  participants: string[] = FULL_QUORUM,
) {
  const response = await (await t.as('pingan')).post('/api/meetings', {
    kind,
    heldAt,
    orgUnitId: DEMO_UNITS.town,
    participantUserIds: participants,
    caseIds,
    minutes: `${kind}会议纪要（测试）`,
  });
  if (response.statusCode !== 201) throw new Error(`meeting: ${response.statusCode} ${response.body}`);
  return response.json();
}

/** A person listed at `level` by an assessment meeting held at `heldAt` (proposed that day). */
export async function listAt(t: TestContext, personName: string, level: number, heldAt: string): Promise<string> {
  const created = await proposeIntake(t, personName, { proposedLevel: level, proposedOn: heldAt.slice(0, 10) });
  const meeting = await meetingAt(t, 'assessment', heldAt, [created.id]);
  const response = await decide(t, meeting.id, { caseId: created.id, outcome: 'list', level });
  if (response.statusCode !== 201) throw new Error(`list ${personName}: ${response.statusCode} ${response.body}`);
  return created.id as string;
}

/** A level change proposed by 平安办 and decided by an assessment meeting held at `heldAt`. */
export async function changeLevel(t: TestContext, caseId: string, level: number, heldAt: string) {
  const proposal = await (await t.as('pingan')).post(`/api/cases/${caseId}/proposals`, {
    kind: 'level_change',
    proposedLevel: level,
    basis: '情况变化，建议调整级别。',
    proposedOn: heldAt.slice(0, 10),
  });
  if (proposal.statusCode !== 201) throw new Error(`proposal: ${proposal.statusCode} ${proposal.body}`);
  const meeting = await meetingAt(t, 'assessment', heldAt, [caseId]);
  const response = await decide(t, meeting.id, { caseId, outcome: 'change_level', level });
  if (response.statusCode !== 201) throw new Error(`change level: ${response.statusCode} ${response.body}`);
  return response.json();
}

export function visitBody(visitors: readonly string[], overrides: Record<string, unknown> = {}) {
  return {
    visitedAt: '2026-11-29T09:00:00+08:00',
    visitorUserIds: visitors.map(uid),
    livingSituation: '独居，生活基本正常',
    activities: '在家务农',
    stateOfMind: '情绪平稳',
    controlStatus: 'in_control',
    extremeTendency: false,
    measures: '继续关注，定期随访',
    ...overrides,
  };
}

/** Records a visit; returns the raw response. */
export async function postVisit(
  t: TestContext,
  caseId: string,
  visitors: readonly string[],
  overrides: Record<string, unknown> = {},
  as = 'pingan',
) {
  return (await t.as(as)).post(`/api/cases/${caseId}/visits`, visitBody(visitors, overrides));
}

/** Records a visit that must succeed; returns the visit. */
export async function recordVisit(
  t: TestContext,
  caseId: string,
  visitors: readonly string[],
  overrides: Record<string, unknown> = {},
  as = 'pingan',
) {
  const response = await postVisit(t, caseId, visitors, overrides, as);
  if (response.statusCode !== 201) throw new Error(`visit: ${response.statusCode} ${response.body}`);
  return response.json();
}

export interface ObligationItem {
  id: string;
  kind: string;
  caseId: string | null;
  personId: string | null;
  personName: string | null;
  level: number | null;
  orgUnitId: string;
  orgUnitName: string;
  month: string | null;
  dueOn: string;
  lastMetOn: string | null;
  overdueDays: number;
  sensitive: boolean;
}

/** GET /api/obligations with a query string; fails loudly on anything but 200. */
export async function obligationList(t: TestContext, query: string, as = 'pingan') {
  const response = await (await t.as(as)).get(`/api/obligations?pageSize=100&${query}`);
  if (response.statusCode !== 200) throw new Error(`obligations: ${response.statusCode} ${response.body}`);
  return response.json() as { items: ObligationItem[]; total: number };
}

/** A case's still-due obligations as { kind: dueOn }. */
export async function dueDates(t: TestContext, caseId: string, as = 'pingan'): Promise<Record<string, string>> {
  const { items } = await obligationList(t, `caseId=${caseId}`, as);
  return Object.fromEntries(items.map((o) => [o.kind, o.dueOn]));
}

/** One obligation of a case (undefined when not due). */
export async function obligationOf(t: TestContext, caseId: string, kind: string, as = 'pingan') {
  const { items } = await obligationList(t, `caseId=${caseId}&kind=${kind}`, as);
  return items[0];
}

/** Rows in a table (optionally matching a condition): to show that a refused request wrote nothing. */
export async function rowCount(t: TestContext, table: PgTable, where?: SQL): Promise<number> {
  const [row] = await t.db.select({ value: count() }).from(table).where(where);
  return row?.value ?? 0;
}

export const person = (name: string) => DEMO_PERSON_IDS[name] as string;
