// Page objects: the walkthroughs say what a user does; these say how, in one place.

import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';

export const DEMO_PASSWORD = 'Anxin@2026';

export class LoginPage {
  constructor(
    private readonly page: Page,
    private readonly baseUrl: string,
  ) {}

  async signIn(username: string, password = DEMO_PASSWORD) {
    await this.page.goto(`${this.baseUrl}/login`);
    await this.page.getByTestId('login-username').fill(username);
    await this.page.getByTestId('login-password').fill(password);
    await this.page.getByTestId('login-submit').click();
    await this.page.waitForURL((url) => !url.pathname.startsWith('/login'));
  }

  async signOut() {
    await this.page.getByRole('button', { name: /退出登录/ }).click();
    await this.page.waitForURL((url) => url.pathname.startsWith('/login'));
  }
}

export class PersonsPage {
  constructor(
    private readonly page: Page,
    private readonly baseUrl: string,
  ) {}

  async open() {
    await this.page.goto(`${this.baseUrl}/persons`);
    await this.page.locator('.ant-table').waitFor();
  }

  async search(text: string) {
    await this.page.getByTestId('persons-search').fill(text);
    await this.page.getByTestId('persons-search').press('Enter');
  }

  row(name: string) {
    return this.page.locator('.ant-table-tbody tr', { hasText: name });
  }

  async startNew() {
    await this.page.getByTestId('persons-new').click();
    await this.page.waitForURL('**/persons/new');
  }
}

export class PersonFormPage {
  constructor(private readonly page: Page) {}

  async fillText(label: string, value: string) {
    await this.page.getByLabel(label, { exact: true }).fill(value);
  }

  /** antd Select: open it by its label and click the option. */
  async choose(label: string, option: string) {
    await this.page.getByLabel(label, { exact: true }).click();
    await this.page
      .locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: option })
      .first()
      .click();
  }

  async submit() {
    await this.page.getByTestId('person-submit').click();
  }
}

export class AuditPage {
  constructor(
    private readonly page: Page,
    private readonly baseUrl: string,
  ) {}

  async open() {
    await this.page.goto(`${this.baseUrl}/audit`);
    await this.page.getByTestId('audit-table').waitFor();
  }

  rows(text: string) {
    return this.page.getByTestId('audit-table').locator('tbody tr', { hasText: text });
  }
}

export async function expectNotFoundPage(page: Page) {
  await page.getByTestId('not-found').waitFor();
  expect(await page.getByTestId('not-found').textContent()).toContain('404');
}

// ——— The case lifecycle: 排查上报 → 入库呈报 → 研判会 → 级别变更 → 撤销列管 ———

/*
 * antd animates its popups in (the motion classes ant-slide-… / ant-zoom-… stay on while it runs).
 * A click during the animation may land where the element is about to move from, so a popup is
 * used only once it has settled: visible, without a motion class.
 */
const OPEN_DROPDOWN = '.ant-select-dropdown:visible:not([class*="ant-slide"])';
const OPEN_CONFIRM = '.ant-modal-confirm:visible:not(.ant-zoom)';
const OPEN_MODAL = '.ant-modal:visible:not(.ant-zoom)';

/** The open antd Select dropdown's option with this text (only one dropdown is visible at a time). */
function selectOption(page: Page, text: string | RegExp) {
  return page.locator(`${OPEN_DROPDOWN} .ant-select-item-option`, { hasText: text }).first();
}

/** Matches exactly this text (列管, not 撤销列管). */
export function exactly(text: string): RegExp {
  return new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
}

/** Opens an antd Select and picks the option with this text. */
export async function choose(page: Page, select: Locator, option: string | RegExp) {
  await select.click();
  await selectOption(page, option).click();
}

/** An antd confirm dialog (modal.confirm): presses its OK button. */
async function confirmDialog(page: Page, okText: string | RegExp) {
  const dialog = page.locator(OPEN_CONFIRM);
  await dialog.getByRole('button', { name: okText }).click();
  await page.locator('.ant-modal-confirm:visible').waitFor({ state: 'detached' });
}

/** Waits for the API call a click makes, and fails the walkthrough with the server's answer if it was refused. */
export async function expectOk(page: Page, method: string, path: RegExp, action: () => Promise<void>) {
  const response = page.waitForResponse(
    (candidate) => candidate.request().method() === method && path.test(new URL(candidate.url()).pathname),
  );
  // If the action itself fails, that is the error to report, not the response never coming.
  response.catch(() => {});
  await action();
  const answered = await response;
  if (!answered.ok()) throw new Error(`${method} ${answered.url()} → ${answered.status()}: ${await answered.text()}`);
  return answered;
}

/** 排查上报: the monthly return (村/社区), and the 待研判 pool (平安办). */
export class ScreeningPage {
  constructor(
    private readonly page: Page,
    private readonly baseUrl: string,
  ) {}

  /** 本月上报 of the signed-in unit, for this month. */
  async openReturn() {
    await this.page.goto(`${this.baseUrl}/screening?tab=return`);
    await this.page.getByTestId('screening-submit').waitFor();
  }

