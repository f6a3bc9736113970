// Background jobs of one app process: the daily job at 08:00 Beijing (and on start when today's
// run is still owed) and the webhook worker's poll. Both are safe with several processes.

import type { Db } from '../../db/client.js';
import { beijingDate, type Clock } from '../../lib/clock.js';
import type { Keys } from '../../lib/crypto.js';
import { errorForLog } from '../../lib/logger.js';
import {
  ensureScreeningObligations,
  listedCasesWithoutObligations,
  refreshObligations,
} from '../obligations/recompute.js';
import { monthOf } from '../obligations/rules.js';
import { createDailyJob, type DailyJobResult, readDailyJobState } from './daily-job.js';
import { beijingHourOn, nextDailyRunAt } from './schedule.js';
import { createWebhookWorker, type JobLogger, type WebhookWorkerOptions } from './webhook-outbox.js';

export interface ReminderOptions {
  /** How often the webhook worker looks for due deliveries. */
  pollMs?: number;
  webhook?: WebhookWorkerOptions;
}

/** What the start-up check did: ran (or found the run done or under way), or it is before 08:00. */
export type OwedRunResult = DailyJobResult | { status: 'not_due'; date: string };

/** setTimeout's ceiling (about 24.8 days); the daily timer is always shorter. */
const MAX_TIMER_MS = 2_147_483_647;
/** After a failed run, the next try. */
const RETRY_MS = 15 * 60_000;

export function createReminderService(
  deps: { db: Db; keys: Keys; clock: Clock; log: JobLogger },
  options: ReminderOptions = {},
) {
  const { db, clock, log } = deps;
  const job = createDailyJob(deps);
  const worker = createWebhookWorker(deps, options.webhook);
  const pollMs = options.pollMs ?? 5_000;

  let dailyTimer: NodeJS.Timeout | null = null;
  let pollTimer: NodeJS.Timeout | null = null;
  let started = false;
  const under = new Set<Promise<unknown>>();

  /** Keeps a run in view so that stop() can wait for it. */
  function track<T>(promise: Promise<T>): Promise<T> {
    under.add(promise);
    void promise.catch(() => {}).finally(() => under.delete(promise));
    return promise;
  }

  /** Runs the job and logs the outcome; never throws: null when it failed (retried later). */
  async function runLogged(): Promise<DailyJobResult | null> {
    try {
      const result = await job.runDailyJob();
      if (result.status === 'ran') {
        log.info(result, 'daily job ran');
        // Its reminders' webhooks go out now rather than at the next poll.
        if (started) void worker.deliverDue();
      }
      return result;
    } catch (error) {
      log.error({ error: errorForLog(error) }, 'daily job failed');
      return null;
    }
  }

  /** Runs the job if today's 08:00 has passed and the stored last run is older than today. */
  async function runIfOwed(): Promise<OwedRunResult | null> {
    const now = clock.now();
    const today = beijingDate(now);
    try {
      // Cases listed before obligations were stored (an upgrade) get their rows at once.
      if (await listedCasesWithoutObligations(db)) {
        await db.transaction((tx) => refreshObligations(tx, today, { all: true }));
      }
      if (now.getTime() < beijingHourOn(today).getTime()) {
        // Before 08:00 the month's returns are still listed as due (idempotent; cheap).
        await db.transaction((tx) => ensureScreeningObligations(tx, monthOf(today)));
        return { status: 'not_due', date: today };
      }
      const state = await readDailyJobState(db);
      if (state && state.lastRunDate >= today) return { status: 'already_ran', date: today };
    } catch (error) {
      log.error({ error: errorForLog(error) }, 'daily job check failed');
      return null;
    }
    return runLogged();
  }

  /** Sleeps until the next 08:00 Beijing; after a failed run, tries again within a quarter of an hour. */
  function scheduleDaily(afterFailure: boolean) {
    if (!started) return;
    const untilNext = nextDailyRunAt(clock.now()).getTime() - clock.now().getTime();
    const delay = Math.min(MAX_TIMER_MS, Math.max(0, afterFailure ? Math.min(RETRY_MS, untilNext) : untilNext));
    dailyTimer = setTimeout(() => {
      void track(afterFailure ? runIfOwed() : runLogged()).then((result) => scheduleDaily(result === null));
    }, delay);
    dailyTimer.unref();
  }

  function schedulePoll() {
    if (!started) return;
    pollTimer = setTimeout(() => {
      void worker.deliverDue().finally(schedulePoll);
    }, pollMs);
    pollTimer.unref();
  }

  return {
    /** The daily job for `today` (default: the Beijing date now); runs at most once per date. */
    runDailyJob: (today?: string) => track(job.runDailyJob(today)),

    /** The start-up check (see runIfOwed above); never throws, null when the run failed. */
    runIfOwed: () => track(runIfOwed()),

    /** One pass of the webhook worker (tests call it directly); never throws. */
    deliverDue: () => worker.deliverDue(),

    /** Starts the timers: on app ready, in app processes only (not in tests unless asked). */
    start() {
      if (started) return;
      started = true;
      void track(runIfOwed()).then((result) => scheduleDaily(result === null));
      schedulePoll();
    },

    /** Stops the timers and waits for work under way, so the database can close after. */
    async stop() {
      started = false;
      if (dailyTimer) clearTimeout(dailyTimer);
      if (pollTimer) clearTimeout(pollTimer);
      dailyTimer = null;
      pollTimer = null;
      await Promise.allSettled([...under]);
      await worker.idle();
    },
  };
}

export type ReminderService = ReturnType<typeof createReminderService>;
