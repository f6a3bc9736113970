import type { Role } from '@anxin/shared';
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { loginAttempts, orgUnits, sessions, users } from '../../db/schema.js';
import type { Clock } from '../../lib/clock.js';
import { randomToken, sm3Hex } from '../../lib/crypto.js';
import { AppError } from '../../lib/errors.js';
import { type Actor, scopeRootPath } from '../access/actor.js';
import type { AuditLog, RequestContext } from '../audit/audit.service.js';
import { findUserByUsername } from '../users/users.queries.js';
import { verifyPassword } from './passwords.js';

/** Session and lockout rules (等保 2.0 8.1.4.1b; ASVS 6.3.1, 7.3). */
export interface SessionPolicy {
  idleMs: number;
  absoluteMs: number;
  maxFailures: number;
  lockMs: number;
  /** last_seen_at is written at most this often, not on every request. */
  touchIntervalMs: number;
}

export const DEFAULT_SESSION_POLICY: SessionPolicy = {
  idleMs: 30 * 60_000,
  absoluteMs: 12 * 60 * 60_000,
  maxFailures: 5,
  lockMs: 15 * 60_000,
  touchIntervalMs: 60_000,
};

function lockedError(lockedUntil: Date, now: Date) {
  const minutes = Math.ceil((lockedUntil.getTime() - now.getTime()) / 60_000);
  return new AppError(429, 'ACCOUNT_LOCKED', `登录失败次数过多，请${minutes}分钟后再试`);
}

/** The same words whether the user exists or not, so a stranger learns nothing. */
export const BAD_CREDENTIALS = '用户名或密码错误';

interface Deps {
  db: Db;
  clock: Clock;
  audit: AuditLog;
}

