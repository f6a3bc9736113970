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
  const village = { id: 'v1' };
  const dept = (id: string, path: string, parentId: string) => ({ id, path, kind: 'department', parentId });
  const active = (...roles: string[]) => ({ roles, disabled: false });

  it('takes the town’s staff, the person’s village and the district’s departments', () => {
    expect(mayJoinTeam(active('police'), dept('pcs', `${TOWN}pcs/`, 't'), town, village)).toBe(true);
    expect(mayJoinTeam(active('leader'), { id: 't', path: TOWN, kind: 'town', parentId: 'd' }, town, village)).toBe(
      true,
    );
    expect(
      mayJoinTeam(
        active('village_cadre'),
        { id: 'v1', path: `${TOWN}v1/`, kind: 'village', parentId: 't' },
        town,
        village,
      ),
    ).toBe(true);
    expect(mayJoinTeam(active('police'), dept('gaj', '/d/gaj/', 'd'), town, village)).toBe(true);
  });

  it('refuses other villages, other towns, readers and disabled accounts', () => {
    expect(
      mayJoinTeam(
        active('village_cadre'),
        { id: 'v2', path: `${TOWN}v2/`, kind: 'village', parentId: 't' },
        town,
        village,
      ),
    ).toBe(false);
    expect(mayJoinTeam(active('police'), dept('pcs2', '/d/t2/pcs/', 't2'), town, village)).toBe(false);
    expect(mayJoinTeam(active('inspector'), dept('dc', `${TOWN}dc/`, 't'), town, village)).toBe(false);
    expect(mayJoinTeam(active('admin'), { id: 't', path: TOWN, kind: 'town', parentId: 'd' }, town, village)).toBe(
      false,
    );
    expect(mayJoinTeam({ roles: ['police'], disabled: true }, dept('pcs', `${TOWN}pcs/`, 't'), town, village)).toBe(
      false,
    );
  });
});
