// Page objects: the walkthroughs say what a user does; these say how, in one place.

import type { Page } from 'playwright-core';
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
