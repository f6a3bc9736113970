import { index, integer, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt } from './columns.js';
import { users } from './identity.js';
import { cases } from './lifecycle.js';

// 档案材料: uploaded files of a case.
export const documents = pgTable(
  'documents',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    archiveKind: text('archive_kind').notNull(),
    /** The name the user gave the file, shown only; storage never uses it. */
    fileName: text('file_name').notNull(),
    mediaType: text('media_type').notNull(),
    size: integer('size').notNull(),
    sm3: text('sm3').notNull(),
    uploadedBy: uuid('uploaded_by')
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index('documents_case_idx').on(t.caseId)],
);

export const documentBlobs = pgTable('document_blobs', {
  documentId: uuid('document_id')
    .primaryKey()
    .references(() => documents.id),
  /** Base64 of the file: one column type that PGlite and node-postgres hand back alike. */
  content: text('content').notNull(),
});
