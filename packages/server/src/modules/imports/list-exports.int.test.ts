// Excel exports (issue 6 item 6): parsed back — Chinese headers, the rows the list shows (scope and
// masking as on the screen), text that starts with = written as text, the watermark, and the
// export audited with its row count.
import { and, desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/context.js';
import { insertListedCase } from '../../../test/lifecycle.js';
import { auditEvents, orgUnits } from '../../db/schema.js';
import { DEMO_PERSON_IDS, DEMO_PERSONS, DEMO_UNITS, demoIdNumber } from '../../seed/demo-town.js';
import { refreshObligations } from '../obligations/recompute.js';
import { readBack, sheetValues } from './imports.test-kit.js';

let t: TestContext;
const WATERMARK = '导出人 pingan 2026-11-29 10:00';
const FORMULA_NAME = '=HYPERLINK("http://x")';

beforeAll(async () => {
  t = await createTestContext();
  const pathOf = async (id: string) =>
    (await t.db.select({ path: orgUnits.path }).from(orgUnits).where(eq(orgUnits.id, id)))[0]?.path as string;
  await insertListedCase(t.db, DEMO_PERSON_IDS.赵志强 as string, { responsible: await pathOf(DEMO_UNITS.village1) });
  await insertListedCase(t.db, DEMO_PERSON_IDS.周文斌 as string, { responsible: await pathOf(DEMO_UNITS.village2) });
  await insertListedCase(t.db, DEMO_PERSON_IDS.卫红英 as string, {
    responsible: await pathOf(DEMO_UNITS.otherVillage),
    townId: DEMO_UNITS.otherTown,
  });
  await t.db.transaction((tx) => refreshObligations(tx, '2026-11-29', { all: true }));
  const created = await (await t.as('pingan')).post('/api/persons', {
    name: FORMULA_NAME,
    idNumber: demoIdNumber('19851010', 401),
    householdOrgUnitId: DEMO_UNITS.village1,
    householdAddress: '演示一村1组',
  });
  expect(created.statusCode, created.body).toBe(201);
});
afterAll(() => t.close());

async function download(username: string, url: string) {
  const response = await (await t.as(username)).get(url);
  expect(response.statusCode, response.body.slice(0, 300)).toBe(200);
  expect(response.headers['content-type']).toContain('spreadsheetml');
  expect(response.headers['content-disposition']).toContain('attachment');
  const workbook = await readBack(response.rawPayload);
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new Error('no sheet');
  const values = sheetValues(sheet);
  return { response, sheet, values, raw: response.rawPayload };
}

/** The data rows of an export: after the title and header, before the blank line and the watermark. */
const dataRows = (values: unknown[][]) => values.slice(2, -2);

const lastExport = async (username: string) =>
  (
    await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'export'), eq(auditEvents.actorUsername, username)))
      .orderBy(desc(auditEvents.seq))
      .limit(1)
  )[0];

describe('GET /api/persons/export.xlsx', () => {
  it('holds the list as the screen shows it: headers, masked ID numbers, neutralised text, the watermark; audited', async () => {
    const list = (await (await t.as('pingan')).get('/api/persons?pageSize=100')).json();
    const { sheet, values, raw } = await download('pingan', '/api/persons/export.xlsx');
    expect(values[1]).toEqual(['姓名', '性别', '身份证号', '户籍地', '居住地', '列管级别', '状态']);
    const rows = dataRows(values);
    expect(rows).toHaveLength(list.total);
    expect(rows.map((row) => row[0]).sort()).toEqual(
      list.items.map((p: { name: string }) => (p.name.startsWith('=') ? `'${p.name}` : p.name)).sort(),
    );
    const zhao = rows.find((row) => row[0] === '赵志强');
    expect(zhao).toEqual(
      [
        '赵志强',
        '男',
        list.items.find((p: { name: string }) => p.name === '赵志强').idNumberMasked,
        '演示一村',
        undefined,
        '三级',
        '列管中',
      ].map((v) => v ?? ''),
    );
    expect(String(zhao?.[2])).toMatch(/^\d{3}\*+\d{3}[\dX]$/);
    // No full ID number anywhere in the file. The .xlsx is deflated, so its raw bytes never show an
    // ID number whatever the cells hold: look at what the file holds once read back.
    const workbook = await readBack(raw);
    const text = JSON.stringify(workbook.worksheets.map((each) => [sheetValues(each), each.headerFooter]));
    expect(text).toContain(String(zhao?.[2]));
    for (const person of DEMO_PERSONS) expect(text).not.toContain(person.idNumber);
    // The formula-looking name is text, not a formula.
    const formula = rows.find((row) => String(row[0]).includes('HYPERLINK'));
    expect(formula?.[0]).toBe(`'${FORMULA_NAME}`);
    expect(sheet.headerFooter.oddFooter).toContain(WATERMARK);
    expect(values.at(-1)).toEqual([WATERMARK]);
    const event = await lastExport('pingan');
    expect(event).toMatchObject({ entityType: 'persons' });
    expect(event?.diff).toMatchObject({ kind: 'persons', format: 'xlsx', rows: list.total });
  });

  it('applies the filters and the jurisdiction: a village cadre exports their village only', async () => {
    const one = await download('pingan', `/api/persons/export.xlsx?q=${encodeURIComponent('赵志强')}`);
    expect(dataRows(one.values).map((row) => row[0])).toEqual(['赵志强']);
    expect((await lastExport('pingan'))?.diff).toMatchObject({ rows: 1, filters: { q: '赵志强' } });

    const list = (await (await t.as('cun1')).get('/api/persons?pageSize=100')).json();
    const mine = dataRows((await download('cun1', '/api/persons/export.xlsx')).values).map((row) => row[0]);
    expect(mine).toHaveLength(list.total);
    expect(mine).not.toContain('周文斌');
    expect(mine).not.toContain('卫红英');
    expect(mine).toContain('郑国平'); // 户籍 演示二村, lives in 演示一村
  });

  it('refuses the administrator (no export permission) and bad filters', async () => {
    expect((await (await t.as('admin')).get('/api/persons/export.xlsx')).statusCode).toBe(403);
    const bad = await (await t.as('pingan')).get('/api/persons/export.xlsx?level=7');
    expect(bad.statusCode).toBe(400);
  });
});

