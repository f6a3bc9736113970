// 督导检查 read back: the list and one inspection (audited), and 抽查 (drawing visits and missed cases to check).
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/context.js';
import { rowCount, uid } from '../../../test/work.js';
import { auditEvents } from '../../db/schema.js';
import { DEMO_UNITS } from '../../seed/demo-town.js';
import { inspectionsKit } from './inspections.test-kit.js';
import { type OversightFixture, oversightFixture } from './oversight-fixtures.js';

let t: TestContext;
let f: OversightFixture;
beforeAll(async () => {
  t = await createTestContext();
  f = await oversightFixture(t);
});
afterAll(() => t.close());

const { createInspection } = inspectionsKit(() => t);

describe('GET /api/inspections and /api/inspections/:id', () => {
  let overdueInspection: string;
  let foreignInspection: string;
  beforeAll(async () => {
    overdueInspection = (
      await createInspection({
        orgUnitId: DEMO_UNITS.village2,
        inspectedOn: '2026-11-01',
        rectifications: [
          { description: '二村逾期事项', dueOn: '2026-11-10' },
          { description: '二村未到期事项', dueOn: '2026-12-31' },
        ],
      })
    ).id;
    foreignInspection = (await createInspection({ orgUnitId: DEMO_UNITS.otherVillage, rectifications: [] }, 'ducha'))
      .id;
    // An inspection of 赵志强's team, as recording inspections leaves one.
    await createInspection({ caseId: f.visitedCase, rectifications: [] });
  });

  it('lists the inspections in the jurisdiction with names and counts, newest first', async () => {
    const response = await (await t.as('pingan')).get('/api/inspections?pageSize=100');
    expect(response.statusCode).toBe(200);
    const { items, total } = response.json();
    expect(total).toBe(items.length);
    expect(items.some((i: { id: string }) => i.id === foreignInspection)).toBe(false);
    expect(items.every((i: { orgUnitName: string }) => i.orgUnitName !== '示范村')).toBe(true);
    const overdue = items.find((i: { id: string }) => i.id === overdueInspection);
    expect(overdue).toMatchObject({
      orgUnitName: '演示二村',
      inspectorName: '平安办 周安',
      rectificationCounts: { open: 2, done: 0, overdue: 1 },
    });
    const dates = items.map((i: { inspectedOn: string }) => i.inspectedOn);
    expect(dates).toEqual([...dates].sort().reverse());
  });

  it('filters by unit (its subtree) and by case', async () => {
    const village2 = (await (await t.as('pingan')).get(`/api/inspections?orgUnitId=${DEMO_UNITS.village2}`)).json();
    expect(village2.items.map((i: { id: string }) => i.id)).toEqual([overdueInspection]);
    const town = (await (await t.as('pingan')).get(`/api/inspections?orgUnitId=${DEMO_UNITS.town}`)).json();
    expect(town.total).toBeGreaterThan(village2.total);
    const ofCase = (await (await t.as('pingan')).get(`/api/inspections?caseId=${f.visitedCase}`)).json();
    expect(ofCase.items.map((i: { personName: string }) => i.personName)).toEqual(['赵志强']);
    const foreign = (await (await t.as('pingan')).get(`/api/inspections?orgUnitId=${DEMO_UNITS.otherVillage}`)).json();
    expect(foreign).toEqual({ items: [], total: 0 });
  });

  it('audits a list that names a person', async () => {
    const before = await rowCount(t, auditEvents, eq(auditEvents.action, 'inspection.list'));
    await (await t.as('pingan')).get(`/api/inspections?caseId=${f.visitedCase}`);
    expect(await rowCount(t, auditEvents, eq(auditEvents.action, 'inspection.list'))).toBe(before + 1);
  });

  it('shows the district inspector every town; the leader reads; others are refused', async () => {
    const all = (await (await t.as('ducha')).get('/api/inspections?pageSize=100')).json();
    expect(all.items.some((i: { id: string }) => i.id === foreignInspection)).toBe(true);
    expect((await (await t.as('lingdao')).get('/api/inspections')).statusCode).toBe(200);
    expect((await (await t.as('cun1')).get('/api/inspections')).statusCode).toBe(403);
    expect((await (await t.as('minzheng')).get('/api/inspections')).statusCode).toBe(403);
  });

  it('reads one inspection with its items, audited', async () => {
    const response = await (await t.as('lingdao')).get(`/api/inspections/${overdueInspection}`);
    expect(response.statusCode).toBe(200);
    const detail = response.json();
    expect(detail.rectifications).toEqual([
      expect.objectContaining({ description: '二村逾期事项', overdue: true, overdueDays: 19 }),
      expect.objectContaining({ description: '二村未到期事项', overdue: false, overdueDays: 0 }),
    ]);
    // The leader reads; neither completing nor reopening is theirs.
    expect(detail.rectifications[0].abilities).toEqual({ complete: false, reopen: false });
    const events = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.entityId, overdueInspection), eq(auditEvents.action, 'inspection.read')));
    expect(events).toHaveLength(1);
  });

  it('answers 404 for an inspection of another town (audited as not found)', async () => {
    const response = await (await t.as('pingan')).get(`/api/inspections/${foreignInspection}`);
    expect(response.statusCode).toBe(404);
    const [event] = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.entityId, foreignInspection), eq(auditEvents.action, 'inspection.read')));
    expect(event?.outcome).toBe('not_found');
  });
});

