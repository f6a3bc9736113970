// 商用密码: SM3 hashing, HMAC-SM3 and SM4-CTR with encrypt-then-MAC (Node 20 has no sm4-gcm).
import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export function sm3Hex(data: string | Buffer): string {
  return createHash('sm3').update(data).digest('hex');
}

export function hmacSm3(key: Buffer, ...parts: (string | Buffer)[]): Buffer {
  const mac = createHmac('sm3', key);
  for (const part of parts) mac.update(part);
  return mac.digest();
}

/** The keys Anxin derives from its one master key, each for one purpose. */
export interface Keys {
  /** SM4 key (16 bytes) for sensitive fields. */
  encryption: Buffer;
  /** HMAC-SM3 key authenticating each ciphertext. */
  mac: Buffer;
  /** HMAC-SM3 key of the ID-number blind index. */
  blindIndex: Buffer;
  /** HMAC-SM3 key of the audit hash chain. */
  audit: Buffer;
}

/** Derives purpose-bound keys from the 32-byte master key (HMAC-SM3 as a KDF). */
export function deriveKeys(master: Buffer): Keys {
  if (master.length !== 32) throw new Error('master key must be 32 bytes');
  return {
    encryption: hmacSm3(master, 'anxin/sm4-field/v1').subarray(0, 16),
    mac: hmacSm3(master, 'anxin/hmac-field/v1'),
    blindIndex: hmacSm3(master, 'anxin/blind-index/v1'),
    audit: hmacSm3(master, 'anxin/audit-chain/v1'),
  };
}

export class IntegrityError extends Error {
  constructor(context: string) {
    super(`integrity check failed for ${context}`);
    this.name = 'IntegrityError';
  }
}

const VERSION = 'v1';

/**
 * Encrypts a field with SM4-CTR and authenticates version‖context‖iv‖ciphertext with HMAC-SM3.
 * `context` (e.g. "persons.id_number:<row id>") binds the value to its row and column, so a
 * ciphertext copied into another row fails its check.
 */
export function encryptField(keys: Keys, plaintext: string, context: string): string {
  const iv = randomBytes(16);
  const cipher = createCipheriv('sm4-ctr', keys.encryption, iv);
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  const tag = hmacSm3(keys.mac, VERSION, '\0', context, '\0', iv, body);
  return `${VERSION}.${Buffer.concat([iv, body, tag]).toString('base64')}`;
}

export function decryptField(keys: Keys, stored: string, context: string): string {
  const [version, payload] = stored.split('.');
  if (version !== VERSION || !payload) throw new IntegrityError(context);
  const raw = Buffer.from(payload, 'base64');
  if (raw.length < 16 + 32) throw new IntegrityError(context);
  const iv = raw.subarray(0, 16);
  const body = raw.subarray(16, raw.length - 32);
  const tag = raw.subarray(raw.length - 32);
  const expected = hmacSm3(keys.mac, VERSION, '\0', context, '\0', iv, body);
  if (!timingSafeEqual(tag, expected)) throw new IntegrityError(context);
  const decipher = createDecipheriv('sm4-ctr', keys.encryption, iv);
  return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8');
}

/** Deterministic keyed index for equality lookups on an encrypted value. */
export function blindIndex(keys: Keys, value: string): string {
  return hmacSm3(keys.blindIndex, value).toString('hex');
}

/** A fresh 256-bit random token (base64url) for session cookies. */
export function randomToken(): string {
  return randomBytes(32).toString('base64url');
}
