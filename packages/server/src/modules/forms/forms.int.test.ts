// 文书 end to end: every form of a case as Word and PDF (text read back), the whole archive, the
// minutes and the 排查情况表, the audit of every export, and who may not print what.
import { ARCHIVE_KIND_LABELS, ARCHIVE_KINDS } from '@anxin/shared';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/context.js';
import { decide, FULL_QUORUM, proposeIntake, recordNotice } from '../../../test/lifecycle.js';
import {
  addShifan,
  changeLevel,
  formTeam,
  listAt,
  meetingAt,
  person,
  recordVisit,
  SHIFAN,
  uid,
} from '../../../test/work.js';
import { auditEvents } from '../../db/schema.js';
import { DEMO_UNITS } from '../../seed/demo-town.js';
import { FORM_DOWNLOADS_PER_MINUTE } from './forms.routes.js';
import { docxParts, docxProblems, pdfOverflow, pdfText } from './forms.test-kit.js';

let t: TestContext;
/** 赵志强: listed at 3, team, letter, a visit, a report, moved to level 2, an uploaded file. */
let zhao: string;
/** 钱秀兰: listed, then delisted on a proposal. */
let qian: string;
/** 孙德明: proposed only (nothing but the intake to print). */
let sun: string;
let meetingId: string;
let reportId: string;
let zeroReportId: string;

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const UPLOADED = '扫描件-管控责任书签字页.pdf';

async function upload(caseId: string, archiveKind: string, name: string) {
  const form = new FormData();
  form.append('archiveKind', archiveKind);
  form.append('file', new Blob([new Uint8Array(Buffer.from('%PDF-1.4\n% test\n'))], { type: 'application/pdf' }), name);
  const request = new Request('http://anxin.test', { method: 'POST', body: form });
  const response = await (await t.as('pingan')).post(
    `/api/cases/${caseId}/documents`,
    Buffer.from(await request.arrayBuffer()),
    { 'content-type': request.headers.get('content-type') as string },
  );
  if (response.statusCode !== 201) throw new Error(`upload: ${response.statusCode} ${response.body}`);
}

async function ok(response: { statusCode: number; body: string }) {
  if (response.statusCode !== 201 && response.statusCode !== 200)
    throw new Error(`${response.statusCode} ${response.body}`);
  return (response as unknown as { json(): { id: string } }).json();
}

beforeAll(async () => {
  t = await createTestContext({ prepare: addShifan });
  const pingan = await t.as('pingan');
  zhao = await listAt(t, '赵志强', 3, '2026-11-02T10:00:00+08:00');
  await formTeam(t, zhao, { leader: 'cun1' });
  await ok(
    await pingan.post(`/api/cases/${zhao}/responsibility-letter`, {
      signedOn: '2026-11-05',
      signatoryUserIds: [uid('cun1'), uid('pingan'), uid('paichusuo')],
    }),
  );
  await recordVisit(t, zhao, ['cun1', 'sifasuo'], {
    visitedAt: '2026-11-12T09:30:00+08:00',
    livingSituation: '独居，靠养殖场剩余收入生活。',
    stateOfMind: '情绪低落，谈到欠款时激动。',
  });
  await ok(
    await pingan.post(`/api/cases/${zhao}/assessment-reports`, {
      period: '2026年11月',
      reportedOn: '2026-11-15',
      findings: '本月随访两次，债务调解进行中。',
      harmAssessment: '近期情绪波动较大，有突出风险。',
      recommendedMeasures: '加密随访，司法所跟进调解。',
      recommendedLevel: 2,
    }),
  );
  await changeLevel(t, zhao, 2, '2026-11-20T10:00:00+08:00');
  await upload(zhao, 'responsibility_letter', UPLOADED);

  qian = await listAt(t, '钱秀兰', 3, '2026-11-03T10:00:00+08:00');
  await ok(
    await pingan.post(`/api/cases/${qian}/proposals`, {
      kind: 'delist',
      reasonCode: 'dispute_resolved',
      basis: '抚养纠纷经调解达成协议，情绪稳定。',
      proposedOn: '2026-11-25',
    }),
  );
  const delisting = await meetingAt(t, 'assessment', '2026-11-26T10:00:00+08:00', [qian]);
  await recordNotice(t, qian);
  await ok(await decide(t, delisting.id, { caseId: qian, outcome: 'delist' }));
  meetingId = delisting.id;

  sun = (await proposeIntake(t, '孙德明', { proposedOn: '2026-11-28' })).id;

  const cun2 = await t.as('cun2');
  reportId = (
    await ok(
      await cun2.post('/api/screening-reports', {
        orgUnitId: DEMO_UNITS.village2,
        month: '2026-11',
        zeroReport: false,
        entries: [
          { personId: person('吴小红'), categories: ['C3'], description: '母亲重病，家中负债，近来闭门不出。' },
        ],
      }),
    )
  ).id;
  await ok(await cun2.post(`/api/screening-reports/${reportId}/submit`, {}));
  const cun1 = await t.as('cun1');
  zeroReportId = (
    await ok(
      await cun1.post('/api/screening-reports', {
        orgUnitId: DEMO_UNITS.village1,
        month: '2026-11',
        zeroReport: true,
        entries: [],
      }),
    )
  ).id;
}, 120_000);
afterAll(() => t?.close());

