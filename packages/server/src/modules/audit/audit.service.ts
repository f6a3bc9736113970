import { type AuditQuery, maskIdNumber, maskPhone, NEED_TO_KNOW_FIELDS } from '@anxin/shared';
import { and, asc, count, desc, eq, gt, gte, isNull, lte, or, sql } from 'drizzle-orm';
import type { Db, Executor } from '../../db/client.js';
import { auditEvents } from '../../db/schema.js';
import { beijingBoundary, beijingIso, type Clock } from '../../lib/clock.js';
import { redactText } from '../../lib/logger.js';
import type { Actor } from '../access/actor.js';
import { inJurisdiction } from '../access/scope.js';
import { type ChainBreak, chainHash, GENESIS_HASH, verifyRun } from './hash-chain.js';

/** Who is acting, from where: taken from the request, handed to every service call. */
export interface RequestContext {
  actor: Actor | null;
  ip: string | null;
  requestId: string | null;
}

/** The context of a signed-in request. */
export type ActorContext = RequestContext & { actor: Actor };

export type Outcome = 'success' | 'failure' | 'denied' | 'not_found';

export interface AuditEntry {
  action: string;
  entityType?: string;
  entityId?: string;
  outcome?: Outcome;
  /** Before/after values; sensitive fields are masked before they are stored. */
  diff?: Record<string, unknown>;
  /** For events without a signed-in actor (a failed login): the username that was tried. */
  username?: string;
  /** For such events: the unit path of the account concerned, so its own office sees the event. */
  unitPath?: string | null;
}

const HIDDEN = '[已隐藏]';
/** Keys whose text never enters the audit log: the need-to-know notes of a person's file. */
const WITHHELD_KEYS: ReadonlySet<string> = new Set(NEED_TO_KNOW_FIELDS);

/**
 * Masks sensitive values at any depth: ID numbers and phones keep 3+4 characters, secrets vanish,
 * and ID or mobile numbers written inside free text are replaced.
 */
export function maskSensitive(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(maskSensitive);
  if (typeof value === 'string') return redactText(value);
  if (value === null || typeof value !== 'object' || value instanceof Date) return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
    if (typeof v === 'string' && key === 'idNumber') out[key] = maskIdNumber(v);
    else if (typeof v === 'string' && key === 'phone') out[key] = maskPhone(v);
    else if (/password|token|secret|hash/i.test(key)) out[key] = HIDDEN;
    // A note's presence shows (so a change is visible), its text never does.
    else if (WITHHELD_KEYS.has(key)) out[key] = typeof v === 'string' && v !== '' ? HIDDEN : v;
    else out[key] = maskSensitive(v);
  }
  return out;
}

/**
 * Text as PostgreSQL will store it: lone UTF-16 surrogates become U+FFFD and NUL is dropped. The
 * hash must cover exactly what is stored, or a crafted username would break the chain.
 */
function storable<T>(value: T): T {
  if (typeof value === 'string') return value.toWellFormed().replaceAll('\0', '') as T;
  if (Array.isArray(value)) return value.map(storable) as T;
  if (value === null || typeof value !== 'object' || value instanceof Date) return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [storable(k), storable(v)])) as T;
}

/** The fields that changed between two versions of a record, as { before, after }. */
export function changes(before: Record<string, unknown>, after: Record<string, unknown>) {
  const changedBefore: Record<string, unknown> = {};
  const changedAfter: Record<string, unknown> = {};
  for (const key of Object.keys(after)) {
    if (after[key] === undefined) continue;
    if (JSON.stringify(before[key] ?? null) !== JSON.stringify(after[key] ?? null)) {
      changedBefore[key] = before[key] ?? null;
      changedAfter[key] = after[key] ?? null;
    }
  }
  return { before: changedBefore, after: changedAfter };
}

/** Arbitrary but fixed: the advisory-lock key that serialises writers of the chain head. */
const CHAIN_LOCK_KEY = 4_242_002;
const VERIFY_BATCH = 2_000;

export type AuditLog = ReturnType<typeof createAuditLog>;

