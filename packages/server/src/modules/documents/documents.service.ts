import {
  ARCHIVE_KIND_LABELS,
  ARCHIVE_KINDS,
  type ArchiveKind,
  type CaseDocument,
  type CaseDocumentList,
  DOCUMENT_MAX_BYTES,
  type DocumentListQuery,
} from '@anxin/shared';
import type { Db } from '../../db/client.js';
import { beijingIso, type Clock } from '../../lib/clock.js';
import { IntegrityError, sm3Hex } from '../../lib/crypto.js';
import { AppError, badRequest, notFound } from '../../lib/errors.js';
import type { Actor } from '../access/actor.js';
import type { ActorContext, AuditLog } from '../audit/audit.service.js';
import { displayFileName, sniffMediaType } from './content-type.js';
import { archiveAbilities, documentAbilities, documentPolicy } from './documents.policy.js';
import {
  countByArchiveKind,
  type DocumentRow,
  findCaseInScope,
  findDocumentContent,
  findDocumentInScope,
  insertDocument,
  listDocuments,
} from './documents.queries.js';

interface Deps {
  db: Db;
  clock: Clock;
  audit: AuditLog;
}

/** What the route read from a multipart upload; every part may be missing. */
export interface Upload {
  archiveKind?: string | undefined;
  /** The name the client sent, untrusted. */
  fileName?: string | undefined;
  bytes?: Buffer | undefined;
}

/** A file on its way back to the user, always as an attachment. */
export interface DownloadedDocument {
  fileName: string;
  mediaType: string;
  bytes: Buffer;
}

const MAX_MEBIBYTES = DOCUMENT_MAX_BYTES / 1024 / 1024;

/** The 413 of an upload over the size limit. */
export const fileTooLarge = () => new AppError(413, 'TOO_LARGE', `文件过大：单个文件不能超过 ${MAX_MEBIBYTES} MB`);

function assertArchiveKind(value: string | undefined): ArchiveKind {
  const kind = value?.trim();
  if (!kind) throw badRequest('档案类别(archiveKind)：请选择档案类别', 'archiveKind');
  if (!(ARCHIVE_KINDS as readonly string[]).includes(kind))
    throw badRequest(`档案类别(archiveKind)：应为 ${ARCHIVE_KINDS.join('、')} 之一`, 'archiveKind');
  return kind as ArchiveKind;
}

/** A file part that is absent or empty (a form sent with no file chosen) is no file. */
function assertFile(bytes: Buffer | undefined): Buffer {
  if (!bytes || bytes.length === 0) throw badRequest('文件(file)：请选择要上传的文件', 'file');
  return bytes;
}

export function createDocumentService({ db, clock, audit }: Deps) {
  function present(actor: Actor, { document, uploadedByName, ...scope }: DocumentRow): CaseDocument {
    return {
      id: document.id,
      caseId: document.caseId,
      archiveKind: document.archiveKind as ArchiveKind,
      fileName: document.fileName,
      mediaType: document.mediaType,
      size: document.size,
      sm3: document.sm3,
      uploadedBy: document.uploadedBy,
      uploadedByName,
      createdAt: beijingIso(document.createdAt),
      abilities: documentAbilities(actor, scope),
    };
  }

  return {
    /** A case's archive: its documents and the eight slots of plan §四(二)1 with their counts. */
    async list(actor: Actor, caseId: string, query: DocumentListQuery): Promise<CaseDocumentList> {
      const found = await findCaseInScope(db, actor, caseId);
      if (!found || !documentPolicy.read(actor, found)) throw notFound();
      const [page, counts] = await Promise.all([
        listDocuments(db, actor, caseId, query),
        countByArchiveKind(db, actor, caseId),
      ]);
      return {
        items: page.items.map((row) => present(actor, row)),
        total: page.total,
        slots: ARCHIVE_KINDS.map((kind) => ({
          archiveKind: kind,
          label: ARCHIVE_KIND_LABELS[kind],
          count: counts.get(kind) ?? 0,
        })),
        abilities: archiveAbilities(actor, found),
      };
    },

    /**
     * Files one upload into a case's archive slot. The case is checked before the body is read, so
     * nobody streams 10 MiB into a case they cannot see. The type comes from the bytes; the bytes
     * go into the database (no web root, shared by every app process) under the document's UUID,
     * with the metadata and the audit event in the same transaction.
     */
    async upload(context: ActorContext, caseId: string, readUpload: () => Promise<Upload>): Promise<CaseDocument> {
      const actor = context.actor;
      const found = await findCaseInScope(db, actor, caseId);
      if (!found || !documentPolicy.upload(actor, found)) {
        await db.transaction((tx) =>
          audit.record(tx, context, {
            action: 'document.upload',
            entityType: 'case',
            entityId: caseId,
            outcome: 'not_found',
          }),
        );
        throw notFound();
      }
      const upload = await readUpload();
      const archiveKind = assertArchiveKind(upload.archiveKind);
      const bytes = assertFile(upload.bytes);
      if (bytes.length > DOCUMENT_MAX_BYTES) throw fileTooLarge();
      const mediaType = sniffMediaType(bytes, upload.fileName ?? '');
      if (!mediaType)
        throw new AppError(
          415,
          'UNSUPPORTED_MEDIA_TYPE',
          '文件(file)：文件类型不受支持（按文件内容识别），仅接受 PDF、PNG、JPEG 图片和 Word（.docx）、Excel（.xlsx）文件',
          [{ field: 'file', message: '文件内容不是 PDF、PNG、JPEG、.docx 或 .xlsx' }],
        );
      const id = crypto.randomUUID();
      const metadata = {
        caseId,
        archiveKind,
        fileName: displayFileName(upload.fileName, mediaType),
        mediaType,
        size: bytes.length,
        sm3: sm3Hex(bytes),
      };
      await db.transaction(async (tx) => {
        await insertDocument(tx, { id, ...metadata, uploadedBy: actor.userId, createdAt: clock.now() }, bytes);
        await audit.record(tx, context, {
          action: 'document.upload',
          entityType: 'document',
          entityId: id,
          diff: { after: metadata },
        });
      });
      const row = await findDocumentInScope(db, actor, id);
      if (!row) throw notFound();
      return present(actor, row);
    },

    /**
     * The stored file, for a download. Every attempt is audited, those outside the jurisdiction
     * too; the SM3 recorded at upload is checked, so altered bytes are never served.
     */
    async download(context: ActorContext, id: string): Promise<DownloadedDocument> {
      const row = await findDocumentInScope(db, context.actor, id);
      const readable = row !== undefined && documentPolicy.read(context.actor, row);
      const content = readable ? await findDocumentContent(db, id) : undefined;
      await db.transaction((tx) =>
        audit.record(tx, context, {
          action: 'document.read',
          entityType: 'document',
          entityId: id,
          outcome: row && readable ? 'success' : 'not_found',
          ...(row && readable ? { diff: { caseId: row.document.caseId, fileName: row.document.fileName } } : {}),
        }),
      );
      if (!row || content === undefined) throw notFound();
      const bytes = Buffer.from(content, 'base64');
      if (sm3Hex(bytes) !== row.document.sm3) throw new IntegrityError(`documents:${id}`);
      return { fileName: row.document.fileName, mediaType: row.document.mediaType, bytes };
    },
  };
}
