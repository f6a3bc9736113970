// The access-matrix harness: every endpoint × every role × inside/outside the jurisdiction, with
// the expected status computed from one table per suite (written independently of the code's
// permission map, so a disagreement fails).
import { ROLES, type Role } from '@anxin/shared';
import { describe, expect, it } from 'vitest';
import { persons } from '../src/db/schema.js';
import { DEMO_ACCOUNTS, DEMO_PERSONS, DEMO_UNITS } from '../src/seed/demo-town.js';
import type { TestContext } from './context.js';
import { insertListedCase } from './lifecycle.js';

/** The first demo account of each role (cun1 for village cadres). */
export const USER_OF_ROLE = Object.fromEntries(
  [...DEMO_ACCOUNTS].reverse().map((a) => [a.roles[0], a.username]),
) as Record<Role, string>;

export const ALL: readonly Role[] = ROLES;
export const PERSON_READERS: readonly Role[] = ROLES.filter((r) => r !== 'admin');

/**
 * Lists every demo person as a case of the town they are registered in (responsible: their
 * household village, assisting: where they live), written straight to the database. Returns the
 * case of each person.
 */
export async function listEveryPerson(t: TestContext): Promise<Map<string, string>> {
  const caseOfPerson = new Map<string, string>();
  for (const person of await t.db.select().from(persons)) {
    const townId = person.householdPath.includes(DEMO_UNITS.otherTown) ? DEMO_UNITS.otherTown : DEMO_UNITS.town;
    caseOfPerson.set(
      person.id,
      await insertListedCase(t.db, person.id, {
        responsible: person.householdPath,
        assisting: person.residencePath,
        townId,
      }),
    );
  }
  return caseOfPerson;
}

export interface Endpoint {
  name: string;
  /** Roles that may call it at all; others get 403. */
  roles: readonly Role[];
  /** Whether the target lies inside or outside the caller's jurisdiction matters (404 outside). */
  scoped: boolean;
  call(role: Role, where: 'inside' | 'outside'): Promise<number | null>;
  /** Status for an allowed role inside (default 200). */
  ok?: number;
  /** Status for an allowed role outside (default 404). */
  outside?: number;
}

/** Registers the matrix tests of `endpoints`, and that each refuses a caller without a session. */
export function describeMatrix(title: string, context: () => TestContext, endpoints: readonly Endpoint[]) {
  const cases = endpoints.flatMap((endpoint) =>
    ROLES.flatMap((role) =>
      (endpoint.scoped ? (['inside', 'outside'] as const) : (['inside'] as const)).map((where) => {
        const allowed = endpoint.roles.includes(role);
        const expected = !allowed ? 403 : where === 'outside' ? (endpoint.outside ?? 404) : (endpoint.ok ?? 200);
        return { endpoint, role, where, expected };
      }),
    ),
  );

  describe(title, () => {
    it.each(cases.map((c) => [c.endpoint.name, c.role, c.where, c.expected, c] as const))(
      '%s as %s (%s) → %i',
      async (_name, role, where, expected, c) => {
        const status = await c.endpoint.call(role, where);
        if (status === null) return; // the demo has no object outside this role's jurisdiction
        expect(status).toBe(expected);
      },
    );

    it.each(endpoints.map((e) => [e.name, e] as const))('%s without a session → 401', async (_name, endpoint) => {
      const [method, path] = endpoint.name.split(' ') as [string, string];
      const url = path.replace(':id', DEMO_PERSONS[0]?.id ?? '');
      const response = await context().app.inject({
        method: method as 'GET',
        url,
        ...(method === 'GET' ? {} : { payload: {} }),
      });
      expect(response.statusCode).toBe(401);
    });
  });
}
