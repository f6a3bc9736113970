// The write of a ledger import, in one transaction and set-based: new persons, the listed cases
// (source `ledger`, proposer = the importer, listed on the ledger's date), their level history,
// teams, the obligations met on the ledger's dates and then recomputed, and the audit events (one
// per case, one for the import).
import { CASE_SOURCE_LABELS, type LedgerImportReport } from '@anxin/shared';
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { caseLevelHistory, cases, caseTeamMembers, caseTeams } from '../../db/schema.js';
import type { Clock } from '../../lib/clock.js';
import { type Keys, sm3Hex } from '../../lib/crypto.js';
import { sqlState } from '../../lib/db-errors.js';
import { conflict } from '../../lib/errors.js';
import type { ActorContext, AuditLog } from '../audit/audit.service.js';
import { type LifecyclePolicy, nextReviewOn } from '../cases/case-state.js';
import { refreshObligations } from '../obligations/recompute.js';
import type { Level } from '../obligations/rules.js';
import type { OrgUnitRow } from '../org/org.queries.js';
import type { TeamUserRow } from '../teams/teams.queries.js';
import { insertPersons, type NewPerson, type PersonInput } from './import-persons.js';
import { CONFLICT_STATES, type Upload } from './import-report.js';

export type StaffRow = TeamUserRow & { username: string };

/** One accepted ledger row: the person, the case to create and the work done so far. */
export interface LedgerCase {
  row: number;
  input: PersonInput;
  household: OrgUnitRow;
  residence: OrgUnitRow | null;
  town: OrgUnitRow;
  level: Level;
  listedOn: string;
  categories: string[];
  responsible: OrgUnitRow[];
  team: { user: StaffRow; role: 'leader' | 'member' }[];
  /** Obligations met on a date (last visit, joint meeting, assessment report, letter). */
  metOn: { kind: string; on: string }[];
  lastReviewOn: string | undefined;
  basis: string;
  resolutionPlan: string;
  caseId: string;
  personId: string;
  /** Set when the person is not on file yet. */
  newPerson: NewPerson | null;
  /** Review periods of the policy in force on the last review (or listing) date. */
  review: LifecyclePolicy['review'];
}

interface Deps {
  db: Db;
  clock: Clock;
  keys: Keys;
  audit: AuditLog;
}

const CHUNK = 500;
const chunks = <T>(items: readonly T[]): T[][] =>
  Array.from({ length: Math.ceil(items.length / CHUNK) }, (_unused, i) => items.slice(i * CHUNK, (i + 1) * CHUNK));

