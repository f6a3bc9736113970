import {
  CASE_STATUSES,
  CATEGORIES,
  type Category,
  FIELD_LABELS,
  fieldLabel,
  OBLIGATION_KINDS,
  type OrgKind,
  STATS_FIELD_LABELS,
  type StatsQuery,
  type StatsSummary,
} from '@anxin/shared';
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { orgUnits } from '../../db/schema.js';
import { beijingDate, type Clock } from '../../lib/clock.js';
import { AppError, badRequest } from '../../lib/errors.js';
import { type ExportFormat, exportWatermark, recordExport } from '../../lib/exports.js';
import { type Actor, inScope } from '../access/actor.js';
import type { ActorContext, AuditLog } from '../audit/audit.service.js';
import { complianceOf } from '../screening/screening.queries.js';
import { complianceStatus } from '../screening/screening.rules.js';
import { monthWords, statsPeriod, trendMonths } from './stats.period.js';
import {
  alertsOfUnit,
  assistedByLevel,
  casesByStatus,
  changesInMonth,
  delistedInMonthRows,
  grievancesOfUnit,
  listedByCategory,
  listedByUnitAndLevel,
  listedInMonthRows,
  overdueByKind,
  servicesOfUnit,
  trend,
  villagesUnder,
  workInMonth,
} from './stats.queries.js';
import { reportDocx, reportFileName, reportXlsx } from './stats.report.js';
import { type MonthLists, statsWorkbook } from './stats.xlsx.js';

interface Deps {
  db: Db;
  clock: Clock;
  audit: AuditLog;
}

const label = (field: string) => fieldLabel([field], { ...FIELD_LABELS, ...STATS_FIELD_LABELS });

/** Units whose statistics mean something: the residential tree, not a department. */
const COUNTED_KINDS: readonly string[] = ['municipality', 'district', 'town', 'village', 'community'];

/** The row of cases whose responsible unit is not a village or community (designated to, or transferred to, a town). */
export const UNPLACED_NAME = '镇（街道）直接负责';

type LevelCounts = { level1: number; level2: number; level3: number; total: number };
const zeroLevels = (): LevelCounts => ({ level1: 0, level2: 0, level3: 0, total: 0 });
function addLevel(target: LevelCounts, level: number | null, n: number) {
  if (level === 1) target.level1 += n;
  else if (level === 2) target.level2 += n;
  else if (level === 3) target.level3 += n;
  target.total += n;
}

export interface StatsFile {
  fileName: string;
  format: ExportFormat;
  body: Buffer;
}

