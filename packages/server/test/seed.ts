import { DEMO_PASSWORD } from '@anxin/shared';
import type { Db } from '../src/db/client.js';
import { deriveKeys } from '../src/lib/crypto.js';
import { hashPassword } from '../src/modules/auth/passwords.js';
import { seedDemoTown } from '../src/seed/demo-town.js';

/** A fixed key for tests only; real installations derive keys from ANXIN_KEY or a generated key file. */
export const TEST_KEYS = deriveKeys(Buffer.alloc(32, 0x5a));

/** Tests start from the demo town: the same fixed ids the browser walkthroughs use. */
export async function seedForTests(db: Db, keys = TEST_KEYS) {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await db.transaction((tx) => seedDemoTown(tx, keys, passwordHash));
}

/** The 11 accounts of API.md's demo table, written out here so that the seed is checked against it. */
export const API_DEMO_USERNAMES = [
  'admin',
  'pingan',
  'paichusuo',
  'sifasuo',
  'minzheng',
  'weisheng',
  'cun1',
  'cun2',
  'lingdao',
  'quji',
  'ducha',
];

/** Accounts the demo has beyond API.md's table. */
export const EXTRA_DEMO_USERNAMES = ['shequ'];
