// The write of a 排查情况表 import, in one transaction and set-based: the new persons, the new
// draft returns, the existing drafts extended (version-checked), the entries in the file's order,
// and the audit events (one per return, one for the import).
import type { ScreeningImportReport } from '@anxin/shared';
import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { screeningReports } from '../../db/schema.js';
import { type Keys, sm3Hex } from '../../lib/crypto.js';
import { sqlState } from '../../lib/db-errors.js';
import { conflict } from '../../lib/errors.js';
import type { ActorContext, AuditLog } from '../audit/audit.service.js';
import type { OrgUnitRow } from '../org/org.queries.js';
import { insertPersons, type NewPerson } from './import-persons.js';
import { CONFLICT_STATES, type Upload } from './import-report.js';
import { orderedIds } from './import-values.js';

/** One row that passed its own checks: where it goes and what it says. */
export interface RowPlan {
  row: number;
  unit: OrgUnitRow;
  month: string;
  idNumber: string;
  categories: string[];
  description: string;
}

/** A return already on file for a village and month of the file. */
export interface ExistingReport {
  id: string;
  orgUnitId: string;
  month: string;
  status: string;
  zeroReport: boolean;
  version: number;
}

export const groupKey = (unitId: string, month: string) => `${unitId}|${month}`;

/** What the checks decided: the accepted rows by return, the returns to create or extend, the new persons. */
export interface ScreeningWrite {
  upload: Upload;
  validOnly: boolean;
  report: ScreeningImportReport;
  now: Date;
  accepted: RowPlan[];
  /** The accepted rows by village and month (groupKey), in the file's order. */
  groups: Map<string, RowPlan[]>;
  existing: Map<string, ExistingReport>;
  newReports: string[];
  extended: string[];
  newPersons: NewPerson[];
  /** The person of each accepted row (by row number). */
  personOf: Map<number, { id: string }>;
}

/** Writes the accepted rows; answers the ids of the returns written (new ones first). */
export async function writeScreening(
  { db, keys, audit }: { db: Db; keys: Keys; audit: AuditLog },
  context: ActorContext,
  {
    upload,
    validOnly,
    report,
    now,
    accepted,
    groups,
    existing,
    newReports,
    extended,
    newPersons,
    personOf,
  }: ScreeningWrite,
): Promise<string[]> {
  const actor = context.actor;
  const importId = crypto.randomUUID();
  const reportIds = new Map<string, string>();
  for (const key of newReports) reportIds.set(key, crypto.randomUUID());
  for (const key of extended) reportIds.set(key, (existing.get(key) as ExistingReport).id);
  const reportConflict = () => conflict('IMPORT_CONFLICT', '导入期间排查情况表或人员被他人修改，请重新试导入后再导入');
  await db
    .transaction(async (tx) => {
      await insertPersons(tx, keys, newPersons, actor.userId);
      if (newReports.length > 0) {
        await tx.insert(screeningReports).values(
          newReports.map((key) => {
            const first = (groups.get(key) as RowPlan[])[0] as RowPlan;
            return {
              id: reportIds.get(key) as string,
              orgUnitId: first.unit.id,
              orgUnitPath: first.unit.path,
              month: first.month,
              zeroReport: false,
              createdBy: actor.userId,
              createdAt: now,
              updatedAt: now,
            };
          }),
        );
      }
      for (const key of extended) {
        const draft = existing.get(key) as ExistingReport;
        const [bumped] = await tx
          .update(screeningReports)
          .set({ version: draft.version + 1, updatedAt: now })
          .where(
            and(
              eq(screeningReports.id, draft.id),
              eq(screeningReports.version, draft.version),
              eq(screeningReports.status, 'draft'),
              eq(screeningReports.zeroReport, false),
            ),
          )
          .returning({ id: screeningReports.id });
        if (!bumped) throw reportConflict();
      }
      const ids = orderedIds(accepted.length, now.getTime());
      const entries = accepted.map((plan, index) => ({
        id: ids[index],
        report_id: reportIds.get(groupKey(plan.unit.id, plan.month)),
        person_id: personOf.get(plan.row)?.id,
        categories: plan.categories,
        description: plan.description,
      }));
      await tx.execute(sql`
        INSERT INTO screening_entries (id, report_id, person_id, categories, description, created_at)
        SELECT id, report_id, person_id, ARRAY(SELECT json_array_elements_text(categories)), description, ${now}
        FROM json_to_recordset(${JSON.stringify(entries)}::json)
          AS r(id uuid, report_id uuid, person_id uuid, categories json, description text)
      `);
      for (const [key, rows] of groups) {
        const first = rows[0] as RowPlan;
        const isNew = !existing.has(key);
        await audit.record(tx, context, {
          action: isNew ? 'screening_report.create' : 'screening_report.update',
          entityType: 'screening_report',
          entityId: reportIds.get(key) as string,
          diff: {
            after: {
              orgUnitId: first.unit.id,
              month: first.month,
              ...(isNew ? { zeroReport: false } : {}),
              addedEntries: rows.length,
              importId,
            },
          },
        });
      }
      await audit.record(tx, context, {
        action: 'screening_report.import',
        entityType: 'import',
        entityId: importId,
        diff: {
          after: {
            fileName: upload.fileName,
            fileSm3: sm3Hex(upload.bytes),
            rows: report.rows,
            accepted: report.accepted,
            rejectedRows: report.rejectedRows,
            validOnly: validOnly,
            created: report.created,
            reportIds: [...reportIds.values()],
            personIds: newPersons.map((person) => person.id),
          },
        },
      });
    })
    .catch((error: unknown) => {
      // 23505: a row another request wrote since the checks; 40P01: two imports of the same persons
      // in a different order deadlocked on those rows, and PostgreSQL rolled this one back.
      if (CONFLICT_STATES.has(sqlState(error) ?? '')) throw reportConflict();
      throw error;
    });
  return [...reportIds.values()];
}
