import { describe, expect, it } from 'vitest';
import { ConfigError, loadMasterKey, parseTrustProxy } from './config.js';

describe('parseTrustProxy', () => {
  it('ignores X-Forwarded-For unless told', () => {
    expect(parseTrustProxy(undefined)).toBe(false);
    expect(parseTrustProxy('')).toBe(false);
    expect(parseTrustProxy('0')).toBe(false);
  });
  it('takes a hop count or a list of proxy addresses', () => {
    expect(parseTrustProxy('1')).toBe(1);
    expect(parseTrustProxy('10.0.0.2, 10.0.0.3')).toEqual(['10.0.0.2', '10.0.0.3']);
  });
});

describe('loadMasterKey', () => {
  it('refuses to start on PostgreSQL without ANXIN_KEY', () => {
    expect(() => loadMasterKey({ DATABASE_URL: 'postgres://x/y' }, '/nonexistent')).toThrow(ConfigError);
  });
  it('refuses a key that is not 64 hex characters', () => {
    expect(() => loadMasterKey({ ANXIN_KEY: 'abc' }, '/nonexistent')).toThrow(/64位十六进制/);
  });
  it('takes a valid ANXIN_KEY', () => {
    expect(loadMasterKey({ ANXIN_KEY: 'ab'.repeat(32) }, '/nonexistent')).toEqual(Buffer.alloc(32, 0xab));
  });
});
