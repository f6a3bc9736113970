// A lived-in demo town: cases in each state of the lifecycle, made through the same services the
// API uses (so every row, notice and audit event is what a real user's work would leave).
import type { Services } from '../app.js';
import { beijingDate } from '../lib/clock.js';
import { addDays } from '../lib/dates.js';
import type { ActorContext } from '../modules/audit/audit.service.js';
import { toActor } from '../modules/auth/auth.service.js';
import { createNoticeService } from '../modules/notice/notice.service.js';
import { findUnit } from '../modules/org/org.queries.js';
import { findUserByUsername } from '../modules/users/users.queries.js';
import { seedDemoHelp } from './demo-help.js';
import { DEMO_PERSON_IDS, DEMO_UNITS, DEMO_USERS } from './demo-town.js';
import { seedDemoWork } from './demo-work.js';

const U = DEMO_UNITS;
const DAY = 86_400_000;

export async function seedDemoCases(services: Services): Promise<void> {
  const { db, clock } = services;
  const as = async (username: string): Promise<ActorContext> => {
    const user = await findUserByUsername(db, username);
    const unit = user ? await findUnit(db, user.orgUnitId) : undefined;
    if (!user || !unit) throw new Error(`demo user ${username} missing`);
    return { actor: toActor(user, unit, 'demo-seed'), ip: null, requestId: 'demo-seed' };
  };
  const now = clock.now();
  const today = beijingDate(now);
  const daysAgo = (days: number) => addDays(today, -days);
  const [pingan, police, cun2] = [await as('pingan'), await as('paichusuo'), await as('cun2')];
  const quorum = ['lingdao', 'paichusuo', 'pingan', 'cun1', 'cun2', 'shequ'].map((name) => DEMO_USERS[name] as string);
  const person = (name: string) => DEMO_PERSON_IDS[name] as string;

  const intake = (
    name: string,
    fields: {
      categories: ('C1' | 'C2' | 'C4' | 'C5' | 'C7')[];
      level: number;
      units: string[];
      basis: string;
      plan: string;
      on: string;
    },
  ) =>
    services.cases.create(pingan, {
      personId: person(name),
      source: 'screening',
      categories: fields.categories,
      indicators: fields.level === 3 ? ['L3_1'] : ['L2_2'],
      proposedLevel: fields.level,
      basis: fields.basis,
      resolutionPlan: fields.plan,
      listingOpinion: `建议${['', '一', '二', '三'][fields.level]}级列管。`,
      responsibleOrgUnitIds: [U.peaceOffice, U.policeStation, ...fields.units],
      proposedOn: fields.on,
    });

  const zhao = await intake('赵志强', {
    categories: ['C4'],
    level: 3,
    units: [U.judicialOffice, U.village1],
    basis: '经营养殖场亏损，欠款较多，近期情绪低落，多次向村干部诉苦。',
    plan: '司法所协助债务调解；村委会帮助联系务工岗位。',
    on: daysAgo(30),
  });
  const wang = await intake('王淑珍', {
    categories: ['C7'],
    level: 2,
    units: [U.civilAffairs, U.community],
    basis: '与邻居宅基地纠纷多年未解，曾扬言报复，并曾到区信访办过激信访。',
    plan: '平安办牵头调处宅基地纠纷；民政办核查临时救助资格。',
    on: daysAgo(30),
  });
  const zheng = await intake('郑国平', {
    categories: ['C2'],
    level: 3,
    units: [U.civilAffairs, U.village2],
    basis: '妻子病故后独居，悲观厌世。',
    plan: '民政办纳入特困供养核查；村干部每周走访。',
    on: daysAgo(30),
  });
  const first = await services.meetings.create(pingan, {
    kind: 'assessment',
    heldAt: new Date(now.getTime() - 28 * DAY).toISOString(),
    orgUnitId: U.town,
    participantUserIds: quorum,
    caseIds: [zhao.id, wang.id, zheng.id],
    minutes: '本月研判会：对村（社区）排查上报的3名疑似人员逐一研判，确定等级并落实责任单位。',
  });
  for (const [id, level] of [
    [zhao.id, 3],
    [wang.id, 2],
    [zheng.id, 3],
  ] as const) {
    await services.decisions.decide(pingan, first.id, {
      caseId: id,
      outcome: 'list',
      level,
      reason: '经共同研判，符合列管条件。',
    });
  }

  await services.cases.propose(pingan, zheng.id, {
    kind: 'delist',
    reasonCode: 'stable_life',
    basis: '已纳入特困供养，随子女生活，情绪稳定。',
    proposedOn: daysAgo(9),
  });
  const second = await services.meetings.create(pingan, {
    kind: 'assessment',
    heldAt: new Date(now.getTime() - 7 * DAY).toISOString(),
    orgUnitId: U.town,
    participantUserIds: quorum,
    caseIds: [zheng.id],
    minutes: '研判郑国平撤销列管呈报：生活得到保障，风险已消除。',
  });
  // He was told of his listing at the first visit (PIPL Art. 35); a case closes only once that is recorded.
  const listedZheng = await services.cases.get(pingan, zheng.id);
  await createNoticeService(services).decide(pingan, zheng.id, {
    status: 'informed',
    on: listedZheng.listedOn as string,
    note: '随访时当面告知列管情况及异议途径。',
    version: listedZheng.version,
  });
  await services.decisions.decide(pingan, second.id, {
    caseId: zheng.id,
    outcome: 'delist',
    reason: '风险已消除，予以撤销列管。',
  });

  await intake('钱秀兰', {
    categories: ['C5'],
    level: 3,
    units: [U.village1],
    basis: '离婚后与前夫因子女抚养问题争执不断。',
    plan: '司法所提供法律援助，妇联协助调解。',
    on: daysAgo(2),
  });
  const li = await services.cases.create(police, {
    personId: person('李桂芳'),
    source: 'emergency',
    categories: ['C1'],
    indicators: ['L1_1'],
    proposedLevel: 1,
    basis: '在村委会扬言要报复社会，情绪激动，派出所已落实看护。',
    resolutionPlan: '派出所会同平安办制定应急处置预案；卫生院评估心理状况。',
    responsibleOrgUnitIds: [U.peaceOffice, U.policeStation, U.healthCentre, U.village1],
    proposedOn: daysAgo(1),
  });

  const report = await services.screening.create(cun2, {
    orgUnitId: U.village2,
    month: today.slice(0, 7),
    zeroReport: false,
    entries: [{ personId: person('吴小红'), categories: ['C3'], description: '母亲重病，家中负债，近来闭门不出。' }],
  });
  await services.screening.submit(cun2, report.id, {});
  await seedDemoWork(services, as, { zhao: zhao.id, wang: wang.id, li: li.id });
  await seedDemoHelp(services, as, { zhao: zhao.id, wang: wang.id });
}
