import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/context.js';
import { testDriver } from '../../../test/databases.js';
import { demoIdNumber } from '../../seed/demo-town.js';
import { handMadeXlsx, uploadAs, uploadSideBySide, workbookOf } from './imports.test-kit.js';
import { HEADERS, IMPORT, newRow, rowsOnFile } from './screening-import.test-kit.js';

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t.close());

const tally = () => rowsOnFile(t);

describe('POST /api/screening-reports/import', () => {
  it('answers 400 for a file that is not an .xlsx, for a workbook without the header, and for no rows', async () => {
    const text = await uploadAs(t, 'cun1', IMPORT, Buffer.from('姓名,身份证号\n张三,1\n'), '名单.csv');
    expect(text.statusCode).toBe(400);
    expect(text.json().error.message).toContain('不是有效的 Excel');
    const other = await uploadAs(t, 'cun1', IMPORT, await workbookOf('Sheet1', ['a', 'b'], [['1', '2']]));
    expect(other.statusCode).toBe(400);
    expect(other.json().error.message).toContain('找不到表头');
    const empty = await uploadAs(t, 'cun1', IMPORT, await workbookOf('排查情况', HEADERS, []));
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.message).toContain('没有填写任何数据行');
    const notMultipart = await (await t.as('cun1')).post(IMPORT, { file: 'x' });
    expect(notMultipart.statusCode).toBe(400);
  });

  it('text PostgreSQL cannot store (a NUL, half a surrogate pair) rejects the row, not the server (500)', async () => {
    // Excel writes control characters as _xHHHH_ escapes; the reader decodes them.
    const file = await workbookOf('排查情况', HEADERS, [
      newRow('字符甲', 281),
      newRow('字符_x0000_乙', 282),
      newRow('字符丙', 283, { 情况描述: '情况_xD800_描述' }),
    ]);
    const before = await tally();
    const response = await uploadAs(t, 'cun1', IMPORT, file);
    expect(response.statusCode, response.body).toBe(400);
    expect(response.json().error.details).toEqual([
      { field: 'rows.3.name', message: '第3行 姓名：包含无效字符' },
      { field: 'rows.4.description', message: '第4行 情况描述：包含无效字符' },
    ]);
    const written = await uploadAs(t, 'cun1', `${IMPORT}?validOnly=true`, file);
    expect(written.statusCode, written.body).toBe(200);
    expect(written.json()).toMatchObject({ accepted: 1, rejectedRows: 2 });
    expect((await tally()).entries).toBe(before.entries + 1);
  });

  it('answers 400 at once for a crafted sheet with a cell millions of columns to the right', async () => {
    const header = HEADERS.map(
      (text, index) => `<c r="${String.fromCharCode(65 + index)}1" t="inlineStr"><is><t>${text}</t></is></c>`,
    ).join('');
    const file = handMadeXlsx(
      `<row r="1">${header}<c r="ZZZZZZ1"><v>1</v></c></row><row r="2"><c r="A2"><v>1</v></c></row>`,
    );
    const response = await uploadAs(t, 'cun1', `${IMPORT}?dryRun=true`, file);
    expect(response.statusCode).toBe(400);
    expect(response.json().error.message).toContain('不是有效的 Excel');
  });

  it('answers 400 for an upload cut short or a multipart body without its boundary, not 500', async () => {
    const cun1 = await t.as('cun1');
    const boundary = '----anxin-test-boundary';
    const file = await workbookOf('排查情况', HEADERS, [newRow('截断甲', 292)]);
    const cut = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.xlsx"\r\n\r\n`),
      file.subarray(0, 100),
    ]);
    const before = await tally();
    const truncated = await cun1.post(IMPORT, cut, { 'content-type': `multipart/form-data; boundary=${boundary}` });
    expect(truncated.statusCode, truncated.body).toBe(400);
    expect(truncated.json().error.message).toContain('文件(file)');
    const noBoundary = await cun1.post(IMPORT, file, { 'content-type': 'multipart/form-data' });
    expect(noBoundary.statusCode, noBoundary.body).toBe(400);
    expect(await tally()).toEqual(before);
  });

  it('answers 413 for a file over 5 MB, before reading it', async () => {
    const before = await tally();
    const response = await uploadAs(t, 'cun1', IMPORT, Buffer.alloc(5 * 1024 * 1024 + 10, 0x41));
    expect(response.statusCode).toBe(413);
    expect(response.json().error.message).toContain('不能超过 5 MB');
    expect(await tally()).toEqual(before);
  });

  it.skipIf(testDriver() !== 'postgres')(
    'two imports of the same new persons at once, in opposite order: one is written, the other answers 409 (never 500)',
    async () => {
      const rows = Array.from({ length: 1000 }, (_unused, i) =>
        newRow(`并发${i}`, 0, { 身份证号: demoIdNumber('19720303', i), 月份: '2026-09' }),
      );
      const forward = await workbookOf('排查情况', HEADERS, rows);
      const backward = await workbookOf('排查情况', HEADERS, [...rows].reverse());
      const before = await tally();
      const responses = await uploadSideBySide(t, 'cun1', IMPORT, forward, backward);
      const statuses = responses.map((response) => response.statusCode).sort();
      expect(statuses, responses.map((response) => response.body.slice(0, 200)).join('\n')).toEqual([200, 409]);
      expect(responses.find((response) => response.statusCode === 409)?.json().error.code).toBe('IMPORT_CONFLICT');
      expect(await tally()).toEqual({
        persons: before.persons + 1000,
        reports: before.reports + 1,
        entries: before.entries + 1000,
      });
    },
    60_000,
  );

  it('refuses a role that files no return (403), and validates its query (400)', async () => {
    const file = await workbookOf('排查情况', HEADERS, [newRow('角色甲', 271)]);
    expect((await uploadAs(t, 'lingdao', IMPORT, file)).statusCode).toBe(403);
    const bad = await uploadAs(t, 'cun1', `${IMPORT}?dryRun=maybe`, file);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain('试导入(dryRun)');
  });
});

describe('OpenAPI', () => {
  it('documents the imports as multipart uploads and the templates and exports', async () => {
    const { paths } = (await t.anonymous.get('/api/openapi.json')).json();
    for (const path of ['/api/screening-reports/import', '/api/cases/import-ledger']) {
      expect(Object.keys(paths[path].post.requestBody?.content ?? {})).toContain('multipart/form-data');
      expect(paths[path].post.parameters.map((p: { name: string }) => p.name)).toEqual(['dryRun', 'validOnly']);
    }
    expect(Object.keys(paths)).toEqual(
      expect.arrayContaining([
        '/api/screening-reports/template.xlsx',
        '/api/screening-reports/{id}/export.xlsx',
        '/api/screening-reports/compliance.xlsx',
        '/api/cases/ledger-template.xlsx',
        '/api/persons/export.xlsx',
        '/api/cases/export.xlsx',
        '/api/obligations/export.xlsx',
      ]),
    );
  });
});
