// 敏感时期: inside one, the town's obligations tighten at once (visits twice as often, daily
// consultation for level 2). A period moves every case of its town, so this file has its own database.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/context.js';
import { listed } from '../../../test/lifecycle.js';
import { dueDates, formTeam, listAt, obligationOf, recordVisit, rowCount, uid } from '../../../test/work.js';
import { sensitivePeriods } from '../../db/schema.js';
import { DEMO_UNITS } from '../../seed/demo-town.js';

let t: TestContext;
const ids: Record<string, string> = {};
beforeAll(async () => {
  t = await createTestContext();
  // 周文斌 listed at level 2 on 11-10 and visited on 11-25 (next visit due 12-02); 吴小红 listed today.
  ids.周文斌 = await listAt(t, '周文斌', 2, '2026-11-10T10:00:00+08:00');
  await formTeam(t, ids.周文斌);
  await recordVisit(t, ids.周文斌, ['sifasuo', 'cun2'], { visitedAt: '2026-11-25T10:00:00+08:00' });
  ids.吴小红 = await listed(t, '吴小红', 2);
});
afterAll(() => t.close());

const period = (overrides: Record<string, unknown> = {}) => ({
  name: '重大活动敏感时期',
  startsOn: '2026-11-29',
  endsOn: '2026-12-31',
  orgUnitId: DEMO_UNITS.town,
  ...overrides,
});
const postPeriod = async (body: unknown, as = 'pingan') => (await t.as(as)).post('/api/sensitive-periods', body);
const bothCases = async () => [await dueDates(t, ids.周文斌 as string), await dueDates(t, ids.吴小红 as string)];

describe('POST /api/sensitive-periods (敏感时期)', () => {
  it.each([
    ['an end before its start', { startsOn: '2026-12-10', endsOn: '2026-12-01' }, '结束日期(endsOn)：不能早于开始日期'],
    [
      'an end before today',
      { startsOn: '2026-11-01', endsOn: '2026-11-28' },
      '结束日期(endsOn)：不能早于今天（2026-11-29）',
    ],
    [
      'a start before today (obligations are not tightened in the past)',
      { startsOn: '2026-11-28' },
      '开始日期(startsOn)：不能早于今天（2026-11-29）',
    ],
    [
      'a town outside the jurisdiction',
      { orgUnitId: DEMO_UNITS.otherTown },
      '范围(orgUnitId)：不存在或不在您的管辖范围内',
    ],
    ['a village', { orgUnitId: DEMO_UNITS.village2 }, '范围(orgUnitId)：敏感时期应设定在镇（街道）、区或市'],
  ])('refuses %s with 400, writing nothing', async (_label, overrides, message) => {
    const response = await postPeriod(period(overrides));
    expect(response.statusCode).toBe(400);
    expect(response.json().error.message).toBe(message);
    expect(response.json().error.details[0].field).toBe(Object.keys(overrides).at(-1));
    expect(await rowCount(t, sensitivePeriods)).toBe(0);
  });

  it('is not declared by a village cadre (403)', async () => {
    expect((await postPeriod(period(), 'cun1')).statusCode).toBe(403);
    expect(await rowCount(t, sensitivePeriods)).toBe(0);
  });

  it('changes nothing today when it starts in the future', async () => {
    const before = await bothCases();
    const response = await postPeriod(period({ name: '元旦敏感时期', startsOn: '2026-12-30', endsOn: '2027-01-03' }));
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({ active: false, startsOn: '2026-12-30', orgUnitName: '演示镇' });
    expect(await bothCases()).toEqual(before);
  });

  it('changes nothing in a town it does not cover (示范镇, declared by the district)', async () => {
    const before = await bothCases();
    const response = await postPeriod(period({ name: '示范镇敏感时期', orgUnitId: DEMO_UNITS.otherTown }), 'quji');
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({ active: true, orgUnitName: '示范镇', createdBy: uid('quji') });
    expect(await bothCases()).toEqual(before);
    expect(await obligationOf(t, ids.周文斌 as string, 'visit')).toMatchObject({
      dueOn: '2026-12-02',
      sensitive: false,
    });
  });

  it('tightens the town’s cases from today: visits twice as often, and daily consultation for level 2', async () => {
    const response = await postPeriod(period());
    expect(response.statusCode).toBe(201);
    expect(response.json()).toEqual({
      id: expect.any(String),
      name: '重大活动敏感时期',
      startsOn: '2026-11-29',
      endsOn: '2026-12-31',
      orgUnitId: DEMO_UNITS.town,
      orgUnitName: '演示镇',
      active: true,
      createdBy: uid('pingan'),
    });
    // Level 2 visits every 7 days become every 3: the visit of 11-25 is next due on 11-28.
    expect(await obligationOf(t, ids.周文斌 as string, 'visit')).toMatchObject({
      dueOn: '2026-11-28',
      lastMetOn: '2026-11-25',
      overdueDays: 1,
      sensitive: true,
    });
    expect(await dueDates(t, ids.吴小红 as string)).toEqual({
      visit: '2026-12-02',
      joint_meeting: '2026-12-06',
      assessment_report: '2026-12-14',
      daily_consultation: '2026-11-30',
      responsibility_letter: '2026-12-06',
      review: '2026-12-29',
    });
  });

  it('owes the new daily consultation from the day the period starts, not from a listing weeks ago', async () => {
    // Nobody could consult daily on a case before the period asked for it: due tomorrow, not 18 days late.
    expect(await obligationOf(t, ids.周文斌 as string, 'daily_consultation')).toMatchObject({
      dueOn: '2026-11-30',
      lastMetOn: null,
      overdueDays: 0,
      sensitive: true,
    });
  });

  it('lists the periods that apply in the caller’s jurisdiction, with whether each is active', async () => {
    const names = async (as: string) =>
      (await (await t.as(as)).get('/api/sensitive-periods'))
        .json()
        .items.map((p: { name: string; active: boolean }) => [p.name, p.active]);
    expect(await names('pingan')).toEqual([
      ['元旦敏感时期', false],
      ['重大活动敏感时期', true],
    ]);
    expect(await names('cun1')).toEqual([
      ['元旦敏感时期', false],
      ['重大活动敏感时期', true],
    ]);
    expect((await names('quji')).map((p: [string, boolean]) => p[0]).sort()).toEqual(
      ['元旦敏感时期', '重大活动敏感时期', '示范镇敏感时期'].sort(),
    );
  });
});
