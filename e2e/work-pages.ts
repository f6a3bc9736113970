// Page objects of the everyday work (issue 4): the 工作台, the 待办 list and the visit form,
// and the two devices the walkthrough uses: the peace office's desktop and a village cadre's phone.

import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { OBLIGATION_KIND_LABELS, type ObligationKind } from '@anxin/shared';
import { type Browser, chromium, type Page } from 'playwright-core';
import { inject } from 'vitest';
import { CHROMIUM } from './browser.js';
import { choose, exactly, expectOk } from './pages.js';

/** Where the screenshots used in the docs go. */
export const SCREENSHOTS = join(import.meta.dirname, '..', 'docs', 'screenshots');

export const DESKTOP = { width: 1280, height: 800 };
/** A common phone: 390 × 844 CSS pixels. */
export const PHONE = { width: 390, height: 844 };

/**
 * One Chromium, a fresh context (no shared cookies) per user: the peace office at a desk and a
 * village cadre on a phone (touch, mobile viewport), both in Beijing time and Chinese.
 */
export async function launchDevices() {
  const browser: Browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const open = async (device: 'desktop' | 'phone'): Promise<Page> => {
    const context = await browser.newContext({
      timezoneId: 'Asia/Shanghai',
      locale: 'zh-CN',
      ...(device === 'phone'
        ? { viewport: PHONE, isMobile: true, hasTouch: true, deviceScaleFactor: 2 }
        : { viewport: DESKTOP }),
    });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    return page;
  };
  return { baseUrl: inject('baseUrl'), open, close: () => browser.close() };
}

/**
 * A full-page screenshot for the docs, taken once the page has settled, with nothing focused. The
 * window is made as tall as the page for it, so a sticky bar (the phone form's buttons) is drawn
 * where it ends up, under the form, not over a field at the first screen's bottom edge.
 */
export async function screenshot(page: Page, name: string) {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.waitForLoadState('networkidle');
  await page.evaluate('document.activeElement?.blur(); window.scrollTo(0, 0)');
  await page.mouse.move(0, 0); // no hover effects on the picture
  const viewport = page.viewportSize();
  const height = (await page.evaluate('document.documentElement.scrollHeight')) as number;
  if (viewport && height > viewport.height) await page.setViewportSize({ width: viewport.width, height });
  await page.screenshot({ path: join(SCREENSHOTS, name), fullPage: true, animations: 'disabled' });
  if (viewport) await page.setViewportSize(viewport);
}

/** The page's full width, scrolled sideways included (at most the viewport's when it fits). */
export async function pageWidth(page: Page): Promise<number> {
  return (await page.evaluate('document.documentElement.scrollWidth')) as number;
}

/** 工作台: my overdue / today / week items with their actions; for the peace office, 辖区概况 below. */
export class WorkDashboardPage {
  constructor(
    private readonly page: Page,
    private readonly baseUrl: string,
  ) {}

  async open() {
    await this.page.goto(`${this.baseUrl}/work`);
    await this.loaded();
  }

  async reload() {
    await this.page.reload();
    await this.loaded();
  }

  /** The dashboard answered: 我的待办 is drawn (the overview, where there is one, comes with it). */
  private async loaded() {
    await this.page.getByTestId('dashboard-mine').waitFor();
  }

  /** One of my items, e.g. ('visit', '赵志强'): its row with who, where, how late, and the action. */
  item(kind: ObligationKind, name: string) {
    return this.page.getByTestId(`dashboard-group-${kind}`).getByTestId('work-item').filter({ hasText: name });
  }

  /** One tap on the item's action button. */
  async tapAction(kind: ObligationKind, name: string) {
    await this.item(kind, name).getByTestId('work-item-action').tap();
  }

  async actionLabel(kind: ObligationKind, name: string) {
    return (await this.item(kind, name).getByTestId('work-item-action').textContent())?.trim();
  }

  /** 辖区概况 → 逾期事项（按村、按类）. */
  overdueOverview() {
    return this.page.getByTestId('overview-overdue');
  }

  /** The village's row in the overdue table (desktop) or its line (phone). */
  private overdueVillage(village: string) {
    return this.overdueOverview().locator('tbody tr, [data-testid="overdue-village"]', { hasText: village });
  }

  /** The overdue count of this village and kind (随访 = 'visit'); 0 when the overview shows none. */
  async overdueCount(village: string, kind: ObligationKind): Promise<number> {
    await this.overdueOverview().waitFor();
    const link = this.overdueVillage(village).getByTestId(`overdue-count-${kind}`);
    if ((await link.count()) === 0) return 0;
    return Number((await link.textContent())?.replace(/\D/g, ''));
  }

  /** Clicks the village's overdue count of this kind: the 待办 list, filtered to just those. */
  async openOverdue(village: string, kind: ObligationKind) {
    await this.overdueVillage(village).getByTestId(`overdue-count-${kind}`).click();
    await this.page.waitForURL((url) => url.pathname === '/work/obligations');
    await new ObligationListPage(this.page, this.baseUrl).settled();
  }
}