export function createStatsService({ db, clock, audit }: Deps) {
  const today = () => beijingDate(clock.now());

  /** The unit asked for (default: the caller's jurisdiction root); outside the jurisdiction → 404. */
  async function unitFor(actor: Actor, orgUnitId: string | undefined) {
    if (actor.scopePath === null) throw new AppError(404, 'NOT_FOUND', `${label('orgUnitId')}：未找到该单位`);
    const [unit] = await db
      .select({ id: orgUnits.id, name: orgUnits.name, kind: orgUnits.kind, path: orgUnits.path })
      .from(orgUnits)
      .where(orgUnitId ? eq(orgUnits.id, orgUnitId) : eq(orgUnits.path, actor.scopePath));
    if (!unit || !inScope(actor, unit.path)) {
      const message = `${label('orgUnitId')}：未找到该单位`;
      throw new AppError(404, 'NOT_FOUND', message, [{ field: 'orgUnitId', message }]);
    }
    if (!COUNTED_KINDS.includes(unit.kind)) {
      throw badRequest(`${label('orgUnitId')}：请选择区、镇（街道）或村（社区），部门没有自己的统计`, 'orgUnitId');
    }
    return unit;
  }

  async function summaryOf(actor: Actor, query: StatsQuery) {
    const now = today();
    const period = statsPeriod(query.month ?? now.slice(0, 7), now);
    const unit = await unitFor(actor, query.orgUnitId);
    const path = unit.path;
    const [standing, villages, categories, statuses, assisted, changes, months, overdue, board, work, services] =
      await Promise.all([
        listedByUnitAndLevel(db, actor, path, period),
        villagesUnder(db, actor, path),
        listedByCategory(db, actor, path, period),
        casesByStatus(db, actor, path, period.asOf),
        assistedByLevel(db, actor, path, period),
        changesInMonth(db, actor, path, period),
        trend(db, actor, path, trendMonths(period.month)),
        overdueByKind(db, actor, path, now),
        complianceOf(db, actor, period.month, path),
        workInMonth(db, actor, path, period),
        servicesOfUnit(db, actor, path, period),
      ]);
    const [grievances, alerts] = await Promise.all([
      grievancesOfUnit(db, actor, path, period),
      alertsOfUnit(db, actor, path, period),
    ]);

    const byLevel = zeroLevels();
    const perVillage = new Map<string, LevelCounts>(villages.map((v) => [v.id, zeroLevels()]));
    const unplaced = zeroLevels();
    for (const row of standing) {
      addLevel(byLevel, row.level, row.count);
      addLevel(perVillage.get(row.orgUnitId) ?? unplaced, row.level, row.count);
    }
    const assistedLevels = zeroLevels();
    for (const row of assisted) addLevel(assistedLevels, row.level, row.count);
    const categoryCount = new Map(categories.map((row) => [row.category, row.count]));
    const overdueCount = new Map(overdue.map((row) => [row.kind, row.count]));
    const screeningUnits = board.map((row) => ({
      orgUnitId: row.orgUnitId,
      name: row.name,
      status: complianceStatus(row.reportId ? { status: row.status ?? 'draft', onTime: row.onTime } : null),
      entryCount: row.entryCount,
    }));
    const tally = (status: string) => screeningUnits.filter((row) => row.status === status).length;

    const summary: StatsSummary = {
      orgUnit: { id: unit.id, name: unit.name, kind: unit.kind as OrgKind },
      month: period.month,
      asOf: period.asOf,
      today: now,
      byLevel,
      byCategory: CATEGORIES.map((category: Category) => ({ category, count: categoryCount.get(category) ?? 0 })),
      byStatus: CASE_STATUSES.map((status) => ({ status, count: statuses[status] })),
      byVillage: [
        ...villages.map((v) => ({
          orgUnitId: v.id,
          name: v.name,
          kind: v.kind,
          code: v.code,
          ...(perVillage.get(v.id) ?? zeroLevels()),
        })),
        ...(unplaced.total > 0
          ? [{ orgUnitId: null, name: UNPLACED_NAME, kind: 'town', code: null, ...unplaced }]
          : []),
      ],
      assisted: assistedLevels,
      changes,
      overdueByKind: OBLIGATION_KINDS.map((kind) => ({ kind, count: overdueCount.get(kind) ?? 0 })),
      screening: {
        month: period.month,
        onTime: tally('on_time'),
        late: tally('late'),
        missing: tally('missing'),
        draft: tally('draft'),
        units: screeningUnits,
      },
      trend: months,
      work,
      services,
      grievances,
      alerts,
    };
    return { summary, unit, period };
  }

  /** Writes the export's audit event (who, what, how many rows) in its own short transaction. */
  async function audited(context: ActorContext, kind: string, file: StatsFile, rows: number, filters: StatsQuery) {
    const unitId = filters.orgUnitId;
    await db.transaction((tx) =>
      recordExport(audit, tx, context, {
        kind,
        format: file.format,
        rows,
        entityType: 'org_unit',
        ...(unitId ? { entityId: unitId } : {}),
        filters: { ...filters },
      }),
    );
    return file;
  }

  async function monthLists(actor: Actor, path: string, period: ReturnType<typeof statsPeriod>): Promise<MonthLists> {
    const [listed, delisted] = await Promise.all([
      listedInMonthRows(db, actor, path, period),
      delistedInMonthRows(db, actor, path, period),
    ]);
    return { listed, delisted };
  }

  return {
    /** GET /api/stats/summary */
    summary: async (actor: Actor, query: StatsQuery): Promise<StatsSummary> => (await summaryOf(actor, query)).summary,

    /** GET /api/stats/export.xlsx: every table of the summary on its own sheet, plus the month's name lists. */
    async exportXlsx(context: ActorContext, query: StatsQuery): Promise<StatsFile> {
      const { summary, unit, period } = await summaryOf(context.actor, query);
      const lists = await monthLists(context.actor, unit.path, period);
      const watermark = exportWatermark(context.actor, clock.now());
      const { buffer, rows } = await statsWorkbook(summary, lists, watermark);
      const file: StatsFile = {
        fileName: `${unit.name}统计报表（${monthWords(period.month)}）.xlsx`,
        format: 'xlsx',
        body: buffer,
      };
      return audited(context, 'stats', file, rows, { orgUnitId: unit.id, month: period.month });
    },

    /** GET /api/stats/monthly-report.(xlsx|docx): 月报 to the district. */
    async monthlyReport(context: ActorContext, query: StatsQuery, format: 'xlsx' | 'docx'): Promise<StatsFile> {
      const { summary, unit, period } = await summaryOf(context.actor, query);
      const lists = await monthLists(context.actor, unit.path, period);
      const watermark = exportWatermark(context.actor, clock.now());
      const built =
        format === 'docx' ? await reportDocx(summary, lists, watermark) : await reportXlsx(summary, lists, watermark);
      const file: StatsFile = { fileName: reportFileName(summary, format), format, body: built.buffer };
      return audited(context, 'monthly_report', file, built.rows, { orgUnitId: unit.id, month: period.month });
    },
  };
}

export type StatsService = ReturnType<typeof createStatsService>;
