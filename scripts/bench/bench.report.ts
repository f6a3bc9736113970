// The dataset's real sizes, the machine, and docs/PERFORMANCE.md.
import { cpus, loadavg, release, totalmem, type } from 'node:os';
import type { BenchDatabase } from './bench.db.js';
import type { Endpoint } from './bench.endpoints.js';
import type { Doubling, Explained } from './bench.extra.js';
import { type LoadResult, ms, type Percentiles } from './bench.measure.js';
import { type Plan, uid } from './bench.plan.js';
import { designSection, howToRunSection, observations } from './bench.text.js';

export interface Result {
  endpoint: Endpoint;
  /** `total` of the response: the rows the query counts (null for a response without one). */
  total: number | null;
  returned: number;
  single: LoadResult;
  loaded: LoadResult;
  sql: Percentiles;
  /** The same request through Fastify's inject: the app's pipeline without sockets or a second thread. */
  inProcess: Percentiles;
  connections: number;
}

export type Sizes = Record<string, number>;

export async function countSizes(bench: BenchDatabase, today: string): Promise<Sizes> {
  const [row] = await bench.query(
    `SELECT
       (SELECT count(*) FROM org_units WHERE kind = 'district')::int AS districts,
       (SELECT count(*) FROM org_units WHERE kind = 'town')::int AS towns,
       (SELECT count(*) FROM org_units WHERE kind IN ('village', 'community'))::int AS villages,
       (SELECT count(*) FROM users)::int AS users,
       (SELECT count(*) FROM persons)::int AS persons,
       (SELECT count(*) FROM cases WHERE status = 'listed')::int AS cases,
       (SELECT count(*) FROM cases WHERE status = 'listed' AND level = 1)::int AS "level1",
       (SELECT count(*) FROM cases WHERE status = 'listed' AND level = 2)::int AS "level2",
       (SELECT count(*) FROM cases WHERE status = 'listed' AND level = 3)::int AS "level3",
       (SELECT count(*) FROM case_level_history)::int AS "levelHistory",
       (SELECT count(*) FROM visits)::int AS visits,
       (SELECT count(*) FROM meetings)::int AS meetings,
       (SELECT count(*) FROM meeting_cases)::int AS "meetingCases",
       (SELECT count(*) FROM assessment_reports)::int AS "assessmentReports",
       (SELECT count(*) FROM obligations)::int AS obligations,
       (SELECT count(*) FROM obligations WHERE due_on IS NOT NULL)::int AS "openObligations",
       (SELECT count(*) FROM obligations WHERE due_on < $1::date)::int AS overdue,
       (SELECT count(*) FROM obligations o JOIN org_units t ON t.id = $2::uuid
         WHERE o.due_on < $1::date AND (o.path LIKE t.path || '%' OR o.assisting_path LIKE t.path || '%'))::int
         AS "overdueTown1",
       pg_database_size(current_database())::bigint AS "databaseBytes"`,
    [today, uid('town', 0)],
  );
  return Object.fromEntries(Object.entries(row ?? {}).map(([key, value]) => [key, Number(value)]));
}

export function machine(database: string, loadBefore: number[]) {
  const processors = cpus();
  return {
    load: [loadBefore, loadavg()].map((values) => values.map((value) => value.toFixed(1)).join(' ')),
    cpu: processors[0]?.model.trim() ?? 'unknown',
    cores: processors.length,
    memoryGiB: totalmem() / 1024 ** 3,
    os: `${type()} ${release()}`,
    node: process.version,
    database,
  };
}

export interface Report {
  date: Date;
  machine: ReturnType<typeof machine>;
  plan: Plan;
  sizes: Sizes;
  generationSeconds: number | null;
  reused: boolean;
  results: Result[];
  explains: Explained[];
  doubling: Doubling | null;
  command: string;
  database: 'postgres' | 'pglite';
}

const n = (value: number | null | undefined) => (value ?? 0).toLocaleString('en');
const TARGET = 1.5;

