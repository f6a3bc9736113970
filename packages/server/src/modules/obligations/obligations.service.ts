import type { ObligationKind, ObligationQuery } from '@anxin/shared';
import { and, count, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { cases, caseTeamMembers, obligations, orgUnits, users } from '../../db/schema.js';
import { beijingDate, type Clock } from '../../lib/clock.js';
import { addDays } from '../../lib/dates.js';
import type { Actor } from '../access/actor.js';
import { can } from '../access/actor.js';
import { inJurisdiction } from '../access/scope.js';
import { alertOverview } from '../alerts/alerts.service.js';
import { caseScope, listCases } from '../cases/cases.queries.js';
import { findVisibleUnit } from '../org/org.queries.js';
import type { createScreeningService } from '../screening/screening.service.js';
import { countByKind, listObligations, type ObligationListRow } from './obligations.queries.js';
import { monthOf, overdueDays } from './rules.js';

interface Deps {
  db: Db;
  clock: Clock;
  screening: ReturnType<typeof createScreeningService>;
}

export function presentObligation(row: ObligationListRow, today: string) {
  const o = row.obligation;
  const dueOn = o.dueOn as string;
  return {
    id: o.id,
    kind: o.kind as ObligationKind,
    caseId: o.caseId,
    personId: o.personId,
    personName: row.personName,
    level: o.level,
    orgUnitId: o.orgUnitId,
    orgUnitName: row.orgUnitName,
    month: o.month,
    dueOn,
    lastMetOn: o.lastMetOn,
    overdueDays: overdueDays(dueOn, today),
    sensitive: o.sensitive,
  };
}

export function createObligationService({ db, clock, screening }: Deps) {
  const today = () => beijingDate(clock.now());

  async function list(actor: Actor, query: ObligationQuery) {
    const unit = query.orgUnitId ? await findVisibleUnit(db, actor, query.orgUnitId) : undefined;
    if (query.orgUnitId && !unit) return { items: [], total: 0 };
    const now = today();
    const { items, total } = await listObligations(db, actor, { ...query, today: now, unitPath: unit?.path });
    return { items: items.map((row) => presentObligation(row, now)), total };
  }

  /** The peace office's view of its jurisdiction: where work is late, who carries it, open alerts. */
  async function overview(actor: Actor, now: string) {
    const weekEnd = addDays(now, 7);
    const overdueByVillage = await db
      .select({ orgUnitId: obligations.orgUnitId, orgUnitName: orgUnits.name, kind: obligations.kind, count: count() })
      .from(obligations)
      .innerJoin(orgUnits, eq(orgUnits.id, obligations.orgUnitId))
      .where(
        and(inJurisdiction(actor, obligations.path, obligations.assistingPath), sql`${obligations.dueOn} < ${now}`),
      )
      .groupBy(obligations.orgUnitId, orgUnits.name, obligations.kind)
      .orderBy(orgUnits.name, obligations.kind);
    const month = monthOf(now);
    const board = await screening.compliance(actor, { month });
    const tally = (status: string) => board.filter((row) => row.status === status).length;
    const awaiting = await listCases(db, actor, {
      status: 'listed',
      awaitingConfirmation: true,
      page: 1,
      pageSize: 50,
    });
    const caseload = await db
      .select({
        userId: users.id,
        displayName: users.displayName,
        orgUnitName: orgUnits.name,
        cases: sql<number>`count(DISTINCT ${caseTeamMembers.caseId})::int`,
        dueThisWeek: sql<number>`(count(${obligations.id}) FILTER (WHERE ${obligations.dueOn} >= ${now} AND ${obligations.dueOn} <= ${weekEnd}))::int`,
        overdue: sql<number>`(count(${obligations.id}) FILTER (WHERE ${obligations.dueOn} < ${now}))::int`,
      })
      .from(caseTeamMembers)
      .innerJoin(cases, and(eq(cases.id, caseTeamMembers.caseId), eq(cases.status, 'listed')))
      .innerJoin(users, eq(users.id, caseTeamMembers.userId))
      .innerJoin(orgUnits, eq(orgUnits.id, users.orgUnitId))
      .leftJoin(obligations, and(eq(obligations.caseId, caseTeamMembers.caseId), sql`${obligations.dueOn} IS NOT NULL`))
      .where(caseScope(actor))
      .groupBy(users.id, users.displayName, orgUnits.name)
      .orderBy(sql`6 DESC`, sql`5 DESC`, users.displayName)
      .limit(200);
    return {
      overdueByVillage: overdueByVillage.map((r) => ({ ...r, kind: r.kind as ObligationKind })),
      screening: {
        month,
        onTime: tally('on_time'),
        late: tally('late'),
        draft: tally('draft'),
        missing: tally('missing'),
      },
      awaitingConfirmation: awaiting.items.map((row) => ({
        caseId: row.case.id,
        personName: row.personName,
        confirmationDueOn: row.case.confirmationDueOn,
        overdue: row.case.confirmationDueOn !== null && row.case.confirmationDueOn < now,
      })),
      caseload,
      alerts: await alertOverview(db, actor, clock.now()),
    };
  }

  return {
    list,

    /** 工作台: my items overdue, due today and this week by kind; the town overview for coordinators. */
    async dashboard(actor: Actor) {
      const now = today();
      const base = { scope: 'mine' as const, today: now };
      const kinds = (rows: { kind: string; count: number }[]) =>
        rows.map((r) => ({ kind: r.kind as ObligationKind, count: r.count }));
      const [overdue, dueToday, week, items] = await Promise.all([
        countByKind(db, actor, { ...base, status: 'overdue' }),
        countByKind(db, actor, { ...base, status: 'due', dueBy: now }),
        countByKind(db, actor, { ...base, status: 'due', dueBy: addDays(now, 7) }),
        listObligations(db, actor, { ...base, status: 'all', dueBy: addDays(now, 7), page: 1, pageSize: 50 }),
      ]);
      return {
        today: now,
        mine: {
          overdue: kinds(overdue),
          today: kinds(dueToday),
          week: kinds(week),
          items: items.items.map((row) => presentObligation(row, now)),
        },
        overview: can(actor, 'dashboard.overview') ? await overview(actor, now) : null,
      };
    },
  };
}
