import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { choose, exactly, expectOk, LoginPage } from './pages.js';
import { launchDevices, PHONE, pageWidth, SCREENSHOTS, screenshot } from './work-pages.js';

/** An antd modal once its opening animation has settled. */
const OPEN_MODAL = '.ant-modal:visible:not(.ant-zoom)';

/** 帮扶服务 → 服务事项: the unit's queue and the 办理 dialog. */
class HelpQueuePage {
  constructor(
    private readonly page: Page,
    private readonly baseUrl: string,
  ) {}

  /** From the side menu, as a user finds it. */
  async openFromMenu() {
    await this.answered(() => this.page.getByRole('menuitem', { name: '帮扶服务' }).click());
    await this.page.waitForURL((url) => url.pathname === '/help');
  }

  async reload() {
    await this.answered(() => this.page.goto(`${this.baseUrl}/help`).then(() => undefined));
  }

  /** Runs `action` and waits for the queue it loads: the API's answer, then the table drawn without its spinner. */
  async answered(action: () => Promise<void>) {
    const response = this.page.waitForResponse(
      (r) => r.request().method() === 'GET' && new URL(r.url()).pathname === '/api/services',
    );
    await action();
    await response;
    const table = this.page.getByTestId('help-service-table');
    await table.locator('.ant-spin-spinning').waitFor({ state: 'detached' });
    await table
      .locator('.ant-table-tbody tr.ant-table-row, .ant-table-tbody tr.ant-table-placeholder')
      .first()
      .waitFor();
  }

  /** The queue's rows about this person and this kind of help (e.g. '赵志强', '低保'). */
  rows(person: string, type: string): Locator {
    return this.page
      .getByTestId('help-service-table')
      .locator('.ant-table-tbody tr.ant-table-row', { hasText: person })
      .filter({ hasText: type });
  }

  async status(person: string, type: string) {
    return (await this.rows(person, type).getByTestId('help-status').textContent())?.trim();
  }

  /** The selected scope (本单位 / 辖区全部). */
  async scope() {
    return (await this.page.getByTestId('help-scope').locator('.ant-segmented-item-selected').textContent())?.trim();
  }

  async openUpdate(person: string, type: string): Promise<Locator> {
    await this.rows(person, type).getByTestId('help-update').click();
    const dialog = this.page.locator(OPEN_MODAL);
    await dialog.waitFor();
    return dialog;
  }

  /** Picks the new state and writes the outcome in the open dialog. */
  async fill(dialog: Locator, status: string, outcome: string) {
    await dialog.getByTestId('help-update-status').getByText(status, { exact: true }).click();
    await dialog.getByTestId('help-update-text').fill(outcome);
  }

  async save() {
    await this.page.getByTestId('help-update-submit').click();
  }

  /** Saves and waits for the server's 200 and the dialog to close. */
  async saveOk() {
    await expectOk(this.page, 'PATCH', /^\/api\/services\/[^/]+$/, () => this.save());
    await this.page.locator('.ant-modal:visible').waitFor({ state: 'detached' });
  }

  async filterStatus(label: string) {
    await this.page.getByTestId('help-status-filter').click();
    await this.answered(() =>
      this.page
        .locator('.ant-select-dropdown:visible:not([class*="ant-slide"]) .ant-select-item-option', { hasText: label })
        .first()
        .click(),
    );
  }
}

let devices: Awaited<ReturnType<typeof launchDevices>>;
beforeAll(async () => {
  devices = await launchDevices();
});
afterAll(() => devices?.close());

const PERSON = '赵志强';
const LOW_INCOME = '低保';
const STEP = 120_000;
const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());

/**
 * Issue 5 in the browser: 民政办 opens 帮扶服务, finds the demo's 低保 item for 赵志强 in its own
 * queue, meets a colleague's change made meanwhile (409, a clear message, reload), then completes
 * it with an outcome and sees it done.
 */
