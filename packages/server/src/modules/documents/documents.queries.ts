import { and, count, desc, eq, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { cases, documentBlobs, documents, users } from '../../db/schema.js';
import type { Actor } from '../access/actor.js';
import { inJurisdiction } from '../access/scope.js';

/** Jurisdiction of every case and document query: the responsible or the assisting town's subtree. */
export function caseScope(actor: Actor): SQL {
  return inJurisdiction(actor, cases.responsiblePath, cases.assistingPath);
}

const caseColumns = {
  id: cases.id,
  personId: cases.personId,
  responsiblePath: cases.responsiblePath,
  assistingPath: cases.assistingPath,
};

export type ScopedCase = { id: string; personId: string; responsiblePath: string; assistingPath: string | null };

/** A case inside the actor's jurisdiction, or undefined (absent and out of scope look alike). */
export async function findCaseInScope(db: Executor, actor: Actor, caseId: string): Promise<ScopedCase | undefined> {
  const [row] = await db
    .select(caseColumns)
    .from(cases)
    .where(and(eq(cases.id, caseId), caseScope(actor)));
  return row;
}

const documentColumns = {
  document: documents,
  uploadedByName: users.displayName,
  responsiblePath: cases.responsiblePath,
  assistingPath: cases.assistingPath,
};

export type DocumentRow = {
  document: typeof documents.$inferSelect;
  uploadedByName: string;
  responsiblePath: string;
  assistingPath: string | null;
};

function withCase(db: Executor) {
  return db
    .select(documentColumns)
    .from(documents)
    .innerJoin(cases, eq(cases.id, documents.caseId))
    .innerJoin(users, eq(users.id, documents.uploadedBy));
}

export interface DocumentFilters {
  archiveKind?: string | undefined;
  page: number;
  pageSize: number;
}

/** A case's documents, newest first; the case's scope is applied here too. */
export async function listDocuments(db: Executor, actor: Actor, caseId: string, filters: DocumentFilters) {
  const where = and(
    eq(documents.caseId, caseId),
    caseScope(actor),
    filters.archiveKind ? eq(documents.archiveKind, filters.archiveKind) : undefined,
  );
  const items = await withCase(db)
    .where(where)
    .orderBy(desc(documents.createdAt), documents.id)
    .limit(filters.pageSize)
    .offset((filters.page - 1) * filters.pageSize);
  const [total] = await db
    .select({ value: count() })
    .from(documents)
    .innerJoin(cases, eq(cases.id, documents.caseId))
    .where(where);
  return { items: items as DocumentRow[], total: total?.value ?? 0 };
}

/** How many documents each archive kind of a case holds (kinds without any are absent). */
export async function countByArchiveKind(db: Executor, actor: Actor, caseId: string): Promise<Map<string, number>> {
  const rows = await db
    .select({ archiveKind: documents.archiveKind, value: count() })
    .from(documents)
    .innerJoin(cases, eq(cases.id, documents.caseId))
    .where(and(eq(documents.caseId, caseId), caseScope(actor)))
    .groupBy(documents.archiveKind);
  return new Map(rows.map((row) => [row.archiveKind, row.value]));
}

/** One document whose case lies in the actor's jurisdiction, or undefined. */
export async function findDocumentInScope(db: Executor, actor: Actor, id: string): Promise<DocumentRow | undefined> {
  const [row] = await withCase(db).where(and(eq(documents.id, id), caseScope(actor)));
  return row as DocumentRow | undefined;
}

/** The stored bytes (base64) of a document already found in scope. */
export async function findDocumentContent(db: Executor, documentId: string): Promise<string | undefined> {
  const [row] = await db
    .select({ content: documentBlobs.content })
    .from(documentBlobs)
    .where(eq(documentBlobs.documentId, documentId));
  return row?.content;
}

/** Inserts the metadata row and its bytes; call inside the upload's transaction. */
export async function insertDocument(
  tx: Executor,
  values: typeof documents.$inferInsert & { id: string },
  content: Buffer,
): Promise<typeof documents.$inferSelect> {
  const [row] = await tx.insert(documents).values(values).returning();
  await tx.insert(documentBlobs).values({ documentId: values.id, content: content.toString('base64') });
  return row as typeof documents.$inferSelect;
}
