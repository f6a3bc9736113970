// The fictional demo town of API.md. Every name here is invented; none is an official of the plan.
// Ids are fixed so that tests and browser walkthroughs can name them.
import { DEMO_PASSWORD, idCheckChar, type OrgKind, type Role } from '@anxin/shared';
import type { Executor } from '../db/client.js';
import type { Keys } from '../lib/crypto.js';
import { findUnit } from '../modules/org/org.queries.js';
import { insertOrgUnit } from '../modules/org/org.service.js';
import { insertPerson } from '../modules/persons/persons.service.js';
import { writeDemoMode } from '../modules/settings.js';
import { insertUser } from '../modules/users/users.queries.js';

const unitId = (n: number) => `a0000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const userId = (n: number) => `b0000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const personId = (n: number) => `c0000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

export const DEMO_UNITS = {
  city: unitId(1),
  district: unitId(2),
  town: unitId(10),
  village1: unitId(11),
  village2: unitId(12),
  community: unitId(13),
  peaceOffice: unitId(20),
  policeStation: unitId(21),
  judicialOffice: unitId(22),
  civilAffairs: unitId(23),
  healthCentre: unitId(24),
  townGovernment: unitId(25),
  districtPoliticalLegal: unitId(30),
  districtPolice: unitId(31),
  districtPetitions: unitId(32),
  districtJustice: unitId(33),
  districtCivilAffairs: unitId(34),
  districtHealth: unitId(35),
  otherTown: unitId(40),
  otherVillage: unitId(41),
  otherPeaceOffice: unitId(42),
} as const;

const U = DEMO_UNITS;
const UNITS: { id: string; parentId: string | null; name: string; kind: OrgKind; code?: string }[] = [
  { id: U.city, parentId: null, name: '演示市', kind: 'municipality' },
  { id: U.district, parentId: U.city, name: '演示区', kind: 'district' },
  { id: U.town, parentId: U.district, name: '演示镇', kind: 'town' },
  { id: U.village1, parentId: U.town, name: '演示一村', kind: 'village', code: '500199101201' },
  { id: U.village2, parentId: U.town, name: '演示二村', kind: 'village', code: '500199101202' },
  { id: U.community, parentId: U.town, name: '演示社区', kind: 'community', code: '500199101001' },
  { id: U.peaceOffice, parentId: U.town, name: '演示镇平安办', kind: 'department' },
  { id: U.policeStation, parentId: U.town, name: '演示镇派出所', kind: 'department' },
  { id: U.judicialOffice, parentId: U.town, name: '演示镇司法所', kind: 'department' },
  { id: U.civilAffairs, parentId: U.town, name: '演示镇民政办', kind: 'department' },
  { id: U.healthCentre, parentId: U.town, name: '演示镇卫生院', kind: 'department' },
  { id: U.townGovernment, parentId: U.town, name: '演示镇党委、政府', kind: 'department' },
  { id: U.districtPoliticalLegal, parentId: U.district, name: '区委政法委', kind: 'department' },
  { id: U.districtPolice, parentId: U.district, name: '区公安局', kind: 'department' },
  { id: U.districtPetitions, parentId: U.district, name: '区信访办', kind: 'department' },
  { id: U.districtJustice, parentId: U.district, name: '区司法局', kind: 'department' },
  { id: U.districtCivilAffairs, parentId: U.district, name: '区民政局', kind: 'department' },
  { id: U.districtHealth, parentId: U.district, name: '区卫健委', kind: 'department' },
  // A neighbouring town, so that town users have something outside their jurisdiction.
  { id: U.otherTown, parentId: U.district, name: '示范镇', kind: 'town' },
  { id: U.otherVillage, parentId: U.otherTown, name: '示范村', kind: 'village', code: '500199102201' },
  { id: U.otherPeaceOffice, parentId: U.otherTown, name: '示范镇平安办', kind: 'department' },
];

export const DEMO_ACCOUNTS: {
  id: string;
  username: string;
  displayName: string;
  label: string;
  orgUnitId: string;
  roles: Role[];
}[] = [
  {
    id: userId(1),
    username: 'admin',
    displayName: '系统管理员',
    label: '系统管理员',
    orgUnitId: U.townGovernment,
    roles: ['admin'],
  },
  {
    id: userId(2),
    username: 'pingan',
    displayName: '平安办 周安',
    label: '平安办',
    orgUnitId: U.peaceOffice,
    roles: ['peace_office'],
  },
  {
    id: userId(3),
    username: 'paichusuo',
    displayName: '派出所 吴警',
    label: '派出所',
    orgUnitId: U.policeStation,
    roles: ['police'],
  },
  {
    id: userId(4),
    username: 'sifasuo',
    displayName: '司法所 郑法',
    label: '司法所',
    orgUnitId: U.judicialOffice,
    roles: ['judicial'],
  },
  {
    id: userId(5),
    username: 'minzheng',
    displayName: '民政办 王民',
    label: '民政办',
    orgUnitId: U.civilAffairs,
    roles: ['civil_affairs'],
  },
  {
    id: userId(6),
    username: 'weisheng',
    displayName: '卫生院 冯医',
    label: '卫生院',
    orgUnitId: U.healthCentre,
    roles: ['health'],
  },
  {
    id: userId(7),
    username: 'cun1',
    displayName: '演示一村 陈村',
    label: '演示一村干部',
    orgUnitId: U.village1,
    roles: ['village_cadre'],
  },
  {
    id: userId(8),
    username: 'cun2',
    displayName: '演示二村 褚村',
    label: '演示二村干部',
    orgUnitId: U.village2,
    roles: ['village_cadre'],
  },
  {
    id: userId(9),
    username: 'lingdao',
    displayName: '领导小组 卫领',
    label: '领导小组',
    orgUnitId: U.townGovernment,
    roles: ['leader'],
  },
  {
    id: userId(10),
    username: 'quji',
    displayName: '区委政法委 蒋区',
    label: '区级用户（区委政法委）',
    orgUnitId: U.districtPoliticalLegal,
    roles: ['district'],
  },
  {
    id: userId(11),
    username: 'ducha',
    displayName: '督导 沈督',
    label: '督导检查',
    orgUnitId: U.districtPoliticalLegal,
    roles: ['inspector'],
  },
  // Beyond API.md's eleven: 演示社区 needs its own cadre to sit in assessment meetings on its people.
  {
    id: userId(12),
    username: 'shequ',
    displayName: '演示社区 蒋社',
    label: '演示社区干部',
    orgUnitId: U.community,
    roles: ['village_cadre'],
  },
];

export const DEMO_USERS = Object.fromEntries(DEMO_ACCOUNTS.map((account) => [account.username, account.id])) as Record<
  string,
  string
>;

/** A checksum-valid ID number in the fictional area 500199 (no such county exists). */
export function demoIdNumber(birth: string, sequence: number): string {
  const first17 = `500199${birth}${String(sequence).padStart(3, '0')}`;
  return first17 + idCheckChar(first17);
}

export const DEMO_PERSONS = [
  {
    n: 1,
    name: '赵志强',
    birth: '19750312',
    seq: 11,
    household: U.village1,
    address: '演示一村3组12号',
    phone: '13800000001',
  },
  { n: 2, name: '钱秀兰', birth: '19820705', seq: 22, household: U.village1, address: '演示一村1组5号' },
  {
    n: 3,
    name: '孙德明',
    birth: '19680120',
    seq: 31,
    household: U.village1,
    address: '演示一村5组2号',
    residence: U.community,
    residenceAddress: '演示社区幸福路8号',
  },
  {
    n: 4,
    name: '李桂芳',
    birth: '19900918',
    seq: 42,
    household: U.village1,
    address: '演示一村2组7号',
    phone: '13800000004',
  },
  { n: 5, name: '周文斌', birth: '19861103', seq: 53, household: U.village2, address: '演示二村4组1号' },
  {
    n: 6,
    name: '吴小红',
    birth: '19950227',
    seq: 64,
    household: U.village2,
    address: '演示二村2组9号',
    phone: '13800000006',
  },
  {
    n: 7,
    name: '郑国平',
    birth: '19720816',
    seq: 75,
    household: U.village2,
    address: '演示二村6组3号',
    residence: U.village1,
    residenceAddress: '演示一村3组20号',
  },
  { n: 8, name: '王淑珍', birth: '19640509', seq: 86, household: U.community, address: '演示社区和平街15号' },
  {
    n: 9,
    name: '冯建华',
    birth: '19791230',
    seq: 97,
    household: U.community,
    address: '演示社区和平街3号',
    phone: '13800000009',
  },
  { n: 10, name: '陈玉梅', birth: '19880614', seq: 108, household: U.community, address: '演示社区幸福路21号' },
  {
    n: 11,
    name: '褚立新',
    birth: '19930401',
    seq: 119,
    household: U.village1,
    address: '演示一村6组8号',
    residence: U.otherVillage,
    residenceAddress: '示范村1组4号',
  },
  { n: 12, name: '卫红英', birth: '19700722', seq: 120, household: U.otherVillage, address: '示范村2组6号' },
].map((p) => ({ ...p, id: personId(p.n), idNumber: demoIdNumber(p.birth, p.seq) }));

export const DEMO_PERSON_IDS = Object.fromEntries(DEMO_PERSONS.map((p) => [p.name, p.id])) as Record<string, string>;

/**
 * Creates the demo town in an empty database and marks the database as a demo: the login page
 * then lists the accounts, and the demo password is accepted.
 */
export async function seedDemoTown(tx: Executor, keys: Keys, demoPasswordHash: string): Promise<void> {
  for (const unit of UNITS) await insertOrgUnit(tx, unit);
  for (const { label: _label, ...account } of DEMO_ACCOUNTS) {
    await insertUser(tx, { ...account, passwordHash: demoPasswordHash });
  }
  for (const person of DEMO_PERSONS) {
    const household = await findUnit(tx, person.household);
    const residence = person.residence ? await findUnit(tx, person.residence) : undefined;
    if (!household) throw new Error(`demo unit ${person.household} missing`);
    await insertPerson(tx, keys, {
      id: person.id,
      name: person.name,
      idNumber: person.idNumber,
      phone: person.phone,
      householdOrgUnitId: household.id,
      householdPath: household.path,
      householdAddress: person.address,
      residenceOrgUnitId: residence?.id,
      residencePath: residence?.path ?? null,
      residenceAddress: person.residenceAddress,
      createdBy: null,
    });
  }
  await writeDemoMode(tx, true);
}

export { DEMO_PASSWORD };
