// Shared steps of the screening-import tests: the template's header, a row for a new person, and
// the rows an import writes.
import type { TestContext } from '../../../test/context.js';
import { persons, screeningEntries, screeningReports } from '../../db/schema.js';
import { demoIdNumber } from '../../seed/demo-town.js';
import { countRows } from './imports.test-kit.js';

export const HEADERS = [
  '村(社区)',
  '月份',
  '姓名',
  '身份证号',
  '性别',
  '联系电话',
  '户籍地址',
  '居住地址',
  '排查类别',
  '情况描述',
];
export const IMPORT = '/api/screening-reports/import';

/** A row for a person not yet on file (fictional area 500199), born on `birth`. */
export const newRow = (
  name: string,
  sequence: number,
  overrides: Partial<Record<(typeof HEADERS)[number], string>> = {},
) => {
  const values: Record<string, string> = {
    '村(社区)': '演示一村',
    月份: '2026-11',
    姓名: name,
    身份证号: demoIdNumber('19800101', sequence),
    性别: '',
    联系电话: '13900000000',
    户籍地址: '演示一村9组1号',
    居住地址: '',
    排查类别: 'C4 投资失败、生意受损、债务缠身，心理失衡的',
    情况描述: '生意失败欠债，情绪低落。',
    ...overrides,
  };
  return HEADERS.map((header) => values[header] ?? '');
};

/** The same ID number with a wrong check character. */
export const badCheckDigit = (idNumber: string) => idNumber.slice(0, 17) + (idNumber[17] === '0' ? '1' : '0');

/** The persons, returns and entries on file: what a refused import must leave alone. */
export const rowsOnFile = async (t: TestContext) => ({
  persons: await countRows(t, persons),
  reports: await countRows(t, screeningReports),
  entries: await countRows(t, screeningEntries),
});
