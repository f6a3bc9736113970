// The work dashboard and the obligation policy (a new version moves the due dates of every case
// at once, so this file has a database of its own).
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/context.js';
import { intakeBody } from '../../../test/lifecycle.js';
import { formTeam, listAt, obligationOf, recordVisit, rowCount, uid } from '../../../test/work.js';
import { auditEvents } from '../../db/schema.js';
import { DEMO_UNITS } from '../../seed/demo-town.js';
import { DEFAULT_POLICY } from './rules.js';

let t: TestContext;
const ids: Record<string, string> = {};
beforeAll(async () => {
  t = await createTestContext();
  // 演示二村: 周文斌 listed on 11-10 and visited on 11-25.
  ids.周文斌 = await listAt(t, '周文斌', 2, '2026-11-10T10:00:00+08:00');
  await formTeam(t, ids.周文斌);
  await recordVisit(t, ids.周文斌, ['sifasuo', 'cun2'], { visitedAt: '2026-11-25T10:00:00+08:00' });
  // 演示一村: 赵志强 likewise; 李桂芳 never visited; 钱秀兰 listed in an emergency by the police.
  ids.赵志强 = await listAt(t, '赵志强', 2, '2026-11-10T10:00:00+08:00');
  await formTeam(t, ids.赵志强);
  await recordVisit(t, ids.赵志强, ['sifasuo', 'cun1'], { visitedAt: '2026-11-25T10:00:00+08:00' });
  ids.李桂芳 = await listAt(t, '李桂芳', 2, '2026-11-10T10:00:00+08:00');
  await formTeam(t, ids.李桂芳);
  const emergency = await (await t.as('paichusuo')).post(
    '/api/cases',
    intakeBody('钱秀兰', { source: 'emergency', proposedLevel: 2, responsibleOrgUnitIds: [DEMO_UNITS.policeStation] }),
  );
  ids.钱秀兰 = emergency.json().id;
});
afterAll(() => t.close());

describe('GET /api/dashboard (工作台)', () => {
  beforeAll(async () => {
    // 演示一村 files its November return late; 演示二村 has a draft; 演示社区 nothing.
    const cun1 = await t.as('cun1');
    const filed = await cun1.post('/api/screening-reports', {
      orgUnitId: DEMO_UNITS.village1,
      month: '2026-11',
      zeroReport: true,
    });
    await cun1.post(`/api/screening-reports/${filed.json().id}/submit`, {});
    await (await t.as('cun2')).post('/api/screening-reports', {
      orgUnitId: DEMO_UNITS.village2,
      month: '2026-11',
      zeroReport: true,
    });
  });

  it('counts a team member’s own items: overdue, today, this week', async () => {
    const response = await (await t.as('cun1')).get('/api/dashboard');
    expect(response.statusCode).toBe(200);
    const dashboard = response.json();
    expect(dashboard.today).toBe('2026-11-29');
    expect(dashboard.mine.overdue).toEqual([
      { kind: 'joint_meeting', count: 2 },
      { kind: 'responsibility_letter', count: 2 },
      { kind: 'visit', count: 1 },
    ]);
    expect(dashboard.mine.today).toEqual([]);
    expect(dashboard.mine.week).toEqual([{ kind: 'visit', count: 1 }]);
    const items: string[] = dashboard.mine.items.map(
      (o: { dueOn: string; kind: string; personName: string }) => `${o.dueOn} ${o.kind} ${o.personName}`,
    );
    // Most urgent first (the order within one date and kind is the id's).
    expect(items.map((i) => i.split(' ').slice(0, 2).join(' '))).toEqual([
      '2026-11-17 responsibility_letter',
      '2026-11-17 responsibility_letter',
      '2026-11-17 visit',
      '2026-11-25 joint_meeting',
      '2026-11-25 joint_meeting',
      '2026-12-02 visit',
    ]);
    expect([...items].sort()).toEqual(
      [
        '2026-11-17 responsibility_letter 李桂芳',
        '2026-11-17 responsibility_letter 赵志强',
        '2026-11-17 visit 李桂芳',
        '2026-11-25 joint_meeting 李桂芳',
        '2026-11-25 joint_meeting 赵志强',
        '2026-12-02 visit 赵志强',
      ].sort(),
    );
    expect(dashboard.overview).toBeNull();
  });

  it('gives the peace office the overview of its town', async () => {
    const { overview } = (await (await t.as('pingan')).get('/api/dashboard')).json();
    const village1 = overview.overdueByVillage.filter(
      (r: { orgUnitId: string }) => r.orgUnitId === DEMO_UNITS.village1,
    );
    expect(village1).toEqual([
      { orgUnitId: DEMO_UNITS.village1, orgUnitName: '演示一村', kind: 'joint_meeting', count: 2 },
      { orgUnitId: DEMO_UNITS.village1, orgUnitName: '演示一村', kind: 'responsibility_letter', count: 2 },
      { orgUnitId: DEMO_UNITS.village1, orgUnitName: '演示一村', kind: 'visit', count: 1 },
    ]);
    expect(overview.screening).toEqual({ month: '2026-11', onTime: 0, late: 1, draft: 1, missing: 1 });
    expect(overview.awaitingConfirmation).toEqual([
      { caseId: ids.钱秀兰, personName: '钱秀兰', confirmationDueOn: '2026-12-06', overdue: false },
    ]);
    const cun1 = overview.caseload.find((c: { userId: string }) => c.userId === uid('cun1'));
    expect(cun1).toEqual({
      userId: uid('cun1'),
      displayName: '演示一村 陈村',
      orgUnitName: '演示一村',
      cases: 2,
      dueThisWeek: 1,
      overdue: 5,
    });
    const members = overview.caseload.map((c: { userId: string }) => c.userId).sort();
    expect(members).toEqual(['pingan', 'paichusuo', 'sifasuo', 'minzheng', 'weisheng', 'cun1', 'cun2'].map(uid).sort());
    expect(overview.caseload.find((c: { userId: string }) => c.userId === uid('pingan')).cases).toBe(3);
  });

  it('gives the leadership an overview too, and a village only its own', async () => {
    expect((await (await t.as('lingdao')).get('/api/dashboard')).json().overview).not.toBeNull();
    const cun2 = (await (await t.as('cun2')).get('/api/dashboard')).json();
    expect(cun2.overview).toBeNull();
    expect(cun2.mine.items.map((o: { kind: string; personName: string }) => `${o.kind} ${o.personName}`)).toEqual([
      'responsibility_letter 周文斌',
      'joint_meeting 周文斌',
      'visit 周文斌',
    ]);
  });
});

