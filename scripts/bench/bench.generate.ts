// Generates the municipality with set-based SQL (INSERT … SELECT … FROM generate_series), in
// chunks of cases so progress shows. Persons are the exception: their ID numbers and phones are
// encrypted with the real crypto helpers, in JavaScript, and sent as JSON batches.
import { idCheckChar } from '@anxin/shared';
import { encryptField, type Keys } from '../../packages/server/src/lib/crypto.js';
import { recomputeObligations } from '../../packages/server/src/modules/obligations/recompute.js';
import { DEFAULT_POLICY } from '../../packages/server/src/modules/obligations/rules.js';
import { encryptIdNumber } from '../../packages/server/src/modules/persons/persons.service.js';
import type { BenchDatabase } from './bench.db.js';
import { generateObligations } from './bench.obligations.js';
import {
  caseFacts,
  chunks,
  districtPath,
  FAN_OUT,
  MUNICIPALITY_PATH,
  type Plan,
  townPath,
  uid,
  uidSql,
  villagePath,
} from './bench.plan.js';

export const BENCH_PASSWORD = 'Bench@2026-anxin';

const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN =
  '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂华建国志红玉梅文辉林鹏飞斌波宇浩凯健俊峰亮琳晶燕云海德成永春荣宁';
const OCCUPATIONS = ['务农', '个体经营', '外出务工', '无业', '退休', '建筑工人', '司机'];

/** A deterministic pseudo-random integer from an ordinal. */
function mix(n: number, salt: number): number {
  let x = (n * 2_654_435_761 + salt * 40_503) >>> 0;
  x ^= x >>> 16;
  x = Math.imul(x, 0x45d9f3b) >>> 0;
  return (x ^ (x >>> 16)) >>> 0;
}

/** A plausible name: 2 or 3 characters. */
export function personName(n: number): string {
  const surname = SURNAMES[mix(n, 1) % SURNAMES.length] as string;
  const first = GIVEN[mix(n, 2) % GIVEN.length] as string;
  const second = mix(n, 3) % 3 === 0 ? '' : (GIVEN[mix(n, 4) % GIVEN.length] as string);
  return surname + first + second;
}

/** A checksum-valid ID number in the fictional area 500199, unique per ordinal (< 18,000,000). */
export function personIdNumber(n: number): string {
  const birth = new Date(Date.UTC(1950, 0, 1) + (n % 18_000) * 86_400_000).toISOString().slice(0, 10);
  const first17 = `500199${birth.replaceAll('-', '')}${String(Math.floor(n / 18_000)).padStart(3, '0')}`;
  return first17 + idCheckChar(first17);
}

type Log = (message: string) => void;

async function timed<T>(log: Log, label: string, work: () => Promise<T>): Promise<T> {
  const started = performance.now();
  const result = await work();
  log(`${label} (${((performance.now() - started) / 1000).toFixed(1)} s)`);
  return result;
}

async function orgUnits(bench: BenchDatabase, plan: Plan): Promise<void> {
  const q = (text: string) => bench.query(text);
  await q(`INSERT INTO org_units (id, parent_id, name, kind, path)
           VALUES (${uidSql('municipality', '0')}, NULL, '测试市', 'municipality', ${MUNICIPALITY_PATH})`);
  await q(`INSERT INTO org_units (id, parent_id, name, kind, path)
           SELECT ${uidSql('district', 'd')}, ${uidSql('municipality', '0')}, '测试' || (d + 1) || '区', 'district',
                  ${districtPath('d')}
           FROM generate_series(0, ${plan.districts - 1}) AS d`);
  await q(`INSERT INTO org_units (id, parent_id, name, kind, path)
           SELECT ${uidSql('town', 't')}, ${uidSql('district', `t / ${FAN_OUT}`)}, '测试' || (t + 1) || '镇', 'town',
                  ${townPath('t')}
           FROM generate_series(0, ${plan.towns - 1}) AS t`);
  for (const [kind, name] of [
    ['peaceOffice', '平安办'],
    ['policeStation', '派出所'],
  ] as const) {
    await q(`INSERT INTO org_units (id, parent_id, name, kind, path)
             SELECT ${uidSql(kind, 't')}, ${uidSql('town', 't')}, '测试' || (t + 1) || '镇${name}', 'department',
                    ${townPath('t')} || ${uidSql(kind, 't')} || '/'
             FROM generate_series(0, ${plan.towns - 1}) AS t`);
  }
  await q(`INSERT INTO org_units (id, parent_id, name, kind, code, path)
           SELECT ${uidSql('village', 'v')}, ${uidSql('town', `v / ${FAN_OUT}`)},
                  '测试' || (v / ${FAN_OUT} + 1) || '镇' || (v % ${FAN_OUT} + 1) || CASE WHEN v % ${FAN_OUT} = 9 THEN '社区' ELSE '村' END,
                  CASE WHEN v % ${FAN_OUT} = 9 THEN 'community' ELSE 'village' END,
                  '5001' || lpad(v::text, 8, '0'), ${villagePath('v')}
           FROM generate_series(0, ${plan.villages - 1}) AS v`);
}

