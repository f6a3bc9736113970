// The hand-built month the statistics tests count (November 2026; the test clock stands at
// 2026-11-29 10:00 Beijing):
//
//   person          village   history                                         on 11-29
//   赵志强           一村      listed L2 10-10, changed to L1 11-05, [C1]       L1
//   钱秀兰           一村      listed L3 11-10, [C2, C5]                        L3
//   孙德明           一村      listed L3 09-15 (lives in 社区), delisted 11-20  delisted (stable_life)
//   周文斌           二村      listed L2 11-12, [C4]                            L2
//   郑国平           二村      listed L3 10-20 (lives in 一村), [C4]            L3 (一村 assists)
//   =HYPERLINK(…)   二村      emergency listing L1 11-26 by 派出所, [C8]        L1
//   王淑珍           社区      proposed 11-25                                   proposed
//   卫红英           示范村    listed L3 (the other town)                       never counted in 演示镇
//
// Obligations, help items, grievances, alerts, returns, visits and reports are written straight to
// the tables, so the expected counts below are known by construction.

import type { TestContext } from '../../../test/context.js';
import { decide, insertListedCase, proposeIntake, recordNotice } from '../../../test/lifecycle.js';
import { meetingAt } from '../../../test/work.js';
import {
  alerts,
  assessmentReports,
  dailyReports,
  grievances,
  obligations,
  orgUnits,
  screeningReports,
  serviceItems,
  visits,
} from '../../db/schema.js';
import { DEMO_PERSON_IDS, DEMO_UNITS, DEMO_USERS, demoIdNumber } from '../../seed/demo-town.js';

export const FORMULA_NAME = '=HYPERLINK("http://x","点我")';

const INDICATOR = { 1: 'L1_1', 2: 'L2_1', 3: 'L3_1' } as const;
const at = (date: string) => `${date}T10:00:00+08:00`;