function datasetSection(r: Report): string[] {
  const s = r.sizes;
  const minutes = r.generationSeconds === null ? '' : ` in ${(r.generationSeconds / 60).toFixed(1)} min`;
  const generated = r.reused ? `generated${minutes} by an earlier run and reused (\`--reuse\`)` : `generated${minutes}`;
  return [
    `Scale ${r.plan.scale} (${r.command ? `\`npm run bench -- ${r.command}\`` : '`npm run bench`'}), ${generated}; ` +
      `database size ${((s.databaseBytes ?? 0) / 1024 ** 3).toFixed(2)} GiB. "Today" is ${r.plan.today} (Beijing).`,
    '',
    '| table | rows |',
    '|---|---:|',
    `| org units: districts / towns / villages and communities | ${n(s.districts)} / ${n(s.towns)} / ${n(s.villages)} (+ 2 departments per town) |`,
    `| users | ${n(s.users)} |`,
    `| persons (ID number and phone SM4-encrypted, blind index) | ${n(s.persons)} |`,
    `| cases, listed (level 1 / 2 / 3: ${n(s.level1)} / ${n(s.level2)} / ${n(s.level3)}) | ${n(s.cases)} |`,
    `| case level history | ${n(s.levelHistory)} |`,
    `| visits | ${n(s.visits)} |`,
    `| meetings / meeting cases | ${n(s.meetings)} / ${n(s.meetingCases)} |`,
    `| assessment reports | ${n(s.assessmentReports)} |`,
    `| obligations (rows) / still due / overdue today | ${n(s.obligations)} / ${n(s.openObligations)} / ${n(s.overdue)} |`,
    `| overdue in the measured town (测试1镇) | ${n(s.overdueTown1)} |`,
  ];
}

function resultsSection(r: Report): string[] {
  const c = r.results[0]?.connections ?? 0;
  const lines = [
    `API = \`GET\` over HTTP (autocannon in a worker thread, keep-alive, session cookie) to the app listening in the same process; ` +
      `SQL = the query function the route's service calls (\`listObligations\`, \`listPersons\`: the page query and its count), ` +
      `called in a loop on the same database; inject = the same request through Fastify's \`inject\` (the app's whole ` +
      'pipeline, session lookup included, without a socket or the load thread). These three are measured in ' +
      'alternating one-second rounds, so background load on the machine weighs on them alike. The ratio compares ' +
      'the single-connection API p50 with the SQL p50; the last three columns are the throughput run. Times in ms.',
    '',
    `| measurement | total | API p50 | API p99 | SQL p50 | SQL p99 | API/SQL p50 | inject p50 | ${c} conn. p50 | ${c} conn. p99 | req/s |`,
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const x of r.results) {
    lines.push(
      `| ${x.endpoint.name} | ${x.total === null ? '—' : n(x.total)} | ${ms(x.single.p50)} | ${ms(x.single.p99)} | ${ms(x.sql.p50)} | ${ms(x.sql.p99)} | ` +
        `**${(x.single.p50 / x.sql.p50).toFixed(2)}** | ${ms(x.inProcess.p50)} | ${ms(x.loaded.p50)} | ${ms(x.loaded.p99)} | ${x.loaded.requestsPerSecond.toFixed(0)} |`,
    );
  }
  const failures = r.results.reduce((sum, x) => sum + x.single.failures + x.loaded.failures, 0);
  lines.push(
    '',
    `Every request answered 200${failures ? ` except ${failures}` : ''}. The last row is the fixed cost of any ` +
      'signed-in request: `GET /api/me` runs only the session lookup (`authenticate`: one indexed join of sessions, ' +
      'users and org units), which every other request runs too before its own queries.',
    '',
  );
  lines.push(
    'Where the time goes (single connection; the part above the floor is the session lookup, routing, ' +
      'response validation and serialization, and HTTP):',
    '',
    ...observations(
      r.results.map((x) => ({ name: x.endpoint.name, apiP50: x.single.p50, sqlP50: x.sql.p50 })),
      r.explains,
    ),
    '',
  );
  for (const x of r.results.filter((result) => result.endpoint.obligations)) {
    const ratio = x.single.p50 / x.sql.p50;
    lines.push(
      `- Target for ${x.endpoint.name}: API p50 within ${TARGET}× the SQL floor — ` +
        `${ratio <= TARGET ? `**met** (${ratio.toFixed(2)}×)` : `**missed** (${ratio.toFixed(2)}×; ${ms(x.single.p50 - x.sql.p50)} ms above the floor)`}.`,
    );
  }
  return lines;
}

