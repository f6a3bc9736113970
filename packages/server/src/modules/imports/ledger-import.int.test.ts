// 在册台账导入 (issue 6 item 5): cases listed before Anxin, with their dates, so that the
// obligations are right from the first day; the same checks and all-or-nothing rule as the
// screening import; each case records that it came from the ledger and who imported it.
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/context.js';
import { testDriver } from '../../../test/databases.js';
import { insertListedCase } from '../../../test/lifecycle.js';
import { auditEvents, cases, orgUnits, persons } from '../../db/schema.js';
import { DEMO_PERSONS, DEMO_UNITS, DEMO_USERS, demoIdNumber } from '../../seed/demo-town.js';
import { countRows, readBack, sheetValues, uploadAs, uploadSideBySide, workbookOf } from './imports.test-kit.js';

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t.close());

const HEADERS = [
  '户籍村(社区)',
  '姓名',
  '身份证号',
  '性别',
  '联系电话',
  '户籍地址',
  '居住村(社区)',
  '居住地址',
  '排查类别',
  '当前级别',
  '列管日期',
  '责任单位',
  '专班成员',
  '最近随访日期',
  '最近联席会议日期',
  '最近评估报告日期',
  '最近复核日期',
  '管控责任书签订日期',
  '最近每日会商日期',
  '最近每日报告日期',
  '应急预案制定日期',
  '基础依据',
  '问题化解方案',
] as const;
type Header = (typeof HEADERS)[number];
const IMPORT = '/api/cases/import-ledger';
const TEAM_LEVEL_2 = 'pingan(组长)、paichusuo、sifasuo、minzheng、weisheng、cun1';

/** A ledger row for a person not yet on file; the test clock's today is 2026-11-29. */
function ledgerRow(name: string, sequence: number, overrides: Partial<Record<Header, string>> = {}) {
  const values: Partial<Record<Header, string>> = {
    '户籍村(社区)': '演示一村',
    姓名: name,
    身份证号: demoIdNumber('19700101', sequence),
    户籍地址: '演示一村8组2号',
    排查类别: 'C7',
    当前级别: '二级',
    列管日期: '2026-06-01',
    责任单位: '演示镇平安办、演示镇派出所、演示一村',
    专班成员: TEAM_LEVEL_2,
    最近随访日期: '2026-11-19',
    最近联席会议日期: '2026-11-20',
    最近评估报告日期: '2026-11-10',
    最近复核日期: '2026-11-01',
    管控责任书签订日期: '2026-06-05',
    基础依据: '邻里宅基地纠纷多年未化解，曾扬言报复。',
    问题化解方案: '司法所调解，村委会协调。',
    ...overrides,
  };
  return HEADERS.map((header) => values[header] ?? '');
}

const obligationsOf = async (caseId: string) =>
  (await (await t.as('pingan')).get(`/api/obligations?caseId=${caseId}&pageSize=50`)).json().items as {
    kind: string;
    dueOn: string;
    lastMetOn: string | null;
    overdueDays: number;
  }[];

