// The demo town's help and dispute work (§四(三)3(2) ④⑤), made through the help services: 民政办
// has a 低保 item to do, 司法所 a legal aid under way, one grievance is past its deadline for
// 平安办 to supervise. Everything here is fictional.
import type { Services } from '../app.js';
import { beijingDate } from '../lib/clock.js';
import { addDays } from '../lib/dates.js';
import type { ActorContext } from '../modules/audit/audit.service.js';
import { createHelpService } from '../modules/help/help.service.js';
import { DEMO_UNITS } from './demo-town.js';

type As = (username: string) => Promise<ActorContext>;

export async function seedDemoHelp(services: Services, as: As, caseIds: { zhao: string; wang: string }) {
  const help = createHelpService(services);
  const today = beijingDate(services.clock.now());
  const [cun1, shequ, pingan, sifasuo, minzheng] = [
    await as('cun1'),
    await as('shequ'),
    await as('pingan'),
    await as('sifasuo'),
    await as('minzheng'),
  ];

  // 赵志强 (level 3, 演示一村): the village cadre, his team's leader, asks 民政办 to check 低保.
  await help.services.create(cun1, caseIds.zhao, {
    type: 'minimum_living_allowance',
    responsibleOrgUnitId: DEMO_UNITS.civilAffairs,
    description: '养殖场停产后无稳定收入，独居，申请纳入最低生活保障，请民政办入户核查家庭经济状况。',
    dueOn: addDays(today, 20),
  });
  const legalAid = await help.services.create(cun1, caseIds.zhao, {
    type: 'legal_aid',
    responsibleOrgUnitId: DEMO_UNITS.judicialOffice,
    description: '饲料款债务被起诉，请司法所协助申请法律援助。',
  });
  await help.services.update(sifasuo, legalAid.id, {
    status: 'in_progress',
    outcome: '已受理法律援助申请，指派援助律师对接。',
    version: legalAid.version,
  });
  const debt = await help.grievances.create(cun1, caseIds.zhao, {
    type: 'debt',
    description: '欠付饲料款约三万元，债权人多次上门催讨，双方言语冲突。',
    responsibleOrgUnitId: DEMO_UNITS.judicialOffice,
  });
  await help.grievances.update(sifasuo, debt.id, { status: 'in_progress', version: debt.version });

  // 王淑珍 (level 2, 演示社区): 临时救助 already paid; the 宅基地 dispute is past its deadline.
  const relief = await help.services.create(shequ, caseIds.wang, {
    type: 'temporary_assistance',
    responsibleOrgUnitId: DEMO_UNITS.civilAffairs,
    description: '因邻里纠纷受伤就医，家庭临时困难，申请临时救助。',
  });
  await help.services.update(minzheng, relief.id, {
    status: 'done',
    outcome: '经审核发放临时救助金2000元，已到账。',
    version: relief.version,
  });
  await help.grievances.create(pingan, caseIds.wang, {
    type: 'neighbour',
    description: '与邻居因宅基地界址争议多年，曾扬言报复。平安办牵头，会同社区调委会调处。',
    responsibleOrgUnitId: DEMO_UNITS.peaceOffice,
    dueOn: addDays(today, -5),
  });
  await help.services.create(shequ, caseIds.wang, {
    type: 'psychological_counselling',
    responsibleOrgUnitId: DEMO_UNITS.healthCentre,
    description: '情绪易激动，请卫生院安排心理疏导。',
    dueOn: addDays(today, 14),
  });
}