const exportsOf = (entityId: string) =>
  t.db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.entityId, entityId), eq(auditEvents.action, 'export')));

async function download(url: string, as = 'pingan') {
  const response = await (await t.as(as)).get(url);
  return response;
}

/** Each form: what its title says and a date it must carry, in Chinese. */
const FORMS = [
  { form: 'intake', title: '“两失”人员入库（出库）呈报表', date: '二〇二六年十一月二日', file: '入库呈报表' },
  { form: 'level-change', title: '“两失”人员级别变更呈报表', date: '二〇二六年十一月二十日', file: '级别变更呈报表' },
  { form: 'notice', title: '“两失”人员研判决定通知书', date: '二〇二六年十一月二十日', file: '研判决定通知书' },
  { form: 'responsibility-letter', title: '“两失”人员管控责任书', date: '二〇二六年十一月五日', file: '管控责任书' },
  { form: 'visit', title: '“两失”人员随访记录表', date: '二〇二六年十一月十二日', file: '随访记录表' },
  {
    form: 'assessment-report',
    title: '“两失”人员现实危害性评估报告',
    date: '二〇二六年十一月十五日',
    file: '现实危害性评估报告',
  },
] as const;

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

describe('every export is audited', () => {
  it('records who took which form, in which format and how many records, once per download', async () => {
    const before = (await exportsOf(zhao)).length;
    await download(`/api/cases/${zhao}/forms/visit.pdf`, 'cun1');
    const events = await exportsOf(zhao);
    expect(events.length).toBe(before + 1);
    const last = events.find((e) => e.actorId === uid('cun1') && (e.diff as { kind?: string }).kind === 'visit');
    expect(last?.outcome).toBe('success');
    expect(last?.entityType).toBe('case');
    expect(last?.diff).toMatchObject({ kind: 'visit', format: 'pdf', rows: 1 });
  });

  it('counts the records an archive prints', async () => {
    await download(`/api/cases/${zhao}/forms/archive.docx`, 'paichusuo');
    const event = (await exportsOf(zhao)).find(
      (e) => e.actorId === uid('paichusuo') && (e.diff as { kind?: string }).kind === 'archive',
    );
    // intake, level change, 2 notices, minutes ×2, letter, 1 visit, report, 1 upload at least.
    const diff = event?.diff as { rows: number; format: string } | undefined;
    expect(diff?.rows).toBeGreaterThanOrEqual(10);
    expect(diff?.format).toBe('docx');
  });
});

