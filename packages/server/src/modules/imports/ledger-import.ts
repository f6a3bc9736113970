// 在册台账导入: a township that adopts Anxin moves in the persons it already lists, with their
// level, listing date, responsible units, team and the dates of the work done so far, so that their
// obligations are right from the first day. Every row is checked first (the same checks as the
// screening import, plus the case's own: no open case, units of the town, the team the level needs);
// ledger-write.ts then writes the accepted rows in one transaction.
import { CATEGORIES, type LedgerImportReport, ROLE_LABELS, type Role } from '@anxin/shared';
import { and, asc, eq, inArray, like, or } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { cases, orgUnits, users } from '../../db/schema.js';
import { beijingDate, type Clock } from '../../lib/clock.js';
import type { Keys } from '../../lib/crypto.js';
import { type Actor, inScope } from '../access/actor.js';
import type { ActorContext, AuditLog } from '../audit/audit.service.js';
import { policyOn, policyVersions, readPolicy } from '../obligations/policy.store.js';
import type { OrgUnitRow } from '../org/org.queries.js';
import { isResidentialKind } from '../org/org.service.js';
import { mayJoinTeam, missingTeamUnits } from '../teams/team-rules.js';
import {
  HOUSEHOLD_ADDRESS_COLUMN,
  ID_NUMBER_COLUMN,
  NAME_COLUMN,
  type NewPerson,
  personInput,
  personsOnFile,
} from './import-persons.js';
import { assertImportable, type ImportOptions, Problems, readUpload, type Upload } from './import-report.js';
import { townOf, unitPicker, unitsByCode, unitsInScope } from './import-units.js';
import { categoryOption, LEVEL_OPTIONS, parseCategories, parseLevel, splitList } from './import-values.js';
import { LEDGER, LEDGER_COLUMNS, LEDGER_RULES, LEDGER_SHEET, MET_ON_COLUMNS } from './ledger-columns.js';
import { type LedgerCase, type StaffRow, writeLedger } from './ledger-write.js';
import { addExportSheet, addTemplate, newWorkbook, workbookBuffer } from './xlsx-write.js';

interface Deps {
  db: Db;
  clock: Clock;
  keys: Keys;
  audit: AuditLog;
}

/** What the checks need to know about the caller's town(s): units, towns, who may serve on a team. */
async function ledgerScope(db: Db, actor: Actor) {
  const units = await unitsInScope(db, actor);
  const towns = units.filter((unit) => unit.kind === 'town');
  const districtIds = [...new Set(towns.map((town) => town.parentId).filter((id): id is string => id !== null))];
  const districtDepartments =
    districtIds.length === 0
      ? []
      : await db
          .select()
          .from(orgUnits)
          .where(and(eq(orgUnits.kind, 'department'), inArray(orgUnits.parentId, districtIds)));
  const residential = units.filter((unit) => isResidentialKind(unit.kind));
  /** Responsible units a case of this town may name (cases.service: responsibleUnitsFit). */
  const responsibleOf = (town: OrgUnitRow) =>
    [...units.filter((unit) => unit.path.startsWith(town.path) && unit.id !== town.id), ...districtDepartments].filter(
      (unit) => unit.path.startsWith(town.path) || unit.parentId === town.parentId,
    );
  return { units, towns, residential, responsibleOf };
}

/** Active staff of a town and of its district's departments, with usernames (teamCandidates' rows). */
async function staffOf(db: Db, town: OrgUnitRow): Promise<StaffRow[]> {
  const rows = (await db
    .select({
      userId: users.id,
      username: users.username,
      displayName: users.displayName,
      roles: users.roles,
      disabled: users.disabled,
      orgUnitId: orgUnits.id,
      orgUnitName: orgUnits.name,
      unitPath: orgUnits.path,
      unitKind: orgUnits.kind,
      unitParentId: orgUnits.parentId,
    })
    .from(users)
    .innerJoin(orgUnits, eq(orgUnits.id, users.orgUnitId))
    .where(
      and(
        eq(users.disabled, false),
        or(
          like(orgUnits.path, `${town.path}%`),
          town.parentId ? and(eq(orgUnits.kind, 'department'), eq(orgUnits.parentId, town.parentId)) : undefined,
        ),
      ),
    )
    .orderBy(asc(orgUnits.path), asc(users.username))) as StaffRow[];
  // Who does a team's work (team-rules.ts); a village cadre only for their own village's people.
  return rows.filter((user) =>
    mayJoinTeam(
      user,
      { id: user.orgUnitId, path: user.unitPath, kind: user.unitKind, parentId: user.unitParentId },
      town,
      {
        id: user.orgUnitId,
      },
    ),
  );
}

