import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBrowser } from './browser.js';
import { CaseFormsCard, CasePage, LoginPage } from './pages.js';
import { PHONE, SCREENSHOTS } from './work-pages.js';

let browser: Awaited<ReturnType<typeof openBrowser>>;
beforeAll(async () => {
  browser = await openBrowser();
});
afterAll(() => browser?.close());

/** 赵志强: listed at level 3 in the demo town, with a team, a signed letter and visits. */
const PERSON = '赵志强';
const STEP = 120_000;

/** Today in Beijing as the server names files: 20261129. */
const today = () =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date()).replaceAll('-', '');

/**
 * Issue 6 in the browser: the peace office opens a case, and the 文书打印 card gives each form as a
 * file the browser saves under its Chinese name — a real PDF and a real Word file.
 */
describe(`the peace office prints ${PERSON}'s forms from the case page`, () => {
  let caseId: string;

  it(
    'downloads the intake form as PDF and the whole file (一人一档) as Word',
    async () => {
      const { page, baseUrl } = browser;
      await new LoginPage(page, baseUrl).signIn('pingan');
      const found = await page.request.get(`${baseUrl}/api/cases?q=${encodeURIComponent(PERSON)}&status=listed`);
      caseId = (await found.json()).items[0].id;
      await new CasePage(page, baseUrl).open(caseId);
      const forms = new CaseFormsCard(page);

      const pdf = await forms.download('intake', 'pdf');
      expect(pdf.suggestedFilename()).toBe(`${PERSON}-入库呈报表-${today()}.pdf`);
      const pdfBytes = readFileSync((await pdf.path()) as string);
      expect(pdfBytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');

      const docx = await forms.download('archive', 'docx');
      expect(docx.suggestedFilename()).toBe(`${PERSON}-一人一档-${today()}.docx`);
      const zip = await JSZip.loadAsync(readFileSync((await docx.path()) as string));
      const xml = (await zip.file('word/document.xml')?.async('string')) ?? '';
      expect(xml).toContain('档案目录');
      expect(xml).toContain(PERSON);
    },
    STEP,
  );

  it(
    'a form with nothing to print yet cannot be clicked, and says why; the card fits a phone',
    async () => {
      const { page, baseUrl } = browser;
      const forms = new CaseFormsCard(page);
      // The demo has no delisting proposal for him: the exit form waits.
      await expect.poll(() => forms.button('exit', 'pdf').isDisabled()).toBe(true);
      expect(await forms.item('exit').textContent()).toContain('尚无撤销列管呈报');

      await page.setViewportSize(PHONE);
      await new CasePage(page, baseUrl).open(caseId);
      await forms.item('archive').waitFor();
      await page.getByTestId('case-forms').scrollIntoViewIfNeeded();
      expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(PHONE.width);
      await page
        .getByTestId('case-forms')
        .screenshot({ path: join(SCREENSHOTS, 'form-card-390.png'), animations: 'disabled' });
    },
    STEP,
  );

  it(
    'downloads the minutes of a meeting from the meeting page',
    async () => {
      const { page, baseUrl } = browser;
      await page.setViewportSize({ width: 1280, height: 800 });
      const meetings = await page.request.get(`${baseUrl}/api/meetings?kind=assessment`);
      const meeting = (await meetings.json()).items[0];
      await page.goto(`${baseUrl}/meetings/${meeting.id}`);
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByTestId('minutes-download-docx').click(),
      ]);
      expect(download.suggestedFilename()).toBe(
        `${meeting.orgUnitName}-研判会纪要-${meeting.heldOn.replaceAll('-', '')}.docx`,
      );
      const zip = await JSZip.loadAsync(readFileSync((await download.path()) as string));
      expect((await zip.file('word/document.xml')?.async('string')) ?? '').toContain('参会人员签字');
    },
    STEP,
  );
});
