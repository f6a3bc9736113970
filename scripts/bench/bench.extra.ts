// The evidence beyond timings: EXPLAIN (ANALYZE) of the statements each query function sends, and
// the obligations floor re-timed after the visit history doubles.
import type { Actor } from '../../packages/server/src/modules/access/actor.js';
import type { BenchDatabase } from './bench.db.js';
import type { Endpoint, Who } from './bench.endpoints.js';
import { EXTRA_VISIT_MEASURES, visits } from './bench.generate.js';
import { type Percentiles, timeLoop } from './bench.measure.js';
import { chunks, type Plan } from './bench.plan.js';

export interface Explained {
  name: string;
  shown: boolean;
  statements: { sql: string; plan: string }[];
}

export interface Doubling {
  visitsBefore: number;
  visitsAfter: number;
  seconds: number;
  rows: { name: string; before: Percentiles; after: Percentiles; workBefore: Work; workAfter: Work }[];
}

type Sessions = Record<Who, { actor: Actor }>;

/** Runs an endpoint's floor once on a recording handle, then EXPLAIN (ANALYZE, BUFFERS) of what it sent. */
async function explain(bench: BenchDatabase, endpoint: Endpoint, actor: Actor): Promise<Explained> {
  const recording = bench.recording();
  await endpoint.floor(recording.db, actor);
  const statements = [];
  for (const statement of recording.statements) {
    const rows = await bench.query(`EXPLAIN (ANALYZE, BUFFERS) ${statement.sql}`, statement.params);
    const plan = rows.map((row) => String(Object.values(row)[0])).join('\n');
    statements.push({ sql: statement.sql, plan });
  }
  return { name: endpoint.name, shown: endpoint.showPlan, statements };
}

export async function explainAll(bench: BenchDatabase, list: Endpoint[], sessions: Sessions): Promise<Explained[]> {
  const explained: Explained[] = [];
  for (const endpoint of list) {
    explained.push(await explain(bench, endpoint, sessions[endpoint.who].actor));
  }
  return explained;
}

/** Pages touched (shared hit + read, of each statement's top node) and execution time, summed over the statements. */
export interface Work {
  buffers: number;
  executionMs: number;
}

function workOf(explained: Explained): Work {
  let buffers = 0;
  let executionMs = 0;
  for (const { plan } of explained.statements) {
    const top = /Buffers: shared((?: \w+=\d+)+)/.exec(plan)?.[1] ?? '';
    for (const [, kind, count] of top.matchAll(/ (\w+)=(\d+)/g)) {
      if (kind === 'hit' || kind === 'read') buffers += Number(count);
    }
    executionMs += Number(/Execution Time: ([\d.]+)/.exec(plan)?.[1] ?? 0);
  }
  return { buffers, executionMs };
}

async function visitCount(bench: BenchDatabase): Promise<number> {
  const [row] = await bench.query('SELECT count(*)::bigint AS n FROM visits');
  return Number(row?.n ?? 0);
}

/**
 * Adds as many visits again, each case's between its existing ones (so no obligation changes), and
 * re-times the obligation floors: the read cost should not move. With --keep the extra visits are
 * deleted again so that the kept database is the generated one.
 */
export async function doubleVisits(
  bench: BenchDatabase,
  plan: Plan,
  list: Endpoint[],
  sessions: Sessions,
  seconds: number,
  keep: boolean,
  log: (message: string) => void,
): Promise<Doubling> {
  const measured = list.filter((endpoint) => endpoint.obligations);
  const time = (endpoint: Endpoint) =>
    timeLoop(() => endpoint.floor(bench.database.db, sessions[endpoint.who].actor), seconds);
  const work = (endpoint: Endpoint) =>
    explain(bench, endpoint, sessions[endpoint.who].actor).then((explained) => workOf(explained));
  const before = [];
  const workBefore = [];
  for (const endpoint of measured) {
    before.push(await time(endpoint));
    workBefore.push(await work(endpoint));
  }
  const visitsBefore = await visitCount(bench);
  log(`\ndoubling the visit history (${visitsBefore.toLocaleString('en')} visits)…`);
  const started = performance.now();
  const size = Math.max(1_000, Math.min(10_000, Math.ceil(plan.cases / 10)));
  for (const [lo, hi] of chunks(plan.cases, size)) {
    await visits(bench, plan, lo, hi, 'GREATEST(1, f.viv / 2)', EXTRA_VISIT_MEASURES);
  }
  // Only the visits table is re-analyzed: new statistics for obligations could change its plans, which
  // would measure the planner's sampling instead of the visit history.
  await bench.query('VACUUM ANALYZE visits');
  const loadSeconds = (performance.now() - started) / 1000;
  const visitsAfter = await visitCount(bench);
  const rows = [];
  for (const [index, endpoint] of measured.entries()) {
    const after = await time(endpoint);
    rows.push({
      name: endpoint.name,
      before: before[index] as Percentiles,
      after,
      workBefore: workBefore[index] as Work,
      workAfter: await work(endpoint),
    });
    log(
      `${endpoint.name}: SQL p50 ${before[index]?.p50.toFixed(2)} ms with ${visitsBefore.toLocaleString('en')} visits, ` +
        `${after.p50.toFixed(2)} ms with ${visitsAfter.toLocaleString('en')}`,
    );
  }
  if (keep) {
    await bench.query('DELETE FROM visits WHERE measures = $1', [EXTRA_VISIT_MEASURES]);
    await bench.query('VACUUM ANALYZE visits');
  }
  return { visitsBefore, visitsAfter, seconds: loadSeconds, rows };
}
