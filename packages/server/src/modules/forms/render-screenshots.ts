// Renders the first page of every PDF form of the demo town into docs/screenshots/form-*.png, to
// look at the layout as a township office would print it:
//
//   node --import tsx packages/server/src/modules/forms/render-screenshots.ts [--docx <folder>]
//
// With --docx, the Word files of the same forms are saved into <folder> too (to open in Word/WPS).
//
// It builds the demo town in memory exactly as a first start does (main.ts), adds the two records
// the demo lacks (a level-change proposal and an assessment report for 王淑珍), downloads each
// form over the API as 平安办 and rasterises page 1 with pdftoppm (poppler-utils).
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DEMO_PASSWORD } from '@anxin/shared';
import { buildApp } from '../../app.js';
import { seedDemoIfWanted } from '../../bootstrap.js';
import { openMemory } from '../../db/client.js';
import { deriveKeys } from '../../lib/crypto.js';
import { seedDemoCases } from '../../seed/demo-cases.js';
import { DEMO_PERSON_IDS, DEMO_UNITS } from '../../seed/demo-town.js';

const OUT = resolve(import.meta.dirname, '../../../../../docs/screenshots');

async function main() {
  const keys = deriveKeys(randomBytes(32));
  const database = await openMemory();
  await database.migrate();
  await seedDemoIfWanted(database, keys, true);
  const app = await buildApp({ database, keys, logger: false });
  await seedDemoCases(app.services);

  const login = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username: 'pingan', password: DEMO_PASSWORD },
  });
  const cookie = String(login.headers['set-cookie']).split(';')[0] as string;
  const call = async (method: 'GET' | 'POST', url: string, payload?: object) => {
    const response = await app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });
    if (response.statusCode >= 300) throw new Error(`${method} ${url}: ${response.statusCode} ${response.body}`);
    return response;
  };
  const caseOf = async (name: string) =>
    (await call('GET', `/api/cases?personId=${DEMO_PERSON_IDS[name]}`)).json().items[0].id as string;
  const [zhao, wang, zheng] = [await caseOf('赵志强'), await caseOf('王淑珍'), await caseOf('郑国平')];

  await call('POST', `/api/cases/${wang}/assessment-reports`, {
    period: '近一月',
    findings:
      '本月服务管理小组随访4次，均由2名以上成员同行；临时救助已发放到位。与邻居的宅基地纠纷经平安办组织调解2次，双方就界址达成初步意见，尚待签订书面协议。',
    harmAssessment:
      '本人对调解结果仍有不满，但已表示不再到区里上访，近期未发现过激言行；家属配合，生活有保障。综合评估现实危害性有所降低。',
    recommendedMeasures: '继续每周随访；平安办督促签订调解协议；民政办跟进救助；社区网格员日常关注。',
    recommendedLevel: 3,
  });
  await call('POST', `/api/cases/${wang}/proposals`, {
    kind: 'level_change',
    proposedLevel: 3,
    indicators: ['L3_1'],
    basis:
      '王淑珍与邻居的宅基地纠纷经调解达成初步意见，近一个月情绪平稳，未再出现过激信访行为，家属配合看护。服务管理小组评估风险已明显降低，建议由二级调整为三级。',
  });
  const meetings = (await call('GET', '/api/meetings?kind=assessment')).json().items as {
    id: string;
    heldAt: string;
  }[];
  const firstMeeting = [...meetings].sort((a, b) => a.heldAt.localeCompare(b.heldAt))[0]?.id;
  const reports = (await call('GET', `/api/screening-reports?orgUnitId=${DEMO_UNITS.village2}`)).json().items as {
    id: string;
  }[];

  const shots: [string, string][] = [
    ['intake', `/api/cases/${zhao}/forms/intake.pdf`],
    ['level-change', `/api/cases/${wang}/forms/level-change.pdf`],
    ['notice', `/api/cases/${zhao}/forms/notice.pdf`],
    ['responsibility-letter', `/api/cases/${zhao}/forms/responsibility-letter.pdf`],
    ['visit', `/api/cases/${zhao}/forms/visit.pdf`],
    ['assessment-report', `/api/cases/${wang}/forms/assessment-report.pdf`],
    ['exit', `/api/cases/${zheng}/forms/exit.pdf`],
    ['archive', `/api/cases/${zhao}/forms/archive.pdf`],
    ['minutes', `/api/meetings/${firstMeeting}/minutes.pdf`],
    ['screening', `/api/screening-reports/${reports[0]?.id}/form.pdf`],
  ];
  mkdirSync(OUT, { recursive: true });
  const flag = process.argv.indexOf('--docx');
  const docxDir = flag > 0 ? resolve(process.argv[flag + 1] ?? '.') : null;
  if (docxDir) mkdirSync(docxDir, { recursive: true });
  const dir = mkdtempSync(join(tmpdir(), 'anxin-forms-'));
  try {
    for (const [name, url] of shots) {
      const pdf = join(dir, `${name}.pdf`);
      writeFileSync(pdf, (await call('GET', url)).rawPayload);
      execFileSync('pdftoppm', [
        '-f',
        '1',
        '-l',
        '1',
        '-r',
        '80',
        '-png',
        '-singlefile',
        pdf,
        join(OUT, `form-${name}`),
      ]);
      if (name === 'archive')
        execFileSync('pdftoppm', [
          '-f',
          '2',
          '-l',
          '2',
          '-r',
          '80',
          '-png',
          '-singlefile',
          pdf,
          join(OUT, 'form-archive-index'),
        ]);
      if (docxDir)
        writeFileSync(join(docxDir, `${name}.docx`), (await call('GET', url.replace(/\.pdf$/, '.docx'))).rawPayload);
      process.stdout.write(`form-${name}.png\n`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await app.close();
    await database.close();
  }
}

await main();
