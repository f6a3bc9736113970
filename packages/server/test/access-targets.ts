import type { Role } from '@anxin/shared';
import { DEMO_PERSON_IDS, DEMO_UNITS } from '../src/seed/demo-town.js';

/** A person inside and one outside each role's jurisdiction (null: the demo has none outside). */
export const TARGETS: Record<
  Role,
  { inside: string; outside: string | null; village: string; foreignVillage: string | null }
> = {
  admin: {
    inside: DEMO_PERSON_IDS.赵志强 as string,
    outside: null,
    village: DEMO_UNITS.village1,
    foreignVillage: null,
  },
  peace_office: {
    inside: DEMO_PERSON_IDS.赵志强 as string,
    outside: DEMO_PERSON_IDS.卫红英 as string,
    village: DEMO_UNITS.village1,
    foreignVillage: DEMO_UNITS.otherVillage,
  },
  police: {
    inside: DEMO_PERSON_IDS.周文斌 as string,
    outside: DEMO_PERSON_IDS.卫红英 as string,
    village: DEMO_UNITS.village2,
    foreignVillage: DEMO_UNITS.otherVillage,
  },
  judicial: {
    inside: DEMO_PERSON_IDS.王淑珍 as string,
    outside: DEMO_PERSON_IDS.卫红英 as string,
    village: DEMO_UNITS.community,
    foreignVillage: DEMO_UNITS.otherVillage,
  },
  civil_affairs: {
    inside: DEMO_PERSON_IDS.冯建华 as string,
    outside: DEMO_PERSON_IDS.卫红英 as string,
    village: DEMO_UNITS.community,
    foreignVillage: DEMO_UNITS.otherVillage,
  },
  health: {
    inside: DEMO_PERSON_IDS.陈玉梅 as string,
    outside: DEMO_PERSON_IDS.卫红英 as string,
    village: DEMO_UNITS.community,
    foreignVillage: DEMO_UNITS.otherVillage,
  },
  village_cadre: {
    inside: DEMO_PERSON_IDS.钱秀兰 as string,
    outside: DEMO_PERSON_IDS.周文斌 as string,
    village: DEMO_UNITS.village1,
    foreignVillage: DEMO_UNITS.village2,
  },
  leader: {
    inside: DEMO_PERSON_IDS.李桂芳 as string,
    outside: DEMO_PERSON_IDS.卫红英 as string,
    village: DEMO_UNITS.village1,
    foreignVillage: DEMO_UNITS.otherVillage,
  },
  district: {
    inside: DEMO_PERSON_IDS.卫红英 as string,
    outside: null,
    village: DEMO_UNITS.otherVillage,
    foreignVillage: null,
  },
  inspector: {
    inside: DEMO_PERSON_IDS.孙德明 as string,
    outside: null,
    village: DEMO_UNITS.village1,
    foreignVillage: null,
  },
};
