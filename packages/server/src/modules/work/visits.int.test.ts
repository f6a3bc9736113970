import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/context.js';
import { listed, proposeIntake } from '../../../test/lifecycle.js';
import {
  formTeam,
  listAt,
  obligationList,
  obligationOf,
  postVisit,
  recordVisit,
  rowCount,
  uid,
} from '../../../test/work.js';
import { alerts, auditEvents, visits } from '../../db/schema.js';

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t.close());

const visitCount = (caseId?: string) => rowCount(t, visits, caseId ? eq(visits.caseId, caseId) : undefined);

describe('POST /api/cases/:id/visits (随访记录)', () => {
  let caseId: string;
  beforeAll(async () => {
    caseId = await listed(t, '赵志强', 2);
    await formTeam(t, caseId);
  });

  it('records a visit by two team members (201), audited', async () => {
    const response = await postVisit(t, caseId, ['sifasuo', 'cun1'], {}, 'sifasuo');
    expect(response.statusCode).toBe(201);
    expect(response.json()).toEqual({
      id: expect.any(String),
      caseId,
      visitedAt: '2026-11-29T09:00:00.000+08:00',
      visitedOn: '2026-11-29',
      visitors: [
        { userId: uid('sifasuo'), displayName: '司法所 郑法' },
        { userId: uid('cun1'), displayName: '演示一村 陈村' },
      ],
      livingSituation: '独居，生活基本正常',
      activities: '在家务农',
      stateOfMind: '情绪平稳',
      controlStatus: 'in_control',
      extremeTendency: false,
      measures: '继续关注，定期随访',
      alertId: null,
      recordedBy: uid('sifasuo'),
      createdAt: expect.any(String),
    });
    const events = await t.db.select().from(auditEvents).where(eq(auditEvents.entityId, caseId));
    expect(events.filter((e) => e.action === 'visit.create')).toHaveLength(1);
  });

  it.each([
    [
      'fewer than 2 visitors',
      ['sifasuo'],
      {},
      '随访人员(visitorUserIds)：随访须由2名以上小组成员同行',
      'visitorUserIds',
    ],
    [
      'a visitor not on the team',
      ['sifasuo', 'cun2'],
      {},
      '随访人员(visitorUserIds第2项)：不是该人员服务管理小组成员',
      'visitorUserIds.1',
    ],
    [
      'a time in the future',
      ['sifasuo', 'cun1'],
      { visitedAt: '2026-11-29T10:30:00+08:00' },
      '随访时间(visitedAt)：不能晚于现在',
      'visitedAt',
    ],
    [
      'a time before the listing',
      ['sifasuo', 'cun1'],
      { visitedAt: '2026-11-28T16:00:00+08:00' },
      '随访时间(visitedAt)：不能早于列管日期（2026-11-29）',
      'visitedAt',
    ],
  ])('refuses %s with 400 in Chinese, writing nothing', async (_label, visitors, overrides, message, field) => {
    const [before, alertsBefore] = [await visitCount(), await rowCount(t, alerts)];
    const response = await postVisit(t, caseId, visitors, { extremeTendency: true, ...overrides });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.message).toBe(message);
    expect(response.json().error.details[0].field).toBe(field);
    expect([await visitCount(), await rowCount(t, alerts)]).toEqual([before, alertsBefore]);
  });

  it('answers 409 for a case not listed, 404 out of jurisdiction, 403 for roles that do not record', async () => {
    const before = await visitCount();
    const proposed = await proposeIntake(t, '钱秀兰');
    const notListed = await postVisit(t, proposed.id, ['pingan', 'cun1']);
    expect(notListed.statusCode).toBe(409);
    expect(notListed.json().error.message).toBe('只有列管中的案件可以登记随访');
    expect((await postVisit(t, caseId, ['sifasuo', 'cun1'], {}, 'cun2')).statusCode).toBe(404);
    expect((await postVisit(t, caseId, ['sifasuo', 'cun1'], {}, 'lingdao')).statusCode).toBe(403);
    expect((await postVisit(t, caseId, ['sifasuo', 'cun1'], {}, 'ducha')).statusCode).toBe(403);
    expect(await visitCount()).toBe(before);
  });

  it('may be recorded by any unit that does the work: 平安办, 派出所, 民政办, 卫生院, the village', async () => {
    for (const as of ['pingan', 'paichusuo', 'minzheng', 'weisheng', 'cun1']) {
      const response = await postVisit(t, caseId, ['minzheng', 'weisheng'], {}, as);
      expect(response.statusCode, as).toBe(201);
      expect(response.json().recordedBy).toBe(uid(as));
    }
    expect(await visitCount(caseId)).toBe(6);
  });
});

