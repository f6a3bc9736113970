import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBrowser } from './browser.js';
import { CasePage, IntakeFormPage, LoginPage, MeetingPage, ScreeningPage } from './pages.js';

let browser: Awaited<ReturnType<typeof openBrowser>>;
beforeAll(async () => {
  browser = await openBrowser();
});
afterAll(() => browser?.close());

/** 褚立新: registered in 演示一村, with no case in the demo town. */
const PERSON = '褚立新';
const VILLAGE = '演示一村';
/** An assessment meeting may decide only with the leadership, 派出所, 平安办 and the village concerned present. */
const QUORUM = ['领导小组 卫领', '派出所 吴警', '平安办 周安', '演示一村 陈村'];
const STEP = 120_000;

/**
 * The lifecycle of issue 3, item 13, in the browser: 演示一村's cadre files a return with a
 * suspect → the peace office proposes intake → a meeting lists the person at level 3 → a level
 * change to 2 → delisting. One case travels through the steps below, in order.
 */
describe(`${PERSON} from the village's return to delisting`, () => {
  let caseId: string;

  it(
    `演示一村's cadre files this month's return on a phone, naming ${PERSON}`,
    async () => {
      const { page, baseUrl } = browser;
      await page.setViewportSize({ width: 390, height: 844 });
      const login = new LoginPage(page, baseUrl);
      await login.signIn('cun1');

      const screening = new ScreeningPage(page, baseUrl);
      await screening.openReturn();
      await screening.addSuspect(PERSON, /^情形五/, '婚变后与前妻家属多次争吵，扬言要讨个说法，近来情绪低落。');
      // The form fits the phone: no sideways scrolling.
      expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
      await screening.submit();
      expect(await screening.submittedReturn().textContent()).toContain(PERSON);

      await login.signOut();
      await page.setViewportSize({ width: 1280, height: 800 });
    },
    STEP,
  );

  it(
    `the peace office finds ${PERSON} in the 待研判 pool and proposes intake at level 3`,
    async () => {
      const { page, baseUrl } = browser;
      await new LoginPage(page, baseUrl).signIn('pingan');

      const screening = new ScreeningPage(page, baseUrl);
      await screening.openPool();
      await screening.proposeIntake(PERSON, VILLAGE);

      const intake = new IntakeFormPage(page);
      // What the village reported comes with the suspect.
      expect(await intake.category(/^情形五/).isChecked()).toBe(true);
      await intake.tickIndicator('个人诉求、矛盾积怨未得到有效解决或化解，但未出现激化加剧迹象，也未发现言行异常');
      await intake.proposeLevel('三级（潜在风险）');
      await intake.fill('问题化解方案', '司法所协助调解婚姻财产纠纷；村干部每周走访。');
      caseId = await intake.submit();

      const casePage = new CasePage(page, baseUrl);
      expect(await casePage.status()).toBe('待研判');
    },
    STEP,
  );

  it(
    `an assessment meeting with its quorum lists ${PERSON} at level 3`,
    async () => {
      const { page, baseUrl } = browser;
      const meeting = new MeetingPage(page, baseUrl);
      await meeting.create();
      await meeting.recordAttendance(QUORUM, `研判${VILLAGE}上报的${PERSON}入库呈报。`);
      await meeting.addToAgenda(PERSON, '入库呈报');
      expect(await meeting.quorum().textContent()).toContain('参会人员齐备');

      await meeting.decide(PERSON, { outcome: '列管', level: '三级', reason: '婚恋矛盾未化解，符合三级列管条件。' });
      expect(await meeting.decisionMade(PERSON)).toContain('列管（三级）');

      const casePage = new CasePage(page, baseUrl);
      await casePage.open(caseId);
      expect(await casePage.status()).toBe('列管中');
      expect(await casePage.level()).toContain('三级');
      await new LoginPage(page, baseUrl).signOut();
    },
    STEP,
  );

  it(
    `演示一村's cadre proposes moving ${PERSON} to level 2, and a second meeting agrees`,
    async () => {
      const { page, baseUrl } = browser;
      const login = new LoginPage(page, baseUrl);
      await login.signIn('cun1');
      const casePage = new CasePage(page, baseUrl);
      await casePage.open(caseId);
      await casePage.proposeLevelChange(
        '二级（突出风险）',
        '曾实施过激信访行为',
        '本月两次到镇政府吵闹，扬言到区里上访，风险上升。',
      );
      // "谁呈报、谁负责": the proposal carries the cadre's name.
      expect(await casePage.proposalRows('级别变更呈报').textContent()).toContain('演示一村 陈村');
      await login.signOut();

      await login.signIn('pingan');
      const meeting = new MeetingPage(page, baseUrl);
      await meeting.create();
      await meeting.recordAttendance(QUORUM, `研判${PERSON}的级别变更呈报。`);
      await meeting.addToAgenda(PERSON, '级别变更呈报');
      // A listed case's proposal may also be turned down; renewal stays on offer.
      expect(await meeting.decisionChoices(PERSON)).toEqual(
        expect.arrayContaining(['复核后继续列管', '变更级别', '不予采纳（级别变更呈报）']),
      );
      await meeting.decide(PERSON, {
        outcome: '变更级别',
        level: '二级',
        reason: '近期出现过激信访行为，调整为二级。',
      });
      expect(await meeting.decisionMade(PERSON)).toContain('变更级别（二级）');

      await casePage.open(caseId);
      expect(await casePage.level()).toContain('二级');
    },
    STEP,
  );

  it(
    `the peace office proposes delisting ${PERSON} with a reason, and a third meeting delists`,
    async () => {
      const { page, baseUrl } = browser;
      const casePage = new CasePage(page, baseUrl);
      await casePage.recordNoticeInformed();
      await casePage.proposeDelisting('矛盾纠纷得到化解', '经司法所调解，双方达成协议并已履行，本人情绪稳定。');

      const meeting = new MeetingPage(page, baseUrl);
      await meeting.create();
      await meeting.recordAttendance(QUORUM, `研判${PERSON}的撤销列管呈报。`);
      await meeting.addToAgenda(PERSON, '撤销列管呈报');
      await meeting.decide(PERSON, { outcome: '撤销列管', reason: '矛盾纠纷已化解，风险消除，予以撤销列管。' });
      expect(await meeting.decisionMade(PERSON)).toContain('撤销列管');

      await casePage.open(caseId);
      expect(await casePage.status()).toBe('已撤销列管');
      const timeline = await casePage.timeline();
      expect(timeline).toHaveLength(3);
      expect(timeline[0]).toMatch(/研判列管 三级/);
      expect(timeline[1]).toMatch(/级别变更 三级 → 二级/);
      expect(timeline[2]).toMatch(/撤销列管 二级 → 撤销/);
    },
    STEP,
  );
});