export function createAuthService(deps: Deps, overrides: Partial<SessionPolicy> = {}) {
  const policy = { ...DEFAULT_SESSION_POLICY, ...overrides };
  const { db, clock, audit } = deps;

  async function endSession(sessionId: string, reason: string) {
    await db
      .update(sessions)
      .set({ endedAt: clock.now(), endReason: reason })
      .where(and(eq(sessions.id, sessionId), isNull(sessions.endedAt)));
  }

  return {
    policy,

    /**
     * Checks a username and password. Failures count per username (known or not); the fifth in a
     * row locks that name for 15 minutes, during which even the right password is refused.
     * A success ends the caller's previous session and starts a new one (a new token).
     */
    async login(
      input: { username: string; password: string; previousToken?: string | undefined },
      context: RequestContext,
    ) {
      const name = input.username.trim().toLowerCase();
      const now = clock.now();
      const [attempt] = await db.select().from(loginAttempts).where(eq(loginAttempts.username, name));
      const user = await findUserByUsername(db, name);
      const [unit] = user ? await db.select().from(orgUnits).where(eq(orgUnits.id, user.orgUnitId)) : [];
      if (attempt?.lockedUntil && attempt.lockedUntil > now) {
        await db.transaction((tx) =>
          audit.record(tx, context, {
            action: 'auth.login',
            outcome: 'failure',
            username: name,
            unitPath: unit?.path ?? null,
            diff: { reason: 'locked' },
          }),
        );
        throw lockedError(attempt.lockedUntil, now);
      }
      const passwordOk = await verifyPassword(user?.passwordHash, input.password);
      if (!user || !passwordOk || user.disabled) {
        await db.transaction(async (tx) => {
          // Counted in the database, atomically: parallel guesses cannot slip past the limit.
          const expired = sql`${loginAttempts.lockedUntil} IS NOT NULL AND ${loginAttempts.lockedUntil} <= ${now}`;
          const [counted] = await tx
            .insert(loginAttempts)
            .values({ username: name, failures: 1, lockedUntil: null, lastFailureAt: now })
            .onConflictDoUpdate({
              target: loginAttempts.username,
              set: {
                failures: sql`CASE WHEN ${expired} THEN 1 ELSE ${loginAttempts.failures} + 1 END`,
                lockedUntil: sql`CASE WHEN ${expired} THEN NULL ELSE ${loginAttempts.lockedUntil} END`,
                lastFailureAt: now,
              },
            })
            .returning();
          const failures = counted?.failures ?? 1;
          if (failures >= policy.maxFailures) {
            await tx
              .update(loginAttempts)
              .set({ failures: 0, lockedUntil: new Date(now.getTime() + policy.lockMs) })
              .where(eq(loginAttempts.username, name));
          }
          await audit.record(tx, context, {
            action: 'auth.login',
            outcome: 'failure',
            username: name,
            unitPath: unit?.path ?? null,
            entityType: user ? 'user' : undefined,
            entityId: user?.id,
            diff: { reason: !user ? 'unknown_user' : user.disabled ? 'disabled' : 'bad_password', failures },
          });
        });
        throw new AppError(401, 'BAD_CREDENTIALS', BAD_CREDENTIALS);
      }
      if (!unit) throw new AppError(401, 'BAD_CREDENTIALS', BAD_CREDENTIALS);
      const token = randomToken();
      const sessionId = crypto.randomUUID();
      const actor = toActor(user, unit, sessionId);
      await db.transaction(async (tx) => {
        // A lock set by a parallel failure after the check above still wins.
        const [lock] = await tx.select().from(loginAttempts).where(eq(loginAttempts.username, name)).for('update');
        if (lock?.lockedUntil && lock.lockedUntil > now) throw lockedError(lock.lockedUntil, now);
        if (input.previousToken) {
          await tx
            .update(sessions)
            .set({ endedAt: now, endReason: 'rotated' })
            .where(and(eq(sessions.tokenHash, sm3Hex(input.previousToken)), isNull(sessions.endedAt)));
        }
        await tx.delete(loginAttempts).where(eq(loginAttempts.username, name));
        await tx.insert(sessions).values({
          id: sessionId,
          tokenHash: sm3Hex(token),
          userId: user.id,
          lastSeenAt: now,
          expiresAt: new Date(now.getTime() + policy.absoluteMs),
          ip: context.ip,
        });
        await audit.record(tx, { ...context, actor }, { action: 'auth.login', entityType: 'user', entityId: user.id });
      });
      return { token, actor };
    },

    /** The actor of a session token, or null when the session is unknown, ended, idle or expired. */
    async authenticate(token: string): Promise<Actor | null> {
      const now = clock.now();
      const [row] = await db
        .select({ session: sessions, user: users, unit: orgUnits })
        .from(sessions)
        .innerJoin(users, eq(users.id, sessions.userId))
        .innerJoin(orgUnits, eq(orgUnits.id, users.orgUnitId))
        .where(eq(sessions.tokenHash, sm3Hex(token)));
      if (!row || row.session.endedAt) return null;
      if (row.user.disabled) {
        await endSession(row.session.id, 'user_disabled');
        return null;
      }
      if (row.session.expiresAt <= now) {
        await endSession(row.session.id, 'expired');
        return null;
      }
      if (now.getTime() - row.session.lastSeenAt.getTime() > policy.idleMs) {
        await endSession(row.session.id, 'idle');
        return null;
      }
      if (now.getTime() - row.session.lastSeenAt.getTime() > policy.touchIntervalMs) {
        await db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.id, row.session.id));
      }
      return toActor(row.user, row.unit, row.session.id);
    },

    async logout(actor: Actor | null, context: RequestContext) {
      if (!actor) return;
      await db.transaction(async (tx) => {
        await tx
          .update(sessions)
          .set({ endedAt: clock.now(), endReason: 'logout' })
          .where(and(eq(sessions.id, actor.sessionId), isNull(sessions.endedAt)));
        await audit.record(tx, context, { action: 'auth.logout', entityType: 'user', entityId: actor.userId });
      });
    },
  };
}

export function toActor(
  user: { id: string; username: string; displayName: string; orgUnitId: string; roles: string[] },
  unit: { name: string; kind: string; path: string },
  sessionId: string,
): Actor {
  const roles = user.roles as Role[];
  return {
    userId: user.id,
    username: user.username,
    displayName: user.displayName,
    orgUnitId: user.orgUnitId,
    orgUnitName: unit.name,
    roles,
    scopePath: scopeRootPath(unit, roles),
    sessionId,
  };
}
