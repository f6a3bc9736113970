// Reading visits and alerts reads the persons' files: every list and every alert opened is audited
// (an alert not found too), and 督导 finds the events by action.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/context.js';
import { listed } from '../../../test/lifecycle.js';
import { formTeam, recordVisit, uid } from '../../../test/work.js';

const UNKNOWN = 'd0000000-0000-4000-8000-000000000999';

let t: TestContext;
let zhao: string;
let zhou: string;
let alertId: string;
beforeAll(async () => {
  t = await createTestContext();
  // 赵志强 (演示一村): a normal visit and one raising an alert; 周文斌 (演示二村): a normal visit.
  zhao = await listed(t, '赵志强', 3);
  await formTeam(t, zhao);
  await recordVisit(t, zhao, ['sifasuo', 'cun1'], { visitedAt: '2026-11-29T09:10:00+08:00' });
  alertId = (
    await recordVisit(t, zhao, ['sifasuo', 'cun1'], {
      extremeTendency: true,
      stateOfMind: '扬言报复',
      visitedAt: '2026-11-29T09:20:00+08:00',
    })
  ).alertId;
  zhou = await listed(t, '周文斌', 3);
  await formTeam(t, zhou);
  await recordVisit(t, zhou, ['sifasuo', 'cun2'], { visitedAt: '2026-11-29T09:30:00+08:00' });
});
afterAll(() => t.close());

interface Event {
  action: string;
  actorId: string;
  entityType: string | null;
  entityId: string | null;
  outcome: string;
  diff: { after?: { caseIds?: string[] } } | null;
}

/** The audit events of one action by one user, as 督导 finds them (newest first). */
async function eventsOf(action: string, username: string): Promise<Event[]> {
  const response = await (await t.as('ducha')).get(
    `/api/audit-events?pageSize=100&action=${action}&actorId=${uid(username)}`,
  );
  expect(response.statusCode).toBe(200);
  return response.json().items;
}

describe('reads of visits and alerts are audited', () => {
  it('GET /api/visits writes visit.list naming the cases shown', async () => {
    expect(await eventsOf('visit.list', 'pingan')).toEqual([]);
    const response = await (await t.as('pingan')).get('/api/visits?pageSize=100');
    expect(response.statusCode).toBe(200);
    expect(response.json().total).toBe(3);
    const events = await eventsOf('visit.list', 'pingan');
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ action: 'visit.list', entityType: 'case', outcome: 'success' });
    expect(events[0]?.diff?.after?.caseIds?.sort()).toEqual([zhao, zhou].sort());
    // A village's list names only its own case.
    await (await t.as('cun2')).get('/api/visits?pageSize=100');
    expect((await eventsOf('visit.list', 'cun2'))[0]?.diff?.after?.caseIds).toEqual([zhou]);
  });

  it('GET /api/cases/:id/visits writes visit.read on the case', async () => {
    expect(await eventsOf('visit.read', 'paichusuo')).toEqual([]);
    const response = await (await t.as('paichusuo')).get(`/api/cases/${zhao}/visits`);
    expect(response.statusCode).toBe(200);
    expect(response.json().total).toBe(2);
    expect(await eventsOf('visit.read', 'paichusuo')).toMatchObject([
      { entityType: 'case', entityId: zhao, outcome: 'success' },
    ]);
  });

  it('GET /api/alerts writes alert.list naming the cases shown', async () => {
    expect(await eventsOf('alert.list', 'paichusuo')).toEqual([]);
    const response = await (await t.as('paichusuo')).get('/api/alerts');
    expect(response.statusCode).toBe(200);
    expect(response.json().items.map((a: { id: string }) => a.id)).toEqual([alertId]);
    const events = await eventsOf('alert.list', 'paichusuo');
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ entityType: 'case', outcome: 'success', diff: { after: { caseIds: [zhao] } } });
  });

  it('GET /api/alerts/:id writes alert.read on the alert', async () => {
    expect(await eventsOf('alert.read', 'pingan')).toEqual([]);
    const response = await (await t.as('pingan')).get(`/api/alerts/${alertId}`);
    expect(response.statusCode).toBe(200);
    expect(await eventsOf('alert.read', 'pingan')).toMatchObject([
      { entityType: 'alert', entityId: alertId, outcome: 'success' },
    ]);
  });

  it('audits an alert read that finds nothing (404) as not_found: unknown, or outside the jurisdiction', async () => {
    const unknown = await (await t.as('pingan')).get(`/api/alerts/${UNKNOWN}`);
    expect(unknown.statusCode).toBe(404);
    const [latest] = await eventsOf('alert.read', 'pingan');
    expect(latest).toMatchObject({ entityType: 'alert', entityId: UNKNOWN, outcome: 'not_found' });
    expect(await eventsOf('alert.read', 'pingan')).toHaveLength(2);

    // 演示二村 may not see 赵志强's alert: the attempt is on record.
    const outside = await (await t.as('cun2')).get(`/api/alerts/${alertId}`);
    expect(outside.statusCode).toBe(404);
    expect(await eventsOf('alert.read', 'cun2')).toMatchObject([
      { entityType: 'alert', entityId: alertId, outcome: 'not_found' },
    ]);
  });
});
