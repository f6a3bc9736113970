// Timing: the HTTP side through autocannon (in a worker thread), the SQL floor by calling the same
// query function the route calls, in a loop, on the same database.
import { Worker } from 'node:worker_threads';

/** What bench.load-worker.mjs is given and answers. */
export interface LoadRequest {
  url: string;
  cookie: string;
  connections: number;
  duration: number;
}

interface LoadReply {
  latencies: Float64Array;
  requests: number;
  seconds: number;
  failures: number;
  errors: number;
}

export interface Percentiles {
  p50: number;
  p99: number;
  samples: number;
}

export interface LoadResult extends Percentiles {
  requestsPerSecond: number;
  failures: number;
}

/** Nearest-rank percentiles, in milliseconds. */
export function percentiles(values: ArrayLike<number>): Percentiles {
  const sorted = Float64Array.from(values).sort();
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))] ?? NaN;
  return { p50: at(0.5), p99: at(0.99), samples: sorted.length };
}

/** Calls `run` one at a time for `seconds` (at least `minimum` times) after a warm-up. */
export async function timeLoop(run: () => Promise<unknown>, seconds: number, minimum = 50): Promise<Percentiles> {
  for (let i = 0; i < 10; i++) await run();
  const durations: number[] = [];
  const until = performance.now() + seconds * 1000;
  while (performance.now() < until || durations.length < minimum) {
    const started = performance.now();
    await run();
    durations.push(performance.now() - started);
  }
  return percentiles(durations);
}

function loadResult(replies: LoadReply[]): LoadResult {
  const latencies = replies.flatMap((reply) => Array.from(reply.latencies));
  const requests = replies.reduce((sum, reply) => sum + reply.requests, 0);
  const seconds = replies.reduce((sum, reply) => sum + reply.seconds, 0);
  return {
    ...percentiles(latencies),
    requestsPerSecond: requests / seconds,
    failures: replies.reduce((sum, reply) => sum + reply.failures + reply.errors, 0),
  };
}

/** An autocannon worker thread aimed at one URL with one session; each `run` is one autocannon run. */
export class LoadClient {
  private readonly worker: Worker;

  constructor(url: string, cookie: string) {
    this.worker = new Worker(new URL('./bench.load-worker.mjs', import.meta.url), { workerData: { url, cookie } });
  }

  /** For `seconds`, or for exactly `amount` requests (a timed run drops the requests still in flight at its end). */
  run(connections: number, seconds: number, amount?: number): Promise<LoadReply> {
    return new Promise((resolve, reject) => {
      const fail = (error: Error) => reject(error);
      this.worker.once('error', fail);
      this.worker.once('message', (reply: LoadReply) => {
        this.worker.off('error', fail);
        resolve(reply);
      });
      this.worker.postMessage(amount ? { connections, amount } : { connections, duration: seconds });
    });
  }

  async load(connections: number, seconds: number): Promise<LoadResult> {
    return loadResult([await this.run(connections, seconds)]);
  }

  async close(): Promise<void> {
    await this.worker.terminate();
  }
}

async function loopFor(run: () => Promise<unknown>, seconds: number, into: number[]): Promise<void> {
  const until = performance.now() + seconds * 1000;
  while (performance.now() < until) {
    const started = performance.now();
    await run();
    into.push(performance.now() - started);
  }
}

export interface Comparison {
  /** Over HTTP, one connection. */
  single: LoadResult;
  /** The query function alone. */
  sql: Percentiles;
  /** Fastify's inject: the app without sockets. */
  inProcess: Percentiles;
}

/**
 * The API at one connection, the SQL floor and the in-process request, in alternating rounds of
 * about a second each: whatever else runs on the machine then weighs on all three alike. The API
 * round is a count of requests (enough for a second at the latest mean, at least 3), so that slow
 * requests still in flight when a round ends are not left out.
 */
export async function compare(
  client: LoadClient,
  sql: () => Promise<unknown>,
  inject: () => Promise<unknown>,
  seconds: number,
): Promise<Comparison> {
  const warm = await client.run(1, 0, 5);
  for (let i = 0; i < 5; i++) await sql();
  for (let i = 0; i < 5; i++) await inject();
  const replies: LoadReply[] = [];
  const sqlTimes: number[] = [];
  const injectTimes: number[] = [];
  let mean = (warm.seconds * 1000) / Math.max(1, warm.requests);
  for (let round = 0; round < Math.max(1, Math.round(seconds)); round++) {
    const reply = await client.run(1, 0, Math.max(3, Math.round(1000 / mean)));
    mean = (reply.seconds * 1000) / Math.max(1, reply.requests);
    replies.push(reply);
    await loopFor(sql, 1, sqlTimes);
    await loopFor(inject, 1, injectTimes);
  }
  return { single: loadResult(replies), sql: percentiles(sqlTimes), inProcess: percentiles(injectTimes) };
}

export const ms = (value: number) =>
  value < 10 ? value.toFixed(2) : value < 100 ? value.toFixed(1) : value.toFixed(0);
