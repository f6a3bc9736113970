import { CASE_STATUSES, CATEGORIES, OBLIGATION_KINDS, type StatsSummary } from '@anxin/shared';
import { describe, expect, it } from 'vitest';
import { reportDocument, reportFileName, reportModel, reportRows, reportTitle } from './stats.report.js';
import { sheetFooter, sheetName, statsTables } from './stats.xlsx.js';

function emptySummary(overrides: Partial<StatsSummary> = {}): StatsSummary {
  return {
    orgUnit: { id: 'a0000000-0000-4000-8000-000000000010', name: '演示镇', kind: 'town' },
    month: '2026-02',
    asOf: '2026-02-28',
    today: '2026-03-02',
    byLevel: { level1: 0, level2: 0, level3: 0, total: 0 },
    byCategory: CATEGORIES.map((category) => ({ category, count: 0 })),
    byStatus: CASE_STATUSES.map((status) => ({ status, count: 0 })),
    byVillage: [],
    assisted: { level1: 0, level2: 0, level3: 0, total: 0 },
    changes: { listed: 0, delisted: 0, levelChanged: 0, delistedByReason: [] },
    overdueByKind: OBLIGATION_KINDS.map((kind) => ({ kind, count: 0 })),
    screening: { month: '2026-02', onTime: 0, late: 0, missing: 0, draft: 0, units: [] },
    trend: [],
    work: { visits: 0, meetings: [], assessmentReports: 0, dailyReports: 0 },
    services: { byTypeStatus: [], createdInMonth: 0, completedInMonth: 0 },
    grievances: { byStatus: [], openedInMonth: 0, resolvedInMonth: 0, overdue: 0 },
    alerts: { open: 0, inMonth: 0, respondedInMonth: 0, disposedInMonth: 0 },
    ...overrides,
  };
}

const noLists = { listed: [], delisted: [] };

describe('the monthly report model', () => {
  it('titles the report with the unit and the month, as the district expects', () => {
    const summary = emptySummary();
    expect(reportTitle(summary)).toBe('演示镇“两失”人员服务管理工作月报（2026年2月）');
    expect(reportFileName(summary, 'docx')).toBe('演示镇“两失”人员服务管理工作月报（2026年2月）.docx');
    expect(reportModel(summary, noLists).meta).toBe('填报单位：演示镇　　统计时段：2026年2月1日至2026年2月28日');
  });

  it('has the five sections in the plan’s order and says plainly when nothing is overdue', () => {
    const model = reportModel(emptySummary(), noLists);
    expect(model.sections.map((s) => s.heading)).toEqual([
      '一、列管情况',
      '二、排查上报',
      '三、工作落实',
      '四、帮扶服务与矛盾化解',
      '五、警情处置',
    ]);
    expect(model.sections[2]?.paragraphs).toEqual([
      '本月开展随访0次，召开会议0次，形成现实危害性评估报告0份、每日报告0份。',
      '截至2026年3月2日，无逾期未落实的工作。',
    ]);
    expect(model.sections[0]?.paragraphs).toHaveLength(1);
    expect(model.sections[1]?.paragraphs).toHaveLength(1);
    expect(reportRows(model)).toBe(1 + 8); // the total row of table 1 and the eight categories
  });

  it('names the reasons of delistings, the assisted persons and the units that did not report', () => {
    const model = reportModel(
      emptySummary({
        assisted: { level1: 0, level2: 1, level3: 1, total: 2 },
        changes: {
          listed: 0,
          delisted: 3,
          levelChanged: 0,
          delistedByReason: [
            { reasonCode: 'death', count: 1 },
            { reasonCode: 'moved_out', count: 2 },
          ],
        },
        screening: {
          month: '2026-02',
          onTime: 0,
          late: 0,
          missing: 2,
          draft: 0,
          units: [
            { orgUnitId: 'a0000000-0000-4000-8000-000000000011', name: '演示一村', status: 'missing', entryCount: 0 },
            { orgUnitId: 'a0000000-0000-4000-8000-000000000012', name: '演示二村', status: 'missing', entryCount: 0 },
          ],
        },
        work: {
          visits: 3,
          meetings: [
            { kind: 'joint', count: 2 },
            { kind: 'daily', count: 0 },
          ],
          assessmentReports: 0,
          dailyReports: 0,
        },
      }),
      noLists,
    );
    expect(model.sections[0]?.paragraphs.slice(1)).toEqual([
      '另有户籍地在外、居住在本辖区的协助管理人员2人，由户籍地负责列管，本辖区协助。',
      '本月撤销列管原因：死亡1人、人户迁移镇外2人。',
    ]);
    expect(model.sections[1]?.paragraphs[1]).toBe('未上报的村（社区）：演示一村、演示二村。');
    expect(model.sections[2]?.paragraphs[0]).toBe(
      '本月开展随访3次，召开会议2次（联席会议2次），形成现实危害性评估报告0份、每日报告0份。',
    );
  });

  it('pivots help items by type and status, in the API’s order of types', () => {
    const model = reportModel(
      emptySummary({
        services: {
          byTypeStatus: [
            { type: 'legal_aid', status: 'done', count: 2 },
            { type: 'minimum_living_allowance', status: 'planned', count: 1 },
            { type: 'legal_aid', status: 'planned', count: 1 },
          ],
          createdInMonth: 0,
          completedInMonth: 0,
        },
      }),
      noLists,
    );
    const pivot = model.sections[3]?.tables[0];
    expect(pivot?.headers).toEqual(['服务类型', '待办理', '办理中', '已完成', '本人拒绝', '不符合条件', '合计']);
    expect(pivot?.rows).toEqual([
      ['低保', 1, 0, 0, 0, 0, 1],
      ['法律援助', 1, 0, 2, 0, 0, 3],
    ]);
  });
});