describe('the visit obligation: overdue, then met', () => {
  let caseId: string;
  beforeAll(async () => {
    // Listed on 11-10 at level 2: the first visit was due on 11-17, 12 days ago.
    caseId = await listAt(t, '李桂芳', 2, '2026-11-10T10:00:00+08:00');
    await formTeam(t, caseId);
  });

  it('shows the visit overdue by 12 days', async () => {
    const overdue = await obligationList(t, `status=overdue&caseId=${caseId}`);
    const visit = overdue.items.find((o) => o.kind === 'visit');
    expect(visit).toMatchObject({
      kind: 'visit',
      caseId,
      personName: '李桂芳',
      level: 2,
      dueOn: '2026-11-17',
      lastMetOn: null,
      overdueDays: 12,
      sensitive: false,
    });
  });

  it('clears it with a visit dated today: next due in 7 days', async () => {
    await recordVisit(t, caseId, ['paichusuo', 'cun1']);
    const overdue = await obligationList(t, `status=overdue&caseId=${caseId}`);
    expect(overdue.items.map((o) => o.kind)).not.toContain('visit');
    expect(await obligationOf(t, caseId, 'visit')).toMatchObject({
      dueOn: '2026-12-06',
      lastMetOn: '2026-11-29',
      overdueDays: 0,
    });
  });

  it('keeps the latest visit when an earlier one is entered afterwards', async () => {
    await recordVisit(t, caseId, ['paichusuo', 'cun1'], { visitedAt: '2026-11-20T15:00:00+08:00' });
    expect(await obligationOf(t, caseId, 'visit')).toMatchObject({ dueOn: '2026-12-06', lastMetOn: '2026-11-29' });
  });

  it('counts from a visit recorded after the fact: visited 11-20, due 11-27, still 2 days overdue', async () => {
    const other = await listAt(t, '孙德明', 2, '2026-11-10T10:00:00+08:00');
    await formTeam(t, other);
    const visit = await recordVisit(t, other, ['sifasuo', 'cun1'], { visitedAt: '2026-11-20T15:00:00+08:00' });
    expect(visit.visitedOn).toBe('2026-11-20');
    const overdue = await obligationList(t, `status=overdue&caseId=${other}&kind=visit`);
    expect(overdue.items).toHaveLength(1);
    expect(overdue.items[0]).toMatchObject({ dueOn: '2026-11-27', lastMetOn: '2026-11-20', overdueDays: 2 });
  });
});