  /** Adds a card for a person found in screening: who (searched by name), which 情形, what was seen. */
  async addSuspect(name: string, category: RegExp, description: string) {
    await this.page.getByTestId('screening-add-entry').click();
    const entry = this.page.getByTestId('screening-entry').last();
    const person = entry.getByTestId('screening-person-select');
    await person.click();
    await person.locator('input').fill(name);
    await selectOption(this.page, name).click();
    await entry.getByRole('checkbox', { name: category }).check();
    await entry.getByLabel('情况说明').fill(description);
  }

  /** 上报, confirmed; the return then shows as submitted (it can no longer be edited). */
  async submit() {
    await this.page.getByTestId('screening-submit').click();
    await expectOk(this.page, 'POST', /^\/api\/screening-reports\/[^/]+\/submit$/, () =>
      // antd spaces out a two-character button label: 上 报.
      confirmDialog(this.page, /^上\s?报$/),
    );
    await this.page.getByTestId('screening-submitted').waitFor();
  }

  submittedReturn() {
    return this.page.getByTestId('screening-submitted');
  }

  async openPool() {
    await this.page.goto(`${this.baseUrl}/screening?tab=pool`);
    await this.page.getByTestId('pool-table').waitFor();
  }

  poolRow(name: string, unit: string) {
    return this.page.getByTestId('pool-table').locator('tbody tr', { hasText: name }).filter({ hasText: unit });
  }

  /** 提出入库呈报 for a suspect in the pool: opens the intake form prefilled from the return. */
  async proposeIntake(name: string, unit: string) {
    await this.poolRow(name, unit).getByTestId('pool-propose').click();
    await this.page.waitForURL('**/cases/new?**');
    await this.page.getByTestId('intake-submit').waitFor();
  }
}

/** 入库呈报表. */
export class IntakeFormPage {
  constructor(private readonly page: Page) {}

  /** The categories the village reported come prefilled; the peace office checks them. */
  category(label: RegExp) {
    return this.page.getByRole('checkbox', { name: label });
  }

  async tickIndicator(label: string) {
    await this.page.getByRole('checkbox', { name: label }).check();
  }

  async proposeLevel(label: string) {
    await this.page.getByTestId('intake-level').getByRole('radio', { name: label }).check();
  }

  async fill(label: string, text: string) {
    await this.page.getByLabel(label, { exact: true }).fill(text);
  }

  /** 提交呈报: the case page opens; returns the case's id. */
  async submit(): Promise<string> {
    await expectOk(this.page, 'POST', /^\/api\/cases$/, () => this.page.getByTestId('intake-submit').click());
    await this.page.waitForURL(/\/cases\/[0-9a-f-]{36}$/);
    return new URL(this.page.url()).pathname.split('/').pop() as string;
  }
}

/** A case's page: status, level, timeline, and the level-change and delisting proposals. */
export class CasePage {
  constructor(
    private readonly page: Page,
    private readonly baseUrl: string,
  ) {}

  async open(caseId: string) {
    await this.page.goto(`${this.baseUrl}/cases/${caseId}`);
    await this.page.getByTestId('case-status').waitFor();
  }

  async status() {
    return (await this.page.getByTestId('case-status').textContent())?.trim();
  }

  async level() {
    return (await this.page.getByTestId('case-level').textContent())?.trim();
  }

  /** 级别变更呈报: the new level, the behaviour seen now, why. */
  async proposeLevelChange(level: string, indicator: string, basis: string) {
    await this.page.getByTestId('propose-level-change').click();
    const dialog = this.page.locator(OPEN_MODAL);
    await dialog.getByTestId('proposal-level').getByRole('radio', { name: level }).check();
    await dialog.getByRole('checkbox', { name: indicator }).check();
    await dialog.getByTestId('proposal-basis').fill(basis);
    await this.submitProposal();
  }

  /** 撤销列管呈报: one of the plan's reasons, with the facts behind it. */
  /** 平安办 records that the person was told of the listing today (PIPL Art. 35; a case closes only after this). */
  async recordNoticeInformed() {
    await this.page.getByTestId('notice-edit').click();
    const dialog = this.page.locator(OPEN_MODAL);
    await dialog.getByText('已告知本人').click();
    await expectOk(this.page, 'PUT', /^\/api\/cases\/[^/]+\/notice$/, () =>
      dialog.getByTestId('notice-submit').click(),
    );
    await this.page.locator('.ant-modal:visible').waitFor({ state: 'detached' });
  }

  async proposeDelisting(reason: string, basis: string) {
    await this.page.getByTestId('propose-delist').click();
    const dialog = this.page.locator(OPEN_MODAL);
    await choose(this.page, dialog.getByTestId('proposal-reason-code'), reason);
    await dialog.getByTestId('proposal-basis').fill(basis);
    await this.submitProposal();
  }

