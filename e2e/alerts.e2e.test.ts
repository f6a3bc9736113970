import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectOk, LoginPage } from './pages.js';
import { launchDevices, PHONE, pageWidth, screenshot } from './work-pages.js';

let devices: Awaited<ReturnType<typeof launchDevices>>;
/** Each user on their own device; steps get 30 s (the machine is shared, pages can be slow to answer). */
const open = async (device: 'desktop' | 'phone') => {
  const page = await devices.open(device);
  page.setDefaultTimeout(30_000);
  return page;
};
beforeAll(async () => {
  devices = await launchDevices();
});
afterAll(() => devices?.close());

/** 李桂芳: level 1 in 演示一村 (listed by the police in an emergency), with a team. */
const PERSON = '李桂芳';
const STEP = 120_000;
const OPEN_DROPDOWN = '.ant-select-dropdown:visible:not([class*="ant-slide"])';
const OPEN_MODAL = '.ant-modal:visible:not(.ant-zoom)';

/** 警情处置: the list, the 报告警情 form, and one alert's chain with the buttons of the user's role. */
class AlertPages {
  constructor(
    private readonly page: Page,
    private readonly baseUrl: string,
  ) {}

  /** The open alerts, as the list answered them (a fresh page: no earlier answer on show). */
  async openList() {
    const answered = this.page.waitForResponse(
      (response) => response.request().method() === 'GET' && new URL(response.url()).pathname === '/api/alerts',
    );
    answered.catch(() => {});
    await this.page.goto(`${this.baseUrl}/alerts`);
    await answered;
    await this.page.getByTestId('alerts-table').waitFor();
    await this.page.locator('[aria-busy="true"]', { has: this.page.getByTestId('alerts-table') }).waitFor({
      state: 'detached',
    });
  }

  row(name: string) {
    return this.page.getByTestId('alert-row').filter({ hasText: name });
  }

  /** 报告警情 from the list: the person searched by name, what happened. */
  async fillReport(name: string, description: string) {
    await this.page.getByTestId('alert-new').tap();
    await this.page.waitForURL((url) => url.pathname === '/alerts/new');
    const person = this.page.getByTestId('alert-person');
    await person.tap();
    await person.locator('input').fill(name);
    await this.page.locator(`${OPEN_DROPDOWN} .ant-select-item-option`, { hasText: name }).first().tap();
    await this.page.locator('.ant-select-dropdown:visible').waitFor({ state: 'detached' });
    await this.page.getByTestId('alert-description').fill(description);
  }

  /** 报告警情, confirmed: the alert's page opens; returns its id. */
  async submitReport(): Promise<string> {
    await this.page.getByTestId('alert-submit').tap();
    const confirm = this.page.locator('.ant-modal-confirm:visible:not(.ant-zoom)');
    await expectOk(this.page, 'POST', /^\/api\/alerts$/, () => confirm.getByRole('button', { name: '立即报告' }).tap());
    await this.page.waitForURL(/\/alerts\/[0-9a-f-]{36}$/);
    await this.page.getByTestId('alert-timeline').waitFor();
    return new URL(this.page.url()).pathname.split('/').pop() as string;
  }

  async open(id: string) {
    await this.page.goto(`${this.baseUrl}/alerts/${id}`);
    await this.page.getByTestId('alert-timeline').waitFor();
  }

  status() {
    return this.page.getByTestId('alert-status').textContent();
  }

  button(testId: 'alert-respond' | 'alert-notify-team' | 'alert-dispose' | 'alert-note') {
    return this.page.getByTestId(testId);
  }

  /** One step of the chain: its button, the dialog (time preset to now), optional text, saved. */
  async record(testId: 'alert-respond' | 'alert-notify-team' | 'alert-dispose', text?: string) {
    await this.button(testId).click();
    const dialog = this.page.locator(OPEN_MODAL);
    await dialog.getByTestId('alert-step-text').waitFor();
    if (text) await dialog.getByTestId('alert-step-text').fill(text);
    await expectOk(this.page, 'PATCH', /^\/api\/alerts\/[^/]+$/, () => dialog.getByTestId('alert-step-submit').click());
    await this.page.locator('.ant-modal:visible').waitFor({ state: 'detached' });
  }

  /** The timeline's steps, oldest first (reported, police_responded, team_notified, disposed …). */
  async steps(): Promise<string[]> {
    const events = this.page.getByTestId('alert-event');
    await events.first().waitFor();
    return Promise.all((await events.all()).map(async (event) => (await event.getAttribute('data-step')) ?? ''));
  }

  async timerState(name: 'policeResponse' | 'teamNotified') {
    return this.page.getByTestId('alert-steps').getByTestId(`timer-${name}`).getAttribute('data-state');
  }
}

/**
 * 联合处置 (⑥) in the browser: 演示一村's cadre reports an alert about 李桂芳 on a phone → 派出所
 * records its response → 平安办 notifies the service team and records the disposition; the
 * timeline shows each step, and the timers the targets they were met against.
 */