describe('GET /api/cases/ledger-template.xlsx', () => {
  it('gives the peace office its villages, the levels, its units and the staff who may join a team', async () => {
    const response = await (await t.as('pingan')).get('/api/cases/ledger-template.xlsx');
    expect(response.statusCode).toBe(200);
    const workbook = await readBack(response.rawPayload);
    const sheet = workbook.getWorksheet('在册台账');
    expect(sheetValues(sheet as never)[0]).toEqual([...HEADERS]);
    const options = sheetValues(workbook.getWorksheet('选项') as never);
    const column = (index: number) =>
      options
        .slice(1)
        .map((row) => row[index])
        .filter(Boolean);
    expect(options[0]).toEqual(['户籍村(社区)', '居住村(社区)', '性别', '排查类别', '当前级别', '责任单位']);
    expect(column(0).sort()).toEqual(['演示一村', '演示二村', '演示社区'].sort());
    expect(column(4)).toEqual(['一级', '二级', '三级']);
    expect(column(5)).toEqual(expect.arrayContaining(['演示镇平安办', '演示镇派出所', '演示一村', '区公安局']));
    expect(column(5)).not.toContain('示范镇平安办');
    const validations = (sheet as unknown as { dataValidations: { model: Record<string, { formulae: string[] }> } })
      .dataValidations.model;
    expect(validations.A2?.formulae).toEqual(["'选项'!$A$2:$A$4"]);
    expect(validations.J2?.formulae).toEqual(["'选项'!$E$2:$E$4"]);
    const staff = sheetValues(workbook.getWorksheet('专班成员名单') as never);
    expect(staff.map((row) => row[0])).toEqual(expect.arrayContaining(['pingan', 'paichusuo', 'cun1', 'lingdao']));
    expect(staff.map((row) => row[0])).not.toContain('admin');
  });

  it('is for the peace office only', async () => {
    for (const username of ['paichusuo', 'cun1', 'lingdao', 'admin']) {
      expect((await (await t.as(username)).get('/api/cases/ledger-template.xlsx')).statusCode).toBe(403);
    }
  });
});

