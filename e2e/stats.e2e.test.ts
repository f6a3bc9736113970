import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LoginPage } from './pages.js';
import { launchDevices, PHONE, pageWidth, screenshot } from './work-pages.js';

let devices: Awaited<ReturnType<typeof launchDevices>>;
const downloads = mkdtempSync(join(tmpdir(), 'anxin-stats-'));
beforeAll(async () => {
  devices = await launchDevices();
});
afterAll(async () => {
  await devices?.close();
  rmSync(downloads, { recursive: true, force: true });
});

/** The charts every statistics page draws, whatever the data. */
const CHARTS = ['level', 'category', 'village', 'trend', 'compliance'];
const STEP = 120_000;

/** This month in Beijing, as the page's default and the file names write it. */
function thisMonth() {
  const [year, month] = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date()).split('-');
  return { year, month: Number(month) };
}

async function openStats(page: Page, baseUrl: string) {
  await page.goto(`${baseUrl}/stats`);
  await page.getByTestId('stats-kpi-listed').waitFor();
}

/** Each chart has drawn its canvas, with a real size, inside the page's width. */
async function expectChartsDrawn(page: Page, maxWidth: number) {
  for (const name of CHARTS) {
    const canvas = page.locator(`[data-testid="stats-chart-${name}"] canvas`).first();
    await canvas.waitFor({ state: 'visible' });
    const box = await canvas.boundingBox();
    expect(box, name).not.toBeNull();
    expect(box?.width, name).toBeGreaterThan(100);
    expect(box?.height, name).toBeGreaterThan(100);
    expect((box?.x ?? 0) + (box?.width ?? 0), name).toBeLessThanOrEqual(maxWidth + 1);
  }
}

describe('统计报表', () => {
  it(
    '平安办 opens 统计报表 from the menu: numbers and charts of 演示镇, the export downloads as an Excel file',
    async () => {
      const page = await devices.open('desktop');
      const { baseUrl } = devices;
      // The charts draw under the strict CSP: no script or worker is refused. (antd still has inline
      // style attributes the CSP refuses, on this page as on the others; they change no content and
      // are a known issue of the whole app, not of the charts.)
      const refused: string[] = [];
      page.on('console', (message) => {
        const text = message.text();
        if (message.type() === 'error' && /Content Security Policy/i.test(text) && !/inline style/i.test(text))
          refused.push(text);
      });
      await new LoginPage(page, baseUrl).signIn('pingan');
      await page.getByRole('menuitem', { name: '统计报表' }).click();
      await page.waitForURL('**/stats');
      await page.getByTestId('stats-kpi-listed').waitFor();
      await expect.poll(() => page.getByTestId('stats-note').textContent()).toContain('演示镇');
      await expectChartsDrawn(page, 1280);

      const listed = await page.getByTestId('stats-kpi-listed').locator('.ant-statistic-content-value').textContent();
      expect(Number(listed)).toBeGreaterThan(0);

      const { year, month } = thisMonth();
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('stats-export').click()]);
      expect(download.suggestedFilename()).toBe(`演示镇统计报表（${year}年${month}月）.xlsx`);
      const file = join(downloads, 'stats.xlsx');
      await download.saveAs(file);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.readFile(file);
      const levels = workbook.getWorksheet('按级别');
      expect(levels?.getRow(1).values).toEqual([undefined, '级别', '人数']);
      const total = [2, 3, 4].reduce((sum, row) => sum + Number(levels?.getRow(row).getCell(2).value), 0);
      expect(total).toBe(Number(listed));
      expect(String(levels?.getRow(levels.rowCount).getCell(1).value)).toMatch(
        /^导出人 pingan \d{4}-\d{2}-\d{2} \d{2}:\d{2}$/,
      );

      const [report] = await Promise.all([
        page.waitForEvent('download'),
        page.getByTestId('stats-report-docx').click(),
      ]);
      expect(report.suggestedFilename()).toBe(`演示镇“两失”人员服务管理工作月报（${year}年${month}月）.docx`);
      const docx = join(downloads, 'report.docx');
      await report.saveAs(docx);
      const zip = await JSZip.loadAsync(readFileSync(docx));
      expect(await zip.file('word/document.xml')?.async('string')).toContain('一、列管情况');

      // Hovering a bar opens a tooltip: drawn on the canvas, not as HTML the CSP would refuse.
      await page.locator('[data-testid="stats-chart-level"] canvas').first().hover();
      expect(refused).toEqual([]);
      await screenshot(page, 'stats-pingan.png');
      await page.context().close();
    },
    STEP,
  );

  it(
    '演示一村’s cadre sees the village’s statistics on a 390-px phone, charts within the screen',
    async () => {
      const page = await devices.open('phone');
      const { baseUrl } = devices;
      await new LoginPage(page, baseUrl).signIn('cun1');
      await openStats(page, baseUrl);
      await expect.poll(() => page.getByTestId('stats-note').textContent()).toContain('演示一村');
      await expectChartsDrawn(page, PHONE.width);
      expect(await pageWidth(page)).toBeLessThanOrEqual(PHONE.width);
      // The unit picker offers the village and nothing above or beside it.
      await page.getByTestId('stats-unit').click();
      const options = page.locator('.ant-select-dropdown:visible .ant-select-tree-title');
      await options.first().waitFor();
      expect(await options.allTextContents()).toEqual(['演示一村']);
      await page.keyboard.press('Escape');
      await screenshot(page, 'stats-cun1-phone.png');
      await page.context().close();
    },
    STEP,
  );
});
