import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { inject } from 'vitest';

export const CHROMIUM = '/usr/bin/chromium';

/** A fresh Chromium profile per walkthrough, in Beijing time and Chinese, as the users have it. */
export async function openBrowser(): Promise<{
  context: BrowserContext;
  page: Page;
  baseUrl: string;
  close(): Promise<void>;
}> {
  const profile = mkdtempSync(join(tmpdir(), 'anxin-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    timezoneId: 'Asia/Shanghai',
    locale: 'zh-CN',
    viewport: { width: 1280, height: 800 },
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
  const page = context.pages()[0] ?? (await context.newPage());
  page.setDefaultTimeout(15_000);
  return {
    context,
    page,
    baseUrl: inject('baseUrl'),
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
