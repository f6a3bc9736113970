// 警情与联合处置 (⑥) over HTTP: the chain reported → 派出所出警 → 通报服务管理小组 → 处置结果, with the
// refusals that write nothing, and the dashboard's 警情 card.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestContext } from '../../../test/context.js';
import { person, rowCount, SHIFAN, uid } from '../../../test/work.js';
import { alertEvents, alerts, auditEvents } from '../../db/schema.js';
import { alertsContext, alertsKit } from './alerts.test-kit.js';

let t: TestContext;
let zhao: string;
beforeAll(async () => {
  ({ t, zhao } = await alertsContext());
});
afterAll(() => t.close());

const { written, report, noticesOf, patch } = alertsKit(() => ({ t, zhao }));

describe('PATCH /api/alerts/:id (联合处置)', () => {
  let id: string;
  let version = 1;
  beforeAll(async () => {
    const response = await report({ description: '扬言要烧邻居家的柴垛', occurredAt: '2026-11-29T09:50:00+08:00' });
    id = response.json().id;
    version = response.json().version;
  });

  const refused = async (body: Record<string, unknown>, as: string, status: number, field?: string) => {
    const before = [...(await written()), await rowCount(t, auditEvents, eq(auditEvents.action, 'alert.update'))];
    const response = await patch(id, body, as);
    expect(response.statusCode).toBe(status);
    if (field) expect(response.json().error.details[0].field).toBe(field);
    expect([...(await written()), await rowCount(t, auditEvents, eq(auditEvents.action, 'alert.update'))]).toEqual(
      before,
    );
    const [row] = await t.db.select().from(alerts).where(eq(alerts.id, id));
    expect(row?.version).toBe(version);
    return response;
  };

  it('lets only 派出所 record the police response (403 otherwise)', async () => {
    await refused({ policeRespondedAt: '2026-11-29T09:55:00+08:00', version }, 'pingan', 403);
    // Roles without alerts.dispose do not reach the step at all.
    for (const username of ['cun1', 'sifasuo', 'lingdao', 'quji']) {
      await refused({ note: '已到现场', version }, username, 403);
    }
  });

  it('refuses times in the future or before the alert occurred (400, naming the field)', async () => {
    const future = await refused({ policeRespondedAt: '2026-11-29T10:01:00+08:00', version }, 'paichusuo', 400);
    expect(future.json().error.message).toBe('出警时间(policeRespondedAt)：不能晚于现在');
    const early = await refused(
      { teamNotifiedAt: '2026-11-29T09:49:00+08:00', version },
      'pingan',
      400,
      'teamNotifiedAt',
    );
    expect(early.json().error.message).toBe('通报时间(teamNotifiedAt)：不能早于警情发生时间（2026-11-29 09:50）');
    await refused({ policeRespondedAt: 'soon', version }, 'paichusuo', 400, 'policeRespondedAt');
    await refused({ version }, 'paichusuo', 400);
    await refused({ disposition: '  ', version }, 'pingan', 400, 'disposition');
    await refused({ note: '已到现场' }, 'pingan', 400, 'version');
  });

  it('refuses a disposition before both earlier steps (409)', async () => {
    const response = await refused({ disposition: '已化解', version }, 'pingan', 409);
    expect(response.json().error).toMatchObject({
      code: 'WRONG_ORDER',
      message: '须先登记派出所出警和通报服务管理小组，才能登记处置结果',
    });
  });

  it('refuses a stale version (409)', async () => {
    const response = await refused(
      { policeRespondedAt: '2026-11-29T09:55:00+08:00', version: version + 1 },
      'paichusuo',
      409,
    );
    expect(response.json().error.code).toBe('STALE_VERSION');
  });

  it('answers 404 for an alert outside the jurisdiction, writing nothing', async () => {
    const before = await written();
    expect((await (await t.as(SHIFAN)).patch(`/api/alerts/${id}`, { note: '已知悉', version })).statusCode).toBe(404);
    expect(await written()).toEqual(before);
  });

  it('records 派出所’s response: status responding, the timer met, the step on the timeline', async () => {
    const response = await patch(id, { policeRespondedAt: '2026-11-29T09:58:00+08:00', version });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    version = body.version;
    expect(body).toMatchObject({
      status: 'responding',
      policeRespondedAt: '2026-11-29T09:58:00.000+08:00',
      policeRespondedBy: uid('paichusuo'),
      version: 2,
      abilities: { respond: false, notifyTeam: true, dispose: false, note: true },
    });
    expect(body.timers.policeResponse).toMatchObject({ state: 'met', elapsedMinutes: 8 });
    expect(body.timers.teamNotified).toMatchObject({ state: 'running', elapsedMinutes: 10 });
    expect(body.events.map((e: { step: string; actorName: string }) => `${e.step} ${e.actorName}`)).toEqual([
      'reported 演示一村 陈村',
      'police_responded 派出所 吴警',
    ]);
    const [audited] = await t.db.select().from(auditEvents).where(eq(auditEvents.action, 'alert.update'));
    expect(audited).toMatchObject({ entityId: id, actorId: uid('paichusuo') });
  });

  it('never rewrites a recorded step (409)', async () => {
    const response = await refused({ policeRespondedAt: '2026-11-29T09:59:00+08:00', version }, 'paichusuo', 409);
    expect(response.json().error).toMatchObject({
      code: 'STEP_RECORDED',
      message: '出警情况已于2026-11-29 09:58登记，不能修改',
    });
  });

  it('notifies the units of the case’s team when 平安办 records 通报服务管理小组', async () => {
    const before = await noticesOf('minzheng', 'alert.team_notified');
    expect(before).toEqual([]);
    const response = await patch(
      id,
      { teamNotifiedAt: '2026-11-29T10:00:00+08:00', note: '已电话通报组长，小组成员分头联系家属', version },
      'pingan',
    );
    expect(response.statusCode).toBe(200);
    version = response.json().version;
    // A note sent with the step is that step's remark, on its line of the timeline.
    expect(response.json().events.at(-1)).toMatchObject({
      step: 'team_notified',
      at: '2026-11-29T10:00:00.000+08:00',
      note: '已电话通报组长，小组成员分头联系家属',
      actorName: '平安办 周安',
    });
    expect(response.json()).toMatchObject({
      status: 'responding',
      teamNotifiedAt: '2026-11-29T10:00:00.000+08:00',
      teamNotifiedBy: uid('pingan'),
      abilities: { respond: false, notifyTeam: false, dispose: true },
    });
    expect(response.json().timers.teamNotified).toMatchObject({ state: 'met', elapsedMinutes: 10 });
    // The team: 平安办, 派出所, 司法所, 民政办, 卫生院 and 演示一村; 演示二村 is not on it.
    for (const username of ['minzheng', 'sifasuo', 'weisheng', 'cun1']) {
      const notices = await noticesOf(username, 'alert.team_notified');
      expect(notices, username).toHaveLength(1);
      expect(notices[0].title).toBe('警情通报：赵志强');
    }
    expect(await noticesOf('cun2', 'alert.team_notified')).toEqual([]);
  });

  it('adds notes to the timeline without changing the state', async () => {
    const response = await patch(id, { note: '已联系其家属到场稳控', version }, 'paichusuo');
    expect(response.statusCode).toBe(200);
    version = response.json().version;
    expect(response.json().status).toBe('responding');
    expect(response.json().events.at(-1)).toMatchObject({ step: 'note', note: '已联系其家属到场稳控' });
  });

  it('records the disposition once both steps are in: the alert is disposed', async () => {
    const response = await patch(id, { disposition: '经教育疏导，当事人情绪平复，已签订保证书', version }, 'pingan');
    expect(response.statusCode).toBe(200);
    version = response.json().version;
    expect(response.json()).toMatchObject({
      status: 'disposed',
      disposition: '经教育疏导，当事人情绪平复，已签订保证书',
      disposedAt: '2026-11-29T10:00:00.000+08:00',
      disposedBy: uid('pingan'),
      abilities: { respond: false, notifyTeam: false, dispose: false, note: true },
    });
    expect(response.json().events.map((e: { step: string }) => e.step)).toEqual([
      'reported',
      'police_responded',
      'team_notified',
      'note',
      'disposed',
    ]);
    await refused({ disposition: '改写', version }, 'pingan', 409);
    expect((await (await t.as('pingan')).get('/api/alerts?status=disposed')).json().total).toBe(1);
  });

  it('keeps a disposed alert disposed when a note is added afterwards (补充处置情况)', async () => {
    const response = await patch(id, { note: '一周后回访，情绪稳定', version }, 'pingan');
    expect(response.statusCode).toBe(200);
    version = response.json().version;
    expect(response.json()).toMatchObject({ status: 'disposed', abilities: { dispose: false, note: true } });
    expect(response.json().events.at(-1)).toMatchObject({ step: 'note', note: '一周后回访，情绪稳定' });
    const [stored] = await t.db.select().from(alerts).where(eq(alerts.id, id));
    expect(stored?.status).toBe('disposed');
    expect((await (await t.as('pingan')).get('/api/alerts?status=disposed')).json().total).toBe(1);
  });

  it('lets only one of two concurrent PATCHes of one version record the response (200 + 409)', async () => {
    const created = (await report({ occurredAt: '2026-11-29T09:20:00+08:00', description: '砸坏邻居门窗' })).json();
    const [a, b] = await Promise.all([
      patch(created.id, { policeRespondedAt: '2026-11-29T09:30:00+08:00', version: created.version }),
      patch(created.id, { policeRespondedAt: '2026-11-29T09:35:00+08:00', version: created.version }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    const steps = await t.db.select().from(alertEvents).where(eq(alertEvents.alertId, created.id));
    expect(steps.filter((s) => s.step === 'police_responded')).toHaveLength(1);
    const [stored] = await t.db.select().from(alerts).where(eq(alerts.id, created.id));
    expect(stored).toMatchObject({ version: 2, status: 'responding' });
    const winner = a.statusCode === 200 ? a : b;
    expect(stored?.policeRespondedAt?.toISOString()).toBe(new Date(winner.json().policeRespondedAt).toISOString());
    // Dispose it, so that the dashboard below counts the same open alerts.
    const done = await patch(created.id, {
      teamNotifiedAt: '2026-11-29T09:40:00+08:00',
      disposition: '已赔偿并调解',
      version: 2,
    });
    expect(done.statusCode).toBe(200);
  });

  it('lets 派出所 record several steps at once, in order', async () => {
    const created = (await report({ occurredAt: '2026-11-29T09:00:00+08:00', description: '持棍在路口拦人' })).json();
    const response = await patch(created.id, {
      policeRespondedAt: '2026-11-29T09:45:00+08:00',
      teamNotifiedAt: '2026-11-29T09:50:00+08:00',
      disposition: '已依法带离并训诫',
      version: created.version,
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ status: 'disposed', version: 2 });
    // 45 minutes after it occurred the response was late (target 30); 50 is within the team's 60.
    expect(response.json().timers.policeResponse).toMatchObject({ state: 'late', elapsedMinutes: 45 });
    expect(response.json().timers.teamNotified).toMatchObject({ state: 'met', elapsedMinutes: 50 });
  });
});

describe('the dashboard’s 警情 card', () => {
  beforeAll(async () => {
    // The alerts reporting leaves open: 赵志强's (09:40, by 演示一村) and 孙德明's (09:45, by 演示社区),
    // and one of 示范镇.
    for (const [body, as] of [
      [{}, 'cun1'],
      [
        { personId: person('孙德明'), description: '酒后持刀在社区游荡', occurredAt: '2026-11-29T09:45:00+08:00' },
        'shequ',
      ],
      [{ personId: person('卫红英'), description: '与邻居冲突' }, SHIFAN],
    ] as const) {
      const response = await report(body, as);
      if (response.statusCode !== 201) throw new Error(`alert: ${response.statusCode} ${response.body}`);
    }
  });

  it('counts open alerts and those past each timer, for the peace office', async () => {
    // Two alerts are open and untouched: 赵志强's (09:40) and 孙德明's (09:45); the other two were
    // disposed. At 11:00 both timers of both open ones have run out (sessions idle that long
    // have ended: sign in afresh).
    t.clock.advance(60 * 60_000);
    try {
      const { overview } = (await (await t.signIn('pingan')).get('/api/dashboard')).json();
      expect(overview.alerts).toMatchObject({ open: 2, policeResponseOverdue: 2, teamNotifiedOverdue: 2 });
      // Oldest first.
      expect(overview.alerts.items).toMatchObject([
        {
          personName: '赵志强',
          caseId: zhao,
          status: 'reported',
          timers: { policeResponse: { state: 'overdue', elapsedMinutes: 80 } },
        },
        { personName: '孙德明', caseId: null, timers: { teamNotified: { state: 'overdue', elapsedMinutes: 75 } } },
      ]);
      // 示范镇 counts its own.
      const shifan = (await (await t.signIn(SHIFAN)).get('/api/dashboard')).json();
      expect(shifan.overview.alerts.open).toBe(1);
    } finally {
      t.clock.advance(-60 * 60_000);
    }
  });
});
