import { and, count, desc, eq, ilike, like, or, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Executor } from '../../db/client.js';
import { orgUnits, persons } from '../../db/schema.js';
import type { Actor } from '../access/actor.js';
import { inJurisdiction } from '../access/scope.js';

const householdUnit = alias(orgUnits, 'household_unit');
const residenceUnit = alias(orgUnits, 'residence_unit');

/** Jurisdiction, applied to every person query: 户籍地 or 居住地 inside the actor's subtree. */
export function personScope(actor: Actor): SQL {
  return inJurisdiction(actor, persons.householdPath, persons.residencePath);
}

const columns = {
  person: persons,
  householdOrgUnitName: householdUnit.name,
  residenceOrgUnitName: residenceUnit.name,
};

function withUnits(db: Executor) {
  return db
    .select(columns)
    .from(persons)
    .innerJoin(householdUnit, eq(householdUnit.id, persons.householdOrgUnitId))
    .leftJoin(residenceUnit, eq(residenceUnit.id, persons.residenceOrgUnitId));
}

export type PersonWithUnits = {
  person: typeof persons.$inferSelect;
  householdOrgUnitName: string;
  residenceOrgUnitName: string | null;
};

export interface PersonFilters {
  /** Blind index of a full ID number, when the search text is one. */
  idNumberIndex?: string | undefined;
  nameContains?: string | undefined;
  /** Path of a unit: persons registered or living in its subtree. */
  unitPath?: string | undefined;
  page: number;
  pageSize: number;
}

/** Escapes LIKE wildcards in user text. */
function likeText(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export async function listPersons(db: Executor, actor: Actor, filters: PersonFilters) {
  const where = and(
    personScope(actor),
    filters.idNumberIndex ? eq(persons.idNumberIndex, filters.idNumberIndex) : undefined,
    filters.nameContains ? ilike(persons.name, `%${likeText(filters.nameContains)}%`) : undefined,
    filters.unitPath
      ? or(like(persons.householdPath, `${filters.unitPath}%`), like(persons.residencePath, `${filters.unitPath}%`))
      : undefined,
  );
  const items = await withUnits(db)
    .where(where)
    .orderBy(desc(persons.createdAt), persons.id)
    .limit(filters.pageSize)
    .offset((filters.page - 1) * filters.pageSize);
  const [total] = await db.select({ value: count() }).from(persons).where(where);
  return { items: items as PersonWithUnits[], total: total?.value ?? 0 };
}

/** One person inside the actor's jurisdiction, or undefined (absent and out of scope look alike). */
export async function findPersonInScope(db: Executor, actor: Actor, id: string): Promise<PersonWithUnits | undefined> {
  const [row] = await withUnits(db).where(and(eq(persons.id, id), personScope(actor)));
  return row as PersonWithUnits | undefined;
}

/** By blind index, ignoring jurisdiction: used only to refuse duplicates. */
export async function findPersonByIdIndex(db: Executor, idNumberIndex: string) {
  const [row] = await db.select().from(persons).where(eq(persons.idNumberIndex, idNumberIndex));
  return row;
}