const roleWord = (role: string) => ROLE_LABELS[role as Role] ?? role;

/** GET /api/cases/ledger-template.xlsx. */
export async function ledgerTemplate({ db, clock }: Deps, actor: Actor, watermark: string): Promise<Buffer> {
  const scope = await ledgerScope(db, actor);
  const households = unitPicker(scope.residential);
  const responsible = unitPicker(scope.towns.flatMap(scope.responsibleOf));
  const workbook = newWorkbook(actor.username, clock.now());
  addTemplate(workbook, {
    name: LEDGER_SHEET,
    columns: LEDGER_COLUMNS,
    lists: {
      household: { options: households.options, strict: true, prompt: '选择户籍所在的村（社区）' },
      residence: { options: households.options, strict: false, prompt: '本镇以外的填写12位统计用区划代码' },
      gender: { options: ['男', '女'], strict: true, prompt: '男或女，可不填' },
      categories: { options: CATEGORIES.map(categoryOption), strict: false, prompt: '选择一种；多种时填写如“C1；C5”' },
      level: { options: LEVEL_OPTIONS, strict: true, prompt: '当前的管控级别' },
      responsible: { options: responsible.options, strict: false, prompt: '选择一个；多个用“、”分隔' },
    },
    helpTitle: '在册台账导入模板 — 填写说明',
    rules: LEDGER_RULES,
    watermark,
  });
  const staff = (await Promise.all(scope.towns.map((town) => staffOf(db, town)))).flat();
  addExportSheet(workbook, {
    name: '专班成员名单',
    title: '可以加入服务管理小组的人员（村、社区干部只能加入本村、本社区人员的小组）',
    headers: ['用户名', '姓名', '单位', '角色'],
    widths: [16, 20, 24, 30],
    rows: staff.map((user) => [user.username, user.displayName, user.orgUnitName, user.roles.map(roleWord).join('、')]),
    watermark,
  });
  return workbookBuffer(workbook);
}

type LedgerPlan = Omit<LedgerCase, 'caseId' | 'personId' | 'newPerson' | 'review'>;

/** "pingan(组长)" → leader; the marker may also be （组长） or 组长: in front. */
function teamToken(token: string): { username: string; leader: boolean } {
  const marked = /^(?:组长[:：]\s*)?(.+?)\s*(?:[（(]组长[)）])?$/.exec(token);
  const username = (marked?.[1] ?? token).trim();
  return { username, leader: /组长/.test(token) };
}