describe('who may print what', () => {
  it('404s out of the jurisdiction, and the attempt is audited', async () => {
    expect((await download(`/api/cases/${zhao}/forms/intake.docx`, 'cun2')).statusCode).toBe(404);
    expect((await download(`/api/cases/${zhao}/forms/archive.pdf`, SHIFAN)).statusCode).toBe(404);
    const refused = (await exportsOf(zhao)).filter((e) => e.outcome === 'not_found');
    expect(refused.map((e) => e.actorId)).toEqual(expect.arrayContaining([uid('cun2'), uid(SHIFAN)]));
    expect((await download(`/api/cases/00000000-0000-4000-8000-000000000000/forms/intake.docx`)).statusCode).toBe(404);
  });

  it('403 for the administrator, who sees no case data', async () => {
    const response = await download(`/api/cases/${zhao}/forms/intake.docx`, 'admin');
    expect(response.statusCode).toBe(403);
    expect((await download(`/api/meetings/${meetingId}/minutes.pdf`, 'admin')).statusCode).toBe(403);
    expect((await download(`/api/screening-reports/${reportId}/form.docx`, 'admin')).statusCode).toBe(403);
  });

  it('400 naming `form` for an unknown form, `format` for an unknown format, and refuses unknown query fields', async () => {
    const bad = await download(`/api/cases/${zhao}/forms/passport.docx`);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain('文书(form)');
    expect(bad.json().error.details[0].field).toBe('form');
    const format = await download(`/api/cases/${zhao}/forms/intake.txt`);
    expect(format.statusCode).toBe(400);
    expect(format.json().error.message).toContain('(format)');
    const query = await download(`/api/cases/${zhao}/forms/visit.docx?visitId=abc`);
    expect(query.statusCode).toBe(400);
    expect(query.json().error.message).toContain('随访记录(visitId)');
    const before = (await exportsOf(zhao)).length;
    await download(`/api/cases/${zhao}/forms/intake.docx?x=1`);
    expect((await exportsOf(zhao)).length).toBe(before);
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

/** `n` characters of ordinary Chinese prose ending in `end`: the end proves nothing was cut. */
const longText = (n: number, end: string) =>
  '近期情绪低落，多次向村干部诉说养殖场亏损和欠款的事，服务管理小组耐心疏导并联系司法所跟进调解。'
    .repeat(Math.ceil(n / 40))
    .slice(0, n - end.length)
    .concat(end);

describe('long and pasted text', () => {
  let visitId: string;
  let longMeeting: string;

  beforeAll(async () => {
    // An earlier visit than the one the forms above print, so "the latest" stays the same.
    visitId = (
      await recordVisit(t, zhao, ['cun1', 'sifasuo'], {
        visitedAt: '2026-11-10T09:00:00+08:00',
        livingSituation: longText(4000, '生活情况到此为止'),
        activities: longText(4000, '现实活动到此为止'),
        stateOfMind: `制表\t符、竖\u000b线、零\u200b宽、表情😀、生僻字𠀀。${longText(3900, '思想状况到此为止')}`,
        measures: longText(4000, '采取措施到此为止'),
      })
    ).id;
    const meeting = await (await t.as('pingan')).post('/api/meetings', {
      kind: 'joint',
      heldAt: '2026-11-21T10:00:00+08:00',
      orgUnitId: DEMO_UNITS.town,
      participantUserIds: FULL_QUORUM,
      caseIds: [zhao],
      minutes: longText(10_000, '会议纪要到此为止'),
    });
    expect(meeting.statusCode).toBe(201);
    longMeeting = meeting.json().id;
  }, 60_000);

  it('a visit of 4 × 4,000 characters runs on over pages to its last character, in PDF and in Word', async () => {
    const pdf = await download(`/api/cases/${zhao}/forms/visit.pdf?visitId=${visitId}`);
    expect(pdf.statusCode).toBe(200);
    const { text, pages } = pdfText(pdf.rawPayload);
    const flat = text.replace(/\s/g, '');
    for (const end of ['生活情况到此为止', '现实活动到此为止', '思想状况到此为止', '采取措施到此为止'])
      expect(flat, end).toContain(end);
    expect(pages).toBeGreaterThanOrEqual(8);
    for (const [i, page] of text.split('\f').slice(0, pages).entries())
      expect(page.replace(/\s/g, ''), `page ${i + 1}`).toContain(`第${i + 1}页共${pages}页`);
    expect(pdfOverflow(pdf.rawPayload)).toEqual([]);

    const docx = await download(`/api/cases/${zhao}/forms/visit.docx?visitId=${visitId}`);
    expect(docx.statusCode).toBe(200);
    const { body, documentXml } = await docxParts(docx.rawPayload);
    for (const end of ['生活情况到此为止', '现实活动到此为止', '思想状况到此为止', '采取措施到此为止'])
      expect(body, end).toContain(end);
    expect(docxProblems(documentXml)).toEqual([]);
    // The long rows may break across pages in Word (a row kept whole but taller than a page is cut off).
    const longRows = (documentXml.match(/<w:tr>[\s\S]*?<\/w:tr>/g) ?? []).filter((r) => r.includes('到此为止'));
    expect(longRows).toHaveLength(4);
    for (const r of longRows) expect(r).not.toContain('<w:cantSplit/>');
  });

  it('characters pasted from elsewhere print: Word keeps emoji and rare characters, the PDF draws no box for a tab', async () => {
    const { body } = await docxParts(
      (await download(`/api/cases/${zhao}/forms/visit.docx?visitId=${visitId}`)).rawPayload,
    );
    expect(body).toContain('表情😀');
    expect(body).toContain('生僻字𠀀');
    expect(body).toMatch(/竖\n线/);
    const { text } = pdfText((await download(`/api/cases/${zhao}/forms/visit.pdf?visitId=${visitId}`)).rawPayload);
    expect(text).toContain('零宽');
    expect(text).toMatch(/制表\s+符/);
  });

  it('minutes of 10,000 characters print whole, alone and in the archive, without running over the page', async () => {
    for (const url of [`/api/meetings/${longMeeting}/minutes`, `/api/cases/${zhao}/forms/archive`]) {
      const pdf = await download(`${url}.pdf`);
      expect(pdf.statusCode, url).toBe(200);
      expect(pdfText(pdf.rawPayload).text.replace(/\s/g, ''), url).toContain('会议纪要到此为止');
      expect(pdfOverflow(pdf.rawPayload), url).toEqual([]);
      const docx = await download(`${url}.docx`);
      expect(docx.statusCode, url).toBe(200);
      const { body, documentXml } = await docxParts(docx.rawPayload);
      expect(body.replace(/\s/g, ''), url).toContain('会议纪要到此为止');
      expect(docxProblems(documentXml), url).toEqual([]);
    }
  }, 60_000);

  it('several people downloading at once each get their own file and their own audit event', async () => {
    const users = ['pingan', 'paichusuo', 'sifasuo', 'cun1'];
    /** Successful exports of the case per user and form. */
    const tally = async () => {
      const counts = new Map<string, number>();
      for (const e of await exportsOf(zhao)) {
        if (e.outcome !== 'success') continue;
        const key = `${e.actorId} ${(e.diff as { kind: string }).kind}`;
        counts.set(key, (counts.get(key) ?? 0) + 1);
      }
      return counts;
    };
    const before = await tally();
    const responses = await Promise.all(
      users.flatMap((user) => [
        download(`/api/cases/${zhao}/forms/intake.pdf`, user),
        download(`/api/cases/${zhao}/forms/notice.docx`, user),
      ]),
    );
    expect(responses.map((r) => r.statusCode)).toEqual(users.flatMap(() => [200, 200]));
    for (const [i, user] of users.entries())
      expect(pdfText((responses[2 * i] as { rawPayload: Buffer }).rawPayload).text).toContain(`导出人 ${user} `);
    const after = await tally();
    for (const user of users)
      for (const kind of ['intake', 'notice']) {
        const key = `${uid(user)} ${kind}`;
        expect((after.get(key) ?? 0) - (before.get(key) ?? 0), `${user} ${kind}`).toBe(1);
      }
  }, 60_000);
});

describe('a runaway script', () => {
  it(`gets 429 after ${FORM_DOWNLOADS_PER_MINUTE} files a minute, counted per user across the case forms`, async () => {
    const minzheng = await t.as('minzheng');
    for (let i = 0; i < FORM_DOWNLOADS_PER_MINUTE; i++) {
      // Cheap requests (an unknown form answers 400) count as well.
      const url = i % 2 ? `/api/cases/${zhao}/forms/nope.docx` : `/api/cases/${qian}/forms/visit.pdf`;
      expect([400, 409]).toContain((await minzheng.get(url)).statusCode);
    }
    const refused = await minzheng.get(`/api/cases/${zhao}/forms/intake.docx`);
    expect(refused.statusCode).toBe(429);
    expect(refused.json().error.code).toBe('RATE_LIMITED');
    // Another user is not affected.
    expect((await (await t.as('weisheng')).get(`/api/cases/${zhao}/forms/intake.docx`)).statusCode).toBe(200);
  });
});
