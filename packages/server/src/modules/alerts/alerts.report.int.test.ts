// 警情与联合处置 (⑥) over HTTP: reporting an alert (with the refusals that write nothing), and
// reading alerts, one by one and as a list.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestContext } from '../../../test/context.js';
import { listed } from '../../../test/lifecycle.js';
import { person, SHIFAN, uid } from '../../../test/work.js';
import { alerts, auditEvents, cases } from '../../db/schema.js';
import { alertsContext, alertsKit } from './alerts.test-kit.js';

let t: TestContext;
let zhao: string;
beforeAll(async () => {
  ({ t, zhao } = await alertsContext());
});
afterAll(() => t.close());

const { written, report, noticesOf } = alertsKit(() => ({ t, zhao }));

describe('POST /api/alerts (报告警情)', () => {
  it('takes a village cadre’s report for a person of the village, on the person’s listed case', async () => {
    const response = await report({});
    expect(response.statusCode).toBe(201);
    const created = response.json();
    expect(created).toMatchObject({
      caseId: zhao,
      personId: person('赵志强'),
      personName: '赵志强',
      source: 'report',
      visitId: null,
      description: '在村委会门口与人争吵，扬言要报复',
      occurredAt: '2026-11-29T09:40:00.000+08:00',
      status: 'reported',
      reportedBy: uid('cun1'),
      reportedByName: '演示一村 陈村',
      createdAt: expect.any(String),
      policeRespondedAt: null,
      teamNotifiedAt: null,
      disposition: null,
      disposedAt: null,
      version: 1,
      // A village cadre reports; the chain's steps are others'.
      abilities: { respond: false, notifyTeam: false, dispose: false, note: false },
    });
    // Read at 10:00, 20 minutes after it occurred: both timers are running.
    expect(created.timers).toEqual({
      policeResponse: {
        targetMinutes: 30,
        dueAt: '2026-11-29T10:10:00.000+08:00',
        doneAt: null,
        state: 'running',
        elapsedMinutes: 20,
      },
      teamNotified: {
        targetMinutes: 60,
        dueAt: '2026-11-29T10:40:00.000+08:00',
        doneAt: null,
        state: 'running',
        elapsedMinutes: 20,
      },
    });
    expect(created.events).toEqual([
      {
        id: expect.any(String),
        step: 'reported',
        at: '2026-11-29T09:40:00.000+08:00',
        note: null,
        actorId: uid('cun1'),
        actorName: '演示一村 陈村',
      },
    ]);
    // 平安办 and 派出所 hear of it at once; nobody else does.
    for (const username of ['pingan', 'paichusuo']) {
      const notices = await noticesOf(username, 'alert.raised');
      expect(notices, username).toHaveLength(1);
      expect(notices[0].title).toBe('警情：赵志强（演示一村报告）');
    }
    expect(await noticesOf('minzheng', 'alert.raised')).toEqual([]);
    const [audited] = await t.db.select().from(auditEvents).where(eq(auditEvents.entityId, created.id));
    expect(audited).toMatchObject({ action: 'alert.create', entityType: 'alert', actorId: uid('cun1') });
  });

  it('reports on a person without a case, scoped by where they are registered and live', async () => {
    const response = await report(
      { personId: person('孙德明'), description: '酒后持刀在社区游荡', occurredAt: '2026-11-29T09:45:00+08:00' },
      'shequ',
    );
    expect(response.statusCode).toBe(201);
    const created = response.json();
    expect(created).toMatchObject({ caseId: null, personName: '孙德明', status: 'reported' });
    // 户籍地 演示一村 and 居住地 演示社区 both see it; 演示二村 does not.
    for (const [username, seen] of [
      ['cun1', true],
      ['shequ', true],
      ['cun2', false],
    ] as const) {
      expect((await (await t.as(username)).get(`/api/alerts/${created.id}`)).statusCode, username).toBe(
        seen ? 200 : 404,
      );
    }
    expect(await noticesOf('paichusuo', 'alert.raised', null)).toHaveLength(1);
  });

  let otherCase: string;
  beforeAll(async () => {
    otherCase = await listed(t, '钱秀兰', 3);
  });

  it.each([
    ['no description', { description: '' }, 'description'],
    ['only spaces as description', { description: '   ' }, 'description'],
    ['a time without offset', { occurredAt: '2026-11-29T09:40:00' }, 'occurredAt'],
    ['a time in the future', { occurredAt: '2026-11-29T10:30:00+08:00' }, 'occurredAt'],
    // Year 1 Beijing is year 0 in UTC, which PostgreSQL cannot store: a 400, never a 500.
    ['a time before 2000', { occurredAt: '0001-01-01T00:00:00+08:00' }, 'occurredAt'],
    ['a case of another person', { caseId: 'CASE_OF_OTHER' }, 'caseId'],
    ['an unknown field', { level: 1 }, undefined],
  ])('refuses %s (400), writing nothing', async (_label, body, field) => {
    const payload = { ...body } as Record<string, unknown>;
    if (payload.caseId === 'CASE_OF_OTHER') payload.caseId = otherCase;
    const before = await written();
    const response = await report(payload);
    expect(response.statusCode).toBe(400);
    if (field) expect(response.json().error.details.map((d: { field: string }) => d.field)).toContain(field);
    expect(response.json().error.message).toMatch(/[一-龥]/);
    expect(await written()).toEqual(before);
  });

  it('names the field of a future time in Chinese', async () => {
    const response = await report({ occurredAt: '2026-11-29T10:30:00+08:00' });
    expect(response.json().error.message).toBe('发生时间(occurredAt)：不能晚于现在');
  });

  it('answers 404 for a person outside the jurisdiction, writing nothing', async () => {
    const before = await written();
    expect((await report({ personId: person('周文斌') })).statusCode).toBe(404);
    expect((await report({ personId: person('卫红英') }, 'pingan')).statusCode).toBe(404);
    expect((await report({ personId: 'd0000000-0000-4000-8000-000000000999' }, 'pingan')).statusCode).toBe(404);
    expect(await written()).toEqual(before);
  });

  it.each([['lingdao'], ['quji'], ['ducha'], ['admin']])('refuses %s (403), writing nothing', async (username) => {
    const before = await written();
    expect((await report({}, username)).statusCode).toBe(403);
    expect(await written()).toEqual(before);
  });
});

