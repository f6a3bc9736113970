// The access matrix of 告知 and 异议 (issue 5 item 6), and the need-to-know matrix of a person's
// notes (item 7): for every demo role, whether the notes come in clear, withheld, or not at all.
import { ROLES, type Role } from '@anxin/shared';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cases, caseTeamMembers, caseTeams, objections, persons } from '../src/db/schema.js';
import { DEMO_PERSON_IDS, DEMO_USERS } from '../src/seed/demo-town.js';
import { describeMatrix, type Endpoint, listEveryPerson, PERSON_READERS, USER_OF_ROLE } from './access-matrix-kit.js';
import { TARGETS } from './access-targets.js';
import { createTestContext, type TestContext } from './context.js';

let t: TestContext;
let CASE_OF_PERSON: Map<string, string>;

/** 赵志强's notes, and the team of his open case: 司法所 (leader) and 民政办 only. */
const NOTES = {
  healthNotes: '精神分裂症病史（测试）',
  criminalRecord: '2012年故意伤害罪（测试）',
  familyConflict: '与前妻抚养权纠纷（测试）',
};
const NOTE_PERSON = DEMO_PERSON_IDS.赵志强 as string;
const TEAM = ['sifasuo', 'minzheng'];

beforeAll(async () => {
  t = await createTestContext();
  CASE_OF_PERSON = await listEveryPerson(t);
  // A team without the village's cadre or the police station, written straight to the database so
  // that those two are in scope but off the team (the API insists on a complete team).
  const noteCase = CASE_OF_PERSON.get(NOTE_PERSON) as string;
  await t.db.insert(caseTeams).values({ caseId: noteCase, version: 1 });
  await t.db.insert(caseTeamMembers).values(
    TEAM.map((username, i) => ({
      caseId: noteCase,
      userId: DEMO_USERS[username] as string,
      role: i === 0 ? 'leader' : 'member',
    })),
  );
  const version = (await t.db.select().from(persons).where(eq(persons.id, NOTE_PERSON)))[0]?.version;
  const written = await (await t.as('pingan')).patch(`/api/persons/${NOTE_PERSON}`, { ...NOTES, version });
  if (written.statusCode !== 200) throw new Error(`notes: ${written.statusCode} ${written.body}`);
});
afterAll(() => t.close());

const caller = (role: Role) => t.as(USER_OF_ROLE[role]);
const caseOf = (role: Role, where: 'inside' | 'outside') => {
  const person = TARGETS[role][where];
  return person ? (CASE_OF_PERSON.get(person) as string) : null;
};

const RECORDERS: readonly Role[] = ['peace_office', 'police', 'judicial', 'civil_affairs', 'health', 'village_cadre'];

const ENDPOINTS: Endpoint[] = [
  {
    name: 'PUT /api/cases/:id/notice',
    roles: ['peace_office'],
    scoped: true,
    call: async (r, where) => {
      const caseId = caseOf(r, where);
      if (!caseId) return null;
      const [row] = await t.db.select({ version: cases.version }).from(cases).where(eq(cases.id, caseId));
      const body = { status: 'informed', on: '2026-11-20', version: row?.version };
      return (await (await caller(r)).put(`/api/cases/${caseId}/notice`, body)).statusCode;
    },
  },
  {
    name: 'GET /api/cases/:id/objections',
    roles: PERSON_READERS,
    scoped: true,
    call: async (r, where) => {
      const caseId = caseOf(r, where);
      if (!caseId) return null;
      return (await (await caller(r)).get(`/api/cases/${caseId}/objections`)).statusCode;
    },
  },
  {
    name: 'POST /api/cases/:id/objections',
    roles: RECORDERS,
    scoped: true,
    ok: 201,
    call: async (r, where) => {
      const caseId = caseOf(r, where);
      if (!caseId) return null;
      const body = { raisedOn: '2026-11-20', content: '本人对列管有异议（测试）' };
      return (await (await caller(r)).post(`/api/cases/${caseId}/objections`, body)).statusCode;
    },
  },
  {
    name: 'PATCH /api/objections/:id',
    roles: ['peace_office'],
    scoped: true,
    call: async (r, where) => {
      const caseId = caseOf(r, where);
      if (!caseId) return null;
      const [created] = await t.db
        .insert(objections)
        .values({ caseId, raisedOn: '2026-11-20', content: '有异议（测试）', recordedBy: DEMO_USERS.pingan as string })
        .returning({ id: objections.id });
      const body = { answer: '已答复（测试）', answeredOn: '2026-11-21', version: 1 };
      return (await (await caller(r)).patch(`/api/objections/${created?.id}`, body)).statusCode;
    },
  },
];

describeMatrix('access matrix: notice and objections', () => t, ENDPOINTS);

/**
 * The need-to-know matrix on 赵志强 (演示一村, listed, team 司法所 + 民政办): `clear` for the team,
 * 平安办 and 督导; `withheld` for everyone else who may read him; 404 outside; 403 without persons.read.
 */
const NEED_TO_KNOW: Record<Role, 'clear' | 'withheld' | 403 | 404> = {
  admin: 403,
  peace_office: 'clear',
  police: 'withheld',
  judicial: 'clear',
  civil_affairs: 'clear',
  health: 'withheld',
  village_cadre: 'withheld',
  leader: 'withheld',
  district: 'withheld',
  inspector: 'clear',
};

describe('need-to-know matrix: a person’s health, criminal-record and family-conflict notes', () => {
  it('covers every role', () => {
    expect(Object.keys(NEED_TO_KNOW).sort()).toEqual([...ROLES].sort());
    expect(USER_OF_ROLE.village_cadre).toBe('cun1');
  });

  it.each(ROLES.map((role) => [role, NEED_TO_KNOW[role]] as const))('%s → %s', async (role, expected) => {
    const response = await (await caller(role)).get(`/api/persons/${NOTE_PERSON}`);
    if (typeof expected === 'number') {
      expect(response.statusCode).toBe(expected);
      expect(response.body).not.toMatch(/精神分裂|故意伤害|抚养权/);
      return;
    }
    expect(response.statusCode).toBe(200);
    const body = response.json();
    if (expected === 'clear') {
      expect(body).toMatchObject({ ...NOTES, restrictedFields: [] });
    } else {
      expect(body).toMatchObject({
        healthNotes: null,
        criminalRecord: null,
        familyConflict: null,
        restrictedFields: ['healthNotes', 'criminalRecord', 'familyConflict'],
      });
      expect(response.body).not.toMatch(/精神分裂|故意伤害|抚养权/);
    }
  });

  it.each([['cun2'], ['shequ']])('%s (another village of the town) → 404', async (username) => {
    expect((await (await t.as(username)).get(`/api/persons/${NOTE_PERSON}`)).statusCode).toBe(404);
  });
});
