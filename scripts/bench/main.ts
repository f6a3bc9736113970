// npm run bench [-- --scale 0.01] — generates a municipality, measures the list endpoints over HTTP
// against their SQL floor, and writes docs/PERFORMANCE.md. See docs/PERFORMANCE.md for the options.
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../packages/server/src/app.js';
import { beijingDate } from '../../packages/server/src/lib/clock.js';
import { deriveKeys } from '../../packages/server/src/lib/crypto.js';
import type { Actor } from '../../packages/server/src/modules/access/actor.js';
import { hashPassword } from '../../packages/server/src/modules/auth/passwords.js';
import { type BenchDatabase, openPgliteBench, openPostgresBench } from './bench.db.js';
import { type Endpoint, endpoints, type Who } from './bench.endpoints.js';
import { doubleVisits, explainAll } from './bench.extra.js';
import { BENCH_PASSWORD, generate, readGenerationSeconds, writeGenerationSeconds } from './bench.generate.js';
import {
  importSectionOf,
  renderImportSection,
  runImportBench,
  withImportSection,
  writeImportSection,
} from './bench.imports.js';
import { compare, LoadClient, ms } from './bench.measure.js';
import { planFor } from './bench.plan.js';
import { countSizes, machine, type Result, renderReport } from './bench.report.js';

