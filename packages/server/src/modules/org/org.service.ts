import {
  type CreateOrgUnitBody,
  ORG_KIND_LABELS,
  ORG_PARENT_KINDS,
  type OrgKind,
  type UpdateOrgUnitBody,
} from '@anxin/shared';
import { and, eq } from 'drizzle-orm';
import type { Db, Executor } from '../../db/client.js';
import { orgUnits } from '../../db/schema.js';
import type { Clock } from '../../lib/clock.js';
import { onUniqueViolation } from '../../lib/db-errors.js';
import { badRequest, conflict, notFound, staleVersion } from '../../lib/errors.js';
import type { Actor } from '../access/actor.js';
import { type ActorContext, type AuditLog, changes } from '../audit/audit.service.js';
import { orgUnitAbilities } from './org.policy.js';
import { findUnit, findUnitByCode, findVisibleUnit, listVisibleUnits, type OrgUnitRow } from './org.queries.js';

interface Deps {
  db: Db;
  clock: Clock;
  audit: AuditLog;
}

/** Villages and communities are where people live; both carry a 12-digit 区划代码. */
export function isResidentialKind(kind: string): boolean {
  return kind === 'village' || kind === 'community';
}

/** Checks that a unit of `kind` may hang under `parent` (e.g. a village only under a town). */
export function assertParentKind(kind: OrgKind, parent: { kind: string } | null) {
  const allowed = ORG_PARENT_KINDS[kind];
  if (!allowed.includes((parent?.kind as OrgKind | undefined) ?? null)) {
    const names = allowed.map((k) => (k === null ? '无（顶级）' : ORG_KIND_LABELS[k])).join('、');
    throw badRequest(`上级单位(parentId)：${ORG_KIND_LABELS[kind]}的上级只能是${names}`, 'parentId');
  }
}

/** Inserts a unit with its materialised path; used by the API and by the seeds. */
export async function insertOrgUnit(
  tx: Executor,
  values: { id?: string; parentId: string | null; name: string; kind: OrgKind; code?: string | null },
): Promise<OrgUnitRow> {
  const id = values.id ?? crypto.randomUUID();
  const parent = values.parentId ? await findUnit(tx, values.parentId) : null;
  const path = `${parent?.path ?? '/'}${id}/`;
  const [row] = await tx
    .insert(orgUnits)
    .values({ id, parentId: values.parentId, name: values.name, kind: values.kind, code: values.code ?? null, path })
    .returning();
  return row as OrgUnitRow;
}

export function presentOrgUnit(actor: Actor, row: OrgUnitRow) {
  return {
    id: row.id,
    parentId: row.parentId,
    name: row.name,
    kind: row.kind as OrgKind,
    code: row.code,
    version: row.version,
    abilities: orgUnitAbilities(actor, row),
  };
}

const duplicateCode = (code: string, holder?: string) =>
  conflict('DUPLICATE_CODE', `区划代码(code)：${code} 已被${holder ? `「${holder}」` : '其他单位'}使用`);

export function createOrgService({ db, clock, audit }: Deps) {
  async function assertCodeFree(code: string | undefined, exceptId?: string) {
    if (!code) return;
    const existing = await findUnitByCode(db, code);
    if (existing && existing.id !== exceptId) throw duplicateCode(code, existing.name);
  }

  return {
    async list(actor: Actor) {
      const rows = await listVisibleUnits(db, actor);
      return { items: rows.map((row) => presentOrgUnit(actor, row)) };
    },

    async create(context: ActorContext, body: CreateOrgUnitBody) {
      const parent = body.parentId ? await findUnit(db, body.parentId) : null;
      if (body.parentId && !parent) throw badRequest('上级单位(parentId)：不存在', 'parentId');
      assertParentKind(body.kind, parent ?? null);
      if (isResidentialKind(body.kind) && !body.code) {
        throw badRequest('区划代码(code)：村、社区必须填写12位统计用区划代码', 'code');
      }
      await assertCodeFree(body.code);
      const row = await db
        .transaction(async (tx) => {
          const created = await insertOrgUnit(tx, {
            parentId: parent?.id ?? null,
            name: body.name,
            kind: body.kind,
            code: body.code,
          });
          await audit.record(tx, context, {
            action: 'org_unit.create',
            entityType: 'org_unit',
            entityId: created.id,
            diff: { after: { name: created.name, kind: created.kind, code: created.code, parentId: created.parentId } },
          });
          return created;
        })
        .catch(onUniqueViolation(() => duplicateCode(body.code ?? '')));
      return presentOrgUnit(context.actor, row);
    },

    async update(context: ActorContext, id: string, body: UpdateOrgUnitBody) {
      const existing = await findVisibleUnit(db, context.actor, id);
      if (!existing) throw notFound();
      if (body.version !== undefined && body.version !== existing.version) throw staleVersion();
      if (body.code && !isResidentialKind(existing.kind)) {
        throw badRequest('区划代码(code)：只有村、社区有区划代码', 'code');
      }
      await assertCodeFree(body.code, id);
      const fields = { name: body.name, code: body.code };
      const row = await db
        .transaction(async (tx) => {
          const [updated] = await tx
            .update(orgUnits)
            .set({ ...fields, version: existing.version + 1, updatedAt: clock.now() })
            .where(and(eq(orgUnits.id, id), eq(orgUnits.version, existing.version)))
            .returning();
          if (!updated) throw staleVersion();
          await audit.record(tx, context, {
            action: 'org_unit.update',
            entityType: 'org_unit',
            entityId: id,
            diff: changes({ name: existing.name, code: existing.code }, fields),
          });
          return updated;
        })
        .catch(onUniqueViolation(() => duplicateCode(body.code ?? '')));
      return presentOrgUnit(context.actor, row);
    },
  };
}