describe(`民政办 completes ${PERSON}'s ${LOW_INCOME} item from its queue`, () => {
  let desk: Page;
  let queue: HelpQueuePage;

  it(
    `opens 帮扶服务 on its own unit's items: ${PERSON}'s ${LOW_INCOME} is 待办理`,
    async () => {
      desk = await devices.open('desktop');
      const { baseUrl } = devices;
      await new LoginPage(desk, baseUrl).signIn('minzheng');
      queue = new HelpQueuePage(desk, baseUrl);
      await queue.openFromMenu();
      expect(await queue.scope()).toBe('本单位');
      expect(await queue.rows(PERSON, LOW_INCOME).count()).toBe(1);
      expect(await queue.status(PERSON, LOW_INCOME)).toBe('待办理');
      // Only 民政办's items: 卫生院's 心理疏导 for 王淑珍 is not in this queue.
      expect(await queue.rows('王淑珍', '心理疏导').count()).toBe(0);
      await screenshot(desk, 'help-queue-minzheng.png');
    },
    STEP,
  );

  it(
    'is told, not overwritten, when someone changed the item meanwhile (409), and reloads',
    async () => {
      const dialog = await queue.openUpdate(PERSON, LOW_INCOME);
      // A colleague notes progress on the same item from another window.
      const found = await desk.request.get(
        `${devices.baseUrl}/api/services?scope=unit&type=minimum_living_allowance&status=planned`,
      );
      const item = (await found.json()).items.find((i: { personName: string }) => i.personName === PERSON);
      const changed = await desk.request.patch(`${devices.baseUrl}/api/services/${item.id}`, {
        data: { status: 'in_progress', outcome: '已入户核查，正在审核收入材料。', version: item.version },
      });
      expect(changed.status()).toBe(200);

      await queue.fill(dialog, '已完成', '经审核符合条件，已纳入最低生活保障。');
      await queue.save();
      const problem = dialog.getByTestId('help-update-problem');
      await problem.waitFor();
      expect(await problem.textContent()).toContain('该事项已被他人修改');
      await problem.getByRole('button', { name: '刷新' }).click();
      await desk.locator('.ant-modal:visible').waitFor({ state: 'detached' });
      expect(await queue.status(PERSON, LOW_INCOME)).toBe('办理中');
    },
    STEP,
  );

  it(
    `completes the ${LOW_INCOME} item with an outcome, and sees it done`,
    async () => {
      const dialog = await queue.openUpdate(PERSON, LOW_INCOME);
      // The colleague's note is there to build on.
      expect(await dialog.getByTestId('help-update-text').inputValue()).toBe('已入户核查，正在审核收入材料。');
      await queue.fill(dialog, '已完成', '经入户核查和审批，已纳入最低生活保障，自下月起按月发放。');
      await queue.saveOk();

      expect(await queue.status(PERSON, LOW_INCOME)).toBe('已完成');
      const row = queue.rows(PERSON, LOW_INCOME);
      expect(await row.textContent()).toContain('已纳入最低生活保障');
      expect(await row.textContent()).toContain(`办结日期：${today()}`);
      // Done items are no longer worked: no 办理 button.
      expect(await row.getByTestId('help-update').count()).toBe(0);

      // Still there after a reload, under 已完成.
      await queue.reload();
      await queue.filterStatus('已完成');
      expect(await queue.status(PERSON, LOW_INCOME)).toBe('已完成');

      // His case page shows it too, among his other help items, with the way to add more.
      await queue.rows(PERSON, LOW_INCOME).getByRole('link', { name: PERSON }).click();
      await desk.waitForURL((url) => url.pathname.startsWith('/cases/'));
      const card = desk.getByTestId('case-services');
      const lowIncome = card.locator('.ant-table-tbody tr.ant-table-row', { hasText: LOW_INCOME });
      await lowIncome.waitFor();
      expect(await lowIncome.getByTestId('help-status').textContent()).toBe('已完成');
      expect(await card.locator('.ant-table-tbody tr.ant-table-row', { hasText: '法律援助' }).count()).toBe(1);

      // 登记帮扶服务: the kind of help suggests its unit (心理疏导 → 卫生院); the unit is notified.
      await card.getByTestId('case-services-new').click();
      const form = desk.locator(OPEN_MODAL);
      await form.waitFor();
      await choose(desk, form.getByTestId('help-new-type'), exactly('心理疏导'));
      expect(await form.getByTestId('help-new-unit').textContent()).toContain('演示镇卫生院');
      await form.getByTestId('help-new-description').fill('纳入低保后仍情绪低落，请卫生院安排心理疏导。');
      await expectOk(desk, 'POST', /^\/api\/cases\/[^/]+\/services$/, () =>
        desk.getByTestId('help-new-submit').click(),
      );
      await desk.locator('.ant-modal:visible').waitFor({ state: 'detached' });
      const counselling = card.locator('.ant-table-tbody tr.ant-table-row', { hasText: '心理疏导' });
      await counselling.waitFor();
      expect(await counselling.textContent()).toContain('演示镇卫生院');
      expect(await counselling.getByTestId('help-status').textContent()).toBe('待办理');
      await desk.getByTestId('case-grievances').locator('.ant-table-tbody tr.ant-table-row').first().waitFor();
      await desk.context().close();
    },
    STEP,
  );

  it(
    '平安办 ticks 超期督办 on 矛盾诉求: the overdue 宅基地 dispute, highlighted',
    async () => {
      const page = await devices.open('desktop');
      await new LoginPage(page, devices.baseUrl).signIn('pingan');
      const grievances = (overdue: boolean) =>
        page.waitForResponse((r) => {
          const url = new URL(r.url());
          return url.pathname === '/api/grievances' && url.searchParams.has('overdue') === overdue;
        });
      const all = grievances(false);
      await page.goto(`${devices.baseUrl}/help?tab=grievances`);
      await all;
      const table = page.getByTestId('help-grievance-table');
      await table.locator('.ant-table-tbody tr.ant-table-row').first().waitFor();
      expect(await page.getByTestId('help-scope').locator('.ant-segmented-item-selected').textContent()).toBe(
        '辖区全部',
      );
      const overdue = grievances(true);
      await page.locator('.help-filters').getByText('超期督办', { exact: true }).click();
      await overdue;
      await table.locator('.ant-spin-spinning').waitFor({ state: 'detached' });
      const rows = table.locator('.ant-table-tbody tr.ant-table-row');
      expect(await rows.count()).toBe(1);
      expect(await rows.first().textContent()).toContain('王淑珍');
      expect(await rows.first().getByTestId('help-overdue').textContent()).toMatch(/^超期\d+天$/);
      expect(await rows.first().getAttribute('class')).toContain('help-row-overdue');
      await screenshot(page, 'help-grievances-overdue-pingan.png');
      await page.context().close();
    },
    STEP,
  );

  it(
    'the queue and the 办理 dialog fit a 390-px phone',
    async () => {
      const phone = await devices.open('phone');
      await new LoginPage(phone, devices.baseUrl).signIn('minzheng');
      const onPhone = new HelpQueuePage(phone, devices.baseUrl);
      await onPhone.reload();
      expect(await onPhone.rows(PERSON, LOW_INCOME).count()).toBe(1);
      expect(await pageWidth(phone)).toBeLessThanOrEqual(PHONE.width);
      await screenshot(phone, 'help-queue-390.png');
      await phone.context().close();

      // 卫生院 on a phone: its 心理疏导 item for 王淑珍, and the 办理 dialog, both without sideways scrolling.
      const health = await devices.open('phone');
      await new LoginPage(health, devices.baseUrl).signIn('weisheng');
      const healthQueue = new HelpQueuePage(health, devices.baseUrl);
      await healthQueue.reload();
      expect(await healthQueue.status('王淑珍', '心理疏导')).toBe('待办理');
      const dialog = await healthQueue.openUpdate('王淑珍', '心理疏导');
      expect(await dialog.getByTestId('help-update-status').textContent()).toBe('待办理办理中已完成本人拒绝不符合条件');
      expect(await pageWidth(health)).toBeLessThanOrEqual(PHONE.width);
      await health.screenshot({ path: join(SCREENSHOTS, 'help-update-390.png'), animations: 'disabled' });
      await health.context().close();
    },
    STEP,
  );
});