describe('the monthly report as a printed document', () => {
  it('has the title, the unit and period line, the sections, and each appendix on a new page', () => {
    const document = reportDocument(reportModel(emptySummary(), noLists), '导出人 pingan 2026-03-02 10:00');
    expect(document.watermark).toBe('导出人 pingan 2026-03-02 10:00');
    expect(document.blocks.slice(0, 2)).toEqual([
      { kind: 'title', text: '演示镇“两失”人员服务管理工作月报（2026年2月）' },
      { kind: 'meta', left: '填报单位：演示镇', right: '统计时段：2026年2月1日至2026年2月28日' },
    ]);
    const headings = document.blocks.filter((b) => b.kind === 'heading').map((b) => (b as { text: string }).text);
    expect(headings).toHaveLength(5);
    const kinds = document.blocks.map((b) => b.kind);
    expect(kinds.filter((k) => k === 'pageBreak')).toHaveLength(2);
    expect(kinds.slice(-3)).toEqual(['pageBreak', 'paragraph', 'table']);
  });

  it('prints an empty list as one row that says so, spanning the table', () => {
    const document = reportDocument(reportModel(emptySummary(), noLists), 'x');
    const last = document.blocks.at(-1);
    expect(last?.kind).toBe('table');
    const rows = (last as { rows: { cells: { span?: number; paras: { text: string }[] }[] }[] }).rows;
    expect(rows).toHaveLength(2);
    expect(rows[1]?.cells).toEqual([
      expect.objectContaining({ span: 5, paras: [{ text: '本月无撤销列管人员。', align: 'center' }] }),
    ]);
  });
});

describe('the export workbook helpers', () => {
  it('keeps sheet names within Excel’s rules', () => {
    expect(sheetName('按村（社区）')).toBe('按村（社区）');
    expect(sheetName('a/b:c*d?e[f]g\\h')).toBe('a·b·c·d·e·f·g·h');
    expect(sheetName('字'.repeat(40))).toHaveLength(31);
  });

  it('escapes & in the footer so a name cannot inject a control code', () => {
    expect(sheetFooter('导出人 a&b 2026-11-29 10:00')).toBe('&L导出人 a&&b 2026-11-29 10:00&R第 &P 页，共 &N 页');
  });

  it('puts every summary table on a sheet, the name lists last', () => {
    const tables = statsTables(emptySummary(), noLists);
    expect(tables.map((t) => t.title).slice(-2)).toEqual(['本月新增列管名单', '本月撤销列管名单']);
    expect(tables.find((t) => t.title === '逾期待办')?.rows).toHaveLength(OBLIGATION_KINDS.length);
  });
});
