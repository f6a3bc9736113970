// Shared steps of the 告知 and 异议 tests: four cases listed by a meeting on 2026-11-10 (one of them
// of 示范镇), and the reads and requests the tests make.
import { and, eq } from 'drizzle-orm';
import { expect } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/context.js';
import { insertListedCase } from '../../../test/lifecycle.js';
import { addShifan, listAt, person, rowCount } from '../../../test/work.js';
import { auditEvents, cases } from '../../db/schema.js';
import { DEMO_UNITS } from '../../seed/demo-town.js';

const LISTED_AT = '2026-11-10T10:00:00+08:00';

export interface NoticeContext {
  t: TestContext;
  /** 赵志强, listed 2026-11-10 by an assessment meeting of 演示镇. */
  caseId: string;
  /** 褚立新: registered in 演示一村, lives in 示范村 (示范镇 assists). */
  assistedCaseId: string;
  /** 郑国平: registered in 演示二村, lives in 演示一村. */
  residentCaseId: string;
  /** 卫红英, of 示范镇: outside 演示镇's jurisdiction. */
  foreignCaseId: string;
}

export async function noticeContext(): Promise<NoticeContext> {
  const t = await createTestContext({ prepare: addShifan });
  return {
    t,
    caseId: await listAt(t, '赵志强', 3, LISTED_AT),
    assistedCaseId: await listAt(t, '褚立新', 3, LISTED_AT),
    residentCaseId: await listAt(t, '郑国平', 3, LISTED_AT),
    foreignCaseId: await insertListedCase(t.db, person('卫红英'), {
      responsible: `/${DEMO_UNITS.city}/${DEMO_UNITS.district}/${DEMO_UNITS.otherTown}/${DEMO_UNITS.otherVillage}/`,
      townId: DEMO_UNITS.otherTown,
    }),
  };
}

/** The reads and requests of the 告知 and 异议 tests, on the context `current` answers. */
export function noticeKit(current: () => TestContext) {
  const caseRow = async (id: string) => (await current().db.select().from(cases).where(eq(cases.id, id)))[0];
  const auditOf = (entityId: string, action: string) =>
    current()
      .db.select()
      .from(auditEvents)
      .where(and(eq(auditEvents.entityId, entityId), eq(auditEvents.action, action)));
  const auditTotal = () => rowCount(current(), auditEvents);

  async function putNotice(caseIdToUse: string, body: Record<string, unknown>, as = 'pingan') {
    const version = (await caseRow(caseIdToUse))?.version;
    return (await current().as(as)).put(`/api/cases/${caseIdToUse}/notice`, { version, ...body });
  }

  async function agenda(as = 'pingan') {
    const response = await (await current().as(as)).get(`/api/meetings/agenda?orgUnitId=${DEMO_UNITS.town}`);
    expect(response.statusCode).toBe(200);
    return response.json();
  }

  return { caseRow, auditOf, auditTotal, putNotice, agenda };
}
