// The shape of the generated municipality, and the deterministic SQL pieces every generator
// statement shares: ids are made from ordinals, and each case's level and gaps come from a hash of
// its ordinal, so cases, visits, meetings and reports agree without joining each other.

/** Villages per town and towns per district. */
export const FAN_OUT = 10;

export interface Plan {
  scale: number;
  today: string;
  cases: number;
  villages: number;
  towns: number;
  districts: number;
  visitsPerCase: number;
  meetingsPerCase: number;
  reportsPerCase: number;
}

/** Scale 1: 100,000 listed cases in 1,000 villages, 5,000,000 visits, 1,000,000 meetings and reports. */
export function planFor(scale: number, today: string, visitsPerCase = 50): Plan {
  const cases = Math.max(100, Math.round(100_000 * scale));
  const villages = Math.max(FAN_OUT, Math.round(1_000 * scale));
  const towns = Math.ceil(villages / FAN_OUT);
  return {
    scale,
    today,
    cases,
    villages,
    towns,
    districts: Math.ceil(towns / FAN_OUT),
    visitsPerCase,
    meetingsPerCase: 10,
    reportsPerCase: 10,
  };
}

/** Id kinds: a two-hex-digit prefix of a fixed-pattern v4 UUID whose last 12 digits are the ordinal. */
export const ID = {
  municipality: 'a1',
  district: 'a2',
  town: 'a3',
  village: 'a4',
  peaceOffice: 'a5',
  policeStation: 'a6',
  cityUser: 'b1',
  peaceOfficeUser: 'b2',
  cadreUser: 'b3',
  person: 'c1',
  case: 'c2',
  meeting: 'c5',
} as const;
export type IdKind = keyof typeof ID;

/** The id of the `n`th object of a kind, in JavaScript. */
export function uid(kind: IdKind, n: number): string {
  return `${ID[kind]}000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
}

/** The same id as SQL text, for an SQL expression giving the ordinal. */
export function uidText(kind: IdKind, ordinal: string): string {
  return `('${ID[kind]}000000-0000-4000-8000-' || lpad((${ordinal})::text, 12, '0'))`;
}

export function uidSql(kind: IdKind, ordinal: string): string {
  return `${uidText(kind, ordinal)}::uuid`;
}

/** The ordinal of an id made by `uid`. */
export function ordinalOf(idColumn: string): string {
  return `right(${idColumn}::text, 12)::bigint`;
}

export const MUNICIPALITY_PATH = `'/' || ${uidText('municipality', '0')} || '/'`;

export function districtPath(d: string): string {
  return `${MUNICIPALITY_PATH} || ${uidText('district', d)} || '/'`;
}

export function townPath(t: string): string {
  return `${districtPath(`(${t}) / ${FAN_OUT}`)} || ${uidText('town', t)} || '/'`;
}

export function villagePath(v: string): string {
  return `${townPath(`(${v}) / ${FAN_OUT}`)} || ${uidText('village', v)} || '/'`;
}

/** A pseudo-random number in [0, 1000) from an ordinal and a salt. */
export function hash1000(ordinal: string, salt: number): string {
  return `(((hashint8((${ordinal})::bigint * 64 + ${salt})::bigint % 1000 + 1000) % 1000)::int)`;
}

/**
 * One row per case ordinal in [lo, hi): village, town, level, and the days since the last visit,
 * meeting and report (about 10 % of visits, 8 % of meetings and of reports are overdue), the
 * spacing of the history before that, and the listing date that precedes all of it.
 */
export function caseFacts(plan: Plan, lo: number, hi: number): string {
  const r = (salt: number) => hash1000('i', salt);
  const P = plan.visitsPerCase;
  const M = plan.meetingsPerCase;
  const R = plan.reportsPerCase;
  return `(
    SELECT s3.*, ('${plan.today}'::date - GREATEST(vgap + ${P} * viv, mgap + ${M} * miv, rgap + ${R} * riv)
                  - 10 - r9 % 60) AS listed_on
    FROM (
      SELECT s2.*,
        CASE WHEN lvl > 1 AND r2 < 100 THEN viv + 1 + r3 % 30 ELSE r3 % (viv + 1) END AS vgap,
        CASE WHEN r5 < 80 THEN miv + 1 + r6 % 20 ELSE r6 % (miv + 1) END AS mgap,
        CASE WHEN r7 < 80 THEN riv + 3 + r8 % 20 ELSE r8 % (riv - 2) END AS rgap
      FROM (
        SELECT s1.*,
          CASE lvl WHEN 1 THEN 3 WHEN 2 THEN 7 ELSE 14 END AS viv,
          CASE lvl WHEN 1 THEN 1 WHEN 2 THEN 15 ELSE 30 END AS miv,
          CASE lvl WHEN 3 THEN 61 ELSE 30 END AS riv
        FROM (
          SELECT i, i % ${plan.villages} AS v, (i % ${plan.villages}) / ${FAN_OUT} AS t,
            CASE WHEN ${r(1)} < 30 THEN 1 WHEN ${r(1)} < 350 THEN 2 ELSE 3 END AS lvl,
            ${r(2)} AS r2, ${r(3)} AS r3, ${r(5)} AS r5, ${r(6)} AS r6, ${r(7)} AS r7, ${r(8)} AS r8,
            ${r(9)} AS r9, ${r(10)} AS r10
          FROM generate_series(${lo}, ${hi - 1}) AS i
        ) s1
      ) s2
    ) s3
  )`;
}

/** [lo, hi) ranges of `size` over [0, total). */
export function chunks(total: number, size: number): [number, number][] {
  const result: [number, number][] = [];
  for (let lo = 0; lo < total; lo += size) result.push([lo, Math.min(total, lo + size)]);
  return result;
}
