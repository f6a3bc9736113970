// 文书 end to end: every form of a case as Word and PDF (text read back), the whole archive, and
// the list of what a case can print.
import { ARCHIVE_KIND_LABELS, ARCHIVE_KINDS } from '@anxin/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestContext } from '../../../test/context.js';
import { person } from '../../../test/work.js';
import { DOCX, FORMS, formsFixture, formsKit, UPLOADED } from './forms.fixture.test-kit.js';
import { docxParts, docxProblems, pdfOverflow, pdfText } from './forms.test-kit.js';

let t: TestContext;
/** 赵志强: listed at 3, team, letter, a visit, a report, moved to level 2, an uploaded file. */
let zhao: string;
/** 钱秀兰: listed, then delisted on a proposal. */
let qian: string;
/** 孙德明: proposed only (nothing but the intake to print). */
let sun: string;

beforeAll(async () => {
  ({ t, zhao, qian, sun } = await formsFixture());
}, 120_000);
afterAll(() => t?.close());

const { exportsOf, download } = formsKit(() => t);

describe('each form of a case, as Word', () => {
  it.each(FORMS)(
    '$form as Word carries its title, the person, a Chinese date and the watermark',
    async ({ form, title, date, file }) => {
      const response = await download(`/api/cases/${zhao}/forms/${form}.docx`);
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toBe(DOCX);
      expect(response.headers['cache-control']).toBe('no-store');
      expect(decodeURIComponent(String(response.headers['content-disposition']))).toContain(
        `赵志强-${file}-20261129.docx`,
      );
      const { body, footer, documentXml } = await docxParts(response.rawPayload);
      // Well-formed for Word and WPS: no forbidden characters, every row fills its table's grid.
      expect(docxProblems(documentXml)).toEqual([]);
      expect(body).toContain(title);
      expect(body).toContain('赵志强');
      expect(body).toContain(date);
      expect(footer).toContain('导出人 pingan 2026-11-29 10:00');
      expect(footer).toMatch(/第 .* 页 共 .* 页/);
    },
  );

  it('prints the ID number as the caller’s screen shows it, and never the need-to-know notes', async () => {
    const pingan = await t.as('pingan');
    const shown = (await pingan.get(`/api/persons/${person('赵志强')}`)).json();
    const patched = await pingan.patch(`/api/persons/${person('赵志强')}`, {
      version: shown.version,
      healthNotes: '机密健康记录X9',
      criminalRecord: '机密违法记录X9',
      familyConflict: '机密家庭矛盾X9',
    });
    expect(patched.statusCode).toBe(200);
    const screen = (await pingan.get(`/api/persons/${person('赵志强')}`)).json();
    expect(screen.healthNotes).toBe('机密健康记录X9');
    for (const form of ['intake', 'visit', 'archive']) {
      const { body } = await docxParts((await download(`/api/cases/${zhao}/forms/${form}.docx`)).rawPayload);
      expect(body).toContain(screen.idNumber);
      expect(body).not.toContain('机密');
    }
    const pdf = pdfText((await download(`/api/cases/${zhao}/forms/archive.pdf`)).rawPayload);
    expect(pdf.text).not.toContain('机密');
  });

  it('the intake form ticks the situation and the proposed level, and gives the decision', async () => {
    const { body } = await docxParts((await download(`/api/cases/${zhao}/forms/intake.docx`)).rawPayload);
    expect(body).toContain('■入库');
    expect(body).toContain('□出库');
    expect(body).toContain('■四是投资失败');
    expect(body).toContain('□一是');
    expect(body).toContain('决定：列管，级别三级');
    expect(body).toContain('演示镇平安办（盖章）');
    expect(body).toContain('　　年　　月　　日');
  });

  it('the level-change form names the proposer, both levels and the written notice', async () => {
    const { body } = await docxParts((await download(`/api/cases/${zhao}/forms/level-change.docx`)).rawPayload);
    expect(body).toContain('三级');
    expect(body).toContain('■二级');
    expect(body).toContain('■升级');
    // "谁呈报、谁负责": the proposer by name and unit (the seals alone already say 平安办).
    expect(body).toContain('平安办 周安（演示镇平安办）');
    expect(body).toContain('已于二〇二六年十一月二十日书面通知');
  });

  it('the notice is addressed to the responsible units, states the duties, and has a receipt', async () => {
    const { body } = await docxParts((await download(`/api/cases/${zhao}/forms/notice.docx`)).rawPayload);
    expect(body).toContain('演示镇平安办、演示镇派出所、演示一村：');
    expect(body).toContain('变更级别，级别二级');
    expect(body).toContain('每周至少随访一次');
    expect(body).toContain('送达回执');
  });

  it('the exit form of a delisted case ticks 出库 and the reason', async () => {
    const response = await download(`/api/cases/${qian}/forms/exit.docx`);
    expect(response.statusCode).toBe(200);
    expect(decodeURIComponent(String(response.headers['content-disposition']))).toContain('钱秀兰-出库呈报表');
    const { body } = await docxParts(response.rawPayload);
    expect(body).toContain('■出库');
    expect(body).toContain('■矛盾纠纷得到化解');
    expect(body).toContain('抚养纠纷经调解达成协议');
    expect(body).toContain('决定：撤销列管');
  });

  it('picks a record by id, and 404s for one that is not this case’s', async () => {
    const visits = (await (await t.as('pingan')).get(`/api/cases/${zhao}/visits`)).json().items;
    const byId = await download(`/api/cases/${zhao}/forms/visit.docx?visitId=${visits[0].id}`);
    expect(byId.statusCode).toBe(200);
    const other = await download(`/api/cases/${qian}/forms/visit.docx?visitId=${visits[0].id}`);
    expect(other.statusCode).toBe(404);
    expect(other.json().error.message).toBe('未找到该随访记录');
  });

  it('404s for a proposal, decision or report of another case, and records no export', async () => {
    const pingan = await t.as('pingan');
    const zhaoCase = (await pingan.get(`/api/cases/${zhao}`)).json();
    const qianCase = (await pingan.get(`/api/cases/${qian}`)).json();
    const zhaoChange = zhaoCase.proposals.find((p: { kind: string }) => p.kind === 'level_change').id;
    const qianDelist = qianCase.proposals.find((p: { kind: string }) => p.kind === 'delist').id;
    const zhaoDecision = zhaoCase.decisions[0].id;
    const zhaoReport = (await pingan.get(`/api/cases/${zhao}/assessment-reports`)).json().items[0].id;
    const before = (await exportsOf(qian)).length + (await exportsOf(zhao)).length;
    for (const url of [
      `/api/cases/${qian}/forms/level-change.pdf?proposalId=${zhaoChange}`,
      `/api/cases/${qian}/forms/notice.docx?decisionId=${zhaoDecision}`,
      `/api/cases/${qian}/forms/assessment-report.pdf?reportId=${zhaoReport}`,
      `/api/cases/${zhao}/forms/exit.docx?proposalId=${qianDelist}`,
      // A proposal of this case, but not a delisting.
      `/api/cases/${zhao}/forms/exit.pdf?proposalId=${zhaoChange}`,
    ]) {
      const response = await download(url);
      expect(response.statusCode, url).toBe(404);
      expect(response.json().error.message, url).toMatch(/^未找到该/);
    }
    expect((await exportsOf(qian)).length + (await exportsOf(zhao)).length).toBe(before);
    // The same ids on their own case print.
    expect((await download(`/api/cases/${zhao}/forms/notice.docx?decisionId=${zhaoDecision}`)).statusCode).toBe(200);
    expect((await download(`/api/cases/${qian}/forms/exit.docx?proposalId=${qianDelist}`)).statusCode).toBe(200);
  });

  it('answers 409 in Chinese when the case has nothing of the kind to print', async () => {
    for (const form of ['visit', 'level-change', 'notice', 'responsibility-letter', 'assessment-report', 'exit']) {
      const response = await download(`/api/cases/${sun}/forms/${form}.pdf`);
      expect(response.statusCode, form).toBe(409);
      expect(response.json().error.code).toBe('NOTHING_TO_PRINT');
      expect(response.json().error.message).toMatch(/尚无|尚未/);
    }
    // The intake form of a case still being proposed prints, with blank decision fields.
    const intake = await download(`/api/cases/${sun}/forms/intake.docx`);
    expect(intake.statusCode).toBe(200);
  });
});

