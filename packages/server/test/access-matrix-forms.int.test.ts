// The access matrix of 文书: a case's form list and its printed forms (Word and PDF), for every role,
// inside and outside its jurisdiction. Printing needs documents.read (everyone who reads persons,
// not the administrator) and the same case access as the screen: 404 outside.
import type { Role } from '@anxin/shared';
import { afterAll, beforeAll } from 'vitest';
import { describeMatrix, type Endpoint, listEveryPerson, PERSON_READERS, USER_OF_ROLE } from './access-matrix-kit.js';
import { TARGETS } from './access-targets.js';
import { createTestContext, type TestContext } from './context.js';

let t: TestContext;
let CASE_OF_PERSON: Map<string, string>;

beforeAll(async () => {
  t = await createTestContext();
  CASE_OF_PERSON = await listEveryPerson(t);
});
afterAll(() => t?.close());

const caller = (role: Role) => t.as(USER_OF_ROLE[role]);

/** A read of one case's forms: 200 inside the jurisdiction, 404 outside, 403 for the administrator. */
const caseForm = (path: string): Endpoint => ({
  name: `GET /api/cases/:id/forms${path}`,
  roles: PERSON_READERS,
  scoped: true,
  call: async (r, where) => {
    const person = TARGETS[r][where];
    if (!person) return null;
    return (await (await caller(r)).get(`/api/cases/${CASE_OF_PERSON.get(person)}/forms${path}`)).statusCode;
  },
});

const ENDPOINTS: Endpoint[] = [
  caseForm(''),
  caseForm('/intake.docx'),
  caseForm('/intake.pdf'),
  caseForm('/archive.docx'),
  // A listed case with no visit yet: in scope the answer is "nothing to print".
  { ...caseForm('/visit.pdf'), ok: 409 },
];

describeMatrix('access matrix: 文书 (forms)', () => t, ENDPOINTS);
