// 排查情况表导入 (issue 6 item 4): the template parsed back, dry runs, the all-or-nothing rule,
// "only the valid rows", and each check a row goes through.
import { and, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/context.js';
import { auditEvents, persons, screeningReports } from '../../db/schema.js';
import { DEMO_PERSONS, DEMO_UNITS, demoIdNumber } from '../../seed/demo-town.js';
import { countRows, readBack, sheetValues, uploadAs, workbookOf } from './imports.test-kit.js';
import { badCheckDigit, HEADERS, IMPORT, newRow, rowsOnFile } from './screening-import.test-kit.js';

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t.close());

const tally = () => rowsOnFile(t);

describe('GET /api/screening-reports/template.xlsx', () => {
  it('offers a village cadre only their village, the eight categories, and explains the rules', async () => {
    const response = await (await t.as('cun1')).get('/api/screening-reports/template.xlsx');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('spreadsheetml');
    const workbook = await readBack(response.rawPayload);
    const sheet = workbook.getWorksheet('排查情况');
    expect(sheet).toBeDefined();
    expect(sheetValues(sheet as never)[0]).toEqual(HEADERS);
    const options = workbook.getWorksheet('选项');
    expect(options?.state).toBe('hidden');
    const lists = sheetValues(options as never);
    expect(
      lists
        .slice(1)
        .map((row) => row[0])
        .filter(Boolean),
    ).toEqual(['演示一村']);
    expect(
      lists
        .slice(1)
        .map((row) => row[2])
        .filter(Boolean),
    ).toHaveLength(8);
    const validations = (
      sheet as unknown as { dataValidations: { model: Record<string, { type: string; formulae: string[] }> } }
    ).dataValidations.model;
    expect(validations.A2).toMatchObject({ type: 'list', formulae: ["'选项'!$A$2:$A$2"] });
    expect(validations.I2?.formulae[0]).toBe("'选项'!$C$2:$C$9");
    expect(validations.E2?.type).toBe('list');
    expect(workbook.getWorksheet('说明')).toBeDefined();
    expect(sheet?.headerFooter.oddFooter).toContain('导出人 cun1 2026-11-29 10:00');
  });

  it('offers the peace office every village and community of its town (and its own return), not the neighbouring town', async () => {
    const response = await (await t.as('pingan')).get('/api/screening-reports/template.xlsx');
    const lists = sheetValues((await readBack(response.rawPayload)).getWorksheet('选项') as never);
    const villages = lists
      .slice(1)
      .map((row) => row[0])
      .filter(Boolean);
    expect(villages.sort()).toEqual(['演示一村', '演示二村', '演示社区', '演示镇平安办'].sort());
    expect(villages).not.toContain('示范村');
  });

  it('refuses a role that files no return', async () => {
    expect((await (await t.as('lingdao')).get('/api/screening-reports/template.xlsx')).statusCode).toBe(403);
  });
});

