import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LoginPage } from './pages.js';
import {
  launchDevices,
  type ObligationFilter,
  ObligationListPage,
  PHONE,
  pageWidth,
  screenshot,
  VisitFormPage,
  WorkDashboardPage,
} from './work-pages.js';

let devices: Awaited<ReturnType<typeof launchDevices>>;
beforeAll(async () => {
  devices = await launchDevices();
});
afterAll(() => devices?.close());

/** 赵志强: level 3 in 演示一村, his team led by 演示一村's cadre; last visited 16 days ago, so overdue. */
const PERSON = '赵志强';
const VILLAGE = '演示一村';
const OVERDUE_VISITS: ObligationFilter = { scope: '辖区全部', status: '逾期', kind: 'visit' };
const OPEN_VISITS: ObligationFilter = { scope: '辖区全部', status: '待办', kind: 'visit' };
const STEP = 120_000;

/** Today in Beijing, as the server and the pages count days. */
const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());

/**
 * Issue 4 in the browser: the peace office sees an overdue visit in 演示一村 → the village cadre
 * records it on a phone from the 工作台 → the peace office's 工作台 no longer shows it.
 * The steps run in order; the peace office keeps her desktop window open throughout.
 */
describe(`${VILLAGE}'s cadre records ${PERSON}'s overdue visit on a phone, and it leaves the peace office's dashboard`, () => {
  let desk: Page;

  it(
    `the peace office's 工作台 shows an overdue 随访 in ${VILLAGE}, and the 待办 list names ${PERSON}`,
    async () => {
      desk = await devices.open('desktop');
      const { baseUrl } = devices;
      await new LoginPage(desk, baseUrl).signIn('pingan');

      const dashboard = new WorkDashboardPage(desk, baseUrl);
      await dashboard.open();
      expect(await dashboard.overdueCount(VILLAGE, 'visit')).toBeGreaterThanOrEqual(1);
      await screenshot(desk, 'work-dashboard-pingan.png');

      // The red count is a link to exactly those items.
      await dashboard.openOverdue(VILLAGE, 'visit');
      const list = new ObligationListPage(desk, baseUrl);
      expect(list.query().get('status')).toBe('overdue');
      expect(list.query().get('kind')).toBe('visit');
      expect(await list.rows(PERSON).count()).toBe(1);
      expect(await list.rows(PERSON).textContent()).toMatch(/逾期\d+天/);

      // The same list, filtered by hand: the whole town, overdue, 随访.
      await list.open();
      await list.filter(OVERDUE_VISITS);
      expect(await list.rows(PERSON).count()).toBe(1);

      await dashboard.open();
    },
    STEP,
  );

  it(
    `${VILLAGE}'s cadre, on a 390-px phone, taps 登记随访 for ${PERSON} and records the visit`,
    async () => {
      const { baseUrl } = devices;
      const phone = await devices.open('phone');
      await new LoginPage(phone, baseUrl).signIn('cun1');

      const dashboard = new WorkDashboardPage(phone, baseUrl);
      await dashboard.open();
      expect(await dashboard.item('visit', PERSON).textContent()).toMatch(/逾期\d+天/);
      expect(await dashboard.actionLabel('visit', PERSON)).toBe('登记随访');
      expect(await pageWidth(phone)).toBeLessThanOrEqual(PHONE.width);
      await screenshot(phone, 'work-dashboard-cun1-390.png');

      // One tap from the item to the form, for him.
      await dashboard.tapAction('visit', PERSON);
      await phone.waitForURL((url) => url.pathname === '/visits/new' && url.searchParams.has('caseId'));
      const form = new VisitFormPage(phone);
      expect(await form.title()).toBe(`随访：${PERSON}`);
      // The cadre is on the team, so goes as one of the (at least two) visitors already.
      expect(await form.visitor('演示一村 陈村').isChecked()).toBe(true);
      expect(await form.visitor('派出所 吴警').isChecked()).toBe(false);

      await form.fill({
        alsoVisiting: ['派出所 吴警'],
        livingSituation: '仍独居，养殖场已转租，靠租金和亲戚接济生活，身体无大碍。',
        activities: '近两周在镇上打零工，晚上在家，未外出远行。',
        stateOfMind: '谈到欠款仍有顾虑，但对调解方案表示认可，情绪平稳。',
        measures: '告知司法所调解时间，村委会推荐务工岗位，约定下周电话回访。',
        controlStatus: '在控',
      });
      expect(await form.visitor('派出所 吴警').isChecked()).toBe(true);
      expect(await form.controlStatus('在控').isChecked()).toBe(true);
      // No 过激倾向: the switch stays off and no alert is announced.
      expect(await form.extremeTendency().getAttribute('aria-checked')).toBe('false');
      expect(await form.alertWarning().count()).toBe(0);
      // The filled form fits the phone: no sideways scrolling.
      expect(await pageWidth(phone)).toBeLessThanOrEqual(PHONE.width);
      await screenshot(phone, 'visit-form-390.png');

      await form.submit();
      const recorded = await form.recorded();
      expect(recorded).toContain('随访已登记');
      expect(recorded).toContain(PERSON);
      expect(recorded).toMatch(/随访人员：.*演示一村 陈村/);
      expect(recorded).toMatch(/随访人员：.*派出所 吴警/);
      expect(await form.alertRaised().count()).toBe(0);
      expect(await pageWidth(phone)).toBeLessThanOrEqual(PHONE.width);
      await phone.context().close();
    },
    STEP,
  );

  it(
    `the peace office reloads the 工作台: ${VILLAGE}'s overdue 随访 is gone, ${PERSON}'s next visit is due`,
    async () => {
      const { baseUrl } = devices;
      const dashboard = new WorkDashboardPage(desk, baseUrl);
      await dashboard.reload();
      expect(await dashboard.overdueCount(VILLAGE, 'visit')).toBe(0);

      const list = new ObligationListPage(desk, baseUrl);
      await list.open();
      await list.filter(OVERDUE_VISITS);
      expect(await list.rows(PERSON).count()).toBe(0);

      // Not dropped, but done: his next visit is on the list, last done today.
      await list.filter(OPEN_VISITS);
      expect(await list.rows(PERSON).count()).toBe(1);
      expect(await list.rows(PERSON).textContent()).toContain(today());
      expect(await list.rows(PERSON).textContent()).not.toMatch(/逾期\d+天/);
    },
    STEP,
  );
});
