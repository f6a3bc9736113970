import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/context.js';
import { listed, proposeIntake } from '../../../test/lifecycle.js';
import {
  addShifan,
  changeLevel,
  dueDates,
  formTeam,
  rowCount,
  SHIFAN,
  teamBody,
  teamUsernames,
  uid,
} from '../../../test/work.js';
import { auditEvents, caseTeamMembers, caseTeams, responsibilityLetters } from '../../db/schema.js';
import { DEMO_UNITS } from '../../seed/demo-town.js';

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext({ prepare: addShifan });
});
afterAll(() => t.close());

const SIX_UNITS = [
  { unit: 'peace_office', label: '平安办（政法、信访）' },
  { unit: 'police', label: '派出所' },
  { unit: 'judicial', label: '司法所' },
  { unit: 'civil_affairs', label: '民政办' },
  { unit: 'health', label: '卫生院' },
  { unit: 'village', label: '演示一村' },
];

const NOT_ELIGIBLE = '成员(members第7项)：不是本镇部门、本人所在村（社区）或区级部门的在岗工作人员';

const put = async (caseId: string, body: unknown, as = 'pingan') =>
  (await t.as(as)).put(`/api/cases/${caseId}/team`, body);
const teamRows = async (caseId: string) => [
  await rowCount(t, caseTeams, eq(caseTeams.caseId, caseId)),
  await rowCount(t, caseTeamMembers, eq(caseTeamMembers.caseId, caseId)),
];

