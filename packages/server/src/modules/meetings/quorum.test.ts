import { describe, expect, it } from 'vitest';
import { missingForQuorum, quorumFor } from './quorum.js';

const village = { id: 'v1', name: '演示一村' };
const TOWN = '/d/t/';
const full = [
  { roles: ['leader'], orgUnitId: 'gov', unitPath: '/d/t/gov/' },
  { roles: ['police'], orgUnitId: 'pcs', unitPath: '/d/t/pcs/' },
  { roles: ['peace_office'], orgUnitId: 'pab', unitPath: '/d/t/pab/' },
  { roles: ['village_cadre'], orgUnitId: 'v1', unitPath: '/d/t/v1/' },
];

describe('quorum of an assessment meeting', () => {
  it('is met with leadership, police, peace office and the village concerned', () => {
    expect(missingForQuorum(quorumFor(TOWN, village), full)).toEqual([]);
  });
  it('names everyone missing', () => {
    expect(missingForQuorum(quorumFor(TOWN, village), [])).toEqual([
      '镇党委、政府领导（领导小组）',
      '派出所',
      '平安办',
      '演示一村',
    ]);
  });
  it('wants the cadre of the case’s own village, not another village', () => {
    const wrongVillage = [...full.slice(0, 3), { roles: ['village_cadre'], orgUnitId: 'v2', unitPath: '/d/t/v2/' }];
    expect(missingForQuorum(quorumFor(TOWN, village), wrongVillage)).toEqual(['演示一村']);
  });
  it('counts only the case’s own town’s police station and peace office', () => {
    const otherTown = [
      full[0],
      { roles: ['police'], orgUnitId: 'pcs2', unitPath: '/d/t2/pcs2/' },
      { roles: ['peace_office'], orgUnitId: 'pab2', unitPath: '/d/t2/pab2/' },
      full[3],
    ].filter((a) => a !== undefined);
    expect(missingForQuorum(quorumFor(TOWN, village), otherTown)).toEqual(['派出所', '平安办']);
  });
  it('needs no village when the case has none', () => {
    expect(missingForQuorum(quorumFor(TOWN, null), full.slice(0, 3))).toEqual([]);
  });
});