describe('GET /api/cases/export.xlsx', () => {
  it('lists the cases in scope with Chinese words', async () => {
    const { values } = await download('pingan', '/api/cases/export.xlsx');
    expect(values[1]?.slice(0, 5)).toEqual(['姓名', '身份证号', '来源', '状态', '级别']);
    const names = dataRows(values).map((row) => row[0]);
    expect(names.sort()).toEqual(['周文斌', '赵志强'].sort());
    expect(dataRows(values)[0]?.slice(2, 5)).toEqual(['村（社区）排查', '列管中', '三级']);
    const shifan = await download('cun2', '/api/cases/export.xlsx?status=listed');
    expect(dataRows(shifan.values).map((row) => row[0])).toEqual(['周文斌']);
    expect((await lastExport('cun2'))?.diff).toMatchObject({ kind: 'cases', rows: 1, filters: { status: 'listed' } });
  });
});

describe('GET /api/obligations/export.xlsx', () => {
  it('holds the 待办 list with the same overdue days as the JSON list', async () => {
    const list = (await (await t.as('pingan')).get('/api/obligations?status=overdue&pageSize=100')).json();
    const { values } = await download('pingan', '/api/obligations/export.xlsx?status=overdue');
    expect(values[1]).toEqual([
      '事项',
      '人员',
      '级别',
      '村(社区)',
      '月份',
      '应完成日期',
      '上次完成',
      '逾期天数',
      '敏感时期',
    ]);
    const rows = dataRows(values);
    expect(rows).toHaveLength(list.total);
    expect(list.total).toBeGreaterThan(0);
    expect(rows.map((row) => row[7])).toEqual(list.items.map((o: { overdueDays: number }) => o.overdueDays));
    expect(rows.map((row) => row[1])).not.toContain('卫红英');
  });
});

describe('GET /api/screening-reports/compliance.xlsx and /:id/export.xlsx', () => {
  it('exports the compliance board of a month for the peace office, not for a village', async () => {
    const { values } = await download('pingan', '/api/screening-reports/compliance.xlsx?month=2026-11');
    expect(values[1]).toEqual(['村(社区)', '类型', '上报状态', '上报时间', '排查对象人数']);
    expect(
      dataRows(values)
        .map((row) => row[0])
        .sort(),
    ).toEqual(['演示一村', '演示二村', '演示社区'].sort());
    expect(dataRows(values).every((row) => row[2] === '未上报')).toBe(true);
    expect((await (await t.as('cun1')).get('/api/screening-reports/compliance.xlsx?month=2026-11')).statusCode).toBe(
      403,
    );
    expect((await (await t.as('pingan')).get('/api/screening-reports/compliance.xlsx')).statusCode).toBe(400);
  });

  it('exports one return, its description neutralised; out of scope it is 404', async () => {
    const filed = await (await t.as('cun1')).post('/api/screening-reports', {
      orgUnitId: DEMO_UNITS.village1,
      month: '2026-11',
      entries: [{ personId: DEMO_PERSON_IDS.钱秀兰, categories: ['C2', 'C5'], description: '-2+3 家庭变故' }],
    });
    expect(filed.statusCode, filed.body).toBe(201);
    const id = filed.json().id;
    const { values } = await download('cun1', `/api/screening-reports/${id}/export.xlsx`);
    expect(values[0]?.[0]).toContain('演示一村 2026-11 排查情况表（草稿）');
    expect(dataRows(values)).toEqual([
      [1, '钱秀兰', filed.json().entries[0].idNumberMasked, 'C2、C5', "'-2+3 家庭变故", '待研判'],
    ]);
    const event = await lastExport('cun1');
    expect(event).toMatchObject({ entityType: 'screening_report', entityId: id });
    expect(event?.diff).toMatchObject({ kind: 'screening_report', rows: 1 });
    expect((await (await t.as('cun2')).get(`/api/screening-reports/${id}/export.xlsx`)).statusCode).toBe(404);
    expect((await (await t.as('admin')).get(`/api/screening-reports/${id}/export.xlsx`)).statusCode).toBe(403);
  });
});
