// The person columns both imports share, their checks, the lookup of persons already on file (by
// the ID number's blind index, many at once) and the set-based insert of new ones with the same
// encryption as POST /api/persons.
import { ID_NUMBER_MESSAGES, type ImportRejection, idNumberProblem, normalizeIdNumber, phone } from '@anxin/shared';
import { inArray, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { persons } from '../../db/schema.js';
import { blindIndex, encryptField, type Keys } from '../../lib/crypto.js';
import { encryptIdNumber, factsFromIdNumber } from '../persons/persons.service.js';
import { type Column, problem, type TableRow } from './table.js';

const column = (key: string, header: string, rest: Omit<Column, 'key' | 'header'>): Column => ({
  key,
  header,
  ...rest,
});

export const NAME_COLUMN = column('name', '姓名', {
  required: true,
  kind: 'text',
  max: 32,
  width: 10,
  help: '人员姓名',
});
export const ID_NUMBER_COLUMN = column('idNumber', '身份证号', {
  required: true,
  kind: 'idNumber',
  width: 22,
  help: '18位公民身份号码（最后一位可为X），按文本格式填写；系统按身份证号匹配已登记的人员，校验位错误的行不能导入',
});
export const GENDER_COLUMN = column('gender', '性别', {
  required: false,
  kind: 'text',
  width: 6,
  help: '男或女；不填时按身份证号确定，填写的须与身份证号一致',
});
export const PHONE_COLUMN = column('phone', '联系电话', {
  required: false,
  kind: 'text',
  width: 14,
  help: '手机11位，或带区号的固定电话',
});
export const HOUSEHOLD_ADDRESS_COLUMN = column('householdAddress', '户籍地址', {
  required: false,
  kind: 'text',
  max: 200,
  width: 26,
  help: '尚未登记的人员必填；已登记的人员以人员档案为准，此列不改动档案',
});
export const RESIDENCE_ADDRESS_COLUMN = column('residenceAddress', '居住地址', {
  required: false,
  kind: 'text',
  max: 200,
  width: 26,
  help: '实际居住地址（尚未登记的人员）',
});

export interface PersonInput {
  name: string;
  idNumber: string;
  gender: 'male' | 'female' | undefined;
  phone: string | undefined;
  householdAddress: string | undefined;
  residenceAddress: string | undefined;
}

const GENDER_WORDS: Record<string, 'male' | 'female'> = { 男: 'male', 女: 'female' };

/** The person cells of a row, checked; null (with the problems recorded) when one is wrong. */
export function personInput(row: TableRow, problems: { add(item: ImportRejection): void }): PersonInput | null {
  let wrong = false;
  const report = (item: ImportRejection) => {
    wrong = true;
    problems.add(item);
  };
  const values = row.values;
  const idNumber = values.idNumber ? normalizeIdNumber(values.idNumber) : undefined;
  const idProblem = idNumber ? idNumberProblem(idNumber) : null;
  if (idNumber && idProblem) report(problem(row.row, ID_NUMBER_COLUMN, ID_NUMBER_MESSAGES[idProblem]));
  let gender: 'male' | 'female' | undefined;
  if (values.gender) {
    gender = GENDER_WORDS[values.gender];
    if (!gender) report(problem(row.row, GENDER_COLUMN, '应填写“男”或“女”'));
    else if (idNumber && !idProblem && factsFromIdNumber(idNumber).gender !== gender) {
      report(problem(row.row, GENDER_COLUMN, '与身份证号不一致（第17位奇数为男、偶数为女）'));
    }
  }
  if (values.phone && !phone.safeParse(values.phone).success) {
    report(problem(row.row, PHONE_COLUMN, '格式错误（手机11位，或带区号的固定电话）'));
  }
  if (wrong || !idNumber || !values.name) return null;
  return {
    name: values.name,
    idNumber,
    gender,
    phone: values.phone,
    householdAddress: values.householdAddress,
    residenceAddress: values.residenceAddress,
  };
}

export interface PersonOnFile {
  id: string;
  name: string;
  householdOrgUnitId: string;
  householdPath: string;
  residencePath: string | null;
}

/** Persons already on file, by normalised ID number: one query per 5,000 numbers. */
export async function personsOnFile(
  db: Executor,
  keys: Keys,
  idNumbers: readonly string[],
): Promise<Map<string, PersonOnFile>> {
  const byIndex = new Map<string, string>();
  for (const idNumber of new Set(idNumbers)) byIndex.set(blindIndex(keys, idNumber), idNumber);
  const indexes = [...byIndex.keys()];
  const found = new Map<string, PersonOnFile>();
  for (let start = 0; start < indexes.length; start += 5000) {
    const rows = await db
      .select({
        id: persons.id,
        name: persons.name,
        index: persons.idNumberIndex,
        householdOrgUnitId: persons.householdOrgUnitId,
        householdPath: persons.householdPath,
        residencePath: persons.residencePath,
      })
      .from(persons)
      .where(inArray(persons.idNumberIndex, indexes.slice(start, start + 5000)));
    for (const { index, ...person } of rows) found.set(byIndex.get(index) as string, person);
  }
  return found;
}

export interface NewPerson {
  id: string;
  input: PersonInput;
  household: { id: string; path: string };
  residence: { id: string; path: string } | null;
}

/**
 * Inserts new persons in one statement, encrypted as POST /api/persons stores them (ID number and
 * phone under SM4 bound to the row, blind index, mask, birth date and gender from the ID number).
 */
export async function insertPersons(tx: Executor, keys: Keys, created: readonly NewPerson[], createdBy: string) {
  if (created.length === 0) return;
  const rows = created.map(({ id, input, household, residence }) => {
    const facts = factsFromIdNumber(input.idNumber);
    const sealed = encryptIdNumber(keys, id, input.idNumber);
    return {
      id,
      name: input.name,
      gender: input.gender ?? facts.gender,
      id_number_enc: sealed.idNumberEnc,
      id_number_index: sealed.idNumberIndex,
      id_number_masked: sealed.idNumberMasked,
      birth_date: facts.birthDate,
      phone_enc: input.phone ? encryptField(keys, input.phone, `persons.phone:${id}`) : null,
      household_org_unit_id: household.id,
      household_path: household.path,
      household_address: input.householdAddress ?? '',
      residence_org_unit_id: residence?.id ?? null,
      residence_path: residence?.path ?? null,
      residence_address: input.residenceAddress ?? null,
      created_by: createdBy,
    };
  });
  await tx.execute(sql`
    INSERT INTO persons (id, name, gender, id_number_enc, id_number_index, id_number_masked, birth_date, phone_enc,
                         household_org_unit_id, household_path, household_address, residence_org_unit_id,
                         residence_path, residence_address, created_by)
    SELECT id, name, gender, id_number_enc, id_number_index, id_number_masked, birth_date, phone_enc,
           household_org_unit_id, household_path, household_address, residence_org_unit_id,
           residence_path, residence_address, created_by
    FROM json_to_recordset(${JSON.stringify(rows)}::json) AS r(
      id uuid, name text, gender text, id_number_enc text, id_number_index text, id_number_masked text,
      birth_date date, phone_enc text, household_org_unit_id uuid, household_path text, household_address text,
      residence_org_unit_id uuid, residence_path text, residence_address text, created_by uuid)
  `);
}