export async function writeLedger(
  { db, clock, keys, audit }: Deps,
  context: ActorContext,
  upload: Upload,
  accepted: readonly LedgerCase[],
  summary: { report: LedgerImportReport; validOnly: boolean; today: string },
): Promise<void> {
  const actor = context.actor;
  const now = clock.now();
  const importId = crypto.randomUUID();
  const importer = actor.displayName || actor.username;
  const clash = () => conflict('IMPORT_CONFLICT', '导入期间有人员被他人登记或列管，请重新试导入后再导入');
  await db
    .transaction(async (tx) => {
      await insertPersons(
        tx,
        keys,
        accepted.flatMap((item) => (item.newPerson ? [item.newPerson] : [])),
        actor.userId,
      );
      for (const part of chunks(accepted)) {
        await tx.insert(cases).values(
          part.map((item) => ({
            id: item.caseId,
            personId: item.personId,
            source: 'ledger',
            categories: item.categories,
            indicators: [],
            proposedLevel: item.level,
            level: item.level,
            status: 'listed',
            awaitingConfirmation: false,
            basis: item.basis,
            resolutionPlan: item.resolutionPlan,
            responsibleOrgUnitIds: item.responsible.map((unit) => unit.id),
            proposerId: actor.userId,
            proposedOn: item.listedOn,
            listedOn: item.listedOn,
            nextReviewOn: nextReviewOn(
              { confirmationDays: 0, review: item.review },
              item.level,
              item.lastReviewOn ?? item.listedOn,
            ),
            responsibleTownId: item.town.id,
            responsiblePath: item.household.path,
            // Set below from the person's 居住地, as for any case.
            assistingPath: null,
            createdAt: now,
            updatedAt: now,
          })),
        );
        await tx.insert(caseLevelHistory).values(
          part.map((item) => ({
            caseId: item.caseId,
            fromLevel: null,
            toLevel: item.level,
            effectiveOn: item.listedOn,
            kind: 'list',
            reason: `在册台账导入：${item.listedOn}列管（导入人：${importer}）。${item.basis}`,
          })),
        );
      }
      const caseIds = accepted.map((item) => item.caseId);
      // The 居住地 town assists and sees the case when it differs from the 户籍地 (cases.service).
      await tx.execute(sql`
        UPDATE cases c SET assisting_path = p.residence_path
        FROM persons p
        WHERE c.person_id = p.id AND c.id IN (${sql.join(
          caseIds.map((id) => sql`${id}::uuid`),
          sql`, `,
        )})
          AND p.residence_path IS NOT NULL AND p.residence_path <> c.responsible_path
      `);
      // Suspicions about these persons waiting in the 待研判 pool are taken up by their case.
      await tx.execute(sql`
        UPDATE screening_entries e SET pool_status = 'proposed', case_id = c.id
        FROM cases c
        WHERE c.id IN (${sql.join(
          caseIds.map((id) => sql`${id}::uuid`),
          sql`, `,
        )}) AND e.person_id = c.person_id AND e.pool_status = 'pending'
      `);
      const teams = accepted.filter((item) => item.team.length > 0);
      for (const part of chunks(teams)) {
        await tx
          .insert(caseTeams)
          .values(part.map((item) => ({ caseId: item.caseId, version: 1, updatedBy: actor.userId })));
        await tx
          .insert(caseTeamMembers)
          .values(
            part.flatMap((item) =>
              item.team.map(({ user, role }) => ({ caseId: item.caseId, userId: user.userId, role })),
            ),
          );
      }
      // Obligations: rows for each case's level, then the ledger's dates as their last completion,
      // then recomputed so each due date counts from them (met as meetObligation does, for many
      // cases and dates in one statement).
      await refreshObligations(tx, summary.today, { caseIds });
      const met = accepted.flatMap((item) =>
        item.metOn.map(({ kind, on }) => ({ case_id: item.caseId, kind, met_on: on })),
      );
      if (met.length > 0) {
        await tx.execute(sql`
          UPDATE obligations o SET last_met_on = GREATEST(o.last_met_on, m.met_on), updated_at = now()
          FROM json_to_recordset(${JSON.stringify(met)}::json) AS m(case_id uuid, kind text, met_on date)
          WHERE o.case_id = m.case_id AND o.kind = m.kind
        `);
        await refreshObligations(tx, summary.today, { caseIds });
      }
      for (const item of accepted) {
        await audit.record(tx, context, {
          action: 'case.create',
          entityType: 'case',
          entityId: item.caseId,
          diff: {
            after: {
              personId: item.personId,
              source: CASE_SOURCE_LABELS.ledger,
              status: 'listed',
              level: item.level,
              listedOn: item.listedOn,
              categories: item.categories,
              responsibleOrgUnitIds: item.responsible.map((unit) => unit.id),
              team: item.team.map(({ user, role }) => `${user.username}(${role})`),
              metOn: Object.fromEntries(item.metOn.map(({ kind, on }) => [kind, on])),
              lastReviewOn: item.lastReviewOn ?? null,
              importId,
              row: item.row,
            },
          },
        });
      }
      await audit.record(tx, context, {
        action: 'case.import_ledger',
        entityType: 'import',
        entityId: importId,
        diff: {
          after: {
            fileName: upload.fileName,
            fileSm3: sm3Hex(upload.bytes),
            rows: summary.report.rows,
            accepted: summary.report.accepted,
            rejectedRows: summary.report.rejectedRows,
            validOnly: summary.validOnly,
            created: summary.report.created,
            caseIds,
            personIds: accepted.flatMap((item) => (item.newPerson ? [item.newPerson.id] : [])),
          },
        },
      });
    })
    .catch((error: unknown) => {
      // 23505: a row another request wrote since the checks; 40P01: two imports of the same persons
      // in a different order deadlocked on those rows, and PostgreSQL rolled this one back.
      if (CONFLICT_STATES.has(sqlState(error) ?? '')) throw clash();
      throw error;
    });
}