describe('GET and PUT /api/policy (工作规范)', () => {
  const body = (visit: Record<string, number>, effectiveFrom?: string) => {
    const policy = structuredClone(DEFAULT_POLICY) as Record<string, unknown> & typeof DEFAULT_POLICY;
    policy.intervals[2].visit = visit as { days: number };
    return effectiveFrom ? { ...policy, effectiveFrom } : policy;
  };
  const put = async (payload: unknown, as = 'admin') => (await t.as(as)).put('/api/policy', payload);

  it('shows the plan’s defaults as the version in force', async () => {
    const response = await (await t.as('pingan')).get('/api/policy');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      current: {
        ...DEFAULT_POLICY,
        id: '00000000-0000-0000-0000-000000000000',
        effectiveFrom: '2000-01-01',
        createdBy: null,
        createdAt: expect.any(String),
      },
      versions: [],
    });
  });

  it.each([
    ['a non-administrator', () => put(body({ days: 10 }), 'pingan'), 403, undefined],
    ['days and months both', () => put(body({ days: 10, months: 1 })), 400, 'intervals.2.visit'],
    ['neither days nor months', () => put(body({})), 400, 'intervals.2.visit'],
    ['a date in the past', () => put(body({ days: 10 }, '2026-11-28')), 400, 'effectiveFrom'],
  ])('refuses %s, storing nothing', async (_label, send, status, field) => {
    const response = await send();
    expect(response.statusCode).toBe(status);
    if (field) expect(response.json().error.details[0].field).toBe(field);
    if (field === 'effectiveFrom') {
      expect(response.json().error.message).toBe(
        '生效日期(effectiveFrom)：不能早于今天（2026-11-29），已过去的期间按当时的规范计算',
      );
    }
    expect((await (await t.as('admin')).get('/api/policy')).json().versions).toEqual([]);
  });

  it('keeps a future version without changing today’s due dates', async () => {
    const response = await put(body({ days: 14 }, '2027-01-01'));
    expect(response.statusCode).toBe(200);
    expect(response.json().current.id).toBe('00000000-0000-0000-0000-000000000000');
    expect(response.json().versions.map((v: { effectiveFrom: string }) => v.effectiveFrom)).toEqual(['2027-01-01']);
    expect((await obligationOf(t, ids.赵志强 as string, 'visit'))?.dueOn).toBe('2026-12-02');
  });

  it('recomputes every case at once for a version in force today, keeping the old versions', async () => {
    const response = await put(body({ days: 10 }));
    expect(response.statusCode).toBe(200);
    const { current, versions } = response.json();
    expect(current).toMatchObject({ effectiveFrom: '2026-11-29', createdBy: uid('admin') });
    expect(current.intervals[2].visit).toEqual({ days: 10 });
    expect(versions.map((v: { effectiveFrom: string }) => v.effectiveFrom)).toEqual(['2027-01-01', '2026-11-29']);
    expect(await obligationOf(t, ids.赵志强 as string, 'visit')).toMatchObject({ dueOn: '2026-12-05' });
    expect(await obligationOf(t, ids.李桂芳 as string, 'visit')).toMatchObject({ dueOn: '2026-11-20', overdueDays: 9 });
    expect(await obligationOf(t, ids.周文斌 as string, 'visit')).toMatchObject({
      dueOn: '2026-12-05',
      lastMetOn: '2026-11-25',
    });
    expect(await rowCount(t, auditEvents, eq(auditEvents.action, 'policy.update'))).toBe(2);
  });
});
