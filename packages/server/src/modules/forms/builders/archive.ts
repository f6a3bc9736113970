// 一人一档: the whole file of one case as one document — a cover page, the index of the plan's
// eight archive kinds (§四(二)1), then, kind by kind, every form the system generates and the list
// of the files uploaded under that kind.
import { ARCHIVE_KIND_LABELS, ARCHIVE_KINDS, type ArchiveKind, LEVEL_LABELS } from '@anxin/shared';
import { beijingDate } from '../../../lib/clock.js';
import { chineseCount, chineseDate, figureDate } from '../chinese-date.js';
import type { DocumentRow } from '../forms.queries.js';
import { type Block, headerRow, label, row, value } from '../model.js';
import { type CaseContext, type FormPart, formNumber } from './common.js';

export const ARCHIVE_TITLE = '“两失”人员服务管理档案';

/** What one archive kind holds: generated forms, further tables (lists of visits, alerts …) and a summary for the index. */
export interface ArchiveSection {
  parts: FormPart[];
  /** Lists printed after the forms, each with its heading. */
  lists: { heading: string; blocks: Block[]; rows: number }[];
  /** "入库呈报表1份；级别变更呈报表2份" — what the index says the kind holds. */
  summary: string[];
}

const STATUS_TEXT: Record<string, string> = {
  proposed: '待研判',
  listed: '列管中',
  rejected: '不予列管',
  delisted: '已撤销列管',
};

function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

function cover(ctx: CaseContext): Block[] {
  const { person, c } = ctx;
  const level = c.level ? LEVEL_LABELS[c.level as 1 | 2 | 3] : '—';
  return [
    { kind: 'title', text: ARCHIVE_TITLE, subtitle: '（一人一档）', cover: true },
    {
      kind: 'table',
      widths: [1.4, 3.6],
      rows: [
        row([label('姓　　名'), value(person.name)], 32),
        row([label('身份证号'), value(person.idNumber)], 32),
        row([label('户 籍 地'), value(person.household)], 32),
        row(
          [
            label('列管状态'),
            value(`${STATUS_TEXT[c.status] ?? c.status}${c.status === 'listed' ? `，${level}` : ''}`),
          ],
          32,
        ),
        row([label('列管日期'), value(c.listedOn ? chineseDate(c.listedOn) : '—')], 32),
        ...(c.closedOn ? [row([label('撤销日期'), value(chineseDate(c.closedOn))], 32)] : []),
        row([label('责任单位'), value(c.responsibleUnits.join('、'))], 32),
        row([label('档案编号'), value(formNumber(c.id))], 32),
      ],
    },
    { kind: 'spacer', height: 60 },
    { kind: 'paragraph', align: 'center', size: 'large', text: `${c.townName}“两失”人员服务管理工作领导小组办公室` },
    { kind: 'paragraph', align: 'center', size: 'large', text: `建档日期：${chineseDate(c.listedOn ?? c.proposedOn)}` },
  ];
}

function uploadedList(files: DocumentRow[]): Block {
  return {
    kind: 'table',
    widths: [0.6, 3.6, 1.3, 2.0, 1.1],
    rows: [
      headerRow(['序号', '文件名', '上传人', '上传时间', '大小']),
      ...files.map((f, i) =>
        row([
          value(String(i + 1), 1, 'center'),
          value(f.fileName),
          value(f.uploadedByName, 1, 'center'),
          value(figureDate(beijingDate(f.createdAt)), 1, 'center'),
          value(fileSize(f.size), 1, 'center'),
        ]),
      ),
    ],
  };
}

export function archiveDocument(
  ctx: CaseContext,
  sections: Record<ArchiveKind, ArchiveSection>,
  files: DocumentRow[],
): FormPart {
  const blocks: Block[] = [...cover(ctx), { kind: 'pageBreak' }];
  const filesOf = (kind: ArchiveKind) => files.filter((f) => f.archiveKind === kind);

  // The index: the eight kinds in the plan's order, what the system generated, what was uploaded.
  blocks.push(
    { kind: 'title', text: '档案目录' },
    {
      kind: 'table',
      widths: [0.7, 2.4, 3.5, 1.3],
      rows: [
        headerRow(['序号', '档案内容', '本档案收录', '上传材料']),
        ...ARCHIVE_KINDS.map((kind, i) => {
          const summary = sections[kind].summary;
          const uploaded = filesOf(kind).length;
          return row(
            [
              value(chineseCount(i + 1), 1, 'center'),
              value(ARCHIVE_KIND_LABELS[kind]),
              value(summary.length ? summary.join('；') : '—'),
              value(uploaded ? `${uploaded}份` : '—', 1, 'center'),
            ],
            30,
          );
        }),
      ],
    },
    {
      kind: 'paragraph',
      size: 'small',
      text: '说明：档案内容按《“两失”人员服务管理工作方案》第四部分（二）第1项所列八类编排；“本档案收录”为系统生成的文书和记录，“上传材料”为各单位上传的扫描件、照片等，其文件名列于各类之后。',
    },
  );

  let rows = 0;
  ARCHIVE_KINDS.forEach((kind, i) => {
    const section = sections[kind];
    const uploaded = filesOf(kind);
    const empty = section.parts.length === 0 && section.lists.length === 0 && uploaded.length === 0;
    // A kind with something in it starts on a new page; an empty one just says so.
    if (!empty) blocks.push({ kind: 'pageBreak' });
    blocks.push({ kind: 'heading', text: `${chineseCount(i + 1)}、${ARCHIVE_KIND_LABELS[kind]}` });
    section.parts.forEach((part, j) => {
      if (j > 0) blocks.push({ kind: 'pageBreak' });
      blocks.push(...part.blocks);
      rows += part.rows;
    });
    for (const list of section.lists) {
      blocks.push({ kind: 'heading', text: list.heading }, ...list.blocks);
      rows += list.rows;
    }
    if (uploaded.length) {
      blocks.push({ kind: 'heading', text: `上传材料（${uploaded.length}份）` }, uploadedList(uploaded));
      rows += uploaded.length;
    }
    if (empty) blocks.push({ kind: 'paragraph', text: '（暂无）' });
  });
  return { title: ARCHIVE_TITLE, rows, blocks };
}
