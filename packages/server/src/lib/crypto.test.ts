import { createCipheriv } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { blindIndex, decryptField, deriveKeys, encryptField, IntegrityError, sm3Hex } from './crypto.js';

describe('SM3 (GB/T 32905-2016 test vectors)', () => {
  it('hashes "abc"', () => {
    expect(sm3Hex('abc')).toBe('66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0');
  });
  it('hashes "abcd" × 16', () => {
    expect(sm3Hex('abcd'.repeat(16))).toBe('debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732');
  });
});

describe('SM4 (GB/T 32907-2016 test vectors)', () => {
  const key = Buffer.from('0123456789abcdeffedcba9876543210', 'hex');
  it('encrypts one block', () => {
    const cipher = createCipheriv('sm4-ecb', key, null).setAutoPadding(false);
    const out = Buffer.concat([cipher.update(key), cipher.final()]);
    expect(out.toString('hex')).toBe('681edf34d206965e86b3e94f536e4246');
  });
  it('encrypts one block 1,000,000 times', { timeout: 60_000 }, () => {
    const cipher = createCipheriv('sm4-ecb', key, null).setAutoPadding(false);
    let block: Buffer = key;
    for (let i = 0; i < 1_000_000; i++) block = cipher.update(block);
    expect(block.toString('hex')).toBe('595298c7c6fd271f0402f804c33d3f66');
  });
});

describe('field encryption (SM4-CTR + HMAC-SM3, encrypt-then-MAC)', () => {
  const keys = deriveKeys(Buffer.alloc(32, 7));
  it('round-trips and hides the plaintext', () => {
    const stored = encryptField(keys, '110101199003074514', 'persons.id_number:1');
    expect(stored).not.toContain('110101199003074514');
    expect(decryptField(keys, stored, 'persons.id_number:1')).toBe('110101199003074514');
  });
  it('uses a fresh IV each time', () => {
    expect(encryptField(keys, 'x', 'c')).not.toBe(encryptField(keys, 'x', 'c'));
  });
  it('detects a flipped byte', () => {
    const stored = encryptField(keys, '13800138000', 'persons.phone:1');
    const raw = Buffer.from(stored.slice(3), 'base64');
    raw[20] = (raw[20] as number) ^ 1;
    expect(() => decryptField(keys, `v1.${raw.toString('base64')}`, 'persons.phone:1')).toThrow(IntegrityError);
  });
  it('detects a ciphertext moved to another row', () => {
    const stored = encryptField(keys, '13800138000', 'persons.phone:1');
    expect(() => decryptField(keys, stored, 'persons.phone:2')).toThrow(IntegrityError);
  });
  it('gives a stable blind index that depends on the key', () => {
    const other = deriveKeys(Buffer.alloc(32, 8));
    expect(blindIndex(keys, 'a')).toBe(blindIndex(keys, 'a'));
    expect(blindIndex(keys, 'a')).not.toBe(blindIndex(other, 'a'));
  });
});
