// Shared steps of the alert tests: a town with 赵志强 listed at level 3 and his full team, and the
// requests the tests make.
import { createTestContext, type TestContext } from '../../../test/context.js';
import { listed } from '../../../test/lifecycle.js';
import { addShifan, formTeam, person, rowCount } from '../../../test/work.js';
import { alertEvents, alerts, notifications } from '../../db/schema.js';

/** A test context of 演示镇 and 示范镇; 赵志强 (演示一村) is listed at level 3, with the full team. */
export async function alertsContext(): Promise<{ t: TestContext; zhao: string }> {
  const t = await createTestContext({ prepare: addShifan });
  // 赵志强 (演示一村), level 3, with the full team; 孙德明 (演示一村, lives in 演示社区) has no case.
  const zhao = await listed(t, '赵志强', 3);
  await formTeam(t, zhao);
  return { t, zhao };
}

/** The requests and counts of the alert tests, on the context `current` answers. */
export function alertsKit(current: () => { t: TestContext; zhao: string }) {
  /** Everything a refused request must leave alone. */
  const written = async () => {
    const { t } = current();
    return [await rowCount(t, alerts), await rowCount(t, alertEvents), await rowCount(t, notifications)];
  };

  const report = async (body: Record<string, unknown>, as = 'cun1') =>
    (await current().t.as(as)).post('/api/alerts', {
      personId: person('赵志强'),
      description: '在村委会门口与人争吵，扬言要报复',
      occurredAt: '2026-11-29T09:40:00+08:00',
      ...body,
    });

  const noticesOf = async (username: string, kind: string, caseId: string | null = current().zhao) =>
    (await (await current().t.as(username)).get('/api/notifications?pageSize=100'))
      .json()
      .items.filter((n: { kind: string; caseId: string | null }) => n.kind === kind && n.caseId === caseId);

  const patch = async (id: string, body: Record<string, unknown>, as = 'paichusuo') =>
    (await current().t.as(as)).patch(`/api/alerts/${id}`, body);

  return { written, report, noticesOf, patch };
}
