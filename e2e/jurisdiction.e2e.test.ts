import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBrowser } from './browser.js';
import { AuditPage, expectNotFoundPage, LoginPage } from './pages.js';

let browser: Awaited<ReturnType<typeof openBrowser>>;
beforeAll(async () => {
  browser = await openBrowser();
});
afterAll(() => browser?.close());

/** 赵志强, registered in 演示一村 (fixed id of the demo seed). */
const VILLAGE1_PERSON = 'c0000000-0000-4000-8000-000000000001';

describe('jurisdiction is enforced and the attempt is on record', () => {
  it('演示二村’s cadre opening 演示一村’s person gets the 404 page', async () => {
    const { page, baseUrl } = browser;
    const login = new LoginPage(page, baseUrl);
    await login.signIn('cun2');
    await page.goto(`${baseUrl}/persons/${VILLAGE1_PERSON}`);
    await expectNotFoundPage(page);
    expect(await page.content()).not.toContain('赵志强');
    await login.signOut();
  });

  it('the inspector sees that read in the audit log', async () => {
    const { page, baseUrl } = browser;
    await new LoginPage(page, baseUrl).signIn('ducha');
    const audit = new AuditPage(page, baseUrl);
    await audit.open();
    const row = audit.rows('cun2').filter({ hasText: '查看人员档案' }).first();
    await row.waitFor();
    expect(await row.textContent()).toMatch(/未找到/);
  });

  it('leaves nothing in browser storage after signing out', async () => {
    const { page } = browser;
    // Runs in the page, where the DOM globals exist.
    const storage = await page.evaluate('localStorage.length + sessionStorage.length');
    expect(storage).toBe(0);
  });
});
