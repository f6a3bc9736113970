// GET /api/stats/export.xlsx and /api/stats/monthly-report.(xlsx|docx) against the hand-built month
// of stats.test-kit.ts (November 2026, the test clock stands at 2026-11-29 10:00 Beijing).
import { OBLIGATION_KINDS } from '@anxin/shared';
import { and, desc, eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/context.js';
import { rowCount } from '../../../test/work.js';
import { auditEvents } from '../../db/schema.js';
import { DEMO_UNITS, DEMO_USERS } from '../../seed/demo-town.js';
import { buildStatsFixture, FORMULA_NAME } from './stats.test-kit.js';

let t: TestContext;
const U = DEMO_UNITS;

beforeAll(async () => {
  t = await createTestContext();
  await buildStatsFixture(t);
});
afterAll(() => t.close());

async function lastExport() {
  const [event] = await t.db
    .select()
    .from(auditEvents)
    .where(eq(auditEvents.action, 'export'))
    .orderBy(desc(auditEvents.seq))
    .limit(1);
  return event;
}

const WATERMARK = '导出人 pingan 2026-11-29 10:00';

describe('GET /api/stats/export.xlsx', () => {
  let workbook: ExcelJS.Workbook;
  let response: Awaited<ReturnType<Awaited<ReturnType<TestContext['as']>>['get']>>;

  beforeAll(async () => {
    response = await (await t.as('pingan')).get('/api/stats/export.xlsx?month=2026-11');
    workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
  });

  const sheet = (name: string) => {
    const found = workbook.getWorksheet(name);
    if (!found) throw new Error(`no sheet ${name}`);
    return found;
  };
  const values = (name: string, row: number) => (sheet(name).getRow(row).values as unknown[]).slice(1);

  it('answers an attachment named after the unit and month', () => {
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(response.headers['content-disposition']).toBe(
      `attachment; filename*=UTF-8''${encodeURIComponent('演示镇统计报表（2026年11月）.xlsx')}`,
    );
  });

  it('has one sheet per table with Chinese headers and the numbers of the summary', () => {
    expect(workbook.worksheets.map((ws) => ws.name)).toEqual([
      '概况',
      '按级别',
      '按类别',
      '按状态',
      '按村（社区）',
      '月度趋势',
      '逾期待办',
      '排查上报',
      '工作落实',
      '帮扶服务',
      '矛盾诉求',
      '本月新增列管名单',
      '本月撤销列管名单',
    ]);
    expect(values('按级别', 1)).toEqual(['级别', '人数']);
    expect([2, 3, 4].map((row) => values('按级别', row))).toEqual([
      ['一级', 2],
      ['二级', 1],
      ['三级', 2],
    ]);
    expect(values('按村（社区）', 1)).toEqual(['村（社区）', '区划代码', '一级', '二级', '三级', '合计']);
    expect(values('按村（社区）', 4)).toEqual(['演示二村', '500199101202', 1, 1, 1, 3]);
    expect(values('月度趋势', 13)).toEqual(['2026-11', 3, 1, 5]);
    expect(values('逾期待办', 2)).toEqual(['随访', 2]);
    expect(values('帮扶服务', 2)).toEqual(['法律援助', '办理中', 1]);
    expect(values('概况', 5)).toEqual(['在册列管人数', 5]);
  });

  it('names the month’s new listings, with a formula-looking name written as text', () => {
    const names = sheet('本月新增列管名单');
    expect(values('本月新增列管名单', 1)).toEqual(['姓名', '村（社区）', '列管级别', '列管日期', '排查情形', '来源']);
    expect(values('本月新增列管名单', 2)).toEqual([
      '钱秀兰',
      '演示一村',
      '三级',
      '2026-11-10',
      '情形二、情形五',
      '村（社区）排查',
    ]);
    expect(values('本月新增列管名单', 4)).toEqual([
      `'${FORMULA_NAME}`,
      '演示二村',
      '一级',
      '2026-11-26',
      '情形八',
      '派出所紧急列管',
    ]);
    expect(names.getRow(4).getCell(1).type).toBe(ExcelJS.ValueType.String);
    expect(names.getRow(4).getCell(1).formula).toBeUndefined();
    expect(values('本月撤销列管名单', 2)).toEqual([
      '孙德明',
      '演示一村',
      '三级',
      '2026-11-20',
      '就业稳定、收入稳定、生活得到保障，已回归正常社会生活',
    ]);
  });

  it('carries the watermark in every sheet’s footer and as its last line', () => {
    for (const ws of workbook.worksheets) {
      expect(ws.headerFooter.oddFooter).toContain(WATERMARK);
      expect(ws.getRow(ws.rowCount).getCell(1).value).toBe(WATERMARK);
    }
  });

  it('is audited as an export with its data rows', async () => {
    const dataRows = workbook.worksheets.reduce((sum, ws) => sum + ws.rowCount - 3, 0);
    const event = await lastExport();
    expect(event).toMatchObject({ actorId: DEMO_USERS.pingan, entityType: 'org_unit', entityId: U.town });
    expect(event?.diff).toEqual({
      kind: 'stats',
      format: 'xlsx',
      rows: dataRows,
      filters: { orgUnitId: U.town, month: '2026-11' },
    });
    // 16 + 3 + 8 + 4 + 3 + 12 + kinds + 3 + 4 + 3 + 2 + 3 + 1
    expect(dataRows).toBe(16 + 3 + 8 + 4 + 3 + 12 + OBLIGATION_KINDS.length + 3 + 4 + 3 + 2 + 3 + 1);
  });
});

describe('GET /api/stats/monthly-report', () => {
  it('.docx: the title, the five sections with the month’s numbers, the name lists and the watermark', async () => {
    const response = await (await t.as('pingan')).get(
      `/api/stats/monthly-report.docx?month=2026-11&orgUnitId=${U.town}`,
    );
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    );
    const title = '演示镇“两失”人员服务管理工作月报（2026年11月）';
    expect(response.headers['content-disposition']).toContain(encodeURIComponent(`${title}.docx`));
    const zip = await JSZip.loadAsync(response.rawPayload);
    const xml = (await zip.file('word/document.xml')?.async('string')) ?? '';
    const text = [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');
    expect(text).toContain(title);
    for (const heading of ['一、列管情况', '二、排查上报', '三、工作落实', '四、帮扶服务与矛盾化解', '五、警情处置']) {
      expect(text).toContain(heading);
    }
    expect(text).toContain(
      '截至2026年11月29日，演示镇在册列管“两失”人员5人，其中一级（现实紧迫风险）2人、二级（突出风险）1人、三级（潜在风险）2人。本月新增列管3人，撤销列管1人，变更级别1人次。',
    );
    expect(text).toContain('本月应上报排查情况表的村（社区）3个，按时上报1个，逾期上报1个，已填未报0个，未上报1个。');
    expect(text).toContain('未上报的村（社区）：演示社区。');
    expect(text).toContain('本月开展随访2次，召开会议4次（研判会4次），形成现实危害性评估报告1份、每日报告2份。');
    expect(text).toContain('截至2026年11月29日，逾期未落实的工作4项：随访2项、联席会议1项、月度排查上报1项。');
    expect(text).toContain('本月新增帮扶服务2项，落实完成1项；目前在办2项。');
    expect(text).toContain('本月新受理矛盾纠纷与诉求1件，化解1件；超过期限尚未化解1件。');
    expect(text).toContain('本月接报警情2起，派出所响应1起，处置完毕1起；截至2026年11月29日，尚有2起未处置完毕。');
    expect(text).toContain('附表1　本月新增列管人员名单');
    expect(text).toContain('钱秀兰');
    expect(text).toContain('孙德明');
    expect(text).not.toContain('卫红英');
    const footers = await Promise.all(
      Object.keys(zip.files)
        .filter((name) => /^word\/footer\d*\.xml$/.test(name))
        .map((name) => zip.file(name)?.async('string')),
    );
    expect(footers.join('')).toContain(WATERMARK);
    const event = await lastExport();
    expect(event?.diff).toMatchObject({ kind: 'monthly_report', format: 'docx', filters: { month: '2026-11' } });
    // Tables: 3 villages + total, 8 categories, 3 returns, 3 overdue kinds, 3 service types; 3 + 1 names.
    expect((event?.diff as { rows: number } | undefined)?.rows).toBe(4 + 8 + 3 + 3 + 3 + 3 + 1);
  });

  it('.xlsx: the report sheet with title and sections, the name lists on their own sheets', async () => {
    const response = await (await t.as('cun1')).get('/api/stats/monthly-report.xlsx?month=2026-11');
    expect(response.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((ws) => ws.name)).toEqual([
      '月报',
      '附表1　本月新增列管人员名单',
      '附表2　本月撤销列管人员名单',
    ]);
    const report = workbook.getWorksheet('月报');
    expect(report?.getCell('A1').value).toBe('演示一村“两失”人员服务管理工作月报（2026年11月）');
    const column = (report?.getColumn(1).values ?? []).map(String);
    expect(column).toContain('一、列管情况');
    expect(column.some((value) => value.includes('在册列管“两失”人员2人'))).toBe(true);
    expect(column.some((value) => value.includes('另有户籍地在外、居住在本辖区的协助管理人员1人'))).toBe(true);
    expect(column.at(-1)).toBe('导出人 cun1 2026-11-29 10:00');
    const listedNames = workbook.getWorksheet('附表1　本月新增列管人员名单')?.getColumn(1).values ?? [];
    expect(listedNames).toContain('钱秀兰');
    expect(listedNames).not.toContain('周文斌');
    const event = await lastExport();
    expect(event).toMatchObject({ actorId: DEMO_USERS.cun1, entityId: U.village1 });
    expect(event?.diff).toMatchObject({ kind: 'monthly_report', format: 'xlsx' });
  });

  it('writes one export event per download, none for a summary read', async () => {
    const count = () =>
      rowCount(
        t,
        auditEvents,
        and(eq(auditEvents.action, 'export'), eq(auditEvents.actorId, DEMO_USERS.lingdao as string)),
      );
    expect(await count()).toBe(0);
    await (await t.as('lingdao')).get('/api/stats/summary');
    expect(await count()).toBe(0);
    await (await t.as('lingdao')).get('/api/stats/monthly-report.xlsx');
    await (await t.as('lingdao')).get('/api/stats/export.xlsx');
    expect(await count()).toBe(2);
  });
});