describe('POST /api/cases/import-ledger', () => {
  it('lists the case with its history dates: a level-2 person last visited 10 days ago is 3 days overdue', async () => {
    const file = await workbookOf('在册台账', HEADERS, [ledgerRow('台账甲', 301)]);
    const response = await uploadAs(t, 'pingan', IMPORT, file, '在册台账.xlsx');
    expect(response.statusCode, response.body).toBe(200);
    const report = response.json();
    expect(report).toMatchObject({ written: true, rows: 1, accepted: 1, created: { persons: 1, cases: 1, teams: 1 } });
    const [caseId] = report.caseIds as string[];

    const due = await obligationsOf(caseId as string);
    const visit = due.find((o) => o.kind === 'visit');
    expect(visit).toMatchObject({ lastMetOn: '2026-11-19', dueOn: '2026-11-26', overdueDays: 3 });
    expect(due.find((o) => o.kind === 'joint_meeting')).toMatchObject({ lastMetOn: '2026-11-20', dueOn: '2026-12-05' });
    expect(due.find((o) => o.kind === 'assessment_report')).toMatchObject({ dueOn: '2026-12-10', overdueDays: 0 });
    expect(due.find((o) => o.kind === 'responsibility_letter')).toBeUndefined();
    expect(due.find((o) => o.kind === 'review')).toMatchObject({ dueOn: '2026-12-01' });
    const overdue = (await (await t.as('pingan')).get(`/api/obligations?status=overdue&caseId=${caseId}`)).json();
    expect(overdue.items.map((o: { kind: string }) => o.kind)).toEqual(['visit']);

    const detail = (await (await t.as('pingan')).get(`/api/cases/${caseId}`)).json();
    expect(detail).toMatchObject({
      source: 'ledger',
      status: 'listed',
      level: 2,
      proposedOn: '2026-06-01',
      listedOn: '2026-06-01',
      nextReviewOn: '2026-12-01',
      proposerId: DEMO_USERS.pingan,
      categories: ['C7'],
      responsibleOrgUnitIds: [DEMO_UNITS.peaceOffice, DEMO_UNITS.policeStation, DEMO_UNITS.village1],
    });
    expect(detail.levelHistory).toEqual([
      expect.objectContaining({
        kind: 'list',
        fromLevel: null,
        toLevel: 2,
        effectiveOn: '2026-06-01',
        meetingId: null,
      }),
    ]);
    expect(detail.levelHistory[0].reason).toContain('在册台账导入');
    expect(detail.team.members).toHaveLength(6);
    expect(detail.team.members.find((m: { role: string }) => m.role === 'leader').userId).toBe(DEMO_USERS.pingan);
    expect(detail.team.missingUnits).toEqual([]);

    const [event] = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'case.create'), eq(auditEvents.entityId, caseId as string)));
    expect(event).toMatchObject({ actorUsername: 'pingan' });
    expect(event?.diff).toMatchObject({ after: { source: '在册台账导入', level: 2, listedOn: '2026-06-01' } });
    const [imported] = await t.db.select().from(auditEvents).where(eq(auditEvents.action, 'case.import_ledger'));
    expect(imported?.diff).toMatchObject({
      after: { fileName: '在册台账.xlsx', rows: 1, accepted: 1, caseIds: [caseId] },
    });
  });

  it('counts from the listing date what the ledger does not date, and meets the letter on its date', async () => {
    const file = await workbookOf('在册台账', HEADERS, [
      ledgerRow('台账乙', 311, {
        当前级别: '三级',
        列管日期: '2026-11-01',
        最近随访日期: '',
        最近联席会议日期: '',
        最近评估报告日期: '',
        最近复核日期: '',
        管控责任书签订日期: '',
        专班成员: '',
      }),
    ]);
    const report = (await uploadAs(t, 'pingan', IMPORT, file)).json();
    expect(report.created).toEqual({ persons: 1, cases: 1, teams: 0 });
    const due = await obligationsOf(report.caseIds[0]);
    // Level 3: a visit every 14 days from the listing, a letter within 7 days of it (overdue since 11-08).
    expect(due.find((o) => o.kind === 'visit')).toMatchObject({
      lastMetOn: null,
      dueOn: '2026-11-15',
      overdueDays: 14,
    });
    expect(due.find((o) => o.kind === 'responsibility_letter')).toMatchObject({ dueOn: '2026-11-08', overdueDays: 21 });
    expect(due.find((o) => o.kind === 'review')).toMatchObject({ dueOn: '2027-01-01' });
  });

  it('a level-1 person: the daily consultation, daily report and emergency plan count from the ledger too', async () => {
    const file = await workbookOf('在册台账', HEADERS, [
      ledgerRow('一级甲', 381, {
        当前级别: '一级',
        专班成员: 'pingan(组长)、lingdao、paichusuo、sifasuo、minzheng、weisheng、cun1',
        最近随访日期: '',
        最近联席会议日期: '',
        最近评估报告日期: '',
        最近复核日期: '2026-11-25',
        最近每日会商日期: '2026-11-28',
        最近每日报告日期: '2026-11-29',
        应急预案制定日期: '2026-06-03',
      }),
    ]);
    const response = await uploadAs(t, 'pingan', IMPORT, file);
    expect(response.statusCode, response.body).toBe(200);
    const due = await obligationsOf(response.json().caseIds[0]);
    expect(due.find((o) => o.kind === 'daily_consultation')).toMatchObject({
      lastMetOn: '2026-11-28',
      dueOn: '2026-11-29',
      overdueDays: 0,
    });
    expect(due.find((o) => o.kind === 'daily_report')).toMatchObject({ lastMetOn: '2026-11-29', dueOn: '2026-11-30' });
    // Made and signed on the ledger's dates: neither is owed any more.
    expect(due.find((o) => o.kind === 'emergency_plan')).toBeUndefined();
    expect(due.find((o) => o.kind === 'responsibility_letter')).toBeUndefined();
    expect(due.find((o) => o.kind === 'review')).toMatchObject({ dueOn: '2026-12-02' });
    expect(due.filter((o) => o.overdueDays > 0)).toEqual([]);
  });

  it('one bad row: nothing is written and the row is named; a dry run writes nothing either', async () => {
    const rows = [
      ledgerRow('整批一', 321),
      ledgerRow('整批二', 322, { 身份证号: `${demoIdNumber('19700101', 322).slice(0, 17)}X` }),
    ];
    const file = await workbookOf('在册台账', HEADERS, rows);
    const before = {
      cases: await countRows(t, cases),
      persons: await countRows(t, persons),
      audit: await countRows(t, auditEvents),
    };
    const response = await uploadAs(t, 'pingan', IMPORT, file);
    expect(response.statusCode).toBe(400);
    expect(response.json().error.message).toContain('第3行 身份证号：身份证号校验位错误');
    const dry = await uploadAs(t, 'pingan', `${IMPORT}?dryRun=true`, file);
    expect(dry.statusCode).toBe(200);
    expect(dry.json()).toMatchObject({ dryRun: true, written: false, accepted: 1, rejectedRows: 1, caseIds: [] });
    expect({
      cases: await countRows(t, cases),
      persons: await countRows(t, persons),
      audit: await countRows(t, auditEvents),
    }).toEqual(before);
  });

  it('checks the case: open case, units, team, level, dates, same person twice, person on file', async () => {
    const zhao = DEMO_PERSONS.find((p) => p.name === '赵志强');
    const qian = DEMO_PERSONS.find((p) => p.name === '钱秀兰');
    await insertListedCase(t.db, qian?.id as string, {
      responsible: await pathOf(DEMO_UNITS.village1),
      townId: DEMO_UNITS.town,
    });
    const file = await workbookOf('在册台账', HEADERS, [
      ledgerRow('赵志强', 0, { 身份证号: zhao?.idNumber as string, 户籍地址: '' }),
      ledgerRow('钱秀兰', 0, { 身份证号: qian?.idNumber as string }),
      ledgerRow('校验丙', 333, { 责任单位: '演示镇平安办、示范镇平安办' }),
      ledgerRow('校验丁', 334, { 专班成员: 'pingan(组长)、paichusuo、cun1' }),
      ledgerRow('校验戊', 335, { 专班成员: 'pingan、paichusuo、sifasuo、minzheng、weisheng、cun1' }),
      ledgerRow('校验己', 336, { 专班成员: 'pingan(组长)、paichusuo、sifasuo、minzheng、weisheng、cun2' }),
      ledgerRow('校验庚', 337, { 当前级别: '四级' }),
      ledgerRow('校验辛', 338, { 列管日期: '2026-12-01' }),
      ledgerRow('校验壬', 339, { 最近随访日期: '2026-05-01' }),
      ledgerRow('校验癸', 340, { '户籍村(社区)': '示范村' }),
      ledgerRow('赵志强', 0, { 身份证号: zhao?.idNumber as string, 户籍地址: '' }),
      ledgerRow('钱二', 0, { 身份证号: DEMO_PERSONS.find((p) => p.name === '李桂芳')?.idNumber as string }),
    ]);
    const report = (await uploadAs(t, 'pingan', `${IMPORT}?dryRun=true`, file)).json();
    const reasons = Object.fromEntries(report.rejected.map((r: { row: number; reason: string }) => [r.row, r.reason]));
    expect(reasons).toEqual({
      3: '身份证号：该人员已有未结案件（待研判或列管中），不能重复列管',
      4: '责任单位：“示范镇平安办”不是演示镇的部门、村（社区）或本区的区级部门',
      5: '专班成员：缺少司法所、民政办、卫生院',
      6: '专班成员：须有且只有一名组长（在用户名后加“(组长)”）',
      7: '专班成员：“cun2”不是本镇部门、本人所在村（社区）或区级部门的在岗工作人员',
      8: '当前级别：应为一级、二级或三级',
      9: '列管日期：不能晚于今天（2026-11-29）',
      10: '最近随访日期：不能早于列管日期（2026-06-01）',
      11: '户籍村(社区)：未找到“示范村”，或不在您的管辖范围内',
      12: '身份证号：与第2行是同一人（一人只能导入一次）',
      13: '姓名：与已登记的姓名“李桂芳”不一致',
    });
    expect(report.accepted).toBe(1);
    expect(report.created).toMatchObject({ persons: 0, cases: 1 });

    // Only the valid row, on explicit request: 赵志强 (on file) gets his case.
    const written = (await uploadAs(t, 'pingan', `${IMPORT}?validOnly=true`, file)).json();
    expect(written).toMatchObject({ written: true, accepted: 1, created: { persons: 0, cases: 1 } });
    const [created] = await t.db.select().from(cases).where(eq(cases.id, written.caseIds[0]));
    expect(created).toMatchObject({
      personId: zhao?.id,
      source: 'ledger',
      proposerId: DEMO_USERS.pingan,
      status: 'listed',
    });
  });

  it('a date typed as a number (20260601) is refused with the row named, not written as a date in year 57,000', async () => {
    const row = ledgerRow('数字日期', 371).map((value, index) =>
      HEADERS[index] === '列管日期'
        ? (20260601 as never)
        : HEADERS[index] === '最近随访日期'
          ? (20261119 as never)
          : value,
    );
    const before = await countRows(t, cases);
    const response = await uploadAs(t, 'pingan', IMPORT, await workbookOf('在册台账', HEADERS, [row]));
    expect(response.statusCode, response.body).toBe(400);
    expect(response.json().error.details).toEqual([
      { field: 'rows.2.listedOn', message: '第2行 列管日期：日期格式应为 2026-11-29（填写的是“20260601”）' },
      { field: 'rows.2.lastVisitOn', message: '第2行 最近随访日期：日期格式应为 2026-11-29（填写的是“20261119”）' },
    ]);
    expect(await countRows(t, cases)).toBe(before);
  });

  it.skipIf(testDriver() !== 'postgres')(
    'two imports of the same new persons at once, in opposite order: one is written, the other answers 409 (never 500)',
    async () => {
      const rows = Array.from({ length: 1000 }, (_unused, i) =>
        ledgerRow(`并发${i}`, 0, { 身份证号: demoIdNumber('19720202', i), 专班成员: '' }),
      );
      const forward = await workbookOf('在册台账', HEADERS, rows);
      const backward = await workbookOf('在册台账', HEADERS, [...rows].reverse());
      const before = await countRows(t, cases);
      const responses = await uploadSideBySide(t, 'pingan', IMPORT, forward, backward);
      const statuses = responses.map((response) => response.statusCode).sort();
      expect(statuses, responses.map((response) => response.body.slice(0, 200)).join('\n')).toEqual([200, 409]);
      expect(responses.find((response) => response.statusCode === 409)?.json().error.code).toBe('IMPORT_CONFLICT');
      expect(await countRows(t, cases)).toBe(before + 1000);
    },
    60_000,
  );

  it("the person's 居住地 town assists: a case of 演示一村 living in 示范村 is seen there", async () => {
    const file = await workbookOf('在册台账', HEADERS, [
      ledgerRow('居住甲', 351, { '居住村(社区)': '500199102201', 居住地址: '示范村3组', 专班成员: '' }),
    ]);
    const report = (await uploadAs(t, 'pingan', IMPORT, file)).json();
    expect(report.written).toBe(true);
    const [created] = await t.db.select().from(cases).where(eq(cases.id, report.caseIds[0]));
    expect(created?.assistingPath).toBe(await pathOf(DEMO_UNITS.otherVillage));
  });

  it('answers 400 for a file that is not an .xlsx or not the ledger template', async () => {
    const text = await uploadAs(t, 'pingan', IMPORT, Buffer.from('not a workbook'), '台账.xls');
    expect(text.statusCode).toBe(400);
    const screening = await workbookOf(
      '排查情况',
      ['村(社区)', '月份', '姓名', '身份证号'],
      [['演示一村', '2026-11', '甲', '1']],
    );
    const wrong = await uploadAs(t, 'pingan', IMPORT, screening);
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.message).toContain('找不到表头');
  });

  it('is for the peace office only (403)', async () => {
    const file = await workbookOf('在册台账', HEADERS, [ledgerRow('角色甲', 361)]);
    for (const username of ['paichusuo', 'cun1', 'lingdao']) {
      expect((await uploadAs(t, username, IMPORT, file)).statusCode).toBe(403);
    }
  });
});

async function pathOf(unitId: string): Promise<string> {
  const [row] = await t.db.select({ path: orgUnits.path }).from(orgUnits).where(eq(orgUnits.id, unitId));
  return row?.path as string;
}