describe(`an alert about ${PERSON} goes from the village's report through the police response to the team`, () => {
  let alertId: string;

  it(
    `演示一村's cadre reports it on a 390-px phone`,
    async () => {
      const { baseUrl } = devices;
      const phone = await open('phone');
      await new LoginPage(phone, baseUrl).signIn('cun1');
      const alerts = new AlertPages(phone, baseUrl);
      await alerts.openList();
      await alerts.fillReport(PERSON, '在村委会门口情绪激动，扬言要找前夫“算账”，已劝回家中，家属陪同。');
      // The filled form fits the phone.
      expect(await pageWidth(phone)).toBeLessThanOrEqual(PHONE.width);
      await screenshot(phone, 'alert-new-390.png');
      alertId = await alerts.submitReport();

      expect(await alerts.status()).toBe('待出警');
      expect(await alerts.steps()).toEqual(['reported']);
      expect(await alerts.timerState('policeResponse')).toBe('running');
      // A village cadre reports; the chain's steps are others'.
      expect(await alerts.button('alert-respond').count()).toBe(0);
      expect(await alerts.button('alert-notify-team').count()).toBe(0);
      expect(await pageWidth(phone)).toBeLessThanOrEqual(PHONE.width);
      await screenshot(phone, 'alert-reported-390.png');

      // The list on the phone: one card, its timers as tags.
      await alerts.openList();
      await alerts.row(PERSON).first().waitFor();
      expect(await alerts.row(PERSON).first().textContent()).toContain('待出警');
      expect(await pageWidth(phone)).toBeLessThanOrEqual(PHONE.width);
      await phone.context().close();
    },
    STEP,
  );

  it(
    '派出所, notified at once, finds it open and records the police response',
    async () => {
      const { baseUrl } = devices;
      const desk = await open('desktop');
      await new LoginPage(desk, baseUrl).signIn('paichusuo');
      // The in-app notice came with the report.
      await desk.getByTestId('notification-bell').click();
      await desk
        .getByTestId('notification-list')
        .getByTestId('notification-item')
        .filter({ hasText: `警情：${PERSON}（演示一村报告）` })
        .first()
        .waitFor();
      await desk.keyboard.press('Escape');
      const alerts = new AlertPages(desk, baseUrl);
      await alerts.openList();
      await alerts.row(PERSON).first().waitFor();
      expect(await alerts.row(PERSON).first().textContent()).toContain('待出警');

      await alerts.open(alertId);
      await alerts.record('alert-respond', '民警已到场，当事人情绪稳定，已做好稳控。');
      expect(await alerts.status()).toBe('已出警');
      expect(await alerts.steps()).toEqual(['reported', 'police_responded']);
      expect(await alerts.timerState('policeResponse')).toBe('met');
      // Recorded once: the button is gone.
      expect(await alerts.button('alert-respond').count()).toBe(0);
      await desk.context().close();
    },
    STEP,
  );

  it(
    '平安办 notifies the service team and records the disposition; the timeline shows every step',
    async () => {
      const { baseUrl } = devices;
      const desk = await open('desktop');
      await new LoginPage(desk, baseUrl).signIn('pingan');

      // The 工作台 counts the open alert.
      await desk.goto(`${baseUrl}/work`);
      const card = desk.getByTestId('overview-alerts');
      await card.waitFor();
      expect(
        Number(await card.getByTestId('overview-alerts-open').locator('.ant-statistic-content-value').textContent()),
      ).toBeGreaterThanOrEqual(1);

      const alerts = new AlertPages(desk, baseUrl);
      await alerts.open(alertId);
      // 平安办 does not record the police's step, and cannot dispose before the team is told.
      expect(await alerts.button('alert-respond').count()).toBe(0);
      expect(await alerts.button('alert-dispose').count()).toBe(0);
      await alerts.record('alert-notify-team');
      expect(await alerts.timerState('teamNotified')).toBe('met');

      await alerts.record(
        'alert-dispose',
        '经联合处置，当事人情绪平复；司法所协助调解抚养费纠纷，村委会落实专人每日走访。',
      );
      expect(await alerts.status()).toBe('已处置');
      expect(await desk.getByTestId('alert-disposition').textContent()).toContain('经联合处置');
      expect(await alerts.steps()).toEqual(['reported', 'police_responded', 'team_notified', 'disposed']);
      const timeline = await desk.getByTestId('alert-timeline').textContent();
      for (const text of [
        '报告警情',
        '演示一村 陈村',
        '派出所出警',
        '派出所 吴警',
        '民警已到场',
        '通报服务管理小组',
        '平安办 周安',
        '处置结果',
        '经联合处置',
      ]) {
        expect(timeline).toContain(text);
      }
      await screenshot(desk, 'alert-disposed.png');

      // Disposed: it leaves the open list.
      await alerts.openList();
      await desk.getByTestId('alerts-table').locator('tbody').waitFor();
      expect(await desk.locator(`[data-row-key="${alertId}"]`).count()).toBe(0);
      await desk.context().close();
    },
    STEP,
  );
});