export interface ObligationFilter {
  scope: '我的' | '本单位' | '辖区全部';
  status: '逾期' | '待办' | '全部';
  kind: ObligationKind;
}
const SCOPE_PARAM = { 我的: 'mine', 本单位: 'unit', 辖区全部: 'all' } as const;
const STATUS_PARAM = { 逾期: 'overdue', 待办: 'due', 全部: 'all' } as const;

/** 待办事项: the open obligations in a scope, filtered by status, kind and village. */
export class ObligationListPage {
  constructor(
    private readonly page: Page,
    private readonly baseUrl: string,
  ) {}

  private table() {
    return this.page.getByTestId('obligations-table');
  }

  async open() {
    await this.page.goto(`${this.baseUrl}/work/obligations`);
    await this.settled();
  }

  /** The table shows what the last request answered: no loading spinner over it (antd wraps the table in one). */
  async settled() {
    await this.table().waitFor();
    await this.page.locator('[aria-busy="true"]', { has: this.table() }).waitFor({ state: 'detached' });
  }

  /** Sets the filters with the page's own controls, then waits for the list they ask for. */
  async filter({ scope, status, kind }: ObligationFilter) {
    const wanted = { scope: SCOPE_PARAM[scope], status: STATUS_PARAM[status], kind };
    const response = this.page.waitForResponse((candidate) => {
      const url = new URL(candidate.url());
      return (
        candidate.request().method() === 'GET' &&
        url.pathname === '/api/obligations' &&
        Object.entries(wanted).every(([key, value]) => url.searchParams.get(key) === value)
      );
    });
    response.catch(() => {});
    await this.pick('obligations-scope', scope);
    await this.pick('obligations-status', status);
    await choose(this.page, this.page.getByTestId('obligations-kind'), exactly(OBLIGATION_KIND_LABELS[kind]));
    const answered = await response;
    if (!answered.ok()) throw new Error(`GET ${answered.url()} → ${answered.status()}: ${await answered.text()}`);
    await this.settled();
  }

  /**
   * Picks an option of a segmented filter and waits until the page shows it chosen. The page builds
   * each filter change from the query it last rendered, so a second click before that re-render
   * would undo the first (the scope click was lost that way about one time in eight).
   */
  private async pick(testId: string, label: string) {
    const control = this.page.getByTestId(testId);
    await control.getByText(label, { exact: true }).click();
    await control.locator('.ant-segmented-item-selected-text', { hasText: exactly(label) }).waitFor();
  }

  /** The rows about this person. */
  rows(name: string) {
    return this.table().locator('tbody tr.ant-table-row', { hasText: name });
  }

  query() {
    return new URL(this.page.url()).searchParams;
  }
}

export interface VisitRecord {
  /** Team members who went along, besides the signed-in user (preselected). */
  alsoVisiting: string[];
  livingSituation: string;
  activities: string;
  stateOfMind: string;
  measures: string;
  controlStatus: '在控' | '失控';
}

/** 登记随访 (/visits/new?caseId=): the person, the team members who went, what they found and did. */
export class VisitFormPage {
  constructor(private readonly page: Page) {}

  /** The form's title once the person is known: 随访：<name>. */
  async title() {
    await this.page.getByTestId('visit-submit').waitFor();
    const title = this.page.locator('.ant-card-head-title', { hasText: '随访：' });
    await title.waitFor();
    return (await title.textContent())?.trim();
  }

  caseId() {
    return new URL(this.page.url()).searchParams.get('caseId');
  }

  visitor(displayName: string) {
    return this.page.getByTestId('visit-visitors').getByRole('checkbox', { name: new RegExp(displayName) });
  }

  controlStatus(label: '在控' | '失控') {
    return this.page.getByTestId('visit-control').getByRole('radio', { name: label });
  }

  extremeTendency() {
    return this.page.getByTestId('visit-extreme');
  }

  alertWarning() {
    return this.page.getByTestId('visit-alert-warning');
  }

  /** On the success page: the visit raised an alert (警情). */
  alertRaised() {
    return this.page.getByTestId('visit-alert-raised');
  }

  async fill(record: VisitRecord) {
    for (const name of record.alsoVisiting) await this.visitor(name).check();
    await this.page.getByTestId('visit-living').fill(record.livingSituation);
    await this.page.getByTestId('visit-activities').fill(record.activities);
    await this.page.getByTestId('visit-mind').fill(record.stateOfMind);
    // A button-style radio: the input is hidden, the user taps the button.
    await this.page.getByTestId('visit-control').locator('label', { hasText: record.controlStatus }).tap();
    await this.page.getByTestId('visit-measures').fill(record.measures);
  }

  /** 提交随访记录 (a tap): the success page follows. */
  async submit() {
    await expectOk(this.page, 'POST', /^\/api\/cases\/[^/]+\/visits$/, () =>
      this.page.getByTestId('visit-submit').tap(),
    );
    await this.page.getByTestId('visit-recorded').waitFor();
  }

  async recorded() {
    return (await this.page.getByTestId('visit-recorded').textContent())?.trim();
  }
}
