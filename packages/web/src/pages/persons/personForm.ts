import type { CreatePersonBody, PersonDetail, UpdatePersonBody } from '@anxin/shared';

/** What the person form holds; empty inputs are '' or undefined. */
export interface PersonFormValues {
  name: string;
  idNumber?: string;
  gender?: 'male' | 'female';
  phone?: string;
  householdOrgUnitId: string;
  householdAddress: string;
  residenceOrgUnitId?: string;
  residenceAddress?: string;
  occupation?: string;
  familyContacts?: string;
  /** Need-to-know notes: in the form only for a user who may read them (or on a new person). */
  healthNotes?: string;
  criminalRecord?: string;
  familyConflict?: string;
}

export const PERSON_FORM_FIELDS = [
  'name',
  'idNumber',
  'gender',
  'phone',
  'householdOrgUnitId',
  'householdAddress',
  'residenceOrgUnitId',
  'residenceAddress',
  'occupation',
  'familyContacts',
  'healthNotes',
  'criminalRecord',
  'familyConflict',
] as const;

/** The need-to-know notes, as the form names them. */
export const NOTE_FIELDS = ['healthNotes', 'criminalRecord', 'familyConflict'] as const;

/** Whether this user may see (and so edit) the person's need-to-know notes. */
export const notesVisible = (person: PersonDetail) => person.restrictedFields.length === 0;

const trimmed = (value: string | undefined) => value?.trim() || undefined;

export function toFormValues(person: PersonDetail): PersonFormValues {
  return {
    name: person.name,
    idNumber: person.idNumber,
    gender: person.gender ?? undefined,
    phone: person.phone ?? undefined,
    householdOrgUnitId: person.householdOrgUnitId,
    householdAddress: person.householdAddress,
    residenceOrgUnitId: person.residenceOrgUnitId ?? undefined,
    residenceAddress: person.residenceAddress ?? undefined,
    occupation: person.occupation ?? undefined,
    familyContacts: person.familyContacts ?? undefined,
    healthNotes: person.healthNotes ?? undefined,
    criminalRecord: person.criminalRecord ?? undefined,
    familyConflict: person.familyConflict ?? undefined,
  };
}

/** Optional fields left empty are omitted: the create schema refuses '' for a phone. */
export function toCreateBody(values: PersonFormValues): CreatePersonBody {
  return {
    name: values.name.trim(),
    idNumber: (values.idNumber ?? '').trim().toUpperCase(),
    gender: values.gender,
    phone: trimmed(values.phone),
    householdOrgUnitId: values.householdOrgUnitId,
    householdAddress: values.householdAddress.trim(),
    residenceOrgUnitId: values.residenceOrgUnitId || undefined,
    residenceAddress: trimmed(values.residenceAddress),
    occupation: trimmed(values.occupation),
    familyContacts: trimmed(values.familyContacts),
    healthNotes: trimmed(values.healthNotes),
    criminalRecord: trimmed(values.criminalRecord),
    familyConflict: trimmed(values.familyConflict),
  };
}

/**
 * Only the fields that changed, so the audit diff shows what the user did.
 * A cleared field is sent as '' (or null for a unit) because an absent key means "unchanged".
 */
export function toUpdateBody(values: PersonFormValues, person: PersonDetail): UpdatePersonBody {
  const before = toFormValues(person);
  const body: UpdatePersonBody = { version: person.version };
  const text = (value: string | undefined) => value?.trim() ?? '';
  if (text(values.name) !== before.name) body.name = text(values.name);
  if (values.gender && values.gender !== before.gender) body.gender = values.gender;
  if (text(values.phone) !== (before.phone ?? '')) body.phone = text(values.phone);
  if (values.householdOrgUnitId !== before.householdOrgUnitId) body.householdOrgUnitId = values.householdOrgUnitId;
  if (text(values.householdAddress) !== before.householdAddress) body.householdAddress = text(values.householdAddress);
  if ((values.residenceOrgUnitId ?? null) !== (before.residenceOrgUnitId ?? null)) {
    body.residenceOrgUnitId = values.residenceOrgUnitId ?? null;
  }
  if (text(values.residenceAddress) !== (before.residenceAddress ?? '')) {
    body.residenceAddress = text(values.residenceAddress);
  }
  if (text(values.occupation) !== (before.occupation ?? '')) body.occupation = text(values.occupation);
  if (text(values.familyContacts) !== (before.familyContacts ?? '')) body.familyContacts = text(values.familyContacts);
  // Withheld notes are not in the form and never sent: the server refuses changes from those who cannot read them.
  if (notesVisible(person)) {
    for (const field of NOTE_FIELDS) {
      if (text(values[field]) !== (before[field] ?? '')) body[field] = text(values[field]);
    }
  }
  return body;
}
