import {
  type Category,
  type ComplianceQuery,
  type CreateScreeningReportBody,
  type DismissEntryBody,
  fieldLabel,
  type PoolEntry,
  type PoolQuery,
  SCREENING_FIELD_LABELS,
  type ScreeningReport,
  type ScreeningReportQuery,
  type SubmitScreeningReportBody,
  type UpdateScreeningReportBody,
} from '@anxin/shared';
import { and, eq } from 'drizzle-orm';
import type { Db, Executor } from '../../db/client.js';
import { screeningReports } from '../../db/schema.js';
import { beijingDate, beijingIso, type Clock } from '../../lib/clock.js';
import { onUniqueViolation } from '../../lib/db-errors.js';
import { AppError, badRequest, conflict, forbidden, notFound, staleVersion } from '../../lib/errors.js';
import type { Actor } from '../access/actor.js';
import type { ActorContext, AuditLog } from '../audit/audit.service.js';
import { meetScreeningObligation } from '../obligations/recompute.js';
import { findUnit, findVisibleUnit, type OrgUnitRow } from '../org/org.queries.js';
import {
  awaitsAssessment,
  poolEntryAbilities,
  screeningReportAbilities,
  screeningReportPolicy,
} from './screening.policy.js';
import {
  complianceOf,
  dismissEntry,
  type EntryInput,
  type EntryRow,
  entriesOfReports,
  entryCountOf,
  entryState,
  findEntryInScope,
  findReportInScope,
  findReportOfUnitMonth,
  listPool,
  listReports,
  notInPool,
  type PoolRow,
  type ReportRow,
  replaceEntries,
  visiblePersons,
} from './screening.queries.js';
import {
  assertMonthNotInFuture,
  assertNoPersonTwice,
  assertReturnHasEntriesOrZeroReport,
  assertZeroReportHasNoEntries,
  complianceStatus,
  isSubmittedOnTime,
  personBelongsToReportingUnit,
  screeningDueOn,
} from './screening.rules.js';

interface Deps {
  db: Db;
  clock: Clock;
  audit: AuditLog;
}

const label = (...path: (string | number)[]) => fieldLabel(path, SCREENING_FIELD_LABELS);

const unitOf = (report: ReportRow) => ({ id: report.orgUnitId, kind: report.orgUnitKind, path: report.orgUnitPath });

const alreadySubmitted = (message: string) => conflict('ALREADY_SUBMITTED', message);

const duplicateReport = (unitName: string, month: string) =>
  conflict('DUPLICATE_SCREENING_REPORT', `${unitName}${month}的排查情况表已存在，请修改原表`);

function presentEntry(entry: EntryRow) {
  return {
    id: entry.id,
    personId: entry.personId,
    personName: entry.personName,
    idNumberMasked: entry.idNumberMasked,
    categories: entry.categories as Category[],
    description: entry.description,
    poolStatus: entry.poolStatus as 'pending' | 'proposed' | 'dismissed',
    dismissedReason: entry.dismissedReason,
    caseId: entry.caseId,
  };
}

function presentReport(actor: Actor, report: ReportRow, entries: EntryRow[]): ScreeningReport {
  return {
    id: report.id,
    orgUnitId: report.orgUnitId,
    orgUnitName: report.orgUnitName,
    month: report.month,
    zeroReport: report.zeroReport,
    status: report.status as 'draft' | 'submitted',
    submittedAt: report.submittedAt ? beijingIso(report.submittedAt) : null,
    onTime: report.onTime,
    late: report.onTime === null ? null : !report.onTime,
    dueOn: screeningDueOn(report.month),
    entries: entries.filter((entry) => entry.reportId === report.id).map(presentEntry),
    version: report.version,
    abilities: screeningReportAbilities(actor, { status: report.status, unit: unitOf(report) }),
  };
}

function presentPoolEntry(actor: Actor, row: PoolRow): PoolEntry {
  return {
    ...presentEntry(row),
    reportId: row.reportId,
    month: row.month,
    orgUnitId: row.orgUnitId,
    orgUnitName: row.orgUnitName,
    abilities: poolEntryAbilities(actor, row),
  };
}

/** What an audit event keeps of a return's entries (free text is masked by the audit log). */
const entriesForAudit = (entries: readonly EntryInput[]) =>
  entries.map(({ personId, categories, description }) => ({ personId, categories, description }));