/** POST /api/cases/import-ledger. */
export async function importLedger(
  deps: Deps,
  context: ActorContext,
  upload: Upload,
  options: ImportOptions,
): Promise<LedgerImportReport> {
  const { db, clock, keys } = deps;
  const actor = context.actor;
  const table = readUpload(upload, [LEDGER_SHEET], LEDGER_COLUMNS);
  const problems = new Problems(table.problems);
  const today = beijingDate(clock.now());
  const scope = await ledgerScope(db, actor);
  const households = unitPicker(scope.residential);
  const residenceCodes = table.rows
    .map((row) => row.values.residence)
    .filter((text): text is string => text !== undefined && /^\d{12}$/.test(text));
  const farResidences = unitPicker(
    (await unitsByCode(db, residenceCodes)).filter((unit) => isResidentialKind(unit.kind)),
  );
  const staffByTown = new Map<string, Map<string, StaffRow>>();
  for (const town of scope.towns) {
    staffByTown.set(town.id, new Map((await staffOf(db, town)).map((user) => [user.username.toLowerCase(), user])));
  }
  const responsibleByTown = new Map(scope.towns.map((town) => [town.id, unitPicker(scope.responsibleOf(town))]));
  const policy = await readPolicy(db, today);
  const versions = await policyVersions(db);

  // 1. Each row on its own.
  const plans: LedgerPlan[] = [];
  for (const row of table.rows) {
    const values = row.values;
    const household = values.household ? households.find(values.household) : undefined;
    if (values.household && !household) {
      problems.of(row.row, LEDGER.household, `未找到“${values.household}”，或不在您的管辖范围内`);
    }
    const town = household ? townOf(household, scope.towns) : undefined;
    let residence: OrgUnitRow | null = null;
    if (values.residence) {
      residence = households.find(values.residence) ?? farResidences.find(values.residence) ?? null;
      if (!residence)
        problems.of(row.row, LEDGER.residence, `未找到“${values.residence}”（本镇以外的请填写12位统计用区划代码）`);
    }
    let categories: string[] = [];
    if (values.categories) {
      const parsed = parseCategories(values.categories);
      if (parsed.unknown)
        problems.of(row.row, LEDGER.categories, `无法识别“${parsed.unknown}”，应为C1至C8或方案中的情形名称`);
      else if (parsed.categories.length === 0) problems.of(row.row, LEDGER.categories, '至少填写一种情形');
      categories = parsed.categories;
    }
    const level = values.level ? parseLevel(values.level) : null;
    if (values.level && !level) problems.of(row.row, LEDGER.level, '应为一级、二级或三级');
    // Work dates are compared with the listing date only when that one is valid.
    const listedOn = values.listedOn && values.listedOn <= today ? values.listedOn : undefined;
    if (values.listedOn && !listedOn) problems.of(row.row, LEDGER.listedOn, `不能晚于今天（${today}）`);
    const metOn: { kind: string; on: string }[] = [];
    for (const { column, kind } of MET_ON_COLUMNS) {
      const on = values[column.key];
      if (!on) continue;
      if (on > today) problems.of(row.row, column, `不能晚于今天（${today}）`);
      else if (listedOn && on < listedOn) problems.of(row.row, column, `不能早于列管日期（${listedOn}）`);
      else metOn.push({ kind, on });
    }
    const lastReviewOn = values.lastReviewOn;
    if (lastReviewOn && lastReviewOn > today) problems.of(row.row, LEDGER.lastReviewOn, `不能晚于今天（${today}）`);
    else if (lastReviewOn && listedOn && lastReviewOn < listedOn) {
      problems.of(row.row, LEDGER.lastReviewOn, `不能早于列管日期（${listedOn}）`);
    }
    let responsible: OrgUnitRow[] = [];
    if (values.responsible && town) {
      const picker = responsibleByTown.get(town.id);
      const names = splitList(values.responsible);
      const unknown = names.filter((name) => !picker?.find(name));
      if (unknown.length > 0) {
        problems.of(
          row.row,
          LEDGER.responsible,
          `“${unknown.join('、')}”不是${town.name}的部门、村（社区）或本区的区级部门`,
        );
      }
      responsible = [
        ...new Map(
          names
            .map((name) => picker?.find(name))
            .filter((u): u is OrgUnitRow => !!u)
            .map((u) => [u.id, u]),
        ).values(),
      ];
    }
    const team: LedgerPlan['team'] = [];
    if (values.team && town && household) {
      const staff = staffByTown.get(town.id) ?? new Map<string, StaffRow>();
      const tokens = splitList(values.team).map(teamToken);
      const unknown = tokens.filter((token) => !staff.has(token.username.toLowerCase()));
      const seenNames = new Set<string>();
      const twice = tokens.find((token) => {
        const seenBefore = seenNames.has(token.username.toLowerCase());
        seenNames.add(token.username.toLowerCase());
        return seenBefore;
      });
      if (unknown.length > 0) {
        problems.of(
          row.row,
          LEDGER.team,
          `未找到用户“${unknown.map((t) => t.username).join('、')}”（须是本镇或区级部门的在岗人员，用户名见“专班成员名单”）`,
        );
      } else if (twice) {
        problems.of(row.row, LEDGER.team, `“${twice.username}”重复`);
      } else if (tokens.filter((token) => token.leader).length !== 1) {
        problems.of(row.row, LEDGER.team, '须有且只有一名组长（在用户名后加“(组长)”）');
      } else {
        for (const token of tokens) {
          const user = staff.get(token.username.toLowerCase()) as StaffRow;
          team.push({ user, role: token.leader ? 'leader' : 'member' });
        }
        const village = { id: household.id, name: household.name };
        const outsider = team.find(
          ({ user }) =>
            !mayJoinTeam(
              user,
              { id: user.orgUnitId, path: user.unitPath, kind: user.unitKind, parentId: user.unitParentId },
              town,
              village,
            ),
        );
        if (outsider) {
          problems.of(
            row.row,
            LEDGER.team,
            `“${outsider.user.username}”不是本镇部门、本人所在村（社区）或区级部门的在岗工作人员`,
          );
        } else if (level) {
          const missing = missingTeamUnits(
            policy.teamUnits[level],
            team.map(({ user }) => user),
            { townPath: town.path, village },
          );
          if (missing.length > 0) problems.of(row.row, LEDGER.team, `缺少${missing.map((m) => m.label).join('、')}`);
        }
      }
    }
    const input = personInput(row, problems);
    if (problems.has(row.row) || !input || !household || !town || !level || !listedOn || !values.basis) continue;
    plans.push({
      row: row.row,
      input,
      household,
      residence,
      town,
      level,
      listedOn,
      categories,
      responsible,
      team,
      metOn,
      lastReviewOn,
      basis: values.basis,
      resolutionPlan: values.resolutionPlan ?? '',
    });
  }

  // 2. Persons: once in the file; on file in the town, same name and village, without an open case.
  const onFile = await personsOnFile(
    db,
    keys,
    plans.map((plan) => plan.input.idNumber),
  );
  const onFileIds = [...onFile.values()].map((person) => person.id);
  const open = new Set(
    onFileIds.length === 0
      ? []
      : (
          await db
            .select({ personId: cases.personId })
            .from(cases)
            .where(and(inArray(cases.personId, onFileIds), inArray(cases.status, ['proposed', 'listed'])))
        ).map((row) => row.personId),
  );
  const firstRow = new Map<string, number>();
  const accepted: LedgerCase[] = [];
  for (const plan of plans) {
    const idNumber = plan.input.idNumber;
    const earlier = firstRow.get(idNumber);
    if (earlier !== undefined) {
      problems.of(plan.row, ID_NUMBER_COLUMN, `与第${earlier}行是同一人（一人只能导入一次）`);
      continue;
    }
    firstRow.set(idNumber, plan.row);
    const existing = onFile.get(idNumber);
    let personId: string;
    let newPerson: NewPerson | null = null;
    if (existing) {
      if (!inScope(actor, existing.householdPath)) {
        problems.of(plan.row, ID_NUMBER_COLUMN, '该身份证号已登记，但户籍地不在您的管辖范围内（应由户籍地镇导入）');
        continue;
      }
      if (existing.name !== plan.input.name) {
        problems.of(plan.row, NAME_COLUMN, `与已登记的姓名“${existing.name}”不一致`);
        continue;
      }
      if (existing.householdOrgUnitId !== plan.household.id) {
        const registered =
          scope.units.find((unit) => unit.id === existing.householdOrgUnitId)?.name ?? '其他村（社区）';
        problems.of(plan.row, LEDGER.household, `与人员档案的户籍地“${registered}”不一致`);
        continue;
      }
      if (open.has(existing.id)) {
        problems.of(plan.row, ID_NUMBER_COLUMN, '该人员已有未结案件（待研判或列管中），不能重复列管');
        continue;
      }
      personId = existing.id;
    } else {
      if (!plan.input.householdAddress) {
        problems.of(plan.row, HOUSEHOLD_ADDRESS_COLUMN, '该人员尚未登记，须填写户籍地址');
        continue;
      }
      personId = crypto.randomUUID();
      newPerson = { id: personId, input: plan.input, household: plan.household, residence: plan.residence };
    }
    const review = policyOn(versions, plan.lastReviewOn ?? plan.listedOn).review;
    accepted.push({ ...plan, caseId: crypto.randomUUID(), personId, newPerson, review });
  }

  const report: LedgerImportReport = {
    dryRun: options.dryRun,
    written: false,
    rows: table.rows.length,
    accepted: accepted.length,
    rejectedRows: problems.rowCount,
    rejected: problems.sorted(),
    created: {
      persons: accepted.filter((item) => item.newPerson).length,
      cases: accepted.length,
      teams: accepted.filter((item) => item.team.length > 0).length,
    },
    caseIds: [],
  };
  assertImportable(problems, accepted.length, options);
  if (options.dryRun) return report;
  await writeLedger(deps, context, upload, accepted, { report, validOnly: options.validOnly, today });
  return { ...report, written: true, caseIds: accepted.map((item) => item.caseId) };
}
