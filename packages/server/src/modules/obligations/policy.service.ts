import type { CreateSensitivePeriodBody, PutPolicyBody } from '@anxin/shared';
import { and, desc, eq, like, or, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { orgUnits, policies, sensitivePeriods } from '../../db/schema.js';
import { beijingDate, beijingIso, type Clock } from '../../lib/clock.js';
import { badRequest } from '../../lib/errors.js';
import type { Actor } from '../access/actor.js';
import type { ActorContext, AuditLog } from '../audit/audit.service.js';
import { findVisibleUnit, pathIds } from '../org/org.queries.js';
import { policyVersions, readPolicyVersion } from './policy.store.js';
import { recomputeObligations, refreshObligations } from './recompute.js';

interface Deps {
  db: Db;
  clock: Clock;
  audit: AuditLog;
}

type Version = Awaited<ReturnType<typeof readPolicyVersion>>;
function presentVersion(v: Version) {
  return {
    ...v.body,
    id: v.id,
    effectiveFrom: v.effectiveFrom,
    createdBy: v.createdBy,
    createdAt: beijingIso(v.createdAt),
  };
}

export function createPolicyService({ db, clock, audit }: Deps) {
  const today = () => beijingDate(clock.now());

  async function get() {
    const [current, versions] = await Promise.all([readPolicyVersion(db, today()), policyVersions(db)]);
    return { current: presentVersion(current), versions: versions.map(presentVersion) };
  }

  return {
    get,

    /**
     * A new policy version from a date (today or later; the past stays as it was decided). One in
     * force today recomputes every case's obligations at once; a later one, on its day's run.
     */
    async put(context: ActorContext, body: PutPolicyBody) {
      const { effectiveFrom = today(), ...policy } = body;
      if (effectiveFrom < today()) {
        throw badRequest(
          `生效日期(effectiveFrom)：不能早于今天（${today()}），已过去的期间按当时的规范计算`,
          'effectiveFrom',
        );
      }
      const before = await readPolicyVersion(db, today());
      await db.transaction(async (tx) => {
        const [created] = await tx
          .insert(policies)
          .values({ effectiveFrom, body: policy, createdBy: context.actor.userId })
          .returning({ id: policies.id });
        if (effectiveFrom <= today()) await recomputeObligations(tx, policy, today(), { all: true }, effectiveFrom);
        await audit.record(tx, context, {
          action: 'policy.update',
          entityType: 'policy',
          ...(created ? { entityId: created.id } : {}),
          diff: { before: { ...before.body }, after: { ...policy, effectiveFrom } },
        });
      });
      return get();
    },
  };
}

export function createSensitivePeriodService({ db, clock, audit }: Deps) {
  const today = () => beijingDate(clock.now());

  type Row = { period: typeof sensitivePeriods.$inferSelect; orgUnitName: string };
  const present = (row: Row, now: string) => ({
    id: row.period.id,
    name: row.period.name,
    startsOn: row.period.startsOn,
    endsOn: row.period.endsOn,
    orgUnitId: row.period.orgUnitId,
    orgUnitName: row.orgUnitName,
    active: row.period.startsOn <= now && now <= row.period.endsOn,
    createdBy: row.period.createdBy,
  });

  /** Periods that apply in the actor's jurisdiction: set within it, or above it (a district-wide one). */
  function applicable(actor: Actor) {
    if (actor.scopePath === null) return sql`false`;
    return or(
      like(sensitivePeriods.orgUnitPath, `${actor.scopePath}%`),
      sql`${sensitivePeriods.orgUnitId} IN (${sql.join(
        pathIds(actor.scopePath).map((id) => sql`${id}::uuid`),
        sql`, `,
      )})`,
    );
  }

  async function list(actor: Actor, query: { activeOn?: string | undefined; page: number; pageSize: number }) {
    const where = and(
      applicable(actor),
      query.activeOn
        ? sql`${sensitivePeriods.startsOn} <= ${query.activeOn} AND ${sensitivePeriods.endsOn} >= ${query.activeOn}`
        : undefined,
    );
    const rows = await db
      .select({ period: sensitivePeriods, orgUnitName: orgUnits.name })
      .from(sensitivePeriods)
      .innerJoin(orgUnits, eq(orgUnits.id, sensitivePeriods.orgUnitId))
      .where(where)
      .orderBy(desc(sensitivePeriods.startsOn))
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize);
    const [total] = await db.select({ value: sql<number>`count(*)::int` }).from(sensitivePeriods).where(where);
    const now = today();
    return { items: rows.map((row) => present(row, now)), total: total?.value ?? 0 };
  }

  return {
    list,

    /** 敏感时期: obligations in the unit's subtree tighten from its start; one starting today recomputes now. */
    async create(context: ActorContext, body: CreateSensitivePeriodBody) {
      const actor = context.actor;
      const unit = await findVisibleUnit(db, actor, body.orgUnitId);
      if (!unit || actor.scopePath === null || !unit.path.startsWith(actor.scopePath)) {
        throw badRequest('范围(orgUnitId)：不存在或不在您的管辖范围内', 'orgUnitId');
      }
      if (!['municipality', 'district', 'town'].includes(unit.kind)) {
        throw badRequest('范围(orgUnitId)：敏感时期应设定在镇（街道）、区或市', 'orgUnitId');
      }
      if (body.endsOn < body.startsOn) throw badRequest('结束日期(endsOn)：不能早于开始日期', 'endsOn');
      if (body.endsOn < today()) throw badRequest(`结束日期(endsOn)：不能早于今天（${today()}）`, 'endsOn');
      // Obligations cannot be tightened in the past: a period starts today at the earliest.
      if (body.startsOn < today()) throw badRequest(`开始日期(startsOn)：不能早于今天（${today()}）`, 'startsOn');
      const now = today();
      const [created] = await db.transaction(async (tx) => {
        const rows = await tx
          .insert(sensitivePeriods)
          .values({ ...body, orgUnitPath: unit.path, createdBy: actor.userId })
          .returning();
        if (body.startsOn <= now) await refreshObligations(tx, now, { path: unit.path });
        await audit.record(tx, context, {
          action: 'sensitive_period.create',
          entityType: 'sensitive_period',
          ...(rows[0] ? { entityId: rows[0].id } : {}),
          diff: { after: { ...body } },
        });
        return rows;
      });
      if (!created) throw badRequest('无法创建');
      return present({ period: created, orgUnitName: unit.name }, now);
    },
  };
}