describe('PUT /api/cases/:id/team (一人一专班)', () => {
  let caseId: string;
  beforeAll(async () => {
    caseId = await listed(t, '赵志强', 2);
  });

  it('shows an empty team that lacks every unit of level 2 before one is formed', async () => {
    const response = await (await t.as('pingan')).get(`/api/cases/${caseId}/team`);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      caseId,
      members: [],
      missingUnits: SIX_UNITS,
      responsibilityLetter: null,
      version: 0,
    });
  });

  it.each([
    [
      'missing units, naming them',
      () => teamBody(['pingan', 'minzheng', 'weisheng', 'cun1']),
      '服务管理小组(members)：缺少派出所、司法所',
    ],
    [
      'two leaders',
      () => ({ members: [...teamBody(['pingan', 'paichusuo']).members.map((m) => ({ ...m, role: 'leader' }))] }),
      '组长(members)：服务管理小组须有且只有一名组长',
    ],
    [
      'no leader',
      () => teamBody(['pingan', 'paichusuo', 'sifasuo', 'minzheng', 'weisheng', 'cun1'], 'nobody'),
      '组长(members)：服务管理小组须有且只有一名组长',
    ],
    [
      'the same person twice',
      () => teamBody(['pingan', 'paichusuo', 'sifasuo', 'minzheng', 'weisheng', 'cun1', 'sifasuo']),
      '成员(members第7项)：同一人重复',
    ],
    [
      'a user of another town (示范镇)',
      () => teamBody(['pingan', 'paichusuo', 'sifasuo', 'minzheng', 'weisheng', 'cun1', SHIFAN]),
      NOT_ELIGIBLE,
    ],
    [
      'a cadre of another village',
      () => teamBody(['pingan', 'paichusuo', 'sifasuo', 'minzheng', 'weisheng', 'cun1', 'cun2']),
      NOT_ELIGIBLE,
    ],
    [
      'an inspector (督导)',
      () => teamBody(['pingan', 'paichusuo', 'sifasuo', 'minzheng', 'weisheng', 'cun1', 'ducha']),
      NOT_ELIGIBLE,
    ],
    [
      'the system administrator',
      () => teamBody(['pingan', 'paichusuo', 'sifasuo', 'minzheng', 'weisheng', 'cun1', 'admin']),
      NOT_ELIGIBLE,
    ],
  ])('refuses %s with 400 and writes nothing', async (_label, body, message) => {
    const audits = await rowCount(t, auditEvents, eq(auditEvents.action, 'team.update'));
    const response = await put(caseId, body());
    expect(response.statusCode).toBe(400);
    expect(response.json().error.message).toBe(message);
    expect(await teamRows(caseId)).toEqual([0, 0]);
    expect(await rowCount(t, auditEvents, eq(auditEvents.action, 'team.update'))).toBe(audits);
  });

  it('forms a complete team (200) with its members, leader first, version 1, and audits it', async () => {
    const response = await put(caseId, teamBody(teamUsernames('赵志强', 2), 'paichusuo'));
    expect(response.statusCode).toBe(200);
    const team = response.json();
    expect(team.version).toBe(1);
    expect(team.missingUnits).toEqual([]);
    expect(team.members[0]).toEqual({
      userId: uid('paichusuo'),
      displayName: '派出所 吴警',
      orgUnitId: DEMO_UNITS.policeStation,
      orgUnitName: '演示镇派出所',
      roles: ['police'],
      role: 'leader',
    });
    expect(team.members.map((m: { userId: string }) => m.userId).sort()).toEqual(
      ['pingan', 'paichusuo', 'sifasuo', 'minzheng', 'weisheng', 'cun1'].map(uid).sort(),
    );
    expect(team.members.filter((m: { role: string }) => m.role === 'leader')).toHaveLength(1);
    expect(await teamRows(caseId)).toEqual([1, 6]);
    const events = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'team.update'), eq(auditEvents.entityId, caseId)));
    expect(events).toHaveLength(1);
    expect(events[0]?.actorId).toBe(uid('pingan'));
  });

  it('answers 409 for a stale version and keeps the team; the current version replaces it', async () => {
    const members = [...teamUsernames('赵志强', 2), 'lingdao'];
    const stale = await put(caseId, { ...teamBody(members), version: 5 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('STALE_VERSION');
    expect(await teamRows(caseId)).toEqual([1, 6]);
    const updated = await put(caseId, { ...teamBody(members), version: 1 });
    expect(updated.statusCode).toBe(200);
    expect(updated.json().version).toBe(2);
    expect(updated.json().members).toHaveLength(7);
    expect(updated.json().members[0].userId).toBe(uid('pingan'));
  });

  it('answers 409 for a case that is not listed', async () => {
    const proposed = await proposeIntake(t, '钱秀兰');
    const response = await put(proposed.id, teamBody(teamUsernames('钱秀兰', 2)));
    expect(response.statusCode).toBe(409);
    expect(response.json().error.message).toBe('只有列管中的案件可以组建服务管理小组');
    expect(await teamRows(proposed.id)).toEqual([0, 0]);
  });

  it('is refused to a village cadre (403), outside the jurisdiction and for an unknown case (404)', async () => {
    const body = teamBody(teamUsernames('赵志强', 2));
    expect((await put(caseId, body, 'cun1')).statusCode).toBe(403);
    expect((await put(caseId, body, SHIFAN)).statusCode).toBe(404);
    expect((await put('d0000000-0000-4000-8000-000000000999', body)).statusCode).toBe(404);
    expect((await (await t.as('cun2')).get(`/api/cases/${caseId}/team`)).statusCode).toBe(404);
    expect((await (await t.as(SHIFAN)).get(`/api/cases/${caseId}/team`)).statusCode).toBe(404);
    expect(await teamRows(caseId)).toEqual([1, 7]);
  });

  it('lets the village read its case’s team', async () => {
    const response = await (await t.as('cun1')).get(`/api/cases/${caseId}/team`);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ caseId, version: 2, missingUnits: [] });
  });

  it('lists candidates: the town’s working staff and the person’s own village, never the administrator', async () => {
    const response = await (await t.as('pingan')).get(`/api/cases/${caseId}/team/candidates`);
    expect(response.statusCode).toBe(200);
    const ids = response.json().items.map((c: { userId: string }) => c.userId);
    const expected = ['pingan', 'paichusuo', 'sifasuo', 'minzheng', 'weisheng', 'cun1', 'lingdao'].map(uid);
    expect([...ids].sort()).toEqual(expected.sort());
    expect(ids).not.toContain(uid(SHIFAN));
    expect((await (await t.as('cun1')).get(`/api/cases/${caseId}/team/candidates`)).statusCode).toBe(403);
  });
});

