// Shared steps of the screening integration tests: counts, entries, the clock, filing and submitting.
import { count } from 'drizzle-orm';
import { expect } from 'vitest';
import { TEST_START, type TestContext } from '../../../test/context.js';
import { auditEvents, screeningEntries, screeningReports } from '../../db/schema.js';
import { DEMO_PERSON_IDS } from '../../seed/demo-town.js';

export const person = (name: string) => DEMO_PERSON_IDS[name] as string;

export const entry = (name: string, overrides: Record<string, unknown> = {}) => ({
  personId: person(name),
  categories: ['C7'],
  description: '与邻居因宅基地纠纷多次争吵，矛盾尖锐',
  ...overrides,
});

/**
 * Sign everyone in at the start time first: a session first opened while the clock is set back
 * would look idle once the clock returns.
 */
export async function signInEveryone(t: TestContext) {
  for (const username of ['cun1', 'cun2', 'pingan', 'paichusuo', 'quji', 'lingdao', 'ducha', 'admin']) {
    await t.as(username);
  }
}

/** The helpers over the file's test context (given lazily: it exists only once beforeAll ran). */
export function screeningKit(context: () => TestContext) {
  const countOf = async (table: typeof screeningReports | typeof screeningEntries | typeof auditEvents) =>
    (await context().db.select({ value: count() }).from(table))[0]?.value ?? 0;
  return {
    countOf,
    counts: async () => [await countOf(screeningReports), await countOf(screeningEntries), await countOf(auditEvents)],

    /** Runs `work` with the test clock at `instant` (UTC), then puts it back. */
    async at<T>(instant: string, work: () => Promise<T>): Promise<T> {
      context().clock.set(new Date(instant));
      try {
        return await work();
      } finally {
        context().clock.set(TEST_START);
      }
    },

    async fileReturn(username: string, body: Record<string, unknown>) {
      const response = await (await context().as(username)).post('/api/screening-reports', body);
      expect(response.statusCode, response.body).toBe(201);
      return response.json();
    },

    async submitReturn(username: string, id: string) {
      const response = await (await context().as(username)).post(`/api/screening-reports/${id}/submit`);
      expect(response.statusCode, response.body).toBe(200);
      return response.json();
    },
  };
}
