// The case file the 文书 tests print: a town whose cases have something of every form, a delisting
// meeting and two monthly returns, and the requests the tests make.
import { and, eq } from 'drizzle-orm';
import { createTestContext, type TestContext } from '../../../test/context.js';
import { decide, proposeIntake, recordNotice } from '../../../test/lifecycle.js';
import { addShifan, changeLevel, formTeam, listAt, meetingAt, person, recordVisit, uid } from '../../../test/work.js';
import { auditEvents } from '../../db/schema.js';
import { DEMO_UNITS } from '../../seed/demo-town.js';

export const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
export const UPLOADED = '扫描件-管控责任书签字页.pdf';

export interface FormsFixture {
  t: TestContext;
  /** 赵志强: listed at 3, team, letter, a visit, a report, moved to level 2, an uploaded file. */
  zhao: string;
  /** 钱秀兰: listed, then delisted on a proposal. */
  qian: string;
  /** 孙德明: proposed only (nothing but the intake to print). */
  sun: string;
  /** The meeting that delisted 钱秀兰. */
  meetingId: string;
  /** 演示二村's November return, submitted, with one entry. */
  reportId: string;
  /** 演示一村's November zero return (a draft). */
  zeroReportId: string;
}

async function upload(t: TestContext, caseId: string, archiveKind: string, name: string) {
  const form = new FormData();
  form.append('archiveKind', archiveKind);
  form.append('file', new Blob([new Uint8Array(Buffer.from('%PDF-1.4\n% test\n'))], { type: 'application/pdf' }), name);
  const request = new Request('http://anxin.test', { method: 'POST', body: form });
  const response = await (await t.as('pingan')).post(
    `/api/cases/${caseId}/documents`,
    Buffer.from(await request.arrayBuffer()),
    { 'content-type': request.headers.get('content-type') as string },
  );
  if (response.statusCode !== 201) throw new Error(`upload: ${response.statusCode} ${response.body}`);
}

async function ok(response: { statusCode: number; body: string }) {
  if (response.statusCode !== 201 && response.statusCode !== 200)
    throw new Error(`${response.statusCode} ${response.body}`);
  return (response as unknown as { json(): { id: string } }).json();
}

/** A test context with the cases, the meeting and the returns above (setting it up takes a while). */
export async function formsFixture(): Promise<FormsFixture> {
  const t = await createTestContext({ prepare: addShifan });
  const pingan = await t.as('pingan');
  const zhao = await listAt(t, '赵志强', 3, '2026-11-02T10:00:00+08:00');
  await formTeam(t, zhao, { leader: 'cun1' });
  await ok(
    await pingan.post(`/api/cases/${zhao}/responsibility-letter`, {
      signedOn: '2026-11-05',
      signatoryUserIds: [uid('cun1'), uid('pingan'), uid('paichusuo')],
    }),
  );
  await recordVisit(t, zhao, ['cun1', 'sifasuo'], {
    visitedAt: '2026-11-12T09:30:00+08:00',
    livingSituation: '独居，靠养殖场剩余收入生活。',
    stateOfMind: '情绪低落，谈到欠款时激动。',
  });
  await ok(
    await pingan.post(`/api/cases/${zhao}/assessment-reports`, {
      period: '2026年11月',
      reportedOn: '2026-11-15',
      findings: '本月随访两次，债务调解进行中。',
      harmAssessment: '近期情绪波动较大，有突出风险。',
      recommendedMeasures: '加密随访，司法所跟进调解。',
      recommendedLevel: 2,
    }),
  );
  await changeLevel(t, zhao, 2, '2026-11-20T10:00:00+08:00');
  await upload(t, zhao, 'responsibility_letter', UPLOADED);

  const qian = await listAt(t, '钱秀兰', 3, '2026-11-03T10:00:00+08:00');
  await ok(
    await pingan.post(`/api/cases/${qian}/proposals`, {
      kind: 'delist',
      reasonCode: 'dispute_resolved',
      basis: '抚养纠纷经调解达成协议，情绪稳定。',
      proposedOn: '2026-11-25',
    }),
  );
  const delisting = await meetingAt(t, 'assessment', '2026-11-26T10:00:00+08:00', [qian]);
  await recordNotice(t, qian);
  await ok(await decide(t, delisting.id, { caseId: qian, outcome: 'delist' }));
  const meetingId = delisting.id;

  const sun = (await proposeIntake(t, '孙德明', { proposedOn: '2026-11-28' })).id;

  const cun2 = await t.as('cun2');
  const reportId = (
    await ok(
      await cun2.post('/api/screening-reports', {
        orgUnitId: DEMO_UNITS.village2,
        month: '2026-11',
        zeroReport: false,
        entries: [
          { personId: person('吴小红'), categories: ['C3'], description: '母亲重病，家中负债，近来闭门不出。' },
        ],
      }),
    )
  ).id;
  await ok(await cun2.post(`/api/screening-reports/${reportId}/submit`, {}));
  const cun1 = await t.as('cun1');
  const zeroReportId = (
    await ok(
      await cun1.post('/api/screening-reports', {
        orgUnitId: DEMO_UNITS.village1,
        month: '2026-11',
        zeroReport: true,
        entries: [],
      }),
    )
  ).id;
  return { t, zhao, qian, sun, meetingId, reportId, zeroReportId };
}

/** The downloads and the export events of the 文书 tests, on the context `current` answers. */
export function formsKit(current: () => TestContext) {
  const exportsOf = (entityId: string) =>
    current()
      .db.select()
      .from(auditEvents)
      .where(and(eq(auditEvents.entityId, entityId), eq(auditEvents.action, 'export')));

  async function download(url: string, as = 'pingan') {
    const response = await (await current().as(as)).get(url);
    return response;
  }

  return { exportsOf, download };
}

/** Each form: what its title says and a date it must carry, in Chinese. */
export const FORMS = [
  { form: 'intake', title: '“两失”人员入库（出库）呈报表', date: '二〇二六年十一月二日', file: '入库呈报表' },
  { form: 'level-change', title: '“两失”人员级别变更呈报表', date: '二〇二六年十一月二十日', file: '级别变更呈报表' },
  { form: 'notice', title: '“两失”人员研判决定通知书', date: '二〇二六年十一月二十日', file: '研判决定通知书' },
  { form: 'responsibility-letter', title: '“两失”人员管控责任书', date: '二〇二六年十一月五日', file: '管控责任书' },
  { form: 'visit', title: '“两失”人员随访记录表', date: '二〇二六年十一月十二日', file: '随访记录表' },
  {
    form: 'assessment-report',
    title: '“两失”人员现实危害性评估报告',
    date: '二〇二六年十一月十五日',
    file: '现实危害性评估报告',
  },
] as const;