describe('GET /api/alerts and /api/alerts/:id', () => {
  let other: string;
  beforeAll(async () => {
    // An alert of 示范镇: outside every 演示镇 user's jurisdiction.
    const response = await report({ personId: person('卫红英'), description: '与邻居冲突' }, SHIFAN);
    expect(response.statusCode).toBe(201);
    other = response.json().id;
  });

  it('lists the jurisdiction’s alerts newest first, filtered by case, person and status', async () => {
    const all = (await (await t.as('pingan')).get('/api/alerts?pageSize=100')).json();
    expect(all.items.map((a: { personName: string }) => a.personName)).toEqual(['孙德明', '赵志强']);
    expect(all.total).toBe(2);
    const ofCase = (await (await t.as('pingan')).get(`/api/alerts?caseId=${zhao}`)).json();
    expect(ofCase.items.map((a: { personName: string }) => a.personName)).toEqual(['赵志强']);
    const ofPerson = (await (await t.as('pingan')).get(`/api/alerts?personId=${person('孙德明')}`)).json();
    expect(ofPerson.total).toBe(1);
    expect((await (await t.as('pingan')).get('/api/alerts?status=open')).json().total).toBe(2);
    expect((await (await t.as('pingan')).get('/api/alerts?status=disposed')).json().total).toBe(0);
    expect((await (await t.as('pingan')).get('/api/alerts?status=lost')).statusCode).toBe(400);
    // 演示二村 sees none of them; 示范镇 only its own.
    expect((await (await t.as('cun2')).get('/api/alerts')).json()).toEqual({ items: [], total: 0 });
    expect((await (await t.as(SHIFAN)).get('/api/alerts')).json().items.map((a: { id: string }) => a.id)).toEqual([
      other,
    ]);
  });

  it('answers 404 for an alert outside the jurisdiction or unknown', async () => {
    expect((await (await t.as('pingan')).get(`/api/alerts/${other}`)).statusCode).toBe(404);
    expect((await (await t.as('paichusuo')).get('/api/alerts/d0000000-0000-4000-8000-000000000999')).statusCode).toBe(
      404,
    );
    expect((await (await t.as('quji')).get(`/api/alerts/${other}`)).statusCode).toBe(200);
  });

  it('shows an alert raised before the timeline was kept with its report as the first line', async () => {
    const [zhaoCase] = await t.db.select().from(cases).where(eq(cases.id, zhao));
    const [old] = await t.db
      .insert(alerts)
      .values({
        caseId: zhao,
        personId: person('赵志强'),
        source: 'visit',
        description: '随访发现过激倾向：旧记录',
        occurredAt: new Date('2026-11-20T01:00:00Z'),
        path: zhaoCase?.responsiblePath as string,
        reportedBy: uid('sifasuo'),
      })
      .returning({ id: alerts.id });
    const response = await (await t.as('pingan')).get(`/api/alerts/${old?.id}`);
    expect(response.json().events).toEqual([
      {
        id: old?.id,
        step: 'reported',
        at: '2026-11-20T09:00:00.000+08:00',
        note: null,
        actorId: uid('sifasuo'),
        actorName: '司法所 郑法',
      },
    ]);
    await t.db.delete(alerts).where(eq(alerts.id, old?.id as string));
  });

  it('refuses the administrator (403)', async () => {
    expect((await (await t.as('admin')).get('/api/alerts')).statusCode).toBe(403);
  });
});
