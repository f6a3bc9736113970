import { hmacSm3 } from '../../lib/crypto.js';

/** The prevHash of the first event. */
export const GENESIS_HASH = '0'.repeat(64);

/** The fields of an audit event that its hash covers, in stored form. */
export interface ChainedContent {
  seq: number;
  id: string;
  at: Date;
  actorId: string | null;
  actorUsername: string | null;
  actorRoles: string[];
  actorOrgUnitId: string | null;
  actorUnitPath: string | null;
  ip: string | null;
  requestId: string | null;
  action: string;
  entityType: string | null;
  entityId: string | null;
  outcome: string;
  diff: unknown;
}

/** JSON with object keys sorted at every depth, so jsonb's key order cannot change a hash. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/** HMAC-SM3 over the previous hash and this event's canonical content. */
export function chainHash(key: Buffer, prevHash: string, content: ChainedContent): string {
  return hmacSm3(key, prevHash, '\n', canonicalJson(content)).toString('hex');
}

export type ChainBreak = { seq: number; id: string; reason: string };

/**
 * Checks a run of events in seq order against the hash before them.
 * Returns the first broken link, or null with the last hash to continue from.
 */
export function verifyRun(
  key: Buffer,
  previous: { seq: number; hash: string },
  rows: (ChainedContent & { prevHash: string; hash: string })[],
): { broken: ChainBreak | null; last: { seq: number; hash: string } } {
  let last = previous;
  for (const row of rows) {
    if (row.seq !== last.seq + 1) {
      return { broken: { seq: row.seq, id: row.id, reason: `序号不连续：${last.seq} 之后是 ${row.seq}` }, last };
    }
    if (row.prevHash !== last.hash) {
      return { broken: { seq: row.seq, id: row.id, reason: '前序哈希不匹配' }, last };
    }
    const { prevHash: _prev, hash, ...content } = row;
    if (chainHash(key, row.prevHash, content) !== hash) {
      return { broken: { seq: row.seq, id: row.id, reason: '内容哈希不匹配（记录被篡改）' }, last };
    }
    last = { seq: row.seq, hash };
  }
  return { broken: null, last };
}
