import {
  type CreatePersonBody,
  idNumberProblem,
  maskIdNumber,
  normalizeIdNumber,
  type PersonListQuery,
  type UpdatePersonBody,
} from '@anxin/shared';
import { and, eq } from 'drizzle-orm';
import type { Db, Executor } from '../../db/client.js';
import { persons } from '../../db/schema.js';
import type { Clock } from '../../lib/clock.js';
import { beijingIso } from '../../lib/clock.js';
import { blindIndex, decryptField, encryptField, type Keys } from '../../lib/crypto.js';
import { sqlState } from '../../lib/db-errors.js';
import { AppError, badRequest, conflict, notFound, staleVersion } from '../../lib/errors.js';
import { type Actor, inScope } from '../access/actor.js';
import { type ActorContext, type AuditLog, changes } from '../audit/audit.service.js';
import { casesOfPerson } from '../cases/cases.queries.js';
import { findUnit, findVisibleUnit } from '../org/org.queries.js';
import { isResidentialKind } from '../org/org.service.js';
import { needToKnowShown, presentNeedToKnow } from './need-to-know.js';
import { personAbilities, personPolicy } from './persons.policy.js';
import { findPersonByIdIndex, findPersonInScope, listPersons, type PersonWithUnits } from './persons.queries.js';

interface Deps {
  db: Db;
  clock: Clock;
  keys: Keys;
  audit: AuditLog;
}

type PersonRow = typeof persons.$inferSelect;

/** Birth date (YYYY-MM-DD) and gender as the ID number states them (17th digit odd: male). */
export function factsFromIdNumber(idNumber: string) {
  return {
    birthDate: `${idNumber.slice(6, 10)}-${idNumber.slice(10, 12)}-${idNumber.slice(12, 14)}`,
    gender: Number(idNumber[16]) % 2 === 1 ? ('male' as const) : ('female' as const),
  };
}

const idContext = (personId: string) => `persons.id_number:${personId}`;

/**
 * Free-text and contact fields stored encrypted: contacts often hold phone and ID numbers; the
 * need-to-know notes are sensitive personal information (PIPL Art. 28).
 */
type SealedField = 'phone' | 'familyContacts' | 'healthNotes' | 'criminalRecord' | 'familyConflict';

/** Encrypts an optional field, bound to this person's row and column. */
function seal(keys: Keys, personId: string, field: SealedField, value: string | null | undefined): string | null {
  return value ? encryptField(keys, value, `persons.${field}:${personId}`) : null;
}

function unseal(keys: Keys, personId: string, field: SealedField, stored: string | null): string | null {
  return stored ? decryptField(keys, stored, `persons.${field}:${personId}`) : null;
}

/** The stored columns for a new person: ID number encrypted, plus blind index and mask. */
export function encryptIdNumber(keys: Keys, personId: string, idNumber: string) {
  return {
    idNumberEnc: encryptField(keys, idNumber, idContext(personId)),
    idNumberIndex: blindIndex(keys, idNumber),
    idNumberMasked: maskIdNumber(idNumber),
  };
}

/** Inserts a person with encrypted fields; used by the API and by the seeds. */
export async function insertPerson(
  tx: Executor,
  keys: Keys,
  values: Omit<CreatePersonBody, 'residenceOrgUnitId'> & {
    id?: string;
    residenceOrgUnitId?: string | undefined;
    householdPath: string;
    residencePath: string | null;
    createdBy: string | null;
  },
): Promise<PersonRow> {
  const id = values.id ?? crypto.randomUUID();
  const idNumber = normalizeIdNumber(values.idNumber);
  const facts = factsFromIdNumber(idNumber);
  const [row] = await tx
    .insert(persons)
    .values({
      id,
      name: values.name,
      gender: values.gender ?? facts.gender,
      birthDate: facts.birthDate,
      ...encryptIdNumber(keys, id, idNumber),
      phoneEnc: seal(keys, id, 'phone', values.phone),
      householdOrgUnitId: values.householdOrgUnitId,
      householdPath: values.householdPath,
      householdAddress: values.householdAddress,
      residenceOrgUnitId: values.residenceOrgUnitId ?? null,
      residencePath: values.residencePath,
      residenceAddress: values.residenceAddress ?? null,
      occupation: values.occupation ?? null,
      familyContactsEnc: seal(keys, id, 'familyContacts', values.familyContacts),
      healthNotesEnc: seal(keys, id, 'healthNotes', values.healthNotes),
      criminalRecordEnc: seal(keys, id, 'criminalRecord', values.criminalRecord),
      familyConflictEnc: seal(keys, id, 'familyConflict', values.familyConflict),
      createdBy: values.createdBy,
    })
    .returning();
  return row as PersonRow;
}