describe('alerts raised by a visit (警情)', () => {
  let caseId: string;
  beforeAll(async () => {
    caseId = await listed(t, '周文斌', 3);
    await formTeam(t, caseId);
  });

  const noticesOf = async (username: string) =>
    (await (await t.as(username)).get('/api/notifications?pageSize=100'))
      .json()
      .items.filter((n: { kind: string; caseId: string }) => n.kind === 'alert.raised' && n.caseId === caseId);

  it('raises an alert on an extreme tendency and notifies 平安办 and 派出所', async () => {
    const visit = await recordVisit(
      t,
      caseId,
      ['sifasuo', 'cun2'],
      { extremeTendency: true, stateOfMind: '扬言报复邻居' },
      'sifasuo',
    );
    expect(visit.alertId).toEqual(expect.any(String));
    const listed = (await (await t.as('pingan')).get(`/api/alerts?caseId=${caseId}`)).json();
    expect(listed.total).toBe(1);
    expect(listed.items[0]).toMatchObject({
      id: visit.alertId,
      caseId,
      personName: '周文斌',
      source: 'visit',
      visitId: visit.id,
      description: '随访发现过激倾向：扬言报复邻居',
      occurredAt: '2026-11-29T09:00:00.000+08:00',
      status: 'reported',
      reportedBy: uid('sifasuo'),
    });
    for (const username of ['pingan', 'paichusuo']) {
      const notices = await noticesOf(username);
      expect(notices, username).toHaveLength(1);
      expect(notices[0].title).toBe('警情：周文斌随访发现过激倾向');
    }
    expect(await noticesOf('minzheng')).toHaveLength(0);
    // 演示一村 neither sees the alert nor learns it exists.
    expect((await (await t.as('cun1')).get(`/api/alerts?caseId=${caseId}`)).json()).toEqual({ items: [], total: 0 });
    expect((await (await t.as('cun1')).get(`/api/alerts/${visit.alertId}`)).statusCode).toBe(404);
  });

  it('raises one when the person is out of control, even without an extreme tendency', async () => {
    const visit = await recordVisit(t, caseId, ['sifasuo', 'cun2'], {
      controlStatus: 'out_of_control',
      stateOfMind: '外出不归，联系不上',
      visitedAt: '2026-11-29T09:30:00+08:00',
    });
    expect(visit.alertId).toEqual(expect.any(String));
    const alert = (await (await t.as('paichusuo')).get(`/api/alerts/${visit.alertId}`)).json();
    expect(alert).toMatchObject({ source: 'visit', visitId: visit.id, description: '随访失控：外出不归，联系不上' });
    expect(await noticesOf('pingan')).toHaveLength(2);
  });

  it('raises none on a normal visit', async () => {
    const before = await rowCount(t, alerts);
    const visit = await recordVisit(t, caseId, ['sifasuo', 'cun2'], { visitedAt: '2026-11-29T09:45:00+08:00' });
    expect(visit.alertId).toBeNull();
    expect(await rowCount(t, alerts)).toBe(before);
    expect((await (await t.as('pingan')).get(`/api/alerts?caseId=${caseId}`)).json().total).toBe(2);
  });
});

describe('GET /api/visits and GET /api/cases/:id/visits', () => {
  it('shows each village its own people’s visits, newest first', async () => {
    const cun2 = (await (await t.as('cun2')).get('/api/visits?pageSize=100')).json();
    expect(cun2.total).toBe(3);
    expect(new Set(cun2.items.map((v: { personName: string }) => v.personName))).toEqual(new Set(['周文斌']));
    const times = cun2.items.map((v: { visitedAt: string }) => v.visitedAt);
    expect(times).toEqual([...times].sort().reverse());

    const all = (await (await t.as('pingan')).get('/api/visits?pageSize=100')).json();
    expect(all.total).toBe(6 + 2 + 1 + 3);
    const cun1 = (await (await t.as('cun1')).get('/api/visits?pageSize=100')).json();
    expect(cun1.total).toBe(6 + 2 + 1);
    expect(cun1.items.map((v: { personName: string }) => v.personName)).not.toContain('周文斌');
  });

  it('lists a case’s visits for those who may see it, and answers 404 to others', async () => {
    const [zhao] = (await (await t.as('pingan')).get('/api/cases?status=listed&pageSize=100'))
      .json()
      .items.filter((c: { personName: string }) => c.personName === '赵志强');
    const own = await (await t.as('cun1')).get(`/api/cases/${zhao.id}/visits`);
    expect(own.statusCode).toBe(200);
    expect(own.json().total).toBe(6);
    expect(own.json().items.every((v: { caseId: string }) => v.caseId === zhao.id)).toBe(true);
    expect((await (await t.as('cun2')).get(`/api/cases/${zhao.id}/visits`)).statusCode).toBe(404);
    const filtered = (await (await t.as('cun2')).get(`/api/visits?caseId=${zhao.id}`)).json();
    expect(filtered).toEqual({ items: [], total: 0 });
  });
});
