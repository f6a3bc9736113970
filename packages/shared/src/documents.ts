import { z } from 'zod';
import { abilities, id, pageQuery } from './common.js';
import { ARCHIVE_KINDS } from './lifecycle.js';

/** The largest file a user may upload into a case's archive (10 MiB); larger ones answer 413. */
export const DOCUMENT_MAX_BYTES = 10 * 1024 * 1024;

/** The media types Anxin accepts, each recognised by its content; plain text and HTML are not among them. */
export const UPLOAD_MEDIA_TYPES = {
  pdf: 'application/pdf',
  png: 'image/png',
  jpeg: 'image/jpeg',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;
export type UploadMediaType = (typeof UPLOAD_MEDIA_TYPES)[keyof typeof UPLOAD_MEDIA_TYPES];

/** For the file picker's `accept` attribute; the server still decides by content. */
export const UPLOAD_ACCEPT = '.pdf,.png,.jpg,.jpeg,.docx,.xlsx';

/**
 * The multipart form of an upload, as the OpenAPI document shows it. The server reads the parts
 * itself (the file is checked by content, after the case), so this schema validates nothing.
 */
export const uploadDocumentForm = z.object({
  archiveKind: z.enum(ARCHIVE_KINDS),
  file: z.string().meta({ format: 'binary', description: 'PDF, PNG, JPEG, .docx or .xlsx; at most 10 MiB' }),
});

export const documentListQuery = z.strictObject({
  ...pageQuery,
  archiveKind: z.enum(ARCHIVE_KINDS).optional(),
});
export type DocumentListQuery = z.infer<typeof documentListQuery>;

// 一人一档的档案材料
export const caseDocument = z.object({
  id,
  caseId: id,
  archiveKind: z.enum(ARCHIVE_KINDS),
  /** The name the user gave the file, made safe; shown and offered on download only. */
  fileName: z.string(),
  /** As recognised from the content, not as the client claimed. */
  mediaType: z.string(),
  size: z.number().int(),
  /** SM3 of the bytes (hex), checked again on every download. */
  sm3: z.string(),
  uploadedBy: id,
  uploadedByName: z.string(),
  createdAt: z.string(),
  abilities,
});
export type CaseDocument = z.infer<typeof caseDocument>;

/** One of the eight archive kinds of plan §四(二)1 and how many files it holds. */
export const archiveSlot = z.object({
  archiveKind: z.enum(ARCHIVE_KINDS),
  label: z.string(),
  count: z.number().int(),
});
export type ArchiveSlot = z.infer<typeof archiveSlot>;

export const caseDocumentList = z.object({
  items: z.array(caseDocument),
  total: z.number().int(),
  /** All eight slots, in the plan's order, empty ones included. */
  slots: z.array(archiveSlot),
  /** What the caller may do with this case's archive (`upload`). */
  abilities,
});
export type CaseDocumentList = z.infer<typeof caseDocumentList>;
