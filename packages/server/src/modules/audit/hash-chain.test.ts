import { describe, expect, it } from 'vitest';
import { type ChainedContent, canonicalJson, chainHash, GENESIS_HASH, verifyRun } from './hash-chain.js';

const key = Buffer.alloc(32, 1);

function chain(count: number) {
  const rows: (ChainedContent & { prevHash: string; hash: string })[] = [];
  let prevHash = GENESIS_HASH;
  for (let seq = 1; seq <= count; seq++) {
    const content: ChainedContent = {
      seq,
      id: `00000000-0000-0000-0000-${String(seq).padStart(12, '0')}`,
      at: new Date(Date.UTC(2026, 10, 29, 0, 0, seq)),
      actorId: null,
      actorUsername: 'pingan',
      actorRoles: ['peace_office'],
      actorOrgUnitId: null,
      actorUnitPath: '/a/',
      ip: '127.0.0.1',
      requestId: `req-${seq}`,
      action: 'person.read',
      entityType: 'person',
      entityId: 'p1',
      outcome: 'success',
      diff: { after: { name: '张三', b: 1, a: 2 } },
    };
    const hash = chainHash(key, prevHash, content);
    rows.push({ ...content, prevHash, hash });
    prevHash = hash;
  }
  return rows;
}

describe('canonicalJson', () => {
  it('does not depend on key order', () => {
    expect(canonicalJson({ b: 1, a: { d: 2, c: [3, { f: 1, e: 2 }] } })).toBe(
      canonicalJson({ a: { c: [3, { e: 2, f: 1 }], d: 2 }, b: 1 }),
    );
  });
});

describe('verifyRun', () => {
  it('accepts an intact chain', () => {
    expect(verifyRun(key, { seq: 0, hash: GENESIS_HASH }, chain(5)).broken).toBeNull();
  });
  it('finds an edited row', () => {
    const rows = chain(5);
    (rows[2] as ChainedContent).outcome = 'failure';
    expect(verifyRun(key, { seq: 0, hash: GENESIS_HASH }, rows).broken?.seq).toBe(3);
  });
  it('finds a deleted row', () => {
    const rows = chain(5);
    rows.splice(1, 1);
    expect(verifyRun(key, { seq: 0, hash: GENESIS_HASH }, rows).broken?.seq).toBe(3);
  });
  it('finds a row re-hashed with another key', () => {
    const rows = chain(3);
    const forged = rows[1] as ChainedContent & { prevHash: string; hash: string };
    forged.hash = chainHash(Buffer.alloc(32, 2), forged.prevHash, forged);
    expect(verifyRun(key, { seq: 0, hash: GENESIS_HASH }, rows).broken?.seq).toBe(2);
  });
});
