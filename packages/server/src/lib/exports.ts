// What every export (Word, PDF, Excel) shares: the audit event that records who took what and how
// many rows, the footer watermark that names them on the paper, and the download headers.
import type { FastifyReply } from 'fastify';
import type { Executor } from '../db/client.js';
import type { Actor } from '../modules/access/actor.js';
import type { ActorContext, createAuditLog } from '../modules/audit/audit.service.js';
import { attachmentDisposition } from '../modules/documents/content-type.js';
import { beijingIso } from './clock.js';

export type ExportFormat = 'docx' | 'pdf' | 'xlsx';

export const CONTENT_TYPES: Record<ExportFormat, string> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

export interface ExportRecord {
  /** What was exported: a form name (`intake`, `archive` …) or a list (`persons`, `obligations` …). */
  kind: string;
  format: ExportFormat;
  /** Data rows (or, for a form, the records it prints). */
  rows: number;
  entityType?: string;
  entityId?: string;
  /** The filters of a list export, as the caller gave them. */
  filters?: Record<string, unknown>;
}

/** Records the export in the caller's transaction: action `export`, with kind, format and row count. */
export async function recordExport(
  audit: ReturnType<typeof createAuditLog>,
  tx: Executor,
  context: ActorContext,
  record: ExportRecord,
): Promise<void> {
  await audit.record(tx, context, {
    action: 'export',
    entityType: record.entityType ?? record.kind,
    entityId: record.entityId,
    diff: { kind: record.kind, format: record.format, rows: record.rows, filters: record.filters ?? {} },
  });
}

/** "导出人 <用户名> <时间>", printed in the footer of every exported page and sheet (Beijing time). */
export function exportWatermark(actor: Actor, at: Date): string {
  const time = beijingIso(at).slice(0, 16).replace('T', ' ');
  return `导出人 ${actor.username} ${time}`;
}

/** Sends a generated file as a download with its Chinese file name. */
export function sendFile(reply: FastifyReply, fileName: string, format: ExportFormat, body: Buffer) {
  return reply
    .header('content-type', CONTENT_TYPES[format])
    .header('content-disposition', attachmentDisposition(fileName))
    .header('cache-control', 'no-store')
    .send(body);
}