/** The two measured accounts, a peace-office user per town and a cadre per village. */
async function users(bench: BenchDatabase, plan: Plan, passwordHash: string): Promise<void> {
  const insert = (select: string) =>
    bench.query(`INSERT INTO users (id, username, display_name, password_hash, org_unit_id, roles) ${select}`, [
      passwordHash,
    ]);
  await insert(`VALUES (${uidSql('cityUser', '0')}, 'bench_city', '市平安办（基准）', $1, ${uidSql('municipality', '0')}, ARRAY['peace_office']),
                       (${uidSql('cityUser', '1')}, 'bench_town', '测试1镇平安办（基准）', $1, ${uidSql('peaceOffice', '0')}, ARRAY['peace_office'])`);
  await insert(`SELECT ${uidSql('peaceOfficeUser', 't')}, 'pingan' || t, '平安办' || t, $1, ${uidSql('peaceOffice', 't')},
                       ARRAY['peace_office'] FROM generate_series(0, ${plan.towns - 1}) AS t`);
  await insert(`SELECT ${uidSql('cadreUser', 'v')}, 'cun' || v, '村干部' || v, $1, ${uidSql('village', 'v')},
                       ARRAY['village_cadre'] FROM generate_series(0, ${plan.villages - 1}) AS v`);
}

/** Persons in JSON batches: every ID number and phone encrypted for its own row, as the app does. */
async function persons(bench: BenchDatabase, plan: Plan, keys: Keys, log: Log): Promise<void> {
  const batch = 5_000;
  for (const [lo, hi] of chunks(plan.cases, batch)) {
    const rows = [];
    for (let n = lo; n < hi; n++) {
      const id = uid('person', n);
      const village = n % plan.villages;
      const residence = plan.towns > 1 && mix(n, 5) % 100 < 5 ? (village + FAN_OUT) % plan.villages : null;
      const idNumber = personIdNumber(n);
      const sealed = encryptIdNumber(keys, id, idNumber);
      rows.push({
        id,
        n,
        name: personName(n),
        gender: Number(idNumber[16]) % 2 === 1 ? 'male' : 'female',
        enc: sealed.idNumberEnc,
        idx: sealed.idNumberIndex,
        masked: sealed.idNumberMasked,
        birth: `${idNumber.slice(6, 10)}-${idNumber.slice(10, 12)}-${idNumber.slice(12, 14)}`,
        phone: encryptField(keys, `139${String(n).padStart(8, '0')}`, `persons.phone:${id}`),
        hh: uid('village', village),
        addr: `${(mix(n, 6) % 12) + 1}组${(mix(n, 7) % 80) + 1}号`,
        res: residence === null ? null : uid('village', residence),
        occ: OCCUPATIONS[mix(n, 8) % OCCUPATIONS.length],
        by: uid('cadreUser', village),
      });
    }
    await bench.query(
      `INSERT INTO persons (id, name, gender, id_number_enc, id_number_index, id_number_masked, birth_date, phone_enc,
                            household_org_unit_id, household_path, household_address, residence_org_unit_id,
                            residence_path, residence_address, occupation, created_by, created_at, updated_at)
       SELECT x.id, x.name, x.gender, x.enc, x.idx, x.masked, x.birth, x.phone, x.hh, h.path, h.name || x.addr,
              x.res, r.path, CASE WHEN x.res IS NULL THEN NULL ELSE r.name || x.addr END, x.occ, x.by,
              now() - make_interval(mins => ${plan.cases} - x.n), now() - make_interval(mins => ${plan.cases} - x.n)
       FROM json_to_recordset($1::json) AS x(id uuid, n int, name text, gender text, enc text, idx text, masked text,
              birth date, phone text, hh uuid, addr text, res uuid, occ text, by uuid)
       JOIN org_units h ON h.id = x.hh LEFT JOIN org_units r ON r.id = x.res`,
      [JSON.stringify(rows)],
    );
    if (hi % 20_000 === 0 || hi === plan.cases)
      log(`  persons ${hi.toLocaleString('en')}/${plan.cases.toLocaleString('en')}`);
  }
}