const { values: args } = parseArgs({
  options: {
    scale: { type: 'string', default: '1' },
    connections: { type: 'string', default: '8' },
    duration: { type: 'string', default: '10' },
    'latency-duration': { type: 'string', default: '6' },
    'visits-per-case': { type: 'string', default: '50' },
    'skip-double': { type: 'boolean', default: false },
    reuse: { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
    output: { type: 'string', default: 'docs/PERFORMANCE.md' },
    'no-write': { type: 'boolean', default: false },
    /** Only the Excel import benchmark (bench.imports.ts): its own small database, a few minutes. */
    imports: { type: 'boolean', default: false },
    'imports-rows': { type: 'string', default: '10000' },
    'imports-runs': { type: 'string', default: '3' },
  },
});

const number = (name: keyof typeof args) => {
  const value = Number(args[name]);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} must be a positive number`);
  return value;
};

const log = (message: string) => process.stdout.write(`${message}\n`);

async function signIn(baseUrl: string, username: string): Promise<{ cookie: string; token: string }> {
  const response = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: BENCH_PASSWORD }),
  });
  if (response.status !== 200) throw new Error(`login ${username}: ${response.status} ${await response.text()}`);
  const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  return { cookie, token: cookie.slice(cookie.indexOf('=') + 1) };
}

async function measure(
  app: FastifyInstance,
  bench: BenchDatabase,
  list: Endpoint[],
  sessions: Record<Who, { cookie: string; actor: Actor }>,
  baseUrl: string,
): Promise<Result[]> {
  const connections = number('connections');
  const results: Result[] = [];
  for (const endpoint of list) {
    const session = sessions[endpoint.who];
    const probe = await fetch(baseUrl + endpoint.path, { headers: { cookie: session.cookie } });
    const body = (await probe.json()) as { total?: number; items?: unknown[] };
    if (probe.status !== 200) throw new Error(`${endpoint.path}: ${probe.status} ${JSON.stringify(body)}`);
    const client = new LoadClient(baseUrl + endpoint.path, session.cookie);
    const { single, sql, inProcess } = await compare(
      client,
      () => endpoint.floor(bench.database.db, session.actor),
      () => app.inject({ method: 'GET', url: endpoint.path, headers: { cookie: session.cookie } }),
      number('latency-duration'),
    );
    const loaded = await client.load(connections, number('duration'));
    await client.close();
    const result: Result = {
      endpoint,
      total: body.total ?? null,
      returned: body.items?.length ?? 0,
      single,
      loaded,
      sql,
      inProcess,
      connections,
    };
    results.push(result);
    log(
      `${endpoint.name.padEnd(48)} total ${String(result.total ?? '—').padStart(7)}  API p50 ${ms(single.p50)} ms p99 ${ms(single.p99)} ms` +
        `  SQL p50 ${ms(sql.p50)} ms p99 ${ms(sql.p99)} ms  ratio ${(single.p50 / sql.p50).toFixed(2)}` +
        `  inject p50 ${ms(inProcess.p50)} ms` +
        `  | c=${connections}: p50 ${ms(loaded.p50)} ms p99 ${ms(loaded.p99)} ms ${loaded.requestsPerSecond.toFixed(0)} req/s` +
        (single.failures + loaded.failures > 0 ? `  (${single.failures + loaded.failures} non-200)` : ''),
    );
  }
  return results;
}

/** `--imports`: the import against COPY, written into its own section of the report. */
async function importsOnly() {
  const keys = deriveKeys(createHash('sm3').update('anxin-bench-fictional-data').digest());
  const result = await runImportBench(
    {
      rows: number('imports-rows'),
      runs: number('imports-runs'),
      keys,
      serverUrl: process.env.TEST_DATABASE_URL,
      command: process.argv.slice(2).join(' '),
    },
    log,
  );
  const section = renderImportSection(result);
  if (args['no-write']) log(`\n${section}`);
  else {
    writeImportSection(args.output, section);
    log(`\nwrote the import section of ${args.output}`);
  }
}

async function main() {
  if (args.imports) return importsOnly();
  const today = beijingDate(new Date());
  let plan = planFor(number('scale'), today, number('visits-per-case'));
  const serverUrl = process.env.TEST_DATABASE_URL;
  const bench = serverUrl ? await openPostgresBench(serverUrl, args.reuse) : await openPgliteBench();
  // A fixed key: the data is fictional, and --reuse needs the same blind index as the run that loaded it.
  const keys = deriveKeys(createHash('sm3').update('anxin-bench-fictional-data').digest());
  let app: FastifyInstance | undefined;
  try {
    const started = performance.now();
    if (bench.reused) log('reusing the loaded database');
    else await generate(bench, plan, keys, await hashPassword(BENCH_PASSWORD), log);
    const generationSeconds = bench.reused ? await readGenerationSeconds(bench) : (performance.now() - started) / 1000;
    if (!bench.reused) await writeGenerationSeconds(bench, generationSeconds ?? 0);
    const sizes = await countSizes(bench, today);
    plan = {
      ...plan,
      cases: sizes.cases ?? plan.cases,
      villages: sizes.villages ?? plan.villages,
      towns: sizes.towns ?? plan.towns,
    };
    log(`dataset: ${JSON.stringify(sizes)}`);

    app = await buildApp({ database: bench.database, keys, logger: false });
    const address = await app.listen({ port: 0, host: '127.0.0.1' });
    const city = await signIn(address, 'bench_city');
    const town = await signIn(address, 'bench_town');
    const actorOf = async (token: string) => {
      const actor = await app?.services.auth.authenticate(token);
      if (!actor) throw new Error('session did not authenticate');
      return actor;
    };
    const sessions = {
      city: { cookie: city.cookie, actor: await actorOf(city.token) },
      town: { cookie: town.cookie, actor: await actorOf(town.token) },
    };
    const list: Endpoint[] = [
      ...endpoints(plan, keys),
      {
        name: 'session only (GET /api/me)',
        who: 'city',
        path: '/api/me',
        floor: () => actorOf(city.token),
        obligations: false,
        showPlan: false,
      },
    ];
    const loadBefore = loadavg();
    log(`\nmeasuring (API at 1 connection for the ratio, then ${number('connections')} connections for throughput)`);
    const results = await measure(app, bench, list, sessions, address);

    const explains = await explainAll(bench, list, sessions);
    const doubling = args['skip-double']
      ? null
      : await doubleVisits(bench, plan, list, sessions, number('latency-duration'), args.keep, log);

    const report = renderReport({
      date: new Date(),
      machine: machine(bench.description, loadBefore),
      plan,
      sizes,
      generationSeconds,
      reused: bench.reused,
      results,
      explains,
      doubling,
      command: process.argv.slice(2).join(' '),
      database: serverUrl ? 'postgres' : 'pglite',
    });
    if (!args['no-write']) {
      // The import section is written by `--imports`; a full run keeps it.
      const imports = importSectionOf(args.output);
      writeFileSync(args.output, imports ? withImportSection(report, imports) : report);
      log(`\nwrote ${args.output}`);
    }
  } finally {
    await app?.close();
    await bench.dispose(args.keep);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
