import { z } from 'zod';
import { abilities, id, pageQuery, text } from './common.js';
import { ID_NUMBER_MESSAGES, idNumberProblem, normalizeIdNumber } from './id-number.js';
import { NEED_TO_KNOW_FIELDS, NEED_TO_KNOW_MAX } from './notice.js';

export const GENDERS = ['male', 'female'] as const;
export const GENDER_LABELS = { male: '男', female: '女' } as const;

/** 身份证号: 18 characters with a valid GB 11643 check digit. */
export const idNumber = z
  .string()
  .trim()
  .max(18, ID_NUMBER_MESSAGES.format)
  .transform(normalizeIdNumber)
  .superRefine((value, ctx) => {
    const problem = idNumberProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', message: ID_NUMBER_MESSAGES[problem] });
  });

export const phone = z
  .string()
  .trim()
  .regex(/^(1\d{10}|0\d{2,3}-?\d{7,8})$/, '联系电话格式错误（手机11位或带区号的固话）');

const personFields = {
  name: text(32).min(1),
  gender: z.enum(GENDERS).optional(),
  phone: phone.optional(),
  householdOrgUnitId: id,
  householdAddress: text(200).min(1),
  residenceOrgUnitId: id.optional(),
  residenceAddress: text(200).optional(),
  occupation: text(64).optional(),
  familyContacts: text(500).optional(),
  /** Need-to-know notes (notice.ts): stored SM4-encrypted, shown only to those who need them. */
  healthNotes: text(NEED_TO_KNOW_MAX).optional(),
  criminalRecord: text(NEED_TO_KNOW_MAX).optional(),
  familyConflict: text(NEED_TO_KNOW_MAX).optional(),
};

// 人员
export const createPersonBody = z.strictObject({ ...personFields, idNumber });
export type CreatePersonBody = z.infer<typeof createPersonBody>;

/** `version` is required so that two people editing one record cannot overwrite each other. */
export const updatePersonBody = z.strictObject({
  name: personFields.name.optional(),
  gender: personFields.gender,
  phone: phone.or(z.literal('')).optional(),
  householdOrgUnitId: id.optional(),
  householdAddress: personFields.householdAddress.optional(),
  residenceOrgUnitId: id.nullable().optional(),
  residenceAddress: personFields.residenceAddress,
  occupation: personFields.occupation,
  familyContacts: personFields.familyContacts,
  /** '' clears a note; only a reader of the notes may change them (403 otherwise). */
  healthNotes: personFields.healthNotes,
  criminalRecord: personFields.criminalRecord,
  familyConflict: personFields.familyConflict,
  version: z.number().int().min(1),
});
export type UpdatePersonBody = z.infer<typeof updatePersonBody>;

export const personListQuery = z.strictObject({
  ...pageQuery,
  q: text(64).optional(),
  orgUnitId: id.optional(),
  level: z.coerce.number().int().min(1).max(3).optional(),
  status: z.enum(['proposed', 'listed', 'rejected', 'delisted', 'none']).optional(),
  category: z
    .string()
    .regex(/^C[1-8]$/, '类别应为C1至C8')
    .optional(),
});
export type PersonListQuery = z.infer<typeof personListQuery>;

export const personSummary = z.object({
  id,
  name: z.string(),
  gender: z.enum(GENDERS).nullable(),
  /** Masked: first 3 and last 4 characters. */
  idNumberMasked: z.string(),
  householdOrgUnitId: id,
  householdOrgUnitName: z.string(),
  residenceOrgUnitId: id.nullable(),
  residenceOrgUnitName: z.string().nullable(),
  level: z.number().int().nullable(),
  caseStatus: z.string().nullable(),
  version: z.number().int(),
  abilities,
});
export type PersonSummary = z.infer<typeof personSummary>;

export const personCase = z.object({
  id,
  status: z.string(),
  level: z.number().int().nullable(),
  listedOn: z.string().nullable(),
  closedOn: z.string().nullable(),
});

export const personDetail = personSummary.extend({
  /** Full ID number: shown on the detail page, whose every read is audited. */
  idNumber: z.string(),
  phone: z.string().nullable(),
  householdAddress: z.string(),
  residenceAddress: z.string().nullable(),
  occupation: z.string().nullable(),
  familyContacts: z.string().nullable(),
  /** Null for a reader outside the need-to-know circle: then the field is in `restrictedFields`. */
  healthNotes: z.string().nullable(),
  criminalRecord: z.string().nullable(),
  familyConflict: z.string().nullable(),
  /** The need-to-know fields withheld from this reader (all three or none, whether or not they hold text). */
  restrictedFields: z.array(z.enum(NEED_TO_KNOW_FIELDS)),
  birthDate: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  openCase: personCase.nullable(),
  cases: z.array(personCase),
});
export type PersonDetail = z.infer<typeof personDetail>;
