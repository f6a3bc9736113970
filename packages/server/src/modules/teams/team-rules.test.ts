import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from '../obligations/rules.js';
import { mayJoinTeam, missingTeamUnits } from './team-rules.js';

const TOWN = '/d/t/';
const context = { townPath: TOWN, village: { id: 'v1', name: '演示一村' } };
const member = (roles: string[], orgUnitId: string, unitPath: string) => ({ roles, orgUnitId, unitPath });
const full = [
  member(['peace_office'], 'pa', `${TOWN}pa/`),
  member(['police'], 'pcs', `${TOWN}pcs/`),
  member(['judicial'], 'sfs', `${TOWN}sfs/`),
  member(['civil_affairs'], 'mz', `${TOWN}mz/`),
  member(['health'], 'ws', `${TOWN}ws/`),
  member(['village_cadre'], 'v1', `${TOWN}v1/`),
];

describe('一人一专班: required units', () => {
  it('accepts a level-2 team with every unit', () => {
    expect(missingTeamUnits(DEFAULT_POLICY.teamUnits[2], full, context)).toEqual([]);
  });

  it('names what is missing, the village by its name', () => {
    const missing = missingTeamUnits(DEFAULT_POLICY.teamUnits[3], full.slice(0, 2), context);
    expect(missing.map((m) => m.label)).toEqual(['司法所', '民政办', '卫生院', '演示一村']);
  });

  it('asks a town leader on a level-1 team', () => {
    expect(missingTeamUnits(DEFAULT_POLICY.teamUnits[1], full, context).map((m) => m.unit)).toEqual(['leader']);
    const withLeader = [...full, member(['leader'], 'town', TOWN)];
    expect(missingTeamUnits(DEFAULT_POLICY.teamUnits[1], withLeader, context)).toEqual([]);
  });

  it('does not count another town’s police station, or another village’s cadre', () => {
    const foreign = [
      ...full.filter((m) => !m.roles.includes('police') && !m.roles.includes('village_cadre')),
      member(['police'], 'pcs2', '/d/t2/pcs2/'),
      member(['village_cadre'], 'v2', `${TOWN}v2/`),
    ];
    expect(missingTeamUnits(DEFAULT_POLICY.teamUnits[2], foreign, context).map((m) => m.unit)).toEqual([
      'police',
      'village',
    ]);
  });

  it('needs no village when the case is held by a town without one', () => {
    expect(missingTeamUnits(['village'], [], { townPath: TOWN, village: null })).toEqual([]);
  });
});

describe('who may join a team', () => {
  const town = { path: TOWN, parentId: 'd' };
  it('takes the town’s staff and the district’s departments', () => {
    expect(
      mayJoinTeam(
        { roles: ['police'], disabled: false },
        { path: `${TOWN}pcs/`, kind: 'department', parentId: 't' },
        town,
      ),
    ).toBe(true);
    expect(
      mayJoinTeam(
        { roles: ['district'], disabled: false },
        { path: '/d/zfw/', kind: 'department', parentId: 'd' },
        town,
      ),
    ).toBe(true);
  });

  it('refuses the administrator, disabled accounts and other towns', () => {
    expect(mayJoinTeam({ roles: ['admin'], disabled: false }, { path: TOWN, kind: 'town', parentId: 'd' }, town)).toBe(
      false,
    );
    expect(
      mayJoinTeam(
        { roles: ['police'], disabled: true },
        { path: `${TOWN}pcs/`, kind: 'department', parentId: 't' },
        town,
      ),
    ).toBe(false);
    expect(
      mayJoinTeam(
        { roles: ['police'], disabled: false },
        { path: '/d/t2/pcs/', kind: 'department', parentId: 't2' },
        town,
      ),
    ).toBe(false);
  });
});