describe('each form of a case, as PDF', () => {
  it.each(FORMS)('$form as PDF carries real text: the person, the title and the watermark', async ({ form, title }) => {
    const response = await download(`/api/cases/${zhao}/forms/${form}.pdf`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    expect(response.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const { text, pages } = pdfText(response.rawPayload);
    expect(text).toContain('赵志强');
    expect(text).toContain(title);
    expect(text).toContain('导出人 pingan 2026-11-29 10:00');
    expect(pages).toBeGreaterThanOrEqual(1);
    // Nothing runs past a cell into the margin or the footer.
    expect(pdfOverflow(response.rawPayload)).toEqual([]);
  });
});

describe('the whole file (一人一档)', () => {
  it('has the cover, the index of the eight archive kinds, every form and the uploaded file names', async () => {
    const response = await download(`/api/cases/${zhao}/forms/archive.docx`);
    expect(response.statusCode).toBe(200);
    expect(decodeURIComponent(String(response.headers['content-disposition']))).toContain('赵志强-一人一档');
    const { body } = await docxParts(response.rawPayload);
    expect(body).toContain('“两失”人员服务管理档案');
    expect(body).toContain('（一人一档）');
    expect(body).toContain('档案目录');
    for (const kind of ARCHIVE_KINDS) expect(body).toContain(ARCHIVE_KIND_LABELS[kind]);
    // The index comes before the forms, in the plan's order.
    expect(body.indexOf('档案目录')).toBeLessThan(body.indexOf('“两失”人员入库（出库）呈报表'));
    // Visits are listed in a table (服务管理工作措施); every other form is printed whole.
    for (const { form, title } of FORMS) if (form !== 'visit') expect(body).toContain(title);
    expect(body).toContain('“两失”人员研判会纪要');
    expect(body).toContain('随访记录（1次）');
    expect(body).toContain(UPLOADED);
  });

  it('as PDF: several pages, searchable, with the uploaded file names', async () => {
    const response = await download(`/api/cases/${zhao}/forms/archive.pdf`);
    expect(response.statusCode).toBe(200);
    const { text, pages } = pdfText(response.rawPayload);
    expect(pages).toBeGreaterThan(8);
    expect(text).toContain('赵志强');
    expect(text).toContain('档案目录');
    expect(text).toContain(UPLOADED);
  });
});

describe('the 文书 list of a case', () => {
  it('says which forms can be printed and what each would print', async () => {
    const items = (await (await t.as('cun1')).get(`/api/cases/${zhao}/forms`)).json().items;
    expect(items.map((i: { form: string }) => i.form)).toEqual([
      'intake',
      'level-change',
      'notice',
      'responsibility-letter',
      'visit',
      'assessment-report',
      'exit',
      'archive',
    ]);
    const byForm = Object.fromEntries(items.map((i: { form: string }) => [i.form, i]));
    expect(byForm.visit).toMatchObject({ available: true, note: '2026-11-12 随访' });
    expect(byForm.exit).toMatchObject({ available: false, note: '尚无撤销列管呈报' });
    const proposed = (await (await t.as('pingan')).get(`/api/cases/${sun}/forms`)).json().items;
    expect(proposed.filter((i: { available: boolean }) => i.available).map((i: { form: string }) => i.form)).toEqual([
      'intake',
      'archive',
    ]);
    expect((await (await t.as('cun2')).get(`/api/cases/${zhao}/forms`)).statusCode).toBe(404);
  });
});
