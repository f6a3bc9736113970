import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestContext } from '../../../test/context.js';
import { SHIFAN } from '../../../test/work.js';
import { formsFixture, formsKit } from './forms.fixture.test-kit.js';
import { docxParts, pdfText } from './forms.test-kit.js';

let t: TestContext;
let meetingId: string;
let reportId: string;
let zeroReportId: string;

beforeAll(async () => {
  ({ t, meetingId, reportId, zeroReportId } = await formsFixture());
}, 120_000);
afterAll(() => t?.close());

const { exportsOf, download } = formsKit(() => t);

describe('meeting minutes', () => {
  it('prints the meeting, its attendance, decisions and a signature sheet, as Word and PDF', async () => {
    const docx = await download(`/api/meetings/${meetingId}/minutes.docx`);
    expect(docx.statusCode).toBe(200);
    expect(decodeURIComponent(String(docx.headers['content-disposition']))).toContain(
      '演示镇-研判会纪要-20261126.docx',
    );
    const { body, footer } = await docxParts(docx.rawPayload);
    expect(body).toContain('“两失”人员研判会纪要');
    expect(body).toContain('二〇二六年十一月二十六日');
    expect(body).toContain('钱秀兰');
    expect(body).toContain('撤销列管');
    expect(body).toContain('参会人员签字');
    expect(footer).toContain('导出人 pingan');
    const pdf = pdfText((await download(`/api/meetings/${meetingId}/minutes.pdf`)).rawPayload);
    expect(pdf.text).toContain('钱秀兰');
    expect(pdf.text).toContain('研判会纪要');
    const events = (await exportsOf(meetingId)).map((e) => e.diff);
    expect(events).toContainEqual(expect.objectContaining({ kind: 'minutes', format: 'pdf', rows: 2 }));
    expect(events).toContainEqual(expect.objectContaining({ kind: 'minutes', format: 'docx', rows: 2 }));
  });

  it('404 for a meeting outside the jurisdiction', async () => {
    expect((await download(`/api/meetings/${meetingId}/minutes.docx`, SHIFAN)).statusCode).toBe(404);
  });
});

describe('the monthly 排查情况表 of a village', () => {
  it('prints the return with its entries, the ID number masked as the screen shows it', async () => {
    const response = await download(`/api/screening-reports/${reportId}/form.docx`, 'cun2');
    expect(response.statusCode).toBe(200);
    expect(decodeURIComponent(String(response.headers['content-disposition']))).toContain(
      '演示二村-排查情况表-2026-11.docx',
    );
    const { body, footer } = await docxParts(response.rawPayload);
    expect(body).toContain('“两失”人员排查情况表');
    expect(body).toContain('二〇二六年十一月');
    expect(body).toContain('吴小红');
    expect(body).toContain('三是本人或亲属身患重大疾病');
    expect(body).toMatch(/\d{3}\*{11}[\dX]{4}/);
    expect(footer).toContain('导出人 cun2');
    const pdf = pdfText((await download(`/api/screening-reports/${reportId}/form.pdf`, 'cun2')).rawPayload);
    expect(pdf.text).toContain('吴小红');
    const events = (await exportsOf(reportId)).map((e) => e.diff);
    expect(events).toContainEqual(expect.objectContaining({ kind: 'screening', format: 'pdf', rows: 1 }));
  });

  it('a zero report says 本月无新增', async () => {
    const { body } = await docxParts(
      (await download(`/api/screening-reports/${zeroReportId}/form.docx`, 'cun1')).rawPayload,
    );
    expect(body).toContain('本月无新增');
    expect(body).toContain('演示一村');
    const pdf = pdfText((await download(`/api/screening-reports/${zeroReportId}/form.pdf`)).rawPayload);
    expect(pdf.text).toContain('本月无新增');
  });

  it('404 for another village’s return', async () => {
    expect((await download(`/api/screening-reports/${reportId}/form.docx`, 'cun1')).statusCode).toBe(404);
  });
});
