import { date, index, integer, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, updatedAt } from './columns.js';
import { orgUnits, users } from './identity.js';

/** 人员. ID number and phone are SM4-encrypted with an HMAC-SM3 tag; idNumberIndex is the blind index. */
export const persons = pgTable(
  'persons',
  {
    id: uuid('id').primaryKey(),
    name: text('name').notNull(),
    gender: text('gender'),
    idNumberEnc: text('id_number_enc').notNull(),
    idNumberIndex: text('id_number_index').notNull(),
    idNumberMasked: text('id_number_masked').notNull(),
    birthDate: date('birth_date', { mode: 'string' }).notNull(),
    phoneEnc: text('phone_enc'),
    householdOrgUnitId: uuid('household_org_unit_id')
      .notNull()
      .references(() => orgUnits.id),
    /** Copy of the household unit's path: jurisdiction filters by prefix without a join. */
    householdPath: text('household_path').notNull(),
    householdAddress: text('household_address').notNull(),
    residenceOrgUnitId: uuid('residence_org_unit_id').references(() => orgUnits.id),
    residencePath: text('residence_path'),
    residenceAddress: text('residence_address'),
    occupation: text('occupation'),
    /** Encrypted like the phone: family contacts are written with their numbers. */
    familyContactsEnc: text('family_contacts_enc'),
    /**
     * Need-to-know notes (健康状况, 违法犯罪记录, 家庭矛盾), SM4-encrypted: shown only to the open
     * case's team, 平安办 and 督导; everyone else in scope sees them masked.
     */
    healthNotesEnc: text('health_notes_enc'),
    criminalRecordEnc: text('criminal_record_enc'),
    familyConflictEnc: text('family_conflict_enc'),
    version: integer('version').notNull().default(1),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('persons_id_number_index_key').on(t.idNumberIndex),
    index('persons_household_path_idx').on(t.householdPath.op('text_pattern_ops')),
    index('persons_residence_path_idx').on(t.residencePath.op('text_pattern_ops')),
    index('persons_name_idx').on(t.name),
    // The persons list pages newest first; without this the municipality's first page sorts every row (PERFORMANCE.md).
    index('persons_created_idx').on(t.createdAt.desc().nullsFirst(), t.id),
  ],
);
