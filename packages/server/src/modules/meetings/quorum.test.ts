import { describe, expect, it } from 'vitest';
import { missingForQuorum, quorumFor } from './quorum.js';

const village = { id: 'v1', name: '演示一村' };
const full = [
  { roles: ['leader'], orgUnitId: 'gov' },
  { roles: ['police'], orgUnitId: 'pcs' },
  { roles: ['peace_office'], orgUnitId: 'pab' },
  { roles: ['village_cadre'], orgUnitId: 'v1' },
];

describe('quorum of an assessment meeting', () => {
  it('is met with leadership, police, peace office and the village concerned', () => {
    expect(missingForQuorum(quorumFor(village), full)).toEqual([]);
  });
  it('names everyone missing', () => {
    expect(missingForQuorum(quorumFor(village), [])).toEqual([
      '镇党委、政府领导（领导小组）',
      '派出所',
      '平安办',
      '演示一村',
    ]);
  });
  it('wants the cadre of the case’s own village, not another village', () => {
    const wrongVillage = [...full.slice(0, 3), { roles: ['village_cadre'], orgUnitId: 'v2' }];
    expect(missingForQuorum(quorumFor(village), wrongVillage)).toEqual(['演示一村']);
  });
  it('needs no village when the case has none', () => {
    expect(missingForQuorum(quorumFor(null), full.slice(0, 3))).toEqual([]);
  });
});
