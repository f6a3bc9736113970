import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestContext } from '../../../test/context.js';
import { FULL_QUORUM } from '../../../test/lifecycle.js';
import { recordVisit, uid } from '../../../test/work.js';
import { DEMO_UNITS } from '../../seed/demo-town.js';
import { formsFixture, formsKit } from './forms.fixture.test-kit.js';
import { docxParts, docxProblems, pdfOverflow, pdfText } from './forms.test-kit.js';

let t: TestContext;
/** 赵志强: listed at 3, team, letter, a visit, a report, moved to level 2, an uploaded file. */
let zhao: string;

beforeAll(async () => {
  ({ t, zhao } = await formsFixture());
}, 120_000);
afterAll(() => t?.close());

const { exportsOf, download } = formsKit(() => t);

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