function scalingSection(r: Report): string[] {
  const lines: string[] = [];
  const [city, town] = r.results.filter((x) => x.endpoint.obligations);
  if (city && town) {
    lines.push(
      `- **With the overdue items in scope.** The municipality counts ${n(city.total)} overdue items, the town ` +
        `${n(town.total)}: SQL p50 ${ms(city.sql.p50)} ms against ${ms(town.sql.p50)} ms. The page itself is ` +
        `${city.returned} rows either way; what grows is the \`count(*)\` over the overdue index range in scope.`,
    );
  }
  if (r.doubling) {
    const d = r.doubling;
    lines.push(
      `- **Not with visit history.** After adding ${n(d.visitsAfter - d.visitsBefore)} visits ` +
        `(${n(d.visitsBefore)} → ${n(d.visitsAfter)}, loaded in ${d.seconds.toFixed(0)} s, each between a case's ` +
        `existing visits so no obligation changes), the same queries:`,
      '',
      '| measurement | SQL p50 before → after | SQL p99 before → after | pages read (EXPLAIN buffers) before → after | EXPLAIN execution before → after |',
      '|---|---:|---:|---:|---:|',
      ...d.rows.map(
        (row) =>
          `| ${row.name} | ${ms(row.before.p50)} → ${ms(row.after.p50)} | ${ms(row.before.p99)} → ${ms(row.after.p99)} | ` +
          `${n(row.workBefore.buffers)} → ${n(row.workAfter.buffers)} | ${ms(row.workBefore.executionMs)} → ${ms(row.workAfter.executionMs)} |`,
      ),
      '',
      'The pages each query reads are the machine-independent measure; the timings carry the noise of the machine.',
    );
  }
  const obligationPlans = r.explains.filter((e) => e.name.startsWith('obligations'));
  const touchesVisits = obligationPlans.some((e) => e.statements.some((s) => /\bvisits\b/.test(s.plan)));
  lines.push(
    '',
    `- The plans below ${touchesVisits ? '**do** read the visits table — investigate' : 'never touch `visits`, `meetings` or `assessment_reports`'}: ` +
      'the list reads `obligations` (through its `due_on` and `path` indexes) and joins the page’s persons and villages by primary key.',
  );
  return lines;
}

function explainSection(r: Report): string[] {
  const lines: string[] = [];
  const shown = new Set<string>();
  for (const e of r.explains.filter((explained) => explained.shown)) {
    lines.push(`### ${e.name}`, '');
    for (const [index, statement] of e.statements.entries()) {
      const text = statement.sql.replace(/\s+/g, ' ').trim();
      lines.push(
        `${index === 0 ? 'Page' : 'Count'}${shown.has(text) ? ' (same statement as above, other parameters)' : ''}:`,
        '',
      );
      if (!shown.has(text)) lines.push('```sql', text, '```', '');
      shown.add(text);
      lines.push('```', statement.plan, '```', '');
    }
  }
  return lines;
}

export function renderReport(r: Report): string {
  const m = r.machine;
  return [
    '# Performance',
    '',
    `Written by \`npm run bench\` on ${r.date.toISOString().slice(0, 16).replace('T', ' ')} UTC; rerun it rather than editing this file.`,
    '',
    '## Machine',
    '',
    `- CPU: ${m.cpu}, ${m.cores} cores; RAM ${m.memoryGiB.toFixed(1)} GiB; ${m.os}`,
    `- Node ${m.node}; database ${m.database}`,
    `- The app, the database client and the load generator share these cores (PostgreSQL runs on the same machine); ` +
      `load average (1, 5, 15 min) ${m.load[0]} before the measurements and ${m.load[1]} after: other work on the machine ` +
      'shows up as noise, mostly in the p99 columns.',
    '',
    '## Dataset',
    '',
    ...datasetSection(r),
    '',
    '## Results',
    '',
    ...resultsSection(r),
    '',
    '## How the cost scales',
    '',
    ...scalingSection(r),
    '',
    ...designSection(r.database),
    '',
    ...howToRunSection(),
    '',
    '## EXPLAIN (ANALYZE, BUFFERS)',
    '',
    'The statements the query functions sent during the run, with their plans on this dataset.',
    '',
    ...explainSection(r),
  ].join('\n');
}
