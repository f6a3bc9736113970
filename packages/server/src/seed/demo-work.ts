// The demo town's week-to-week work (§四(三)): teams, a signed letter, visits, a joint meeting,
// an assessment report and level-1 records, made through the services the API uses. Dates are
// set so that the work dashboard has something overdue, something due today and something done.
import type { Services } from '../app.js';
import { beijingDate } from '../lib/clock.js';
import { addDays } from '../lib/dates.js';
import type { ActorContext } from '../modules/audit/audit.service.js';
import { DEMO_UNITS, DEMO_USERS } from './demo-town.js';

type As = (username: string) => Promise<ActorContext>;

export async function seedDemoWork(services: Services, as: As, caseIds: { zhao: string; wang: string; li: string }) {
  const today = beijingDate(services.clock.now());
  const at = (daysAgo: number, hour = 10) =>
    new Date(Date.parse(`${addDays(today, -daysAgo)}T${String(hour).padStart(2, '0')}:00:00+08:00`)).toISOString();
  const user = (name: string) => DEMO_USERS[name] as string;
  const [pingan, cun1, shequ, police] = [
    await as('pingan'),
    await as('cun1'),
    await as('shequ'),
    await as('paichusuo'),
  ];
  const departments = ['pingan', 'paichusuo', 'sifasuo', 'minzheng', 'weisheng'].map((name) => ({
    userId: user(name),
    role: 'member' as const,
  }));

  // 赵志强, level 3 in 演示一村: the village cadre leads; the last visit is 16 days old (overdue).
  await services.teams.put(pingan, caseIds.zhao, {
    members: [{ userId: user('cun1'), role: 'leader' }, ...departments],
  });
  await services.teams.recordLetter(cun1, caseIds.zhao, {
    signedOn: addDays(today, -26),
    signatoryUserIds: [user('cun1'), user('pingan'), user('paichusuo')],
  });
  const visit = (daysAgo: number, visitors: string[], stateOfMind: string) => ({
    visitedAt: at(daysAgo),
    visitorUserIds: visitors.map(user),
    livingSituation: '独居，靠养殖场剩余收入和亲戚接济生活。',
    activities: '白天在养殖场整理圈舍，晚上很少外出。',
    stateOfMind,
    controlStatus: 'in_control' as const,
    extremeTendency: false,
    measures: '讲解债务调解程序，约定司法所下周上门。',
  });
  await services.visits.create(cun1, caseIds.zhao, visit(25, ['cun1', 'sifasuo'], '情绪低落，谈到欠款时激动。'));
  await services.visits.create(cun1, caseIds.zhao, visit(16, ['cun1', 'paichusuo'], '情绪较上次平稳，愿意接受调解。'));

  // 王淑珍, level 2 in 演示社区: team without a letter yet; visited 3 days ago; report due.
  await services.teams.put(pingan, caseIds.wang, {
    members: [{ userId: user('shequ'), role: 'leader' }, ...departments],
  });
  await services.visits.create(shequ, caseIds.wang, {
    visitedAt: at(3),
    visitorUserIds: [user('shequ'), user('minzheng')],
    livingSituation: '与女儿同住，临时救助已到账。',
    activities: '在社区参加调解会一次。',
    stateOfMind: '对调解结果仍有不满，但表示不再去区里上访。',
    controlStatus: 'in_control',
    extremeTendency: false,
    measures: '平安办约定下周组织双方再次调解。',
  });

  // A joint meeting (联席会议) on both, ten days ago.
  await services.meetings.create(pingan, {
    kind: 'joint',
    heldAt: at(10, 15),
    orgUnitId: DEMO_UNITS.town,
    participantUserIds: ['pingan', 'paichusuo', 'sifasuo', 'minzheng', 'cun1', 'shequ'].map(user),
    caseIds: [caseIds.zhao, caseIds.wang],
    minutes: '通报赵志强、王淑珍随访情况，落实债务调解和宅基地纠纷调处。',
  });

  // 李桂芳, emergency level 1: a team with the town leader, the plan on file, yesterday's report.
  await services.teams.put(police, caseIds.li, {
    members: [{ userId: user('lingdao'), role: 'leader' }, ...departments, { userId: user('cun1'), role: 'member' }],
  });
  await services.records.createEmergencyPlan(police, caseIds.li, {
    adoptedOn: addDays(today, -1),
    summary: '派出所专项处置小组24小时备勤；卫生院安排心理评估；村干部与家属保持联系。',
  });
  await services.records.createDailyReport(pingan, caseIds.li, {
    reportedOn: addDays(today, -1),
    content: '当日情绪平稳，家属陪同在家，专项小组按计划值守。',
  });
  await services.records.createWatchLog(police, caseIds.li, {
    dutyOn: addDays(today, -1),
    shift: 'full_day',
    onDutyUserIds: [user('paichusuo'), user('cun1')],
    notes: '白天随家属走访亲戚，晚间在家；与家属电话联系两次。',
  });
}