export function createPersonService({ db, clock, keys, audit }: Deps) {
  function summary(actor: Actor, row: PersonWithUnits) {
    const { person, householdOrgUnitName, residenceOrgUnitName } = row;
    return {
      id: person.id,
      name: person.name,
      gender: person.gender as 'male' | 'female' | null,
      idNumberMasked: person.idNumberMasked,
      householdOrgUnitId: person.householdOrgUnitId,
      householdOrgUnitName,
      residenceOrgUnitId: person.residenceOrgUnitId,
      residenceOrgUnitName,
      level: row.openCaseLevel,
      caseStatus: row.openCaseStatus,
      version: person.version,
      abilities: personAbilities(actor, person),
    };
  }

  /** `notesShown`: whether this reader gets the need-to-know notes in clear (need-to-know.ts). */
  async function detail(actor: Actor, row: PersonWithUnits, notesShown: boolean) {
    const { person } = row;
    const history = (await casesOfPerson(db, actor, person.id)).map((c) => ({
      id: c.id,
      status: c.status,
      level: c.level,
      listedOn: c.listedOn,
      closedOn: c.closedOn,
    }));
    return {
      ...summary(actor, row),
      idNumber: decryptField(keys, person.idNumberEnc, idContext(person.id)),
      phone: unseal(keys, person.id, 'phone', person.phoneEnc),
      householdAddress: person.householdAddress,
      residenceAddress: person.residenceAddress,
      occupation: person.occupation,
      familyContacts: unseal(keys, person.id, 'familyContacts', person.familyContactsEnc),
      // Decrypted only for a reader in the circle: the others' answers never held the text.
      ...presentNeedToKnow(
        notesShown
          ? {
              healthNotes: unseal(keys, person.id, 'healthNotes', person.healthNotesEnc),
              criminalRecord: unseal(keys, person.id, 'criminalRecord', person.criminalRecordEnc),
              familyConflict: unseal(keys, person.id, 'familyConflict', person.familyConflictEnc),
            }
          : { healthNotes: null, criminalRecord: null, familyConflict: null },
        notesShown,
      ),
      birthDate: person.birthDate,
      createdAt: beijingIso(person.createdAt),
      updatedAt: beijingIso(person.updatedAt),
      openCase: history.find((c) => c.status === 'proposed' || c.status === 'listed') ?? null,
      cases: history,
    };
  }

  /** 户籍地 must be a village or community inside the actor's jurisdiction. */
  async function householdUnit(actor: Actor, unitId: string) {
    const unit = await findUnit(db, unitId);
    if (!unit || !isResidentialKind(unit.kind))
      throw badRequest('户籍地(householdOrgUnitId)：应选择一个村或社区', 'householdOrgUnitId');
    if (!inScope(actor, unit.path))
      throw badRequest('户籍地(householdOrgUnitId)：不在您的管辖范围内', 'householdOrgUnitId');
    return unit;
  }

  /** 居住地 may lie anywhere (a person may live outside their home town) but must be a village or community. */
  async function residenceUnit(unitId: string) {
    const unit = await findUnit(db, unitId);
    if (!unit || !isResidentialKind(unit.kind))
      throw badRequest('居住地(residenceOrgUnitId)：应选择一个村或社区', 'residenceOrgUnitId');
    return unit;
  }

  async function duplicateError(actor: Actor, idNumberIndex: string): Promise<AppError> {
    const existing = await findPersonByIdIndex(db, idNumberIndex);
    if (existing && personPolicy.read(actor, existing)) {
      return new AppError(409, 'DUPLICATE_ID_NUMBER', `身份证号(idNumber)：已登记为「${existing.name}」`, [
        { field: 'idNumber', message: `已登记为「${existing.name}」，编号 ${existing.id}` },
      ]);
    }
    return conflict('DUPLICATE_ID_NUMBER', '身份证号(idNumber)：该身份证号已登记（不在您的管辖范围内，请联系平安办）');
  }

  return {
    async list(actor: Actor, query: PersonListQuery) {
      let unitPath: string | undefined;
      if (query.orgUnitId) {
        const unit = await findVisibleUnit(db, actor, query.orgUnitId);
        if (!unit) return { items: [], total: 0 };
        unitPath = unit.path;
      }
      const q = query.q?.trim();
      const isIdNumber = q !== undefined && idNumberProblem(q) === null;
      const result = await listPersons(db, actor, {
        idNumberIndex: isIdNumber ? blindIndex(keys, normalizeIdNumber(q)) : undefined,
        nameContains: q && !isIdNumber ? q : undefined,
        unitPath,
        caseStatus: query.status,
        level: query.level,
        category: query.category,
        page: query.page,
        pageSize: query.pageSize,
      });
      return { items: result.items.map((row) => summary(actor, row)), total: result.total };
    },

    /**
     * Every read of a person's file is audited, including attempts outside the jurisdiction; the
     * event says whether the need-to-know notes were shown.
     */
    async get(context: ActorContext, id: string) {
      const row = await findPersonInScope(db, context.actor, id);
      const shown = row ? await needToKnowShown(db, context.actor, id) : false;
      await db.transaction((tx) =>
        audit.record(tx, context, {
          action: 'person.read',
          entityType: 'person',
          entityId: id,
          outcome: row ? 'success' : 'not_found',
          ...(row ? { diff: { after: { needToKnowNotes: shown ? 'shown' : 'withheld' } } } : {}),
        }),
      );
      if (!row) throw notFound();
      return detail(context.actor, row, shown);
    },

    async create(context: ActorContext, body: CreatePersonBody) {
      const actor = context.actor;
      const household = await householdUnit(actor, body.householdOrgUnitId);
      const residence = body.residenceOrgUnitId ? await residenceUnit(body.residenceOrgUnitId) : null;
      const idNumberIndex = blindIndex(keys, body.idNumber);
      if (await findPersonByIdIndex(db, idNumberIndex)) throw await duplicateError(actor, idNumberIndex);
      try {
        const created = await db.transaction(async (tx) => {
          const row = await insertPerson(tx, keys, {
            ...body,
            householdPath: household.path,
            residencePath: residence?.path ?? null,
            createdBy: actor.userId,
          });
          await audit.record(tx, context, {
            action: 'person.create',
            entityType: 'person',
            entityId: row.id,
            diff: { after: { ...body } },
          });
          return row;
        });
        const row = await findPersonInScope(db, actor, created.id);
        if (!row) throw notFound();
        return detail(actor, row, await needToKnowShown(db, actor, created.id));
      } catch (error) {
        if (sqlState(error) === '23505') throw await duplicateError(actor, idNumberIndex);
        throw error;
      }
    },

    async update(context: ActorContext, id: string, body: UpdatePersonBody) {
      const actor = context.actor;
      const existing = await findPersonInScope(db, actor, id);
      if (!existing) throw notFound();
      if (!personPolicy.update(actor, existing.person)) {
        await db.transaction((tx) =>
          audit.record(tx, context, { action: 'person.update', entityType: 'person', entityId: id, outcome: 'denied' }),
        );
        throw new AppError(403, 'FORBIDDEN', '只有户籍地的单位可以修改该人员信息');
      }
      const { version, phone, familyContacts, healthNotes, criminalRecord, familyConflict, ...fieldChanges } = body;
      const notes = { healthNotes, criminalRecord, familyConflict };
      const shown = await needToKnowShown(db, actor, id);
      // Nobody overwrites notes they may not read.
      if (!shown && Object.values(notes).some((note) => note !== undefined)) {
        await db.transaction((tx) =>
          audit.record(tx, context, { action: 'person.update', entityType: 'person', entityId: id, outcome: 'denied' }),
        );
        throw new AppError(
          403,
          'FORBIDDEN',
          '健康状况、违法犯罪记录、家庭矛盾只有该人员服务管理小组成员和平安办可以修改',
        );
      }
      const household = fieldChanges.householdOrgUnitId
        ? await householdUnit(actor, fieldChanges.householdOrgUnitId)
        : null;
      const residence = fieldChanges.residenceOrgUnitId ? await residenceUnit(fieldChanges.residenceOrgUnitId) : null;
      const before = await detail(actor, existing, shown);
      await db.transaction(async (tx) => {
        const [updated] = await tx
          .update(persons)
          .set({
            ...fieldChanges,
            ...(household ? { householdPath: household.path } : {}),
            ...(fieldChanges.residenceOrgUnitId !== undefined ? { residencePath: residence?.path ?? null } : {}),
            ...(phone !== undefined ? { phoneEnc: seal(keys, id, 'phone', phone) } : {}),
            ...(familyContacts !== undefined
              ? { familyContactsEnc: seal(keys, id, 'familyContacts', familyContacts) }
              : {}),
            ...(healthNotes !== undefined ? { healthNotesEnc: seal(keys, id, 'healthNotes', healthNotes) } : {}),
            ...(criminalRecord !== undefined
              ? { criminalRecordEnc: seal(keys, id, 'criminalRecord', criminalRecord) }
              : {}),
            ...(familyConflict !== undefined
              ? { familyConflictEnc: seal(keys, id, 'familyConflict', familyConflict) }
              : {}),
            version: version + 1,
            updatedAt: clock.now(),
          })
          .where(and(eq(persons.id, id), eq(persons.version, version)))
          .returning({ id: persons.id });
        if (!updated) throw staleVersion();
        await audit.record(tx, context, {
          action: 'person.update',
          entityType: 'person',
          entityId: id,
          // The notes' values are hidden by the audit masker; the diff says only that they changed.
          diff: changes(before, { ...fieldChanges, phone, familyContacts, ...notes }),
        });
      });
      const row = await findPersonInScope(db, actor, id);
      if (!row) throw notFound();
      return detail(actor, row, shown);
    },
  };
}