async function cases(bench: BenchDatabase, plan: Plan, lo: number, hi: number): Promise<void> {
  await bench.query(`
    INSERT INTO cases (id, person_id, source, categories, indicators, proposed_level, level, status, basis,
                       resolution_plan, listing_opinion, responsible_org_unit_ids, proposer_id, proposed_on, listed_on,
                       next_review_on, responsible_town_id, responsible_path, assisting_path)
    SELECT ${uidSql('case', 'f.i')}, p.id, 'screening', ARRAY['C' || (1 + f.r10 % 8)], ARRAY['I' || (1 + f.r9 % 6)],
           f.lvl, f.lvl, 'listed', '排查发现，经联席研判符合列管条件', '落实一人一专班，定期随访帮扶', '同意列管',
           ARRAY[${uidSql('peaceOffice', 'f.t')}, ${uidSql('policeStation', 'f.t')}, ${uidSql('village', 'f.v')}],
           ${uidSql('peaceOfficeUser', 'f.t')}, f.listed_on - 7, f.listed_on,
           '${plan.today}'::date + (f.r10 % 60) - 4, ${uidSql('town', 'f.t')}, p.household_path,
           CASE WHEN p.residence_path IS NOT NULL THEN p.residence_path END
    FROM ${caseFacts(plan, lo, hi)} f JOIN persons p ON p.id = ${uidSql('person', 'f.i')}`);
  await bench.query(`
    INSERT INTO case_level_history (case_id, from_level, to_level, effective_on, kind, reason)
    SELECT ${uidSql('case', 'f.i')}, NULL, f.lvl, f.listed_on, 'list', '联席研判会议决定列管'
    FROM ${caseFacts(plan, lo, hi)} f`);
}

export const EXTRA_VISIT_MEASURES = '补充历史随访（基准测试加倍）';

/**
 * The visits of cases [lo, hi): `visitsPerCase` each, the case's visit spacing apart, the latest
 * its gap ago; `offset` (days, SQL over the facts `f`) shifts them all older, between the others.
 */
export async function visits(
  bench: BenchDatabase,
  plan: Plan,
  lo: number,
  hi: number,
  offset = '0',
  measures = '谈心谈话，落实帮扶措施',
): Promise<void> {
  await bench.query(`
    INSERT INTO visits (case_id, visited_at, visited_on, visitor_user_ids, living_situation, activities, state_of_mind,
                        control_status, extreme_tendency, measures, recorded_by)
    SELECT ${uidSql('case', 's.i')}, (s.d::text || ' 10:00:00+08')::timestamptz, s.d,
           ARRAY[${uidSql('peaceOfficeUser', 's.t')}, ${uidSql('cadreUser', 's.v')}],
           '生活规律，家庭关系和睦', '在家务农', '情绪平稳', '在控', false, '${measures}',
           ${uidSql('cadreUser', 's.v')}
    FROM (SELECT f.i, f.t, f.v, '${plan.today}'::date - f.vgap - k * f.viv - (${offset}) AS d
          FROM ${caseFacts(plan, lo, hi)} f CROSS JOIN generate_series(0, ${plan.visitsPerCase - 1}) AS k) s`);
}