describe('GET /api/inspections/sample (抽查)', () => {
  const sample = async (query: string, as = 'pingan') => (await t.as(as)).get(`/api/inspections/sample?${query}`);

  it('draws visits of the last 30 days in the unit, the same for the same seed', async () => {
    const response = await sample(`orgUnitId=${DEMO_UNITS.village1}&kind=visits&n=1&seed=abc`);
    expect(response.statusCode).toBe(200);
    const first = response.json();
    expect(first).toMatchObject({
      orgUnitId: DEMO_UNITS.village1,
      orgUnitName: '演示一村',
      kind: 'visits',
      seed: 'abc',
      population: 2,
      from: '2026-10-31',
      to: '2026-11-29',
      cases: [],
    });
    expect(first.visits).toHaveLength(1);
    expect(f.visitIds.recent).toContain(first.visits[0].visitId);
    expect(first.visits[0]).toMatchObject({
      caseId: f.visitedCase,
      personName: '赵志强',
      level: 3,
      visitors: [
        { userId: uid('pingan'), displayName: '平安办 周安' },
        { userId: uid('cun1'), displayName: '演示一村 陈村' },
      ],
      controlStatus: 'in_control',
      extremeTendency: false,
    });
    for (let i = 0; i < 3; i++) {
      const again = (await sample(`orgUnitId=${DEMO_UNITS.village1}&kind=visits&n=1&seed=abc`)).json();
      expect(again.visits).toEqual(first.visits);
    }
    const all = (await sample(`orgUnitId=${DEMO_UNITS.village1}&kind=visits&n=5&seed=abc`)).json();
    expect(all.visits.map((v: { visitId: string }) => v.visitId).sort()).toEqual([...f.visitIds.recent].sort());
    expect(all.visits.map((v: { visitId: string }) => v.visitId)).not.toContain(f.visitIds.old);
  });

  it('differs between seeds (over a few draws) and picks a seed when none is given', async () => {
    const draws = new Set<string>();
    for (const seed of ['a', 'b', 'c', 'd', 'e', 'f']) {
      const result = (await sample(`orgUnitId=${DEMO_UNITS.village1}&kind=visits&n=1&seed=${seed}`)).json();
      draws.add(result.visits[0].visitId);
    }
    expect(draws.size).toBe(2);
    const unseeded = (await sample(`orgUnitId=${DEMO_UNITS.village1}&kind=visits`)).json();
    expect(unseeded.seed).toMatch(/^[0-9a-f]{8}$/);
    const replay = (await sample(`orgUnitId=${DEMO_UNITS.village1}&kind=visits&seed=${unseeded.seed}`)).json();
    expect(replay.visits).toEqual(unseeded.visits);
  });

  it('draws cases with overdue obligations, with the overdue kinds', async () => {
    const result = (await sample(`orgUnitId=${DEMO_UNITS.village1}&kind=missed&n=10&seed=x`)).json();
    expect(result).toMatchObject({ kind: 'missed', from: null, visits: [] });
    const unvisited = result.cases.find((c: { caseId: string }) => c.caseId === f.unvisitedCase);
    expect(unvisited).toMatchObject({ personName: '钱秀兰', level: 3 });
    expect(unvisited.overdue).toContainEqual({ kind: 'visit', dueOn: '2026-10-15', overdueDays: 45 });
    // Only 演示一村's cases; the other village's overdue case is not among them.
    expect(result.cases.map((c: { caseId: string }) => c.caseId)).not.toContain(f.village2Case);
    expect(result.population).toBe(result.cases.length);

    const village2 = (await sample(`orgUnitId=${DEMO_UNITS.village2}&kind=missed&seed=x`)).json();
    expect(village2.cases).toEqual([
      expect.objectContaining({
        caseId: f.village2Case,
        personName: '周文斌',
        overdue: expect.arrayContaining([{ kind: 'visit', dueOn: '2026-11-27', overdueDays: 2 }]),
      }),
    ]);
    const few = (await sample(`orgUnitId=${DEMO_UNITS.town}&kind=missed&n=1&seed=x`)).json();
    expect(few.cases).toHaveLength(1);
    expect(few.population).toBeGreaterThanOrEqual(3);
  });

  it('audits the draw with the cases it showed', async () => {
    const result = (await sample(`orgUnitId=${DEMO_UNITS.village2}&kind=missed&seed=audit1`)).json();
    const events = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'inspection.sample'), eq(auditEvents.entityId, DEMO_UNITS.village2)));
    const last = events.at(-1);
    expect(last?.diff).toMatchObject({
      after: { kind: 'missed', seed: 'audit1', caseIds: result.cases.map((c: { caseId: string }) => c.caseId) },
    });
  });

  it.each([
    ['n=0', `orgUnitId=${DEMO_UNITS.village1}&kind=visits&n=0`, 'n'],
    ['n=51', `orgUnitId=${DEMO_UNITS.village1}&kind=visits&n=51`, 'n'],
    ['an unknown kind', `orgUnitId=${DEMO_UNITS.village1}&kind=all`, 'kind'],
    ['a seed with spaces', `orgUnitId=${DEMO_UNITS.village1}&kind=visits&seed=a%20b`, 'seed'],
    ['no unit', 'kind=visits', 'orgUnitId'],
    ['a department', `orgUnitId=${DEMO_UNITS.peaceOffice}&kind=visits`, 'orgUnitId'],
  ])('refuses %s (400)', async (_name, query, field) => {
    const response = await sample(query);
    expect(response.statusCode).toBe(400);
    expect(response.json().error.details[0].field).toBe(field);
  });

  it('answers 404 for a unit of another town and 403 for roles that do not inspect', async () => {
    expect((await sample(`orgUnitId=${DEMO_UNITS.otherVillage}&kind=visits`)).statusCode).toBe(404);
    expect((await sample(`orgUnitId=${DEMO_UNITS.otherVillage}&kind=missed`, 'ducha')).statusCode).toBe(200);
    expect((await sample(`orgUnitId=${DEMO_UNITS.village1}&kind=visits`, 'cun1')).statusCode).toBe(403);
    expect((await sample(`orgUnitId=${DEMO_UNITS.village1}&kind=visits`, 'lingdao')).statusCode).toBe(403);
  });
});