export function createAuditLog(key: Buffer, clock: Clock) {
  return {
    /**
     * Appends one event in the caller's transaction: a failed audit write fails the change.
     * The chain head is read under a transaction-scoped advisory lock, so concurrent writers
     * queue here instead of forking the chain; the section holds one select and one insert.
     */
    async record(tx: Executor, context: RequestContext, entry: AuditEntry): Promise<void> {
      await tx.execute(sql`SELECT pg_advisory_xact_lock(${CHAIN_LOCK_KEY})`);
      const [head] = await tx
        .select({ seq: auditEvents.seq, hash: auditEvents.hash })
        .from(auditEvents)
        .orderBy(desc(auditEvents.seq))
        .limit(1);
      const actor = context.actor;
      const content = {
        seq: (head?.seq ?? 0) + 1,
        id: crypto.randomUUID(),
        at: clock.now(),
        actorId: actor?.userId ?? null,
        actorUsername: actor?.username ?? entry.username?.slice(0, 64) ?? null,
        actorRoles: actor ? [...actor.roles] : [],
        actorOrgUnitId: actor?.orgUnitId ?? null,
        actorUnitPath: actor?.scopePath ?? entry.unitPath ?? null,
        ip: context.ip,
        requestId: context.requestId,
        action: entry.action,
        entityType: entry.entityType ?? null,
        entityId: entry.entityId ?? null,
        outcome: entry.outcome ?? 'success',
        diff: entry.diff === undefined ? null : maskSensitive(entry.diff),
      };
      const prevHash = head?.hash ?? GENESIS_HASH;
      const stored = storable(content);
      await tx.insert(auditEvents).values({ ...stored, prevHash, hash: chainHash(key, prevHash, stored) });
    },

    /** Walks the whole chain in seq order and reports the first broken link. */
    async verify(db: Db): Promise<{ ok: boolean; checked: number; brokenAt?: ChainBreak }> {
      let last = { seq: 0, hash: GENESIS_HASH };
      let checked = 0;
      for (;;) {
        const rows = await db
          .select()
          .from(auditEvents)
          .where(gt(auditEvents.seq, last.seq))
          .orderBy(asc(auditEvents.seq))
          .limit(VERIFY_BATCH);
        if (rows.length === 0) return { ok: true, checked };
        const result = verifyRun(key, last, rows);
        if (result.broken)
          return { ok: false, checked: checked + (result.last.seq - last.seq), brokenAt: result.broken };
        checked += rows.length;
        last = result.last;
      }
    },

    /**
     * Events the reader may see: those of actors inside the reader's jurisdiction; events with no
     * unit (failed logins of unknown users) only for inspectors.
     */
    async search(db: Db, reader: Actor, query: AuditQuery) {
      const from = beijingBoundary(query.from, false);
      const to = beijingBoundary(query.to, true);
      const inScope = inJurisdiction(reader, auditEvents.actorUnitPath);
      const scope = reader.roles.includes('inspector') ? or(inScope, isNull(auditEvents.actorUnitPath)) : inScope;
      const where = and(
        scope,
        query.entityType ? eq(auditEvents.entityType, query.entityType) : undefined,
        query.entityId ? eq(auditEvents.entityId, query.entityId) : undefined,
        query.actorId ? eq(auditEvents.actorId, query.actorId) : undefined,
        query.action ? eq(auditEvents.action, query.action) : undefined,
        from ? gte(auditEvents.at, from) : undefined,
        to ? lte(auditEvents.at, to) : undefined,
      );
      const [items, [total]] = await Promise.all([
        db
          .select()
          .from(auditEvents)
          .where(where)
          .orderBy(desc(auditEvents.seq))
          .limit(query.pageSize)
          .offset((query.page - 1) * query.pageSize),
        db.select({ value: count() }).from(auditEvents).where(where),
      ]);
      return {
        total: total?.value ?? 0,
        // The chain fields stay inside: readers verify through /verify, not by recomputing.
        items: items.map(({ prevHash: _prev, actorUnitPath: _path, ...row }) => ({ ...row, at: beijingIso(row.at) })),
      };
    },
  };
}