/** Writes the month above into the database of `t`. */
export async function buildStatsFixture(t: TestContext): Promise<void> {
  const U = DEMO_UNITS;
  const cases: Record<string, string> = {};
  const persons: Record<string, string> = { ...DEMO_PERSON_IDS } as Record<string, string>;
  const paths: Record<string, string> = {};

  /** Proposed and listed by an assessment meeting held on `date`, with the given categories. */
  async function listOn(name: string, level: 1 | 2 | 3, date: string, categories: string[], village: string) {
    const created = await proposeIntake(t, name, {
      personId: persons[name],
      proposedLevel: level,
      proposedOn: date,
      categories,
      indicators: [INDICATOR[level]],
      responsibleOrgUnitIds: [U.peaceOffice, U.policeStation, village],
    });
    const meeting = await meetingAt(t, 'assessment', at(date), [created.id]);
    const response = await decide(t, meeting.id, { caseId: created.id, outcome: 'list', level });
    if (response.statusCode !== 201) throw new Error(`list ${name}: ${response.statusCode} ${response.body}`);
    cases[name] = created.id;
  }

  async function changeLevelOn(name: string, level: 1 | 2 | 3, date: string) {
    const caseId = cases[name] as string;
    const proposal = await (await t.as('pingan')).post(`/api/cases/${caseId}/proposals`, {
      kind: 'level_change',
      proposedLevel: level,
      basis: '近期思想波动较大。',
      proposedOn: date,
    });
    if (proposal.statusCode !== 201) throw new Error(`proposal: ${proposal.statusCode} ${proposal.body}`);
    const meeting = await meetingAt(t, 'assessment', at(date), [caseId]);
    const response = await decide(t, meeting.id, { caseId, outcome: 'change_level', level });
    if (response.statusCode !== 201) throw new Error(`change: ${response.statusCode} ${response.body}`);
  }
  for (const unit of await t.db.select().from(orgUnits)) paths[unit.id] = unit.path;
  const created = await (await t.as('pingan')).post('/api/persons', {
    name: FORMULA_NAME,
    idNumber: demoIdNumber('19850101', 201),
    householdOrgUnitId: U.village2,
    householdAddress: '演示二村7组1号',
  });
  if (created.statusCode !== 201) throw new Error(`person: ${created.statusCode} ${created.body}`);
  persons[FORMULA_NAME] = created.json().id;

  await listOn('孙德明', 3, '2026-09-15', ['C4'], U.village1);
  await listOn('赵志强', 2, '2026-10-10', ['C1'], U.village1);
  await listOn('郑国平', 3, '2026-10-20', ['C4'], U.village2);
  await changeLevelOn('赵志强', 1, '2026-11-05');
  await listOn('钱秀兰', 3, '2026-11-10', ['C2', 'C5'], U.village1);
  await listOn('周文斌', 2, '2026-11-12', ['C4'], U.village2);
  await recordNotice(t, cases.孙德明 as string);
  const delisting = await meetingAt(t, 'assessment', at('2026-11-20'), [cases.孙德明 as string]);
  const delisted = await decide(t, delisting.id, {
    caseId: cases.孙德明,
    outcome: 'delist',
    reasonCode: 'stable_life',
    reason: '已稳定就业。',
  });
  if (delisted.statusCode !== 201) throw new Error(`delist: ${delisted.statusCode} ${delisted.body}`);
  const emergency = await (await t.as('paichusuo')).post('/api/cases', {
    personId: persons[FORMULA_NAME],
    source: 'emergency',
    categories: ['C8'],
    indicators: ['L1_1'],
    proposedLevel: 1,
    basis: '扬言报复，已紧急稳控。',
    resolutionPlan: '派出所、平安办联合稳控。',
    responsibleOrgUnitIds: [U.peaceOffice, U.policeStation, U.village2],
    proposedOn: '2026-11-26',
  });
  if (emergency.statusCode !== 201) throw new Error(`emergency: ${emergency.statusCode} ${emergency.body}`);
  cases[FORMULA_NAME] = emergency.json().id;
  await proposeIntake(t, '王淑珍', {
    proposedOn: '2026-11-25',
    responsibleOrgUnitIds: [U.peaceOffice, U.policeStation, U.community],
  });
  cases.卫红英 = await insertListedCase(t.db, persons.卫红英 as string, {
    responsible: paths[U.otherVillage] as string,
    townId: U.otherTown,
  });

  // Obligations as they stand: four overdue in 演示镇, one due later, one overdue in 示范镇.
  await t.db.delete(obligations);
  const due = (name: string, kind: string, village: string, dueOn: string, assisting: string | null = null) => ({
    caseId: cases[name] as string,
    personId: persons[name] as string,
    kind,
    level: 3,
    orgUnitId: village,
    path: paths[village] as string,
    assistingPath: assisting,
    sinceOn: '2026-11-01',
    dueOn,
  });
  await t.db.insert(obligations).values([
    due('赵志强', 'visit', U.village1, '2026-11-20'),
    due('钱秀兰', 'joint_meeting', U.village1, '2026-11-28'),
    due('周文斌', 'visit', U.village2, '2026-11-10'),
    due('郑国平', 'visit', U.village2, '2026-12-05', paths[U.village1]),
    due('卫红英', 'visit', U.otherVillage, '2026-11-01'),
    {
      kind: 'screening_report',
      orgUnitId: U.community,
      month: '2026-11',
      path: paths[U.community] as string,
      sinceOn: '2026-11-01',
      dueOn: '2026-11-21',
    },
  ]);

  // November returns: 一村 on time, 二村 late, 社区 none; 示范村 on time (other town).
  const report = (unit: string, onTime: boolean, submittedAt: string) => ({
    orgUnitId: unit,
    orgUnitPath: paths[unit] as string,
    month: '2026-11',
    zeroReport: true,
    status: 'submitted',
    submittedAt: new Date(submittedAt),
    onTime,
  });
  await t.db
    .insert(screeningReports)
    .values([
      report(U.village1, true, '2026-11-15T10:00:00+08:00'),
      report(U.village2, false, '2026-11-25T10:00:00+08:00'),
      report(U.otherVillage, true, '2026-11-10T10:00:00+08:00'),
    ]);

  // Visits: two in November and one in October for 赵志强; one in November in 示范镇.
  const visit = (name: string, day: string) => ({
    caseId: cases[name] as string,
    visitedAt: new Date(at(day)),
    visitedOn: day,
    visitorUserIds: [DEMO_USERS.pingan as string, DEMO_USERS.cun1 as string],
    livingSituation: '生活正常',
    activities: '务农',
    stateOfMind: '平稳',
    controlStatus: 'in_control',
    extremeTendency: false,
    measures: '继续随访',
    recordedBy: DEMO_USERS.pingan as string,
  });
  await t.db
    .insert(visits)
    .values([
      visit('赵志强', '2026-11-10'),
      visit('赵志强', '2026-11-24'),
      visit('赵志强', '2026-10-20'),
      visit('卫红英', '2026-11-10'),
    ]);
  await t.db.insert(assessmentReports).values({
    caseId: cases.周文斌 as string,
    period: '2026-11',
    reportedOn: '2026-11-20',
    findings: '情绪平稳',
    harmAssessment: '危害性较低',
    recommendedMeasures: '继续帮扶',
    authorId: DEMO_USERS.pingan as string,
  });
  await t.db.insert(dailyReports).values(
    ['2026-11-27', '2026-11-28'].map((day) => ({
      caseId: cases.赵志强 as string,
      reportedOn: day,
      content: '情况稳定',
      authorId: DEMO_USERS.pingan as string,
    })),
  );

  // Help items: three in 演示镇 (two created in November, one completed in November), one in 示范镇.
  const service = (name: string, type: string, status: string, created: string, completedOn: string | null) => ({
    caseId: cases[name] as string,
    personId: persons[name] as string,
    type,
    status,
    responsibleOrgUnitId: U.civilAffairs,
    description: '帮扶',
    completedOn,
    createdBy: DEMO_USERS.minzheng as string,
    createdAt: new Date(at(created)),
  });
  await t.db
    .insert(serviceItems)
    .values([
      service('赵志强', 'legal_aid', 'in_progress', '2026-11-03', null),
      service('赵志强', 'minimum_living_allowance', 'done', '2026-10-05', '2026-11-15'),
      service('周文斌', 'psychological_counselling', 'planned', '2026-11-20', null),
      service('卫红英', 'legal_aid', 'planned', '2026-11-20', null),
    ]);
  const grievance = (name: string, status: string, created: string, dueOn: string, resolvedOn: string | null) => ({
    caseId: cases[name] as string,
    personId: persons[name] as string,
    type: 'neighbour',
    description: '邻里纠纷',
    responsibleOrgUnitId: U.judicialOffice,
    status,
    dueOn,
    resolvedOn,
    createdBy: DEMO_USERS.sifasuo as string,
    createdAt: new Date(at(created)),
  });
  await t.db
    .insert(grievances)
    .values([
      grievance('钱秀兰', 'open', '2026-11-05', '2026-11-25', null),
      grievance('周文斌', 'resolved', '2026-10-20', '2026-11-30', '2026-11-18'),
      grievance('卫红英', 'open', '2026-11-05', '2026-11-20', null),
    ]);
  const alert = (name: string, village: string, occurred: string, status: string, extra = {}) => ({
    caseId: cases[name] as string,
    personId: persons[name] as string,
    source: 'report',
    description: '情绪激动',
    occurredAt: new Date(at(occurred)),
    status,
    path: paths[village] as string,
    reportedBy: DEMO_USERS.cun1 as string,
    ...extra,
  });
  await t.db.insert(alerts).values([
    alert('赵志强', U.village1, '2026-11-08', 'disposed', {
      policeRespondedAt: new Date('2026-11-08T10:20:00+08:00'),
      disposedAt: new Date('2026-11-09T09:00:00+08:00'),
      disposition: '已劝导',
    }),
    alert(FORMULA_NAME, U.village2, '2026-11-27', 'reported'),
    alert('郑国平', U.village2, '2026-10-15', 'responding', {
      policeRespondedAt: new Date('2026-10-15T10:30:00+08:00'),
    }),
    alert('卫红英', U.otherVillage, '2026-11-27', 'reported'),
  ]);
}