  private async submitProposal() {
    await expectOk(this.page, 'POST', /^\/api\/cases\/[^/]+\/proposals$/, () =>
      this.page.getByTestId('proposal-submit').click(),
    );
    await this.page.locator('.ant-modal:visible').waitFor({ state: 'detached' });
  }

  /** The pending proposals, as the proposals table shows them (type, ask, proposer …). */
  proposalRows(text: string) {
    return this.page.getByTestId('case-proposals').locator('tbody tr', { hasText: text });
  }

  /** The level timeline, oldest first: each entry's head line ("2026-11-29 级别变更 三级 → 二级 会议纪要"). */
  async timeline(): Promise<string[]> {
    const entries = this.page.getByTestId('level-timeline').locator('.timeline-entry');
    await entries.first().waitFor();
    const heads: string[] = [];
    for (const entry of await entries.all()) {
      const parts = await entry.locator('.ant-space').first().locator('.ant-space-item').allTextContents();
      heads.push(parts.map((part) => part.trim()).join(' '));
    }
    return heads;
  }
}

/** 文书打印 on a case's page: each form's Word and PDF buttons; a click saves the file. */
export class CaseFormsCard {
  constructor(private readonly page: Page) {}

  item(form: string) {
    return this.page.getByTestId(`case-form-${form}`);
  }

  button(form: string, format: 'docx' | 'pdf') {
    return this.page.getByTestId(`form-download-${form}-${format}`);
  }

  /** Clicks a download button and waits for the browser to save the file. */
  async download(form: string, format: 'docx' | 'pdf') {
    await this.item(form).waitFor();
    const [download] = await Promise.all([this.page.waitForEvent('download'), this.button(form, format).click()]);
    return download;
  }
}

/** 研判会议: a new meeting, its attendance, its agenda and the decision per case. */
export class MeetingPage {
  constructor(
    private readonly page: Page,
    private readonly baseUrl: string,
  ) {}

  /** 新建会议: an assessment meeting (研判会) of the user's town, held now. */
  async create() {
    await this.page.goto(`${this.baseUrl}/meetings/new`);
    await this.page.getByTestId('meeting-create').waitFor();
    await expectOk(this.page, 'POST', /^\/api\/meetings$/, () => this.page.getByTestId('meeting-create').click());
    await this.page.waitForURL(/\/meetings\/[0-9a-f-]{36}$/);
    await this.page.getByTestId('meeting-attendance').waitFor();
  }

  /** 参会人员: each picked by display name; saved with the minutes. */
  async recordAttendance(displayNames: string[], minutes: string) {
    const select = this.page.getByTestId('meeting-attendance');
    for (const name of displayNames) {
      await select.click();
      await select.locator('input').fill(name);
      await selectOption(this.page, name).click();
    }
    await this.page.keyboard.press('Escape');
    await this.page.getByTestId('meeting-minutes').fill(minutes);
    await expectOk(this.page, 'PATCH', /^\/api\/meetings\/[^/]+$/, () => this.page.getByTestId('meeting-save').click());
  }

  /** 待上会事项 → 加入议程: the row of this person and kind (入库呈报, 级别变更呈报 …). */
  async addToAgenda(name: string, kind: string) {
    const row = this.page
      .getByTestId('meeting-agenda')
      .locator('tbody tr', { hasText: name })
      .filter({ hasText: kind });
    await expectOk(this.page, 'PATCH', /^\/api\/meetings\/[^/]+$/, () => row.getByTestId('meeting-agenda-add').click());
    await row.getByText('已在议程').waitFor();
    await this.agendaCase(name).waitFor();
  }

  quorum() {
    return this.page.getByTestId('quorum');
  }

  agendaCase(name: string) {
    return this.page.getByTestId('agenda-case').filter({ hasText: name });
  }

  /** The outcomes the decision form offers for this case. */
  async decisionChoices(name: string): Promise<string[]> {
    await this.agendaCase(name).getByTestId('decision-outcome').click();
    const options = this.page.locator(`${OPEN_DROPDOWN} .ant-select-item-option`);
    await options.first().waitFor();
    const labels = await options.allTextContents();
    await this.page.keyboard.press('Escape');
    await this.page.locator('.ant-select-dropdown:visible').waitFor({ state: 'detached' });
    return labels;
  }

  /** 作出决定: the outcome, the level where it takes one, the reason; confirmed in the dialog. */
  async decide(name: string, decision: { outcome: string; level?: string; reason: string }) {
    const panel = this.agendaCase(name);
    await choose(this.page, panel.getByTestId('decision-outcome'), exactly(decision.outcome));
    if (decision.level) await choose(this.page, panel.getByTestId('decision-level'), decision.level);
    await panel.getByTestId('decision-reason').fill(decision.reason);
    await panel.getByTestId('decision-submit').click();
    await expectOk(this.page, 'POST', /^\/api\/meetings\/[^/]+\/decisions$/, () =>
      confirmDialog(this.page, '确认决定'),
    );
    await panel.getByTestId('decision-made').waitFor();
  }

  async decisionMade(name: string) {
    return (await this.agendaCase(name).getByTestId('decision-made').textContent())?.trim();
  }
}
