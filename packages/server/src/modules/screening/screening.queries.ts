import { and, asc, count, desc, eq, inArray, like, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { orgUnits, persons, screeningEntries, screeningReports } from '../../db/schema.js';
import { AppError, notFound } from '../../lib/errors.js';
import type { Actor } from '../access/actor.js';
import { inJurisdiction } from '../access/scope.js';
import { personScope } from '../persons/persons.queries.js';

/** Jurisdiction, applied to every screening query: the reporting unit lies in the actor's subtree. */
export function reportScope(actor: Actor): SQL {
  return inJurisdiction(actor, screeningReports.orgUnitPath);
}

export type ReportRow = typeof screeningReports.$inferSelect & { orgUnitName: string; orgUnitKind: string };

const reportColumns = {
  report: screeningReports,
  orgUnitName: orgUnits.name,
  orgUnitKind: orgUnits.kind,
};

function reportsWithUnits(db: Executor) {
  return db
    .select(reportColumns)
    .from(screeningReports)
    .innerJoin(orgUnits, eq(orgUnits.id, screeningReports.orgUnitId));
}

const flattenReport = (row: {
  report: typeof screeningReports.$inferSelect;
  orgUnitName: string;
  orgUnitKind: string;
}) => ({ ...row.report, orgUnitName: row.orgUnitName, orgUnitKind: row.orgUnitKind }) as ReportRow;

/** One return inside the actor's jurisdiction, or undefined (absent and out of scope look alike). */
export async function findReportInScope(db: Executor, actor: Actor, id: string): Promise<ReportRow | undefined> {
  const [row] = await reportsWithUnits(db).where(and(eq(screeningReports.id, id), reportScope(actor)));
  return row ? flattenReport(row) : undefined;
}

/** The return of a unit for a month, ignoring jurisdiction: used only to refuse a second one. */
export async function findReportOfUnitMonth(db: Executor, orgUnitId: string, month: string) {
  const [row] = await db
    .select({ id: screeningReports.id })
    .from(screeningReports)
    .where(and(eq(screeningReports.orgUnitId, orgUnitId), eq(screeningReports.month, month)));
  return row;
}

export interface ReportFilters {
  month?: string | undefined;
  /** Path of a unit: returns of units in its subtree. */
  unitPath?: string | undefined;
  status?: 'draft' | 'submitted' | undefined;
  page: number;
  pageSize: number;
}

export async function listReports(db: Executor, actor: Actor, filters: ReportFilters) {
  const where = and(
    reportScope(actor),
    filters.month ? eq(screeningReports.month, filters.month) : undefined,
    filters.unitPath ? like(screeningReports.orgUnitPath, `${filters.unitPath}%`) : undefined,
    filters.status ? eq(screeningReports.status, filters.status) : undefined,
  );
  const rows = await reportsWithUnits(db)
    .where(where)
    .orderBy(desc(screeningReports.month), asc(orgUnits.name), asc(screeningReports.id))
    .limit(filters.pageSize)
    .offset((filters.page - 1) * filters.pageSize);
  const [total] = await db.select({ value: count() }).from(screeningReports).where(where);
  return { items: rows.map(flattenReport), total: total?.value ?? 0 };
}

export type EntryRow = typeof screeningEntries.$inferSelect & { personName: string; idNumberMasked: string };

const entryColumns = {
  entry: screeningEntries,
  personName: persons.name,
  idNumberMasked: persons.idNumberMasked,
};

const flattenEntry = (row: {
  entry: typeof screeningEntries.$inferSelect;
  personName: string;
  idNumberMasked: string;
}) => ({ ...row.entry, personName: row.personName, idNumberMasked: row.idNumberMasked }) as EntryRow;

/** The entries of some returns, each return's in the order they were written (see entryIds). */
export async function entriesOfReports(db: Executor, reportIds: readonly string[]): Promise<EntryRow[]> {
  if (reportIds.length === 0) return [];
  const rows = await db
    .select(entryColumns)
    .from(screeningEntries)
    .innerJoin(persons, eq(persons.id, screeningEntries.personId))
    .where(inArray(screeningEntries.reportId, [...reportIds]))
    .orderBy(asc(screeningEntries.id));
  return rows.map(flattenEntry);
}

/** Number of entries per return. */
export async function entryCountOf(db: Executor, reportId: string): Promise<number> {
  const [row] = await db
    .select({ value: count() })
    .from(screeningEntries)
    .where(eq(screeningEntries.reportId, reportId));
  return row?.value ?? 0;
}

/**
 * Ids for one write of entries, as UUIDv7 (RFC 9562) with the position in the 12-bit rand_a
 * field: they sort in the order the filer listed the persons, so reading by id keeps that order.
 */
function entryIds(count: number): string[] {
  const millis = Date.now();
  return Array.from({ length: count }, (_, position) => {
    const bytes = crypto.getRandomValues(new Uint8Array(16));
    for (let i = 0; i < 6; i++) bytes[i] = Math.floor(millis / 2 ** (8 * (5 - i))) & 0xff;
    bytes[6] = 0x70 | ((position >> 8) & 0x0f);
    bytes[7] = position & 0xff;
    bytes[8] = 0x80 | ((bytes[8] ?? 0) & 0x3f);
    const hex = Buffer.from(bytes).toString('hex');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  });
}

export interface EntryInput {
  personId: string;
  categories: string[];
  description: string;
}

/** Replaces a draft's entries with `entries` (none for a zero report). */
export async function replaceEntries(tx: Executor, reportId: string, entries: readonly EntryInput[], at: Date) {
  await tx.delete(screeningEntries).where(eq(screeningEntries.reportId, reportId));
  if (entries.length === 0) return;
  const ids = entryIds(entries.length);
  await tx.insert(screeningEntries).values(
    entries.map((entry, index) => ({
      id: ids[index] as string,
      reportId,
      personId: entry.personId,
      categories: [...entry.categories],
      description: entry.description,
      createdAt: at,
    })),
  );
}

/** Of the given person ids, those the actor may see, with the paths that place them. */
export async function visiblePersons(db: Executor, actor: Actor, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return db
    .select({ id: persons.id, householdPath: persons.householdPath, residencePath: persons.residencePath })
    .from(persons)
    .where(and(inArray(persons.id, [...ids]), personScope(actor)));
}

// ── 待研判 pool ───────────────────────────────────────────────────────────────

export type PoolRow = EntryRow & {
  reportStatus: string;
  month: string;
  orgUnitId: string;
  orgUnitName: string;
};

const poolColumns = {
  ...entryColumns,
  reportStatus: screeningReports.status,
  month: screeningReports.month,
  orgUnitId: screeningReports.orgUnitId,
  orgUnitName: orgUnits.name,
};

function entriesWithReports(db: Executor) {
  return db
    .select(poolColumns)
    .from(screeningEntries)
    .innerJoin(screeningReports, eq(screeningReports.id, screeningEntries.reportId))
    .innerJoin(orgUnits, eq(orgUnits.id, screeningReports.orgUnitId))
    .innerJoin(persons, eq(persons.id, screeningEntries.personId));
}

type PoolSelect = Omit<PoolRow, keyof EntryRow> & {
  entry: typeof screeningEntries.$inferSelect;
  personName: string;
  idNumberMasked: string;
};

function flattenPool(row: PoolSelect): PoolRow {
  const { entry, personName, idNumberMasked, ...report } = row;
  return { ...flattenEntry({ entry, personName, idNumberMasked }), ...report };
}

export interface PoolFilters {
  poolStatus: 'pending' | 'proposed' | 'dismissed';
  unitPath?: string | undefined;
  page: number;
  pageSize: number;
}

/** Entries of submitted returns in the actor's jurisdiction, newest return first. */
export async function listPool(db: Executor, actor: Actor, filters: PoolFilters) {
  const where = and(
    reportScope(actor),
    eq(screeningReports.status, 'submitted'),
    eq(screeningEntries.poolStatus, filters.poolStatus),
    filters.unitPath ? like(screeningReports.orgUnitPath, `${filters.unitPath}%`) : undefined,
  );
  const rows = await entriesWithReports(db)
    .where(where)
    .orderBy(desc(screeningReports.submittedAt), asc(screeningEntries.id))
    .limit(filters.pageSize)
    .offset((filters.page - 1) * filters.pageSize);
  const [total] = await db
    .select({ value: count() })
    .from(screeningEntries)
    .innerJoin(screeningReports, eq(screeningReports.id, screeningEntries.reportId))
    .where(where);
  return { items: rows.map(flattenPool), total: total?.value ?? 0 };
}

/** One entry whose return lies in the actor's jurisdiction (draft or submitted), or undefined. */
export async function findEntryInScope(db: Executor, actor: Actor, id: string): Promise<PoolRow | undefined> {
  const [row] = await entriesWithReports(db).where(and(eq(screeningEntries.id, id), reportScope(actor)));
  return row ? flattenPool(row) : undefined;
}

/**
 * Takes an entry out of the 待研判 pool because an intake proposal was made from it. The cases
 * module calls this inside its own transaction, after checking that the entry is in the caller's
 * jurisdiction (findEntryInScope). 404 when the entry does not exist; 409 when it is not waiting
 * in the pool (its return is still a draft, or it was already proposed or dismissed).
 */
export async function markEntryProposed(tx: Executor, entryId: string, caseId: string): Promise<void> {
  const submitted = tx
    .select({ id: screeningReports.id })
    .from(screeningReports)
    .where(eq(screeningReports.status, 'submitted'));
  const updated = await tx
    .update(screeningEntries)
    .set({ poolStatus: 'proposed', caseId })
    .where(
      and(
        eq(screeningEntries.id, entryId),
        eq(screeningEntries.poolStatus, 'pending'),
        inArray(screeningEntries.reportId, submitted),
      ),
    )
    .returning({ id: screeningEntries.id });
  if (updated.length > 0) return;
  const entry = await entryState(tx, entryId);
  if (!entry) throw notFound('未找到该排查对象');
  throw notInPool(entry);
}

/** Where an entry stands: its pool status and its return's status. */
export async function entryState(db: Executor, entryId: string) {
  const [row] = await db
    .select({ poolStatus: screeningEntries.poolStatus, reportStatus: screeningReports.status })
    .from(screeningEntries)
    .innerJoin(screeningReports, eq(screeningReports.id, screeningEntries.reportId))
    .where(eq(screeningEntries.id, entryId));
  return row;
}

/** The 409 for an entry that is not waiting in the pool, saying why. */
export function notInPool(entry: { poolStatus: string; reportStatus: string }): AppError {
  const why =
    entry.reportStatus !== 'submitted'
      ? '所在的排查情况表尚未上报'
      : entry.poolStatus === 'proposed'
        ? '已呈报入库'
        : entry.poolStatus === 'dismissed'
          ? '已排除'
          : '已被他人处理';
  return new AppError(409, 'NOT_IN_POOL', `该排查对象${why}，不在待研判中`);
}

/** Marks a pending entry dismissed; false when it was no longer pending (another request won). */
export async function dismissEntry(
  tx: Executor,
  entryId: string,
  values: { reason: string; userId: string; at: Date },
): Promise<boolean> {
  const updated = await tx
    .update(screeningEntries)
    .set({
      poolStatus: 'dismissed',
      dismissedReason: values.reason,
      dismissedBy: values.userId,
      dismissedAt: values.at,
    })
    .where(and(eq(screeningEntries.id, entryId), eq(screeningEntries.poolStatus, 'pending')))
    .returning({ id: screeningEntries.id });
  return updated.length > 0;
}

// ── Compliance board ──────────────────────────────────────────────────────────

/**
 * Every village and community in the actor's jurisdiction (optionally under `unitPath`) with its
 * return for `month`, if any, and the return's entry count.
 */
export async function complianceOf(db: Executor, actor: Actor, month: string, unitPath?: string) {
  return db
    .select({
      orgUnitId: orgUnits.id,
      name: orgUnits.name,
      kind: orgUnits.kind,
      reportId: screeningReports.id,
      status: screeningReports.status,
      onTime: screeningReports.onTime,
      submittedAt: screeningReports.submittedAt,
      entryCount:
        sql<number>`(select count(*) from ${screeningEntries} where ${screeningEntries.reportId} = ${screeningReports.id})`.mapWith(
          Number,
        ),
    })
    .from(orgUnits)
    .leftJoin(screeningReports, and(eq(screeningReports.orgUnitId, orgUnits.id), eq(screeningReports.month, month)))
    .where(
      and(
        inArray(orgUnits.kind, ['village', 'community']),
        inJurisdiction(actor, orgUnits.path),
        unitPath ? like(orgUnits.path, `${unitPath}%`) : undefined,
      ),
    )
    .orderBy(sql`${orgUnits.code} asc nulls last`, asc(orgUnits.name));
}
