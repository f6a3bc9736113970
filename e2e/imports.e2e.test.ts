import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LoginPage } from './pages.js';
import { launchDevices, PHONE, pageWidth, screenshot } from './work-pages.js';

let devices: Awaited<ReturnType<typeof launchDevices>>;
const files = mkdtempSync(join(tmpdir(), 'anxin-import-'));
beforeAll(async () => {
  devices = await launchDevices();
});
afterAll(async () => {
  await devices?.close();
  rmSync(files, { recursive: true, force: true });
});

/** A checksum-valid ID number in the fictional area 500199 (GB 11643). */
function idNumber(birth: string, sequence: number): string {
  const first17 = `500199${birth}${String(sequence).padStart(3, '0')}`;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((total, digit, i) => total + Number(digit) * (weights[i] as number), 0);
  return first17 + ('10X98765432'[sum % 11] as string);
}

/**
 * Last month (Beijing): the lifecycle walkthrough submits 演示一村's return of this month, and a
 * submitted return takes no more rows, so this test must not depend on which file runs first.
 */
const lastMonth = () => {
  const [year, month] = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' })
    .format(new Date())
    .split('-')
    .map(Number) as [number, number];
  return month === 1 ? `${year - 1}-12` : `${year}-${String(month - 1).padStart(2, '0')}`;
};

/** 排查上报 › 批量导入, as a village cadre sees it on a phone. */
class ScreeningImportTab {
  constructor(
    private readonly page: Page,
    private readonly baseUrl: string,
  ) {}

  async open() {
    await this.page.goto(`${this.baseUrl}/screening?tab=import`);
    await this.page.getByTestId('screening-import-template').waitFor();
  }

  /** Clicks 下载导入模板 and saves the download; returns its suggested name and where it was saved. */
  async downloadTemplate(to: string) {
    const [download] = await Promise.all([
      this.page.waitForEvent('download'),
      this.page.getByTestId('screening-import-template').click(),
    ]);
    await download.saveAs(to);
    return download.suggestedFilename();
  }

  /** Chooses the file: the dry run starts at once. */
  async choose(path: string) {
    await this.page.locator('.excel-import input[type=file]').setInputFiles(path);
    await this.page.getByTestId('screening-import-report').waitFor();
  }

  summary() {
    return this.page.getByTestId('screening-import-summary');
  }

  rejectedRow(row: number) {
    return this.page.locator('[data-testid="screening-import-rejected"] .ant-table-tbody tr', {
      has: this.page.locator('td', { hasText: new RegExp(`^${row}$`) }),
    });
  }
}

describe('排查上报 › 批量导入', () => {
  it('a village cadre downloads the template on a phone, fills it with one bad row, and the dry run names that row', async () => {
    const page = await devices.open('phone');
    const { baseUrl } = devices;
    await new LoginPage(page, baseUrl).signIn('cun1');
    const tab = new ScreeningImportTab(page, baseUrl);
    await tab.open();

    const template = join(files, 'template.xlsx');
    expect(await tab.downloadTemplate(template)).toBe('排查情况表导入模板.xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(template);
    const sheet = workbook.getWorksheet('排查情况');
    expect(sheet?.getRow(1).values).toEqual([
      undefined,
      '村(社区)',
      '月份',
      '姓名',
      '身份证号',
      '性别',
      '联系电话',
      '户籍地址',
      '居住地址',
      '排查类别',
      '情况描述',
    ]);
    expect(workbook.getWorksheet('选项')?.getCell('A2').value).toBe('演示一村');

    // Fill the downloaded template itself: one good row, one with a wrong check digit.
    const good = idNumber('19810203', 711);
    const bad = `${idNumber('19810203', 712).slice(0, 17)}${idNumber('19810203', 712).endsWith('0') ? '1' : '0'}`;
    const month = lastMonth();
    sheet?.addRow([
      '演示一村',
      month,
      '导入测试甲',
      good,
      '',
      '13900000001',
      '演示一村7组3号',
      '',
      'C4',
      '生意失败，欠债较多。',
    ]);
    sheet?.addRow([
      '演示一村',
      month,
      '导入测试乙',
      bad,
      '',
      '',
      '演示一村7组5号',
      '',
      'C2；C5',
      '家庭变故，情绪低落。',
    ]);
    const filled = join(files, '上月排查.xlsx');
    await workbook.xlsx.writeFile(filled);

    await tab.choose(filled);
    await expect.poll(() => tab.summary().textContent()).toContain('共 2 行排查对象：有效 1 行，有误 1 行');
    const row = tab.rejectedRow(3);
    await row.waitFor();
    expect(await row.textContent()).toContain('身份证号：身份证号校验位错误');
    await expect.poll(() => page.getByTestId('screening-import-all').isDisabled()).toBe(true);
    expect(await page.getByTestId('screening-import-valid-only').isDisabled()).toBe(false);
    expect(await page.getByTestId('screening-import-file-name').textContent()).toContain('上月排查.xlsx');
    expect(await pageWidth(page)).toBeLessThanOrEqual(PHONE.width);
    await screenshot(page, 'screening-import-phone.png');
  }, 120_000);
});