async function meetingsAndReports(bench: BenchDatabase, plan: Plan, lo: number, hi: number): Promise<void> {
  const M = plan.meetingsPerCase;
  await bench.query(`
    INSERT INTO meetings (id, kind, held_at, held_on, org_unit_id, org_unit_path, minutes, created_by)
    SELECT ${uidSql('meeting', `s.i * ${M} + s.k`)}, CASE s.lvl WHEN 1 THEN 'daily' ELSE 'joint' END,
           (s.d::text || ' 09:00:00+08')::timestamptz, s.d, ${uidSql('town', 's.t')}, ${townPath('s.t')},
           '会商稳控措施落实情况，明确下一步工作', ${uidSql('peaceOfficeUser', 's.t')}
    FROM (SELECT f.i, f.t, f.lvl, k, '${plan.today}'::date - f.mgap - k * f.miv AS d
          FROM ${caseFacts(plan, lo, hi)} f CROSS JOIN generate_series(0, ${M - 1}) AS k) s`);
  await bench.query(`
    INSERT INTO meeting_cases (meeting_id, case_id)
    SELECT ${uidSql('meeting', `i * ${M} + k`)}, ${uidSql('case', 'i')}
    FROM generate_series(${lo}, ${hi - 1}) AS i CROSS JOIN generate_series(0, ${M - 1}) AS k`);
  await bench.query(`
    INSERT INTO assessment_reports (case_id, period, reported_on, findings, harm_assessment, recommended_measures,
                                    recommended_level, level_at_report, author_id)
    SELECT ${uidSql('case', 's.i')}, to_char(s.d, 'YYYY-MM'), s.d, '本期情绪总体稳定，无异常行为',
           '现实危害性较低', '继续落实随访帮扶', s.lvl, s.lvl, ${uidSql('peaceOfficeUser', 's.t')}
    FROM (SELECT f.i, f.t, f.lvl, '${plan.today}'::date - f.rgap - k * f.riv AS d
          FROM ${caseFacts(plan, lo, hi)} f CROSS JOIN generate_series(0, ${plan.reportsPerCase - 1}) AS k) s`);
}

/** The generation time travels with the database (as its comment), for reports of a --reuse run. */
export async function writeGenerationSeconds(bench: BenchDatabase, seconds: number): Promise<void> {
  const note = JSON.stringify({ generationSeconds: Math.round(seconds) });
  await bench.query(
    `DO $$ BEGIN EXECUTE format('COMMENT ON DATABASE %I IS %L', current_database(), '${note}'); END $$`,
  );
}

export async function readGenerationSeconds(bench: BenchDatabase): Promise<number | null> {
  const [row] = await bench.query(
    "SELECT shobj_description(oid, 'pg_database') AS note FROM pg_database WHERE datname = current_database()",
  );
  try {
    return (JSON.parse(String(row?.note)) as { generationSeconds: number }).generationSeconds ?? null;
  } catch {
    return null;
  }
}

export async function analyze(bench: BenchDatabase): Promise<void> {
  await bench.query('VACUUM ANALYZE');
}

/** Loads the whole municipality; returns nothing, the sizes are counted afterwards. */
export async function generate(
  bench: BenchDatabase,
  plan: Plan,
  keys: Keys,
  passwordHash: string,
  log: Log,
): Promise<void> {
  await timed(log, `org units: ${plan.districts} districts, ${plan.towns} towns, ${plan.villages} villages`, () =>
    orgUnits(bench, plan),
  );
  await timed(log, 'users', () => users(bench, plan, passwordHash));
  await timed(log, `persons: ${plan.cases.toLocaleString('en')}`, () => persons(bench, plan, keys, log));
  const caseChunk = Math.max(1_000, Math.min(10_000, Math.ceil(plan.cases / 10)));
  await timed(log, 'cases and level history', async () => {
    for (const [lo, hi] of chunks(plan.cases, caseChunk)) await cases(bench, plan, lo, hi);
  });
  await timed(log, `visits: ${(plan.cases * plan.visitsPerCase).toLocaleString('en')}`, async () => {
    for (const [lo, hi] of chunks(plan.cases, caseChunk)) {
      await visits(bench, plan, lo, hi);
      log(`  visits of cases up to ${hi.toLocaleString('en')}`);
    }
  });
  await timed(log, 'meetings, meeting cases, assessment reports', async () => {
    for (const [lo, hi] of chunks(plan.cases, caseChunk)) await meetingsAndReports(bench, plan, lo, hi);
  });
  await timed(log, 'analyze', () => analyze(bench));
  await timed(log, 'obligations', () =>
    generateObligations(bench, plan, (today) =>
      recomputeObligations(bench.database.db, DEFAULT_POLICY, today, { all: true }),
    ),
  );
  await timed(log, 'vacuum analyze', () => analyze(bench));
}