export function createScreeningService({ db, clock, audit }: Deps) {
  async function reportWithEntries(executor: Executor, actor: Actor, id: string): Promise<ScreeningReport> {
    const report = await findReportInScope(executor, actor, id);
    if (!report) throw notFound();
    return presentReport(actor, report, await entriesOfReports(executor, [report.id]));
  }

  /** The subtree a `?orgUnitId=` filter narrows to; null for a unit the actor cannot see (nothing matches). */
  async function filterPath(actor: Actor, orgUnitId: string | undefined): Promise<string | undefined | null> {
    if (!orgUnitId) return undefined;
    return (await findVisibleUnit(db, actor, orgUnitId))?.path ?? null;
  }

  /** The unit a new return is filed for: visible to the caller (else 404) and theirs to file for (else 400). */
  async function reportingUnit(actor: Actor, orgUnitId: string): Promise<OrgUnitRow> {
    const unit = await findVisibleUnit(db, actor, orgUnitId);
    if (!unit) {
      const message = `${label('orgUnitId')}：未找到该单位`;
      throw new AppError(404, 'NOT_FOUND', message, [{ field: 'orgUnitId', message }]);
    }
    if (!screeningReportPolicy.fileFor(actor, unit)) {
      throw badRequest(
        `${label('orgUnitId')}：只能填报本单位的排查情况表（平安办可代辖区内的村、社区录入纸质表）`,
        'orgUnitId',
      );
    }
    return unit;
  }

  /** Entries name each person once, persons the caller can see and, for a village, its own people. */
  async function assertEntriesValid(
    actor: Actor,
    unit: { kind: string; path: string },
    body: { zeroReport: boolean; entries: EntryInput[] },
  ) {
    assertZeroReportHasNoEntries(body);
    assertNoPersonTwice(body.entries);
    const found = await visiblePersons(
      db,
      actor,
      body.entries.map((entry) => entry.personId),
    );
    const byId = new Map(found.map((person) => [person.id, person]));
    body.entries.forEach((entry, index) => {
      const person = byId.get(entry.personId);
      const field = `entries.${index}.personId`;
      if (!person)
        throw badRequest(`${label('entries', index, 'personId')}：未找到该人员，或不在您的管辖范围内`, field);
      if (!personBelongsToReportingUnit(person, unit)) {
        throw badRequest(`${label('entries', index, 'personId')}：不是本村（社区）的户籍或居住人员`, field);
      }
    });
  }

  /** A return in scope that the caller may file; a refusal is on record. */
  async function reportToFile(context: ActorContext, id: string, action: string): Promise<ReportRow> {
    const report = await findReportInScope(db, context.actor, id);
    if (!report) throw notFound();
    if (!screeningReportPolicy.fileFor(context.actor, unitOf(report))) {
      await db.transaction((tx) =>
        audit.record(tx, context, { action, entityType: 'screening_report', entityId: id, outcome: 'denied' }),
      );
      throw forbidden('只有填报单位（或代为录入的平安办）可以修改、上报该排查情况表');
    }
    return report;
  }

  return {
    async list(actor: Actor, query: ScreeningReportQuery) {
      const unitPath = await filterPath(actor, query.orgUnitId);
      if (unitPath === null) return { items: [], total: 0 };
      const { items, total } = await listReports(db, actor, { ...query, unitPath });
      const entries = await entriesOfReports(
        db,
        items.map((report) => report.id),
      );
      return { items: items.map((report) => presentReport(actor, report, entries)), total };
    },

    get: (actor: Actor, id: string) => reportWithEntries(db, actor, id),

    /** 填报: a draft return of a unit for a month; the unique index keeps it to one. */
    async create(context: ActorContext, body: CreateScreeningReportBody) {
      const actor = context.actor;
      const unit = await reportingUnit(actor, body.orgUnitId);
      assertMonthNotInFuture(body.month, clock.now());
      await assertEntriesValid(actor, unit, body);
      if (await findReportOfUnitMonth(db, unit.id, body.month)) throw duplicateReport(unit.name, body.month);
      const id = await db
        .transaction(async (tx) => {
          const now = clock.now();
          const [created] = await tx
            .insert(screeningReports)
            .values({
              orgUnitId: unit.id,
              orgUnitPath: unit.path,
              month: body.month,
              zeroReport: body.zeroReport,
              createdBy: actor.userId,
              createdAt: now,
              updatedAt: now,
            })
            .returning({ id: screeningReports.id });
          const reportId = (created as { id: string }).id;
          await replaceEntries(tx, reportId, body.entries, now);
          await audit.record(tx, context, {
            action: 'screening_report.create',
            entityType: 'screening_report',
            entityId: reportId,
            diff: {
              after: {
                orgUnitId: unit.id,
                month: body.month,
                zeroReport: body.zeroReport,
                entries: entriesForAudit(body.entries),
              },
            },
          });
          return reportId;
        })
        .catch(onUniqueViolation(() => duplicateReport(unit.name, body.month)));
      return reportWithEntries(db, actor, id);
    },

    /** Replaces a draft's entries; a submitted return is final. */
    async update(context: ActorContext, id: string, body: UpdateScreeningReportBody) {
      const actor = context.actor;
      const existing = await reportToFile(context, id, 'screening_report.update');
      if (existing.status !== 'draft') throw alreadySubmitted('已上报的排查情况表不能修改');
      if (body.version !== existing.version) throw staleVersion();
      await assertEntriesValid(actor, unitOf(existing), body);
      const before = await entriesOfReports(db, [id]);
      await db.transaction(async (tx) => {
        const now = clock.now();
        const [updated] = await tx
          .update(screeningReports)
          .set({ zeroReport: body.zeroReport, version: body.version + 1, updatedAt: now })
          .where(
            and(
              eq(screeningReports.id, id),
              eq(screeningReports.version, body.version),
              eq(screeningReports.status, 'draft'),
            ),
          )
          .returning({ id: screeningReports.id });
        if (!updated) throw staleVersion();
        await replaceEntries(tx, id, body.entries, now);
        await audit.record(tx, context, {
          action: 'screening_report.update',
          entityType: 'screening_report',
          entityId: id,
          diff: {
            before: { zeroReport: existing.zeroReport, entries: entriesForAudit(before) },
            after: { zeroReport: body.zeroReport, entries: entriesForAudit(body.entries) },
          },
        });
      });
      return reportWithEntries(db, actor, id);
    },

    /** 上报: final; on time when on or before the 21st of its month, Beijing time. Its entries enter the 待研判 pool. */
    async submit(context: ActorContext, id: string, body: SubmitScreeningReportBody) {
      const actor = context.actor;
      const existing = await reportToFile(context, id, 'screening_report.submit');
      if (existing.status !== 'draft') throw alreadySubmitted('该排查情况表已上报，不能重复上报');
      if (body?.version !== undefined && body.version !== existing.version) throw staleVersion();
      assertReturnHasEntriesOrZeroReport({ zeroReport: existing.zeroReport, entryCount: await entryCountOf(db, id) });
      await db.transaction(async (tx) => {
        const now = clock.now();
        const onTime = isSubmittedOnTime(existing.month, now);
        const [updated] = await tx
          .update(screeningReports)
          .set({
            status: 'submitted',
            submittedAt: now,
            submittedBy: actor.userId,
            onTime,
            version: existing.version + 1,
            updatedAt: now,
          })
          .where(
            and(
              eq(screeningReports.id, id),
              eq(screeningReports.version, existing.version),
              eq(screeningReports.status, 'draft'),
            ),
          )
          .returning({ id: screeningReports.id });
        if (!updated) {
          // Another request came first: say whether it submitted or edited the return.
          const [current] = await tx
            .select({ status: screeningReports.status })
            .from(screeningReports)
            .where(eq(screeningReports.id, id));
          throw current?.status === 'submitted' ? alreadySubmitted('该排查情况表已上报，不能重复上报') : staleVersion();
        }
        const unit = await findUnit(tx, existing.orgUnitId);
        if (unit) await meetScreeningObligation(tx, unit, existing.month, beijingDate(now));
        await audit.record(tx, context, {
          action: 'screening_report.submit',
          entityType: 'screening_report',
          entityId: id,
          diff: { after: { status: 'submitted', submittedAt: beijingIso(now), onTime } },
        });
      });
      return reportWithEntries(db, actor, id);
    },

    /** The compliance board: every village and community in scope with its status for the month. */
    async compliance(actor: Actor, query: ComplianceQuery) {
      const unitPath = await filterPath(actor, query.orgUnitId);
      if (unitPath === null) return [];
      const rows = await complianceOf(db, actor, query.month, unitPath);
      return rows.map((row) => ({
        orgUnitId: row.orgUnitId,
        name: row.name,
        kind: row.kind,
        status: complianceStatus(row.reportId ? { status: row.status ?? 'draft', onTime: row.onTime } : null),
        reportId: row.reportId,
        submittedAt: row.submittedAt ? beijingIso(row.submittedAt) : null,
        entryCount: row.entryCount,
      }));
    },

    /** The 待研判 pool: entries of submitted returns in scope, by pool status. */
    async pool(actor: Actor, query: PoolQuery) {
      const unitPath = await filterPath(actor, query.orgUnitId);
      if (unitPath === null) return { items: [], total: 0 };
      const { items, total } = await listPool(db, actor, {
        poolStatus: query.status,
        unitPath,
        page: query.page,
        pageSize: query.pageSize,
      });
      return { items: items.map((row) => presentPoolEntry(actor, row)), total };
    },

    /** 排除: the peace office takes a suspect out of the pool with a reason. */
    async dismiss(context: ActorContext, id: string, body: DismissEntryBody) {
      const actor = context.actor;
      const entry = await findEntryInScope(db, actor, id);
      if (!entry) throw notFound('未找到该排查对象');
      if (!awaitsAssessment(entry)) throw notInPool(entry);
      await db.transaction(async (tx) => {
        if (!(await dismissEntry(tx, id, { reason: body.reason, userId: actor.userId, at: clock.now() }))) {
          // Another request proposed or dismissed it in the meantime.
          throw notInPool((await entryState(tx, id)) ?? entry);
        }
        await audit.record(tx, context, {
          action: 'screening_entry.dismiss',
          entityType: 'screening_entry',
          entityId: id,
          diff: { before: { poolStatus: 'pending' }, after: { poolStatus: 'dismissed', reason: body.reason } },
        });
      });
      const updated = await findEntryInScope(db, actor, id);
      if (!updated) throw notFound('未找到该排查对象');
      return presentPoolEntry(actor, updated);
    },
  };
}
