// 排查情况表导入: a village (or the peace office for its villages) fills the template with the
// month's suspects; each row names the village and month, the person and why. Every row is checked
// before anything is written; then, in one transaction, persons not yet on file are created, each
// village+month gets a new draft return or has its existing draft extended, and the entries are
// added in the file's order — a submitted return is final, so its rows are rejected.
import { CATEGORIES, type ScreeningImportReport } from '@anxin/shared';
import { and, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { screeningEntries, screeningReports } from '../../db/schema.js';
import type { Clock } from '../../lib/clock.js';
import type { Keys } from '../../lib/crypto.js';
import { type Actor, can, inScope } from '../access/actor.js';
import type { ActorContext, AuditLog } from '../audit/audit.service.js';
import type { OrgUnitRow } from '../org/org.queries.js';
import { isResidentialKind } from '../org/org.service.js';
import { screeningReportPolicy } from '../screening/screening.policy.js';
import { isFutureMonth, personBelongsToReportingUnit } from '../screening/screening.rules.js';
import {
  GENDER_COLUMN,
  HOUSEHOLD_ADDRESS_COLUMN,
  ID_NUMBER_COLUMN,
  NAME_COLUMN,
  type NewPerson,
  type PersonOnFile,
  PHONE_COLUMN,
  personInput,
  personsOnFile,
  RESIDENCE_ADDRESS_COLUMN,
} from './import-persons.js';
import { assertImportable, type ImportOptions, Problems, readUpload, type Upload } from './import-report.js';
import { unitPicker, unitsInScope } from './import-units.js';
import { categoryOption, parseCategories } from './import-values.js';
import { type ExistingReport, groupKey, type RowPlan, writeScreening } from './screening-write.js';
import type { Column } from './table.js';
import { addTemplate, newWorkbook, workbookBuffer } from './xlsx-write.js';

export const SCREENING_SHEET = '排查情况';

const UNIT: Column = {
  key: 'unit',
  header: '村(社区)',
  required: true,
  kind: 'text',
  width: 14,
  help: '填报单位：从下拉列表选择您可以填报的村（社区）；每行按“村(社区)+月份”归入该单位该月的排查情况表',
};
const MONTH: Column = {
  key: 'month',
  header: '月份',
  required: true,
  kind: 'month',
  width: 10,
  help: '排查月份，如 2026-11（文本格式）；不能是尚未到来的月份',
};
const CATEGORIES_COLUMN: Column = {
  key: 'categories',
  header: '排查类别',
  required: true,
  kind: 'text',
  max: 1000,
  width: 40,
  help: '方案§四(一)1 的八类情形，一种或多种：从下拉列表选择，或填写 C1 至 C8，多项用“；”分隔',
};
const DESCRIPTION: Column = {
  key: 'description',
  header: '情况描述',
  required: true,
  kind: 'text',
  max: 2000,
  width: 40,
  help: '排查发现的具体情况',
};

export const SCREENING_COLUMNS: readonly Column[] = [
  UNIT,
  MONTH,
  NAME_COLUMN,
  ID_NUMBER_COLUMN,
  GENDER_COLUMN,
  PHONE_COLUMN,
  HOUSEHOLD_ADDRESS_COLUMN,
  RESIDENCE_ADDRESS_COLUMN,
  CATEGORIES_COLUMN,
  DESCRIPTION,
];

const RULES = [
  '1. 每一行是一名排查对象；“村(社区)”和“月份”相同的行归入同一张排查情况表。',
  '2. 人员按身份证号匹配：已登记的人员沿用人员档案（姓名须一致），尚未登记的人员按本行信息新建档案，户籍地为本行的村（社区）。',
  '3. 该村（社区）该月尚无排查情况表的，导入后新建草稿；已有草稿的，追加到草稿中；已上报的排查情况表不能再导入，相应行不予导入。导入后请在“排查上报”中核对并上报。',
  '4. 先“试导入”：系统逐行检查（身份证号校验位、村（社区）是否在您的范围内、排查类别、必填项），列出有误的行号和原因，不写入任何数据。',
  '5. 正式导入时，只要有一行有误就整批不导入；也可以明确选择“仅导入有效行”，有误的行留待改正后再导入。',
  '6. 同一人在同一村（社区）同一月份只能出现一次。',
];

interface Deps {
  db: Db;
  clock: Clock;
  keys: Keys;
  audit: AuditLog;
}

/** Units the actor may file returns for (screening.policy): their own, and the peace office's villages. */
async function fileableUnits(db: Db, actor: Actor): Promise<OrgUnitRow[]> {
  return (await unitsInScope(db, actor)).filter((unit) => screeningReportPolicy.fileFor(actor, unit));
}

/** GET /api/screening-reports/template.xlsx: the template with the caller's units in the dropdown. */
export async function screeningTemplate({ db, clock }: Deps, actor: Actor, watermark: string): Promise<Buffer> {
  const units = unitPicker(await fileableUnits(db, actor));
  const workbook = newWorkbook(actor.username, clock.now());
  addTemplate(workbook, {
    name: SCREENING_SHEET,
    columns: SCREENING_COLUMNS,
    lists: {
      unit: { options: units.options, strict: true, prompt: '选择填报的村（社区）' },
      gender: { options: ['男', '女'], strict: true, prompt: '男或女，可不填' },
      categories: {
        options: CATEGORIES.map(categoryOption),
        strict: false,
        prompt: '选择一种；多种时填写如“C1；C5”',
      },
    },
    helpTitle: '排查情况表导入模板 — 填写说明',
    rules: RULES,
    watermark,
  });
  return workbookBuffer(workbook);
}

/** POST /api/screening-reports/import. */
export async function importScreening(
  { db, clock, keys, audit }: Deps,
  context: ActorContext,
  upload: Upload,
  options: ImportOptions,
): Promise<ScreeningImportReport> {
  const actor = context.actor;
  const table = readUpload(upload, [SCREENING_SHEET], SCREENING_COLUMNS);
  const problems = new Problems(table.problems);
  const units = unitPicker(await fileableUnits(db, actor));
  const now = clock.now();
  const mayCreatePersons = can(actor, 'persons.create');

  // 1. Each row on its own.
  const inputs = new Map<number, NonNullable<ReturnType<typeof personInput>>>();
  const plans: RowPlan[] = [];
  for (const row of table.rows) {
    const values = row.values;
    const unit = values.unit ? units.find(values.unit) : undefined;
    if (values.unit && !unit) problems.of(row.row, UNIT, `未找到“${values.unit}”，或不在您可填报的范围内`);
    if (values.month && isFutureMonth(values.month, now)) problems.of(row.row, MONTH, '不能填报尚未到来的月份');
    let categories: string[] = [];
    if (values.categories) {
      const parsed = parseCategories(values.categories);
      if (parsed.unknown)
        problems.of(row.row, CATEGORIES_COLUMN, `无法识别“${parsed.unknown}”，应为C1至C8或方案中的情形名称`);
      else if (parsed.categories.length === 0) problems.of(row.row, CATEGORIES_COLUMN, '至少填写一种情形');
      categories = parsed.categories;
    }
    const person = personInput(row, problems);
    if (person) inputs.set(row.row, person);
    if (!unit || !values.month || !person || !values.description) continue;
    plans.push({
      row: row.row,
      unit,
      month: values.month,
      idNumber: person.idNumber,
      categories,
      description: values.description,
    });
  }

  // 2. Persons: on file (in scope, same name, of the village), or new from the first row naming them.
  const onFile = await personsOnFile(
    db,
    keys,
    plans.map((plan) => plan.idNumber),
  );
  const fresh = new Map<string, NewPerson & { firstRow: number }>();
  const seen = new Map<string, number>();
  const personOf = new Map<number, { id: string; householdPath: string; residencePath: string | null }>();
  for (const plan of plans) {
    if (problems.has(plan.row)) continue;
    const input = inputs.get(plan.row);
    if (!input) continue;
    const key = `${plan.idNumber}|${groupKey(plan.unit.id, plan.month)}`;
    const twice = seen.get(key);
    if (twice !== undefined) {
      problems.of(plan.row, ID_NUMBER_COLUMN, `与第${twice}行是同一人（同一村（社区）同一月份只能填报一次）`);
      continue;
    }
    const existing: PersonOnFile | undefined = onFile.get(plan.idNumber);
    let person: { id: string; householdPath: string; residencePath: string | null } | undefined;
    if (existing) {
      if (!inScope(actor, existing.householdPath) && !inScope(actor, existing.residencePath)) {
        problems.of(plan.row, ID_NUMBER_COLUMN, '该身份证号已登记，但不在您的管辖范围内（请联系平安办）');
        continue;
      }
      if (existing.name !== input.name) {
        problems.of(plan.row, NAME_COLUMN, `与已登记的姓名“${existing.name}”不一致`);
        continue;
      }
      person = existing;
    } else {
      const pending = fresh.get(plan.idNumber);
      if (pending) {
        if (pending.input.name !== input.name) {
          problems.of(
            plan.row,
            NAME_COLUMN,
            `与第${pending.firstRow}行同一身份证号的姓名“${pending.input.name}”不一致`,
          );
          continue;
        }
        person = { id: pending.id, householdPath: pending.household.path, residencePath: null };
      } else {
        if (!mayCreatePersons) {
          problems.of(plan.row, ID_NUMBER_COLUMN, '该人员尚未登记，您无权新建人员档案（请村（社区）或平安办先登记）');
          continue;
        }
        if (!isResidentialKind(plan.unit.kind)) {
          problems.of(plan.row, ID_NUMBER_COLUMN, '该人员尚未登记；本单位不是村（社区），请先在人员档案中登记');
          continue;
        }
        if (!input.householdAddress) {
          problems.of(plan.row, HOUSEHOLD_ADDRESS_COLUMN, '该人员尚未登记，须填写户籍地址');
          continue;
        }
        const created = { id: crypto.randomUUID(), input, household: plan.unit, residence: null, firstRow: plan.row };
        fresh.set(plan.idNumber, created);
        person = { id: created.id, householdPath: plan.unit.path, residencePath: null };
      }
    }
    if (!personBelongsToReportingUnit(person, plan.unit)) {
      problems.of(plan.row, UNIT, `该人员不是${plan.unit.name}的户籍或居住人员`);
      continue;
    }
    seen.set(key, plan.row);
    personOf.set(plan.row, person);
  }

  // 3. Returns: new drafts, existing drafts extended; submitted and zero-report drafts refuse rows.
  const candidates = plans.filter((plan) => !problems.has(plan.row));
  const unitIds = [...new Set(candidates.map((plan) => plan.unit.id))];
  const months = [...new Set(candidates.map((plan) => plan.month))];
  const existing = new Map<string, ExistingReport>();
  if (unitIds.length > 0) {
    const rows = await db
      .select({
        id: screeningReports.id,
        orgUnitId: screeningReports.orgUnitId,
        month: screeningReports.month,
        status: screeningReports.status,
        zeroReport: screeningReports.zeroReport,
        version: screeningReports.version,
      })
      .from(screeningReports)
      .where(and(inArray(screeningReports.orgUnitId, unitIds), inArray(screeningReports.month, months)));
    for (const row of rows) existing.set(groupKey(row.orgUnitId, row.month), row);
  }
  const drafts = [...existing.values()].filter((report) => report.status === 'draft');
  const listed = new Set<string>();
  if (drafts.length > 0) {
    const rows = await db
      .select({ reportId: screeningEntries.reportId, personId: screeningEntries.personId })
      .from(screeningEntries)
      .where(
        inArray(
          screeningEntries.reportId,
          drafts.map((draft) => draft.id),
        ),
      );
    for (const row of rows) listed.add(`${row.reportId}|${row.personId}`);
  }
  for (const plan of candidates) {
    const report = existing.get(groupKey(plan.unit.id, plan.month));
    if (!report) continue;
    const what = `${plan.unit.name}${plan.month}的排查情况表`;
    if (report.status !== 'draft') problems.of(plan.row, MONTH, `${what}已上报，不能再导入（如需补报请联系平安办）`);
    else if (report.zeroReport) problems.of(plan.row, MONTH, `${what}是零报告草稿，请先取消零报告再导入`);
    else if (listed.has(`${report.id}|${personOf.get(plan.row)?.id}`)) {
      problems.of(plan.row, ID_NUMBER_COLUMN, `该人员已在${what}中`);
    }
  }

  // What the accepted rows write.
  const accepted = candidates.filter((plan) => !problems.has(plan.row));
  const neededPersons = new Set(accepted.map((plan) => personOf.get(plan.row)?.id));
  const newPersons = [...fresh.values()].filter((person) => neededPersons.has(person.id));
  const groups = new Map<string, RowPlan[]>();
  for (const plan of accepted) {
    const key = groupKey(plan.unit.id, plan.month);
    const group = groups.get(key);
    if (group) group.push(plan);
    else groups.set(key, [plan]);
  }
  const newReports = [...groups.keys()].filter((key) => !existing.has(key));
  const extended = [...groups.keys()].filter((key) => existing.has(key));
  const report: ScreeningImportReport = {
    dryRun: options.dryRun,
    written: false,
    rows: table.rows.length,
    accepted: accepted.length,
    rejectedRows: problems.rowCount,
    rejected: problems.sorted(),
    created: {
      persons: newPersons.length,
      reports: newReports.length,
      reportsExtended: extended.length,
      entries: accepted.length,
    },
    reportIds: [],
  };
  assertImportable(problems, accepted.length, options);
  if (options.dryRun) return report;

  const reportIds = await writeScreening({ db, keys, audit }, context, {
    upload,
    validOnly: options.validOnly,
    report,
    now,
    accepted,
    groups,
    existing,
    newReports,
    extended,
    newPersons,
    personOf,
  });
  return { ...report, written: true, reportIds };
}
