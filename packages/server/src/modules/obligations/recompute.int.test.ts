// The recompute statement (SQL, one per scope) and the pure due-date rule (TypeScript) must agree
// on every level, in and out of a sensitive period, met or never met, across month ends.
import type { PolicyBody } from '@anxin/shared';
import { inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/context.js';
import { TEST_KEYS } from '../../../test/seed.js';
import { cases, obligations, sensitivePeriods } from '../../db/schema.js';
import { DEMO_UNITS, demoIdNumber } from '../../seed/demo-town.js';
import { findUnit } from '../org/org.queries.js';
import { insertPerson } from '../persons/persons.service.js';
import { recomputeObligations } from './recompute.js';
import { DEFAULT_POLICY, dueOn, LEVELS, type Level, ruleTable } from './rules.js';

const TODAY = '2026-11-29';
/** 演示二村's sensitive period starts here: a kind it adds counts from its start, not the listing. */
const PERIOD_START = '2026-11-01';
/** Month ends (31st into a 28/29/30-day month), a leap year, and an ordinary date. */
const LISTED_ON = ['2026-01-31', '2025-12-31', '2024-01-31', '2026-08-31', '2026-11-01', '2026-02-28'];
/** Never met, met after the listing (a month end), met "before" it (the listing date wins). */
const LAST_MET: (string | null)[] = [null, '2026-03-31', '2024-02-29', '2026-11-20'];

interface GridCase {
  id: string;
  level: Level;
  sensitive: boolean;
  listedOn: string;
  lastMetOn: string | null;
}

/** A policy far from the defaults: a divisor of 3, months that do not divide, a shorter extra. */
const CUSTOM: PolicyBody = {
  ...DEFAULT_POLICY,
  intervals: {
    1: { daily_consultation: { days: 1 }, daily_report: { days: 2 } },
    2: { visit: { days: 10 }, joint_meeting: { months: 2 }, assessment_report: { months: 1 } },
    3: { visit: { months: 1 }, joint_meeting: { days: 45 }, assessment_report: { months: 3 } },
  },
  sensitive: { divisor: 3, extra: { 1: {}, 2: { daily_consultation: { days: 2 } }, 3: { visit: { days: 5 } } } },
  responsibilityLetterDays: 10,
  emergencyPlanDays: 5,
};

let t: TestContext;
const grid: GridCase[] = [];

beforeAll(async () => {
  t = await createTestContext();
  const [plain, sensitive] = [await findUnit(t.db, DEMO_UNITS.village1), await findUnit(t.db, DEMO_UNITS.village2)];
  if (!plain || !sensitive) throw new Error('demo villages missing');
  // 演示二村 is in a sensitive period that covers the test's today; 演示一村 is not.
  await t.db.insert(sensitivePeriods).values({
    name: '测试敏感时期',
    startsOn: PERIOD_START,
    endsOn: '2026-12-31',
    orgUnitId: sensitive.id,
    orgUnitPath: sensitive.path,
  });
  let n = 0;
  for (const level of LEVELS) {
    for (const inPeriod of [false, true]) {
      for (const listedOn of LISTED_ON) {
        for (const lastMetOn of LAST_MET) {
          n += 1;
          const village = inPeriod ? sensitive : plain;
          const person = await insertPerson(t.db, TEST_KEYS, {
            name: `网格${n}`,
            idNumber: demoIdNumber('19800101', 300 + n),
            householdOrgUnitId: village.id,
            householdPath: village.path,
            householdAddress: `测试地址${n}号`,
            residencePath: null,
            createdBy: null,
          });
          const id = crypto.randomUUID();
          await t.db.insert(cases).values({
            id,
            personId: person.id,
            source: 'screening',
            categories: ['C1'],
            indicators: [],
            proposedLevel: level,
            level,
            status: 'listed',
            basis: '测试依据',
            resolutionPlan: '测试化解方案',
            responsibleOrgUnitIds: [DEMO_UNITS.peaceOffice],
            proposedOn: listedOn,
            listedOn,
            responsibleTownId: DEMO_UNITS.town,
            responsiblePath: village.path,
          });
          grid.push({ id, level, sensitive: inPeriod, listedOn, lastMetOn });
        }
      }
    }
  }
  // Rows are created from the listing before the period began, then met on each case's date.
  await recomputeObligations(t.db, DEFAULT_POLICY, '2026-10-31', { all: true });
  for (const c of grid.filter((g) => g.lastMetOn)) {
    await t.db.execute(sql`
      UPDATE obligations SET last_met_on = ${c.lastMetOn}::date WHERE case_id = ${c.id}::uuid
    `);
  }
}, 240_000);
afterAll(() => t.close());

/** What the TypeScript rule says each case owes: (case, kind) → due date. */
function expected(policy: PolicyBody) {
  const rules = ruleTable(policy);
  return grid
    .flatMap((c) =>
      rules
        .filter((r) => r.level === c.level && r.sensitive === c.sensitive)
        .map((r) => {
          // Kinds the case owed since its listing keep their dates; one the period added starts with it.
          const sinceListing =
            r.kind === 'responsibility_letter' ||
            ruleTable(DEFAULT_POLICY).some((d) => d.level === c.level && !d.sensitive && d.kind === r.kind);
          const sinceOn = sinceListing || c.listedOn > PERIOD_START ? c.listedOn : PERIOD_START;
          return {
            caseId: c.id,
            kind: r.kind as string,
            sensitive: c.sensitive,
            dueOn: dueOn(r, { sinceOn, lastMetOn: sinceListing ? c.lastMetOn : null }),
          };
        }),
    )
    .sort(byKey);
}

async function actual() {
  const rows = await t.db
    .select()
    .from(obligations)
    .where(
      inArray(
        obligations.caseId,
        grid.map((c) => c.id),
      ),
    );
  return rows
    .map((r) => ({ caseId: r.caseId as string, kind: r.kind, sensitive: r.sensitive, dueOn: r.dueOn }))
    .sort(byKey);
}

function byKey(a: { caseId: string; kind: string }, b: { caseId: string; kind: string }) {
  return `${a.caseId}/${a.kind}` < `${b.caseId}/${b.kind}` ? -1 : 1;
}

const find = (level: Level, inPeriod: boolean, listedOn: string, lastMetOn: string | null) => {
  const found = grid.find(
    (c) => c.level === level && c.sensitive === inPeriod && c.listedOn === listedOn && c.lastMetOn === lastMetOn,
  );
  if (!found) throw new Error('no such grid case');
  return found.id;
};

describe('recompute (SQL) agrees with dueOn (TypeScript)', () => {
  it(`under the default policy: ${LEVELS.length * 2 * LISTED_ON.length * LAST_MET.length} cases`, async () => {
    await recomputeObligations(t.db, DEFAULT_POLICY, TODAY, { all: true });
    const rows = await actual();
    expect(rows.length).toBeGreaterThan(grid.length * 4);
    expect(rows).toEqual(expected(DEFAULT_POLICY));
  });

  it('clamps to the month’s end: 01-31 + 1 month = 02-28, + 2 months from 12-31 = 02-28, leap 02-29', async () => {
    const due = async (caseId: string, kind: string) =>
      (await actual()).find((r) => r.caseId === caseId && r.kind === kind)?.dueOn;
    expect(await due(find(2, false, '2026-01-31', null), 'assessment_report')).toBe('2026-02-28');
    expect(await due(find(3, false, '2025-12-31', null), 'assessment_report')).toBe('2026-02-28');
    expect(await due(find(2, false, '2024-01-31', null), 'assessment_report')).toBe('2024-02-29');
    expect(await due(find(3, true, '2026-01-31', null), 'assessment_report')).toBe('2026-02-28');
    expect(await due(find(2, false, '2026-08-31', '2026-03-31'), 'assessment_report')).toBe('2026-09-30');
    expect(await due(find(2, true, '2026-01-31', null), 'assessment_report')).toBe('2026-02-15');
    expect(await due(find(2, false, '2026-11-01', '2026-11-20'), 'visit')).toBe('2026-11-27');
    expect(await due(find(2, true, '2026-11-01', '2026-11-20'), 'visit')).toBe('2026-11-23');
    expect(await due(find(1, false, '2026-11-01', '2026-11-20'), 'emergency_plan')).toBeNull();
    expect(await due(find(1, false, '2026-11-01', null), 'emergency_plan')).toBe('2026-11-04');
  });

  it('under a policy with other intervals and divisor 3', async () => {
    await recomputeObligations(t.db, CUSTOM, TODAY, { all: true });
    expect(await actual()).toEqual(expected(CUSTOM));
  });

  it('back under the defaults, a scoped recompute touches only its cases', async () => {
    const one = find(3, true, '2026-01-31', '2026-03-31');
    await recomputeObligations(t.db, DEFAULT_POLICY, TODAY, { caseIds: [one] });
    const rows = await actual();
    expect(rows.filter((r) => r.caseId === one)).toEqual(expected(DEFAULT_POLICY).filter((r) => r.caseId === one));
    expect(rows.filter((r) => r.caseId !== one)).toEqual(expected(CUSTOM).filter((r) => r.caseId !== one));
  });
});
