// What is measured: each endpoint over HTTP, and as its floor the query function the route's
// service calls, with the same actor and filters.
import type { Db } from '../../packages/server/src/db/client.js';
import { blindIndex, type Keys } from '../../packages/server/src/lib/crypto.js';
import type { Actor } from '../../packages/server/src/modules/access/actor.js';
import { listObligations } from '../../packages/server/src/modules/obligations/obligations.queries.js';
import { listPersons } from '../../packages/server/src/modules/persons/persons.queries.js';
import { personIdNumber, personName } from './bench.generate.js';
import type { Plan } from './bench.plan.js';

export type Who = 'city' | 'town';

export interface Endpoint {
  name: string;
  who: Who;
  path: string;
  /** The query the route runs, straight on the database. */
  floor(db: Db, actor: Actor): Promise<unknown>;
  /** Obligation endpoints are re-timed after the visit history doubles. */
  obligations: boolean;
  /** Its plans are printed in the report (all are explained, for the observations). */
  showPlan: boolean;
}

export function endpoints(plan: Plan, keys: Keys): Endpoint[] {
  const overdue = (db: Db, actor: Actor) =>
    listObligations(db, actor, { scope: 'all', status: 'overdue', today: plan.today, page: 1, pageSize: 20 });
  const page = { page: 1, pageSize: 20 };
  const sought = Math.floor(plan.cases / 2) + 7;
  const name = personName(sought);
  const idNumber = personIdNumber(sought);
  return [
    {
      name: 'obligations overdue, municipality',
      who: 'city',
      path: '/api/obligations?scope=all&status=overdue&page=1&pageSize=20',
      floor: overdue,
      obligations: true,
      showPlan: true,
    },
    {
      name: 'obligations overdue, one town',
      who: 'town',
      path: '/api/obligations?scope=all&status=overdue&page=1&pageSize=20',
      floor: overdue,
      obligations: true,
      showPlan: true,
    },
    {
      name: 'persons list, municipality',
      who: 'city',
      path: '/api/persons?page=1&pageSize=20',
      floor: (db, actor) => listPersons(db, actor, page),
      obligations: false,
      showPlan: true,
    },
    {
      name: 'persons list, one town',
      who: 'town',
      path: '/api/persons?page=1&pageSize=20',
      floor: (db, actor) => listPersons(db, actor, page),
      obligations: false,
      showPlan: false,
    },
    {
      name: `persons search by name (${name}), municipality`,
      who: 'city',
      path: `/api/persons?q=${encodeURIComponent(name)}&page=1&pageSize=20`,
      floor: (db, actor) => listPersons(db, actor, { ...page, nameContains: name }),
      obligations: false,
      showPlan: false,
    },
    {
      name: 'persons search by full ID number, municipality',
      who: 'city',
      path: `/api/persons?q=${idNumber}&page=1&pageSize=20`,
      floor: (db, actor) => listPersons(db, actor, { ...page, idNumberIndex: blindIndex(keys, idNumber) }),
      obligations: false,
      showPlan: false,
    },
  ];
}
