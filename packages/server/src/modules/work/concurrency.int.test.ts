// Concurrent events on one case. Every obligation writer locks the case first (see lockCases), so
// on PostgreSQL two events on one case queue instead of deadlocking (a 500), and a recompute never
// works from a snapshot taken before the event ahead of it committed (a stale due date). PGlite
// runs one transaction at a time, so this file matters most under ANXIN_TEST_DRIVER=postgres.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/context.js';
import { formTeam, listAt, obligationOf, postVisit, uid } from '../../../test/work.js';
import { DEMO_UNITS } from '../../seed/demo-town.js';
import { DEFAULT_POLICY } from '../obligations/rules.js';

let t: TestContext;
let caseId: string;
beforeAll(async () => {
  t = await createTestContext();
  // Level 2 (visit every 7 days, joint meeting every 15, assessment report monthly), listed 11-10.
  caseId = await listAt(t, '赵志强', 2, '2026-11-10T10:00:00+08:00');
  await formTeam(t, caseId);
});
afterAll(() => t.close());

const REPORT = {
  findings: '本月情绪稳定，按时服药。',
  harmAssessment: '现实危害性较低。',
  recommendedMeasures: '继续落实帮扶措施。',
};

/** 2026-11-(day) plus `days`, as a date (plain UTC arithmetic, independent of the server's). */
const plusDays = (day: number, days: number) => new Date(Date.UTC(2026, 10, day + days)).toISOString().slice(0, 10);

describe('a visit, a report, a joint meeting (and a policy version) at once on one level-2 case', () => {
  it('answers every request with success and leaves no stale due date, for 8 rounds', async () => {
    const [sifasuo, pingan, admin] = [await t.as('sifasuo'), await t.as('pingan'), await t.as('admin')];
    // The policy in force, again, from today: a whole-scope recompute racing the events.
    const samePolicy = { ...structuredClone(DEFAULT_POLICY), effectiveFrom: '2026-11-29' };
    for (let round = 1; round <= 8; round++) {
      const day = 20 + round; // 11-21 … 11-28
      const date = `2026-11-${day}`;
      const withPolicy = round % 2 === 0;
      const responses = await Promise.all([
        postVisit(t, caseId, ['sifasuo', 'cun1'], { visitedAt: `${date}T09:00:00+08:00` }, 'sifasuo'),
        sifasuo.post(`/api/cases/${caseId}/assessment-reports`, {
          ...REPORT,
          period: `第${round}轮`,
          reportedOn: date,
        }),
        pingan.post('/api/meetings', {
          kind: 'joint',
          heldAt: `${date}T15:00:00+08:00`,
          orgUnitId: DEMO_UNITS.town,
          participantUserIds: [uid('pingan'), uid('sifasuo')],
          caseIds: [caseId],
          minutes: `联席会议纪要（第${round}轮）`,
        }),
        ...(withPolicy ? [admin.put('/api/policy', samePolicy)] : []),
      ]);
      expect(
        responses.map((r) => r.statusCode),
        `round ${round}: ${responses.map((r) => r.body.slice(0, 200)).join(' | ')}`,
      ).toEqual([201, 201, 201, ...(withPolicy ? [200] : [])]);

      // Each due date counts from the record of this round, whichever transaction committed last.
      expect(await obligationOf(t, caseId, 'visit'), `round ${round}`).toMatchObject({
        lastMetOn: date,
        dueOn: plusDays(day, 7),
      });
      expect(await obligationOf(t, caseId, 'joint_meeting'), `round ${round}`).toMatchObject({
        lastMetOn: date,
        dueOn: plusDays(day, 15),
      });
      expect(await obligationOf(t, caseId, 'assessment_report'), `round ${round}`).toMatchObject({
        lastMetOn: date,
        dueOn: `2026-12-${day}`,
      });
    }
  });

  it('ends with the last round’s dates: visit due 12-05, joint meeting 12-13, report 12-28', async () => {
    expect(await obligationOf(t, caseId, 'visit')).toMatchObject({
      lastMetOn: '2026-11-28',
      dueOn: '2026-12-05',
      overdueDays: 0,
    });
    expect(await obligationOf(t, caseId, 'joint_meeting')).toMatchObject({
      lastMetOn: '2026-11-28',
      dueOn: '2026-12-13',
    });
    expect(await obligationOf(t, caseId, 'assessment_report')).toMatchObject({
      lastMetOn: '2026-11-28',
      dueOn: '2026-12-28',
    });
    const visits = (await (await t.as('pingan')).get(`/api/cases/${caseId}/visits?pageSize=100`)).json();
    expect(visits.total).toBe(8);
    const policy = (await (await t.as('admin')).get('/api/policy')).json();
    expect(policy.versions).toHaveLength(4);
  });
});
