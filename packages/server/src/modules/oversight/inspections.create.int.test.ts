// 督导检查 (POST /api/inspections): findings and rectification items recorded, the village told, audited; refusals.
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/context.js';
import { uid } from '../../../test/work.js';
import { auditEvents, notifications } from '../../db/schema.js';
import { DEMO_UNITS } from '../../seed/demo-town.js';
import { body, inspectionsKit } from './inspections.test-kit.js';
import { type OversightFixture, oversightFixture } from './oversight-fixtures.js';

let t: TestContext;
let f: OversightFixture;
beforeAll(async () => {
  t = await createTestContext();
  f = await oversightFixture(t);
});
afterAll(() => t.close());

const { createInspection, afterMidnight, written } = inspectionsKit(() => t);

describe('POST /api/inspections (督导检查)', () => {
  it('records findings and rectification items (201), tells the village, audited', async () => {
    const response = await (await t.as('pingan')).post('/api/inspections', body());
    expect(response.statusCode).toBe(201);
    const created = response.json();
    expect(created).toMatchObject({
      orgUnitId: DEMO_UNITS.village1,
      orgUnitName: '演示一村',
      orgUnitKind: 'village',
      caseId: null,
      personName: null,
      inspectedOn: '2026-11-28',
      inspectorId: uid('pingan'),
      inspectorName: '平安办 周安',
      rectificationCounts: { open: 2, done: 0, overdue: 0 },
      version: 1,
    });
    expect(created.rectifications).toEqual([
      expect.objectContaining({
        description: '补齐10月以来的随访签名',
        dueOn: '2026-12-10',
        status: 'open',
        doneOn: null,
        overdue: false,
        version: 1,
        abilities: { complete: true, reopen: false },
      }),
      expect.objectContaining({ description: '更新矛盾化解台账', dueOn: '2026-12-20' }),
    ]);
    const notices = await t.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.kind, 'inspection.created'), eq(notifications.orgUnitId, DEMO_UNITS.village1)));
    expect(notices).toHaveLength(1);
    expect(notices[0]?.body).toContain('整改事项2项');
    expect(notices[0]?.body).toContain('最早整改期限2026-12-10');
    const events = await t.db.select().from(auditEvents).where(eq(auditEvents.entityId, created.id));
    expect(events.map((e) => e.action)).toEqual(['inspection.create']);

    // The village cadre reads the notice among its own.
    const inbox = (await (await t.as('cun1')).get('/api/notifications')).json();
    expect(inbox.items.some((n: { kind: string }) => n.kind === 'inspection.created')).toBe(true);
  });

  it("inspects one case's team: the person is named", async () => {
    const created = await createInspection({ caseId: f.visitedCase, rectifications: [] });
    expect(created).toMatchObject({ caseId: f.visitedCase, personName: '赵志强', rectifications: [] });
    const [notice] = await t.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.kind, 'inspection.created'), eq(notifications.caseId, f.visitedCase)));
    expect(notice?.title).toBe('督导检查：演示一村（赵志强服务管理小组）');
    expect(notice?.body).toContain('未提出整改事项');
  });

  it('inspects a town', async () => {
    const created = await createInspection({ orgUnitId: DEMO_UNITS.town, rectifications: [] });
    expect(created).toMatchObject({ orgUnitName: '演示镇', orgUnitKind: 'town' });
  });

  it('accepts the date of today in Beijing just after midnight (UTC still yesterday)', async () => {
    const response = await afterMidnight('pingan', (caller) =>
      caller.post(
        '/api/inspections',
        body({ inspectedOn: '2026-11-30', rectifications: [{ description: '当日整改', dueOn: '2026-11-30' }] }),
      ),
    );
    expect(response.statusCode).toBe(201);
    expect(response.json().inspectedOn).toBe('2026-11-30');
  });

  it.each([
    [
      'a date in the future',
      { inspectedOn: '2026-11-30' },
      'inspectedOn',
      '检查日期(inspectedOn)：不能晚于今天（2026-11-29）',
    ],
    // Year 0 passes the date format but is no PostgreSQL date (it answered 500).
    ['a date in year 0', { inspectedOn: '0000-01-01' }, 'inspectedOn', '检查日期(inspectedOn)'],
    ['a date before 2000', { inspectedOn: '1999-12-31' }, 'inspectedOn', '检查日期(inspectedOn)：不能早于2000-01-01'],
    [
      'an item due before the inspection',
      {
        rectifications: [
          { description: '甲', dueOn: '2026-12-01' },
          { description: '乙', dueOn: '2026-11-27' },
        ],
      },
      'rectifications.1.dueOn',
      '整改事项(rectifications)·第2项·整改期限(dueOn)：不能早于检查日期（2026-11-28）',
    ],
    ['no findings', { findings: '  ' }, 'findings', '检查发现(findings)'],
    [
      'an item without a description',
      { rectifications: [{ description: '', dueOn: '2026-12-01' }] },
      'rectifications.0.description',
      '整改内容(description)',
    ],
    ['a malformed date', { inspectedOn: '2026-13-01' }, 'inspectedOn', '检查日期(inspectedOn)'],
    [
      'a department',
      { orgUnitId: DEMO_UNITS.peaceOffice },
      'orgUnitId',
      '检查对象(orgUnitId)：须为村（社区）或镇（街道）',
    ],
    ['a case of another village', { caseId: 'CASE_V2' }, 'caseId', '案件(caseId)：该人员不属于所选检查对象'],
    ['an unknown field', { score: 3 }, 'score', '不允许的字段'],
  ])('refuses %s (400, nothing written)', async (_name, overrides, field, message) => {
    const patched = { ...overrides } as Record<string, unknown>;
    if (patched.caseId === 'CASE_V2') patched.caseId = f.village2Case;
    const before = await written();
    const response = await (await t.as('pingan')).post('/api/inspections', body(patched));
    expect(response.statusCode).toBe(400);
    const error = response.json().error;
    expect(error.message).toContain(message);
    expect(error.details.map((d: { field: string }) => d.field)).toContain(field);
    expect(await written()).toEqual(before);
  });

  it.each([
    ['a village of another town', { orgUnitId: DEMO_UNITS.otherVillage }],
    ['an unknown unit', { orgUnitId: '00000000-0000-4000-8000-000000000000' }],
    ['a case of another town', { orgUnitId: DEMO_UNITS.town, caseId: 'FOREIGN' }],
  ])('answers 404 for %s, nothing written', async (_name, overrides) => {
    const patched = { ...overrides } as Record<string, unknown>;
    if (patched.caseId === 'FOREIGN') patched.caseId = f.foreignCase;
    const before = await written();
    const response = await (await t.as('pingan')).post('/api/inspections', body(patched));
    expect(response.statusCode).toBe(404);
    expect(await written()).toEqual(before);
  });

  it.each(['cun1', 'lingdao', 'paichusuo', 'admin'])('refuses %s (403), nothing written', async (username) => {
    const before = await written();
    const response = await (await t.as(username)).post('/api/inspections', body());
    expect(response.statusCode).toBe(403);
    expect(await written()).toEqual(before);
  });

  it('lets the district inspector inspect a village of any town of the district', async () => {
    const created = await createInspection(
      { orgUnitId: DEMO_UNITS.otherVillage, rectifications: [{ description: '示范村整改', dueOn: '2026-12-05' }] },
      'ducha',
    );
    expect(created).toMatchObject({ orgUnitName: '示范村', inspectorName: '督导 沈督' });
  });
});