describe('level 1 and level changes', () => {
  it('requires the town leadership (镇领导) on a level-1 team', async () => {
    const caseId = await listed(t, '李桂芳', 1);
    const without = await put(caseId, teamBody(teamUsernames('李桂芳', 2)));
    expect(without.statusCode).toBe(400);
    expect(without.json().error.message).toBe('服务管理小组(members)：缺少镇领导');
    const withLeader = await put(caseId, teamBody(teamUsernames('李桂芳', 1)));
    expect(withLeader.statusCode).toBe(200);
    expect(withLeader.json().missingUnits).toEqual([]);
  });

  it('re-checks the team when the level changes: level 2 → 1 lacks 镇领导', async () => {
    const caseId = await listed(t, '孙德明', 2);
    expect((await formTeam(t, caseId)).missingUnits).toEqual([]);
    await changeLevel(t, caseId, 1, '2026-11-29T09:30:00+08:00');
    const team = (await (await t.as('pingan')).get(`/api/cases/${caseId}/team`)).json();
    expect(team.missingUnits).toEqual([{ unit: 'leader', label: '镇领导' }]);
    expect(team.members).toHaveLength(6);
    const notices = (await (await t.as('pingan')).get('/api/notifications?pageSize=100')).json().items;
    const gap = notices.filter(
      (n: { kind: string; caseId: string }) => n.kind === 'team.incomplete' && n.caseId === caseId,
    );
    expect(gap).toHaveLength(1);
    expect(gap[0].body).toContain('缺少：镇领导');
  });

  it('is formed by the responsible town only: the town where the person lives gets 403', async () => {
    const caseId = await listed(t, '褚立新', 3);
    expect((await (await t.as(SHIFAN)).get(`/api/cases/${caseId}/team`)).statusCode).toBe(200);
    const response = await put(caseId, teamBody(teamUsernames('褚立新', 3)), SHIFAN);
    expect(response.statusCode).toBe(403);
    expect(await teamRows(caseId)).toEqual([0, 0]);
  });
});

describe('POST /api/cases/:id/responsibility-letter (管控责任书)', () => {
  let caseId: string;
  beforeAll(async () => {
    caseId = await listed(t, '周文斌', 3);
    await formTeam(t, caseId);
  });

  const letter = async (body: unknown, as = 'sifasuo') =>
    (await t.as(as)).post(`/api/cases/${caseId}/responsibility-letter`, body);

  it.each([
    [
      'a signatory not on the team',
      { signedOn: '2026-11-29', signatoryUserIds: [uid('pingan'), uid('cun1')] },
      '签订人(signatoryUserIds第2项)：不是服务管理小组成员',
      'signatoryUserIds.1',
    ],
    [
      'a date in the future',
      { signedOn: '2026-11-30', signatoryUserIds: [uid('pingan')] },
      '签订日期(signedOn)：不能晚于今天（2026-11-29）',
      'signedOn',
    ],
    [
      'a date before the listing',
      { signedOn: '2026-11-28', signatoryUserIds: [uid('pingan')] },
      '签订日期(signedOn)：不能早于列管日期（2026-11-29）',
      'signedOn',
    ],
  ])('refuses %s with 400 and writes nothing', async (_label, body, message, field) => {
    const response = await letter(body);
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toMatchObject({ message, details: [{ field, message }] });
    expect(await rowCount(t, responsibilityLetters, eq(responsibilityLetters.caseId, caseId))).toBe(0);
    expect((await dueDates(t, caseId)).responsibility_letter).toBe('2026-12-06');
  });

  it('is not recorded by the leadership (403)', async () => {
    const response = await letter({ signedOn: '2026-11-29', signatoryUserIds: [uid('pingan')] }, 'lingdao');
    expect(response.statusCode).toBe(403);
  });

  it('records the letter and meets the obligation: it leaves the case’s obligations', async () => {
    const response = await letter({ signedOn: '2026-11-29', signatoryUserIds: [uid('pingan'), uid('cun2')] });
    expect(response.statusCode).toBe(201);
    expect(response.json().responsibilityLetter).toEqual({
      id: expect.any(String),
      signedOn: '2026-11-29',
      signatories: [
        { userId: uid('pingan'), displayName: '平安办 周安' },
        { userId: uid('cun2'), displayName: '演示二村 褚村' },
      ],
      recordedBy: uid('sifasuo'),
    });
    const due = await dueDates(t, caseId);
    expect(due.responsibility_letter).toBeUndefined();
    expect(due).toEqual({
      visit: '2026-12-13',
      joint_meeting: '2026-12-29',
      assessment_report: '2027-01-29',
      review: '2027-01-29',
    });
    const detail = (await (await t.as('pingan')).get(`/api/cases/${caseId}`)).json();
    expect(detail.obligations.map((o: { kind: string }) => o.kind)).not.toContain('responsibility_letter');
    expect(detail.team.responsibilityLetter.signedOn).toBe('2026-11-29');
  });
});
