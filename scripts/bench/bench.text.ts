// The fixed prose of docs/PERFORMANCE.md: the design being measured and how to run the benchmark.

export function designSection(database: 'postgres' | 'pglite'): string[] {
  return [
    '## The design being measured',
    '',
    '- Each open obligation of a listed case (visit, joint meeting, assessment report, daily consultation and report,',
    '  responsibility letter, emergency plan, review, confirmation) and each village’s monthly screening return is one',
    '  row of `obligations`: `due_on`, `last_met_on`, `since_on`, the jurisdiction `path` (the case’s responsible',
    '  village path) and `assisting_path` (the 居住地 town’s, when it differs).',
    '- The event that meets an obligation (a visit, a meeting, a report) sets `last_met_on` in its own transaction and',
    '  the case’s rows are recomputed by one SQL statement (`recomputeObligations`); a level change, a new policy',
    '  version or a sensitive period recomputes the affected rows the same way.',
    '- "Overdue" is never stored: it is `due_on < today` (the Beijing date), read by an index range on',
    '  `obligations_due_idx (due_on, path text_pattern_ops)`; jurisdiction is a prefix `LIKE` on `path` (also',
    '  indexed as `obligations_path_idx (path, due_on)`) or on `assisting_path`. Reading the overdue list therefore',
    '  never aggregates visit, meeting or report history; its cost is the overdue rows in scope (counted for the',
    '  `total`) plus one page of 20 joined to persons and villages by primary key.',
    `- The generator builds the history the same way the app would leave it: \`recomputeObligations\` over all cases,`,
    '  `last_met_on` set from the latest visit, meeting and report of each case (one `UPDATE … FROM (SELECT case_id,',
    '  max(…) … GROUP BY case_id)` per kind), then recomputed again; about 10 % of level-2/3 visits, 8 % of meetings',
    '  and reports, 2 % of responsibility letters and ~7 % of reviews are overdue, and the current month’s',
    '  screening returns are open.',
    database === 'pglite'
      ? '- This run used PGlite (one connection, in the same thread as the app), so the concurrent numbers measure queueing on that one connection; the municipal-scale figures come from PostgreSQL.'
      : '- PostgreSQL ran with its default configuration (shared_buffers 128 MB); the node-postgres pool holds 10 connections.',
  ];
}

export function howToRunSection(): string[] {
  return [
    '## How to run',
    '',
    '```bash',
    'npm run bench -- --scale 0.01          # PGlite in a temporary folder: 1,000 cases, 50,000 visits, about a minute',
    'TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/anxin_bench npm run bench   # scale 1 on PostgreSQL',
    '```',
    '',
    'With `TEST_DATABASE_URL` the benchmark (re)creates the database named in it when that name starts with',
    '`anxin_bench` (otherwise `anxin_bench` on the same server), and drops it at the end. Without it, PGlite runs in a',
    'temporary folder that is deleted afterwards. Options (after `--`):',
    '',
    '| option | default | meaning |',
    '|---|---|---|',
    '| `--scale` | 1 | 1 = 100,000 listed cases in 1,000 villages (10 per town, 10 towns per district), 50 visits, 10 meetings and 10 assessment reports per case |',
    '| `--visits-per-case` | 50 | visit history per case |',
    '| `--connections` | 8 | autocannon connections for the throughput run (the latency run uses 1) |',
    '| `--duration` | 10 | seconds of the throughput run per endpoint |',
    '| `--latency-duration` | 6 | one-second rounds of API (1 connection), SQL floor and inject, alternated, per endpoint |',
    '| `--skip-double` | off | skip doubling the visit history at the end |',
    '| `--keep` / `--reuse` | off | keep the database; reuse a kept PostgreSQL database instead of generating |',
    '| `--output` / `--no-write` | docs/PERFORMANCE.md | where to write this report / print only |',
    '',
    'There are no timed assertions in the test suite; this report is the record.',
  ];
}

interface Observed {
  name: string;
  apiP50: number;
  sqlP50: number;
}

interface Plans {
  name: string;
  statements: { plan: string }[];
}

const fixed = (value: number) => (value < 10 ? value.toFixed(2) : value < 100 ? value.toFixed(1) : value.toFixed(0));

/** What each statement's plan says about where the time goes: its execution time, scans of whole tables, heap pages. */
function planFacts(plans: Plans | undefined): string {
  if (!plans || plans.statements.length === 0) return '';
  const facts = plans.statements.map(({ plan }, index) => {
    const label = index === 0 ? 'page' : 'count';
    const parts = [`${label} ${fixed(Number(/Execution Time: ([\d.]+)/.exec(plan)?.[1] ?? 0))} ms`];
    const scanned = new Set([...plan.matchAll(/Seq Scan on (\w+)/g)].map((match) => match[1]));
    scanned.delete('org_units');
    if (scanned.size > 0) parts.push(`sequential scan of ${[...scanned].join(', ')}`);
    const heapPages = Math.max(0, ...[...plan.matchAll(/Heap Blocks: exact=(\d+)/g)].map((match) => Number(match[1])));
    if (heapPages >= 1000) parts.push(`${heapPages.toLocaleString('en')} heap pages visited`);
    if (/Sort Method: top-N heapsort/.test(plan) && scanned.size > 0) parts.push('top-N sort of every row in scope');
    const workers = /Workers Launched: (\d+)/.exec(plan)?.[1];
    if (workers) parts.push(`${workers} parallel worker(s) launched`);
    return parts.join(', ');
  });
  return ` EXPLAIN ANALYZE: ${facts.join('; ')}.`;
}

/** One line per measurement: the API's time above its floor, and what the floor's plan does. */
export function observations(results: Observed[], plans: Plans[]): string[] {
  const parallel = plans.some((plan) => plan.statements.some((statement) => /Workers Launched/.test(statement.plan)));
  const note = parallel
    ? [
        '- Parallel plans: PostgreSQL’s defaults let the planner start parallel workers for some of these ' +
          'queries, depending on the row estimates of the latest ANALYZE sample. Starting a worker costs ' +
          'milliseconds to tens of milliseconds here, more than some of the queries themselves take in one process.',
      ]
    : [];
  const lines = results.map((result) => {
    const above = result.apiP50 - result.sqlP50;
    return (
      `- ${result.name}: API p50 ${fixed(result.apiP50)} ms = SQL floor ${fixed(result.sqlP50)} ms ` +
      `${above >= 0 ? '+' : '−'} ${fixed(Math.abs(above))} ms.` +
      planFacts(plans.find((plan) => plan.name === result.name))
    );
  });
  return [...lines, ...note];
}
