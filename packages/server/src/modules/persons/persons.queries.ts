import { and, count, desc, eq, ilike, inArray, like, or, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Executor } from '../../db/client.js';
import { cases, orgUnits, persons } from '../../db/schema.js';
import type { Actor } from '../access/actor.js';
import { inJurisdiction } from '../access/scope.js';

const householdUnit = alias(orgUnits, 'household_unit');
const residenceUnit = alias(orgUnits, 'residence_unit');
/** The person's open case (at most one: a partial unique index guarantees it). */
const openCase = alias(cases, 'open_case');

/** Jurisdiction, applied to every person query: 户籍地 or 居住地 inside the actor's subtree. */
export function personScope(actor: Actor): SQL {
  return inJurisdiction(actor, persons.householdPath, persons.residencePath);
}

const columns = {
  person: persons,
  householdOrgUnitName: householdUnit.name,
  residenceOrgUnitName: residenceUnit.name,
  openCaseLevel: openCase.level,
  openCaseStatus: openCase.status,
};

function withUnits(db: Executor) {
  return db
    .select(columns)
    .from(persons)
    .innerJoin(householdUnit, eq(householdUnit.id, persons.householdOrgUnitId))
    .leftJoin(residenceUnit, eq(residenceUnit.id, persons.residenceOrgUnitId))
    .leftJoin(openCase, and(eq(openCase.personId, persons.id), inArray(openCase.status, ['proposed', 'listed'])));
}

export type PersonWithUnits = {
  person: typeof persons.$inferSelect;
  householdOrgUnitName: string;
  residenceOrgUnitName: string | null;
  openCaseLevel: number | null;
  openCaseStatus: string | null;
};

export interface PersonFilters {
  /** Blind index of a full ID number, when the search text is one. */
  idNumberIndex?: string | undefined;
  nameContains?: string | undefined;
  /** Path of a unit: persons registered or living in its subtree. */
  unitPath?: string | undefined;
  /** Open case status, `none` (no open case), or a closed status (a past case ended so). */
  caseStatus?: string | undefined;
  level?: number | undefined;
  category?: string | undefined;
  page: number;
  pageSize: number;
}

/** Escapes LIKE wildcards in user text. */
export function likeText(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

function caseCondition(filters: PersonFilters): SQL | undefined {
  const conditions: SQL[] = [];
  if (filters.caseStatus === 'none') conditions.push(sql`${openCase.id} IS NULL`);
  else if (filters.caseStatus === 'proposed' || filters.caseStatus === 'listed') {
    conditions.push(eq(openCase.status, filters.caseStatus));
  } else if (filters.caseStatus) {
    conditions.push(
      sql`EXISTS (SELECT 1 FROM ${cases} WHERE ${cases.personId} = ${persons.id} AND ${cases.status} = ${filters.caseStatus})`,
    );
  }
  if (filters.level) conditions.push(eq(openCase.level, filters.level));
  if (filters.category) conditions.push(sql`${filters.category} = ANY(${openCase.categories})`);
  return conditions.length ? and(...conditions) : undefined;
}

export async function listPersons(db: Executor, actor: Actor, filters: PersonFilters) {
  const where = and(
    personScope(actor),
    filters.idNumberIndex ? eq(persons.idNumberIndex, filters.idNumberIndex) : undefined,
    filters.nameContains ? ilike(persons.name, `%${likeText(filters.nameContains)}%`) : undefined,
    filters.unitPath
      ? or(like(persons.householdPath, `${filters.unitPath}%`), like(persons.residencePath, `${filters.unitPath}%`))
      : undefined,
    caseCondition(filters),
  );
  const items = await withUnits(db)
    .where(where)
    .orderBy(desc(persons.createdAt), persons.id)
    .limit(filters.pageSize)
    .offset((filters.page - 1) * filters.pageSize);
  const [total] = await db
    .select({ value: count() })
    .from(persons)
    .leftJoin(openCase, and(eq(openCase.personId, persons.id), inArray(openCase.status, ['proposed', 'listed'])))
    .where(where);
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
