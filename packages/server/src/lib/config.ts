import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface Config {
  port: number;
  host: string;
  /** A real PostgreSQL server; without it Anxin runs on embedded PGlite in `dataDir`. */
  databaseUrl: string | undefined;
  dataDir: string;
  masterKey: Buffer;
  /** `--demo`: create the demo town on PostgreSQL too (embedded creates it when the database is empty). */
  demo: boolean;
  /**
   * Secure + __Host- cookie and HSTS: on by default with DATABASE_URL (production behind TLS),
   * off for the embedded laptop set-up on http://127.0.0.1; ANXIN_SECURE_COOKIES=1/0 overrides.
   */
  secureCookies: boolean;
  /**
   * Which X-Forwarded-For hops to believe (ANXIN_TRUST_PROXY): a number of proxies in front of the
   * app, or their addresses (comma-separated). Unset: the header is ignored, so it cannot be
   * forged to dodge the per-IP login limit.
   */
  trustProxy: number | string[] | false;
  webDist: string;
}

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

const HEX_KEY = /^[0-9a-fA-F]{64}$/;

/**
 * The master key: ANXIN_KEY, or in embedded mode a key generated once into the data folder (0600).
 * With DATABASE_URL and no ANXIN_KEY the server refuses to start: a generated key on one app
 * server would make the data unreadable to the others.
 */
export function loadMasterKey(env: NodeJS.ProcessEnv, dataDir: string): Buffer {
  const fromEnv = env.ANXIN_KEY;
  if (fromEnv !== undefined && fromEnv !== '') {
    if (!HEX_KEY.test(fromEnv)) throw new ConfigError('ANXIN_KEY 必须是64位十六进制字符（32字节）。');
    return Buffer.from(fromEnv, 'hex');
  }
  if (env.DATABASE_URL) {
    throw new ConfigError(
      "使用 DATABASE_URL 时必须设置 ANXIN_KEY（64位十六进制）。生成方法：node -e \"console.log(require('crypto').randomBytes(32).toString('hex'))\"",
    );
  }
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const keyPath = join(dataDir, 'anxin.key');
  if (existsSync(keyPath)) {
    const stored = readFileSync(keyPath, 'utf8').trim();
    if (!HEX_KEY.test(stored)) throw new ConfigError(`${keyPath} 不是有效的密钥文件。`);
    return Buffer.from(stored, 'hex');
  }
  const key = randomBytes(32);
  writeFileSync(keyPath, `${key.toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
  return key;
}

export function parseTrustProxy(value: string | undefined): number | string[] | false {
  if (!value) return false;
  if (/^\d+$/.test(value)) return Number(value) || false;
  return value
    .split(',')
    .map((address) => address.trim())
    .filter(Boolean);
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, argv: string[] = process.argv.slice(2)): Config {
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new ConfigError(`PORT 无效：${env.PORT}`);
  const dataDir = resolve(env.ANXIN_DATA_DIR ?? 'data');
  return {
    port,
    host: env.HOST ?? '127.0.0.1',
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir,
    masterKey: loadMasterKey(env, dataDir),
    demo: argv.includes('--demo'),
    secureCookies: env.ANXIN_SECURE_COOKIES ? env.ANXIN_SECURE_COOKIES === '1' : Boolean(env.DATABASE_URL),
    trustProxy: parseTrustProxy(env.ANXIN_TRUST_PROXY),
    webDist: fileURLToPath(new URL('../../../web/dist', import.meta.url)),
  };
}
