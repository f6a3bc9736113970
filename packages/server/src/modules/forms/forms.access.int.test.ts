import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestContext } from '../../../test/context.js';
import { SHIFAN, uid } from '../../../test/work.js';
import { formsFixture, formsKit } from './forms.fixture.test-kit.js';
import { FORM_DOWNLOADS_PER_MINUTE } from './forms.routes.js';

let t: TestContext;
/** 赵志强: listed at 3, team, letter, a visit, a report, moved to level 2, an uploaded file. */
let zhao: string;
/** 钱秀兰: listed, then delisted on a proposal. */
let qian: string;
let meetingId: string;
let reportId: string;

beforeAll(async () => {
  ({ t, zhao, qian, meetingId, reportId } = await formsFixture());
}, 120_000);
afterAll(() => t?.close());

const { exportsOf, download } = formsKit(() => t);

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