describe('POST /api/screening-reports/import', () => {
  it('a dry run reports every row and writes nothing', async () => {
    const file = await workbookOf('排查情况', HEADERS, [newRow('试导甲', 201), newRow('试导乙', 202)]);
    const before = await tally();
    const audit = await countRows(t, auditEvents);
    const response = await uploadAs(t, 'cun1', `${IMPORT}?dryRun=true`, file);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({
      dryRun: true,
      written: false,
      rows: 2,
      accepted: 2,
      rejectedRows: 0,
      rejected: [],
      created: { persons: 2, reports: 1, reportsExtended: 0, entries: 2 },
    });
    expect(await tally()).toEqual(before);
    expect(await countRows(t, auditEvents)).toBe(audit);
  });

  it('one bad row (check digit): nothing is written, and the answer names the row and the column', async () => {
    const good = newRow('整批甲', 211);
    const bad = newRow('整批乙', 212, { 身份证号: badCheckDigit(demoIdNumber('19800101', 212)) });
    const file = await workbookOf('排查情况', HEADERS, [good, bad, newRow('整批丙', 213)]);
    const before = await tally();
    const response = await uploadAs(t, 'cun1', IMPORT, file);
    expect(response.statusCode).toBe(400);
    const error = response.json().error;
    expect(error.code).toBe('IMPORT_REJECTED');
    expect(error.message).toContain('第3行 身份证号：身份证号校验位错误');
    expect(error.message).toContain('未导入任何数据');
    expect(error.details).toEqual([{ field: 'rows.3.idNumber', message: '第3行 身份证号：身份证号校验位错误' }]);
    expect(await tally()).toEqual(before);

    const dry = (await uploadAs(t, 'cun1', `${IMPORT}?dryRun=true`, file)).json();
    expect(dry.rejected).toEqual([
      { row: 3, field: 'idNumber', column: '身份证号', reason: '身份证号：身份证号校验位错误' },
    ]);
    expect(dry.accepted).toBe(2);
  });

  it('with validOnly=true the valid rows are written in one draft, in the file order, and the import is audited', async () => {
    const file = await workbookOf('排查情况', HEADERS, [
      newRow('有效甲', 221),
      newRow('有效乙', 222, { 身份证号: badCheckDigit(demoIdNumber('19800101', 222)) }),
      newRow('有效丙', 224, { 性别: '女', 排查类别: 'C2；C5' }),
    ]);
    const before = await tally();
    const response = await uploadAs(t, 'cun1', `${IMPORT}?validOnly=true`, file, '十一月排查.xlsx');
    expect(response.statusCode, response.body).toBe(200);
    const report = response.json();
    expect(report).toMatchObject({
      written: true,
      accepted: 2,
      rejectedRows: 1,
      created: { persons: 2, reports: 1, entries: 2 },
    });
    expect(report.rejected[0]).toMatchObject({ row: 3, field: 'idNumber' });
    expect(await tally()).toEqual({
      persons: before.persons + 2,
      reports: before.reports + 1,
      entries: before.entries + 2,
    });

    const [reportId] = report.reportIds;
    const draft = (await (await t.as('cun1')).get(`/api/screening-reports/${reportId}`)).json();
    expect(draft).toMatchObject({
      orgUnitId: DEMO_UNITS.village1,
      month: '2026-11',
      status: 'draft',
      zeroReport: false,
    });
    expect(draft.entries.map((entry: { personName: string }) => entry.personName)).toEqual(['有效甲', '有效丙']);
    expect(draft.entries[1].categories).toEqual(['C2', 'C5']);

    const created = await t.db.select().from(persons).where(eq(persons.name, '有效丙'));
    expect(created[0]).toMatchObject({ gender: 'female', householdOrgUnitId: DEMO_UNITS.village1 });
    expect(created[0]?.idNumberEnc).not.toContain(demoIdNumber('19800101', 224));
    const detail = (await (await t.as('cun1')).get(`/api/persons/${created[0]?.id}`)).json();
    expect(detail).toMatchObject({ idNumber: demoIdNumber('19800101', 224), phone: '13900000000' });

    const [event] = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'screening_report.import'), eq(auditEvents.entityType, 'import')));
    expect(event?.diff).toMatchObject({
      after: { fileName: '十一月排查.xlsx', rows: 3, accepted: 2, rejectedRows: 1, validOnly: true },
    });
    const reportEvents = await t.db
      .select({ value: count() })
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'screening_report.create'), eq(auditEvents.entityId, reportId)));
    expect(reportEvents[0]?.value).toBe(1);
  });

  it('adds to the existing draft; a person already in it is rejected; persons on file are matched by ID number', async () => {
    const qian = DEMO_PERSONS.find((p) => p.name === '钱秀兰');
    const file = await workbookOf('排查情况', HEADERS, [
      newRow('有效甲', 221),
      newRow('钱秀兰', 0, { 身份证号: qian?.idNumber as string, 户籍地址: '' }),
      newRow('错名字', 0, { 身份证号: DEMO_PERSONS.find((p) => p.name === '李桂芳')?.idNumber as string }),
    ]);
    const before = await tally();
    const report = (await uploadAs(t, 'cun1', `${IMPORT}?validOnly=true`, file)).json();
    expect(report).toMatchObject({
      written: true,
      accepted: 1,
      created: { persons: 0, reports: 0, reportsExtended: 1, entries: 1 },
    });
    expect(report.rejected).toEqual([
      expect.objectContaining({
        row: 2,
        field: 'idNumber',
        reason: '身份证号：该人员已在演示一村2026-11的排查情况表中',
      }),
      expect.objectContaining({ row: 4, field: 'name', reason: '姓名：与已登记的姓名“李桂芳”不一致' }),
    ]);
    expect(await tally()).toEqual({ ...before, entries: before.entries + 1 });
  });

  it("rejects a village outside the caller's scope, a future month, unknown categories, a missing description", async () => {
    const file = await workbookOf('排查情况', HEADERS, [
      newRow('范围甲', 231, { '村(社区)': '演示二村' }),
      newRow('范围乙', 232, { '村(社区)': '示范村' }),
      newRow('范围丙', 233, { 月份: '2026-12' }),
      newRow('范围丁', 234, { 排查类别: 'C9 精神异常' }),
      newRow('范围戊', 235, { 情况描述: '' }),
      newRow('范围己', 237, { 性别: '女' }),
    ]);
    const report = (await uploadAs(t, 'cun1', `${IMPORT}?dryRun=true`, file)).json();
    const reasons = Object.fromEntries(report.rejected.map((r: { row: number; reason: string }) => [r.row, r.reason]));
    expect(reasons).toEqual({
      2: '村(社区)：未找到“演示二村”，或不在您可填报的范围内',
      3: '村(社区)：未找到“示范村”，或不在您可填报的范围内',
      4: '月份：不能填报尚未到来的月份',
      5: '排查类别：无法识别“C9 精神异常”，应为C1至C8或方案中的情形名称',
      6: '情况描述：不能为空',
      7: '性别：与身份证号不一致（第17位奇数为男、偶数为女）',
    });
    expect(report.accepted).toBe(0);
    const real = await uploadAs(t, 'cun1', `${IMPORT}?validOnly=true`, file);
    expect(real.statusCode).toBe(400);
    expect(real.json().error.message).toContain('没有可导入的行');
  });

  it('a submitted return is final: its rows are rejected', async () => {
    const filed = await (await t.as('cun2')).post('/api/screening-reports', {
      orgUnitId: DEMO_UNITS.village2,
      month: '2026-10',
      zeroReport: true,
    });
    expect(filed.statusCode, filed.body).toBe(201);
    expect((await (await t.as('cun2')).post(`/api/screening-reports/${filed.json().id}/submit`)).statusCode).toBe(200);
    const file = await workbookOf('排查情况', HEADERS, [
      newRow('已报甲', 241, { '村(社区)': '演示二村', 月份: '2026-10', 户籍地址: '演示二村1组1号' }),
    ]);
    const response = await uploadAs(t, 'cun2', IMPORT, file);
    expect(response.statusCode).toBe(400);
    expect(response.json().error.message).toContain('第2行 月份：演示二村2026-10的排查情况表已上报，不能再导入');
  });

  it('the peace office keys in several villages; months typed as dates and phones typed as numbers are read', async () => {
    const file = await workbookOf('排查情况', HEADERS, [
      newRow('代录甲', 251, { '村(社区)': '演示社区', 户籍地址: '演示社区1号' }),
      [...newRow('代录乙', 252, { '村(社区)': '演示二村', 户籍地址: '演示二村2号' })].map((value, index) =>
        index === 1 ? (new Date(Date.UTC(2026, 10, 1)) as never) : index === 5 ? (13912345678 as never) : value,
      ),
    ]);
    const report = (await uploadAs(t, 'pingan', IMPORT, file)).json();
    expect(report).toMatchObject({ written: true, accepted: 2, created: { persons: 2, reports: 2 } });
    const rows = await t.db
      .select({ orgUnitId: screeningReports.orgUnitId, month: screeningReports.month })
      .from(screeningReports)
      .where(eq(screeningReports.month, '2026-11'));
    expect(rows.map((row) => row.orgUnitId)).toEqual(
      expect.arrayContaining([DEMO_UNITS.community, DEMO_UNITS.village2]),
    );
  });

  it('refuses a month typed as the number 20261129 instead of writing a return for month "+057373"', async () => {
    const row = newRow('数字月', 262).map((value, index) => (index === 1 ? (20261129 as never) : value));
    const before = await tally();
    const response = await uploadAs(t, 'cun1', IMPORT, await workbookOf('排查情况', HEADERS, [row]));
    expect(response.statusCode, response.body).toBe(400);
    expect(response.json().error.details).toEqual([
      { field: 'rows.2.month', message: '第2行 月份：月份格式应为 2026-11（填写的是“20261129”）' },
    ]);
    expect(await tally()).toEqual(before);
  });

  it('refuses an ID number typed as a number (its last digits are lost)', async () => {
    const row = newRow('数字号', 261).map((value, index) => (index === 3 ? (500199198001012610 as never) : value));
    const report = (
      await uploadAs(t, 'cun1', `${IMPORT}?dryRun=true`, await workbookOf('排查情况', HEADERS, [row]))
    ).json();
    expect(report.rejected[0]).toMatchObject({ row: 2, field: 'idNumber' });
    expect(report.rejected[0].reason).toContain('须以文本格式填写');
  });
});
