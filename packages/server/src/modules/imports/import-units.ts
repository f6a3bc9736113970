// Units named in a sheet: a dropdown offers the caller's units by name, and a cell is matched back
// to one unit by that name (or by its 12-digit 统计用区划代码).
import { asc, inArray } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { orgUnits } from '../../db/schema.js';
import type { Actor } from '../access/actor.js';
import { inJurisdiction } from '../access/scope.js';
import type { OrgUnitRow } from '../org/org.queries.js';
import { normaliseHeader } from './table.js';

/** Every unit in the actor's jurisdiction, by path. */
export function unitsInScope(db: Executor, actor: Actor): Promise<OrgUnitRow[]> {
  return db.select().from(orgUnits).where(inJurisdiction(actor, orgUnits.path)).orderBy(asc(orgUnits.path));
}

/** Units with these 12-digit codes, wherever they are (a 居住地 may lie outside the town). */
export async function unitsByCode(db: Executor, codes: readonly string[]): Promise<OrgUnitRow[]> {
  if (codes.length === 0) return [];
  return db
    .select()
    .from(orgUnits)
    .where(inArray(orgUnits.code, [...new Set(codes)]));
}

export interface UnitPicker {
  /** The dropdown's options: the name, or "name（code）" where two units share a name. */
  options: string[];
  find(text: string): OrgUnitRow | undefined;
}

const key = (text: string) => normaliseHeader(text);

/** Matches the text of a cell to one of `units`: by option label, by unique name, or by code. */
export function unitPicker(units: readonly OrgUnitRow[]): UnitPicker {
  const byName = new Map<string, OrgUnitRow[]>();
  for (const unit of units) byName.set(key(unit.name), [...(byName.get(key(unit.name)) ?? []), unit]);
  const labelOf = (unit: OrgUnitRow) =>
    (byName.get(key(unit.name))?.length ?? 0) > 1 ? `${unit.name}（${unit.code ?? unit.id.slice(0, 8)}）` : unit.name;
  const byLabel = new Map(units.map((unit) => [key(labelOf(unit)), unit]));
  const byCode = new Map(units.filter((unit) => unit.code).map((unit) => [unit.code as string, unit]));
  return {
    options: units.map(labelOf),
    find(text) {
      const wanted = key(text);
      return (
        byLabel.get(wanted) ??
        byCode.get(wanted) ??
        (byName.get(wanted)?.length === 1 ? byName.get(wanted)?.[0] : undefined)
      );
    },
  };
}

/** The town a unit lies in (itself for a town), among `towns`. */
export function townOf(unit: { path: string }, towns: readonly OrgUnitRow[]): OrgUnitRow | undefined {
  return towns.find((town) => unit.path.startsWith(town.path));
}
