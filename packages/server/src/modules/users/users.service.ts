import { type CreateUserBody, passwordProblem, type Role, type UpdateUserBody } from '@anxin/shared';
import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { sessions, users } from '../../db/schema.js';
import type { Clock } from '../../lib/clock.js';
import { onUniqueViolation } from '../../lib/db-errors.js';
import { badRequest, conflict, forbidden, notFound, staleVersion } from '../../lib/errors.js';
import type { Actor } from '../access/actor.js';
import type { ActorContext, AuditLog } from '../audit/audit.service.js';
import { hashPassword } from '../auth/passwords.js';
import { findUnit } from '../org/org.queries.js';
import { isResidentialKind } from '../org/org.service.js';
import { userAbilities, userPolicy } from './users.policy.js';
import { findUserByUsername, findVisibleUser, insertUser, listVisibleUsers, type UserRow } from './users.queries.js';

interface Deps {
  db: Db;
  clock: Clock;
  audit: AuditLog;
  demoMode: boolean;
}

export function presentUser(actor: Actor, row: UserRow) {
  return {
    id: row.id,
    username: row.username,
    displayName: row.displayName,
    orgUnitId: row.orgUnitId,
    roles: row.roles as Role[],
    disabled: row.disabled,
    version: row.version,
    abilities: userAbilities(actor, row),
  };
}

/**
 * Role rules: the system administrator holds no other role (三员分立: whoever manages accounts
 * reads no person data); a village cadre belongs to a village or community, and such units
 * hold village cadres only.
 */
export function assertRolesFitUnit(roles: readonly Role[], unit: { kind: string }) {
  if (roles.includes('admin') && roles.length > 1) {
    throw badRequest('角色(roles)：系统管理员不能同时担任其他角色', 'roles');
  }
  if (roles.includes('village_cadre') && !isResidentialKind(unit.kind)) {
    throw badRequest('角色(roles)：村（社区）干部必须属于村或社区', 'roles');
  }
  if (isResidentialKind(unit.kind) && roles.some((role) => role !== 'village_cadre')) {
    throw badRequest('角色(roles)：村、社区的用户只能是村（社区）干部', 'roles');
  }
}

const duplicateUsername = (username: string) => conflict('DUPLICATE_USERNAME', `用户名(username)：${username} 已存在`);

export function createUserService({ db, clock, audit, demoMode }: Deps) {
  function checkPassword(password: string, username: string) {
    const problem = passwordProblem(password, { demoMode, username });
    if (problem) throw badRequest(`密码(password)：${problem}`, 'password');
  }

  async function unitFor(orgUnitId: string) {
    const unit = await findUnit(db, orgUnitId);
    if (!unit) throw badRequest('所属单位(orgUnitId)：不存在', 'orgUnitId');
    return unit;
  }

  return {
    async list(actor: Actor) {
      const rows = await listVisibleUsers(db, actor);
      return { items: rows.map((user) => presentUser(actor, user)), total: rows.length };
    },

    async create(context: ActorContext, body: CreateUserBody) {
      checkPassword(body.password, body.username);
      assertRolesFitUnit(body.roles, await unitFor(body.orgUnitId));
      if (await findUserByUsername(db, body.username)) throw duplicateUsername(body.username);
      const passwordHash = await hashPassword(body.password);
      const row = await db
        .transaction(async (tx) => {
          const created = await insertUser(tx, { ...body, roles: [...new Set(body.roles)], passwordHash });
          await audit.record(tx, context, {
            action: 'user.create',
            entityType: 'user',
            entityId: created.id,
            diff: {
              after: {
                username: created.username,
                displayName: created.displayName,
                orgUnitId: created.orgUnitId,
                roles: created.roles,
              },
            },
          });
          return created;
        })
        .catch(onUniqueViolation(() => duplicateUsername(body.username)));
      return presentUser(context.actor, row);
    },

    /** Disabling a user or changing their password ends all of their sessions at once. */
    async update(context: ActorContext, id: string, body: UpdateUserBody) {
      const existing = await findVisibleUser(db, context.actor, id);
      if (!existing) throw notFound();
      if (body.version !== undefined && body.version !== existing.version) throw staleVersion();
      if (body.disabled === true && !userPolicy.disable(context.actor, existing)) throw forbidden('不能停用自己的账号');
      if (body.roles && !userPolicy.changeRoles(context.actor, existing)) throw forbidden('不能修改自己的角色');
      if (body.password !== undefined) checkPassword(body.password, existing.username);
      const roles = (body.roles ?? existing.roles) as Role[];
      if (body.roles || body.orgUnitId) assertRolesFitUnit(roles, await unitFor(body.orgUnitId ?? existing.orgUnitId));
      const passwordHash = body.password !== undefined ? await hashPassword(body.password) : undefined;
      const { password: _password, version: _version, ...visibleChanges } = body;
      const row = await db.transaction(async (tx) => {
        const [updated] = await tx
          .update(users)
          .set({
            ...visibleChanges,
            ...(body.roles ? { roles: [...new Set(body.roles)] } : {}),
            ...(passwordHash ? { passwordHash } : {}),
            version: existing.version + 1,
            updatedAt: clock.now(),
          })
          .where(and(eq(users.id, id), eq(users.version, existing.version)))
          .returning();
        if (!updated) throw staleVersion();
        if (body.disabled === true || passwordHash) {
          await tx
            .update(sessions)
            .set({ endedAt: clock.now(), endReason: body.disabled ? 'user_disabled' : 'password_changed' })
            .where(and(eq(sessions.userId, id), isNull(sessions.endedAt)));
        }
        await audit.record(tx, context, {
          action: 'user.update',
          entityType: 'user',
          entityId: id,
          diff: {
            before: {
              displayName: existing.displayName,
              orgUnitId: existing.orgUnitId,
              roles: existing.roles,
              disabled: existing.disabled,
            },
            after: { ...visibleChanges, ...(passwordHash ? { password: 'changed' } : {}) },
          },
        });
        return updated;
      });
      return presentUser(context.actor, row);
    },
  };
}
