import { parseArgs } from 'node:util';
import { passwordProblem } from '@anxin/shared';
import { isNull, sql } from 'drizzle-orm';
import { buildApp, type Services } from './app.js';
import { keysFrom, openConfiguredDatabase, seedDemoIfWanted } from './bootstrap.js';
import type { Database } from './db/client.js';
import { orgUnits } from './db/schema.js';
import { systemClock } from './lib/clock.js';
import { ConfigError, loadConfig } from './lib/config.js';
import type { Keys } from './lib/crypto.js';
import { createAuditLog } from './modules/audit/audit.service.js';
import { hashPassword } from './modules/auth/passwords.js';
import { insertOrgUnit } from './modules/org/org.service.js';
import { readDemoMode } from './modules/settings.js';
import { findUserByUsername, insertUser } from './modules/users/users.queries.js';
import { seedDemoCases } from './seed/demo-cases.js';

const USAGE = `用法：npm run cli -- <命令>
  migrate                                   应用数据库迁移
  create-admin --username U --password P [--display-name 名称] [--unit 顶级单位名称]
                                            创建系统管理员（生产库不建任何默认账号）
  seed-demo                                 在空数据库中创建演示镇（虚构数据）
  reset --yes                               清空数据库并重建（仅限开发；嵌入式库随后重建演示镇）
  verify-audit                              校验审计日志哈希链`;

/** Runs work that needs the app's services (the demo cases go through them). */
async function withServices(database: Database, keys: Keys, work: (services: Services) => Promise<void>) {
  const app = await buildApp({ database, keys, logger: false });
  try {
    await work(app.services);
  } finally {
    await app.close();
  }
}

async function main() {
  const [command, ...rest] = process.argv.slice(2);
  const { values } = parseArgs({
    args: rest,
    options: {
      username: { type: 'string' },
      password: { type: 'string' },
      'display-name': { type: 'string' },
      unit: { type: 'string' },
      yes: { type: 'boolean' },
    },
  });
  if (!command || !['migrate', 'create-admin', 'seed-demo', 'verify-audit', 'reset'].includes(command)) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(command ? 2 : 0);
  }
  const config = loadConfig(process.env, []);
  const keys = keysFrom(config);
  if (command === 'reset' && process.env.DATABASE_URL) {
    throw new ConfigError('reset 只用于嵌入式开发库；生产库（DATABASE_URL）的审计日志不可删除。');
  }
  if (command === 'reset' && !values.yes) throw new ConfigError('reset 会删除全部数据（包括审计日志），确认请加 --yes');
  const database = await openConfiguredDatabase(config);
  const audit = createAuditLog(keys.audit, systemClock);
  const system = { actor: null, ip: null, requestId: null };
  try {
    if (command === 'migrate') {
      process.stdout.write('数据库已是最新结构。\n');
    } else if (command === 'reset') {
      await database.db.execute(sql`DROP SCHEMA IF EXISTS drizzle CASCADE`);
      await database.db.execute(sql`DROP SCHEMA public CASCADE`);
      await database.db.execute(sql`CREATE SCHEMA public`);
      await database.migrate();
      const seeded = await seedDemoIfWanted(database, keys, !config.databaseUrl);
      if (seeded) await withServices(database, keys, seedDemoCases);
      process.stdout.write(seeded ? '数据库已重建，并创建了演示镇。\n' : '数据库已重建（空库）。\n');
    } else if (command === 'seed-demo') {
      const seeded = await seedDemoIfWanted(database, keys, true);
      if (seeded) await withServices(database, keys, seedDemoCases);
      process.stdout.write(seeded ? '已创建演示镇。\n' : '数据库不为空，未创建演示数据。\n');
    } else if (command === 'verify-audit') {
      const result = await audit.verify(database.db);
      process.stdout.write(`${JSON.stringify(result)}\n`);
      if (!result.ok) process.exitCode = 1;
    } else {
      const username = values.username;
      const password = values.password;
      if (!username || !password) throw new ConfigError('create-admin 需要 --username 和 --password');
      const demoMode = await readDemoMode(database.db);
      const problem = passwordProblem(password, { demoMode, username });
      if (problem) throw new ConfigError(`密码不符合要求：${problem}`);
      if (await findUserByUsername(database.db, username)) throw new ConfigError(`用户名 ${username} 已存在`);
      const passwordHash = await hashPassword(password);
      await database.db.transaction(async (tx) => {
        // A bare database has no units yet: the administrator gets a root unit to start from.
        let [root] = await tx.select().from(orgUnits).where(isNull(orgUnits.parentId)).limit(1);
        root ??= await insertOrgUnit(tx, { parentId: null, name: values.unit ?? '系统管理', kind: 'municipality' });
        const user = await insertUser(tx, {
          username,
          displayName: values['display-name'] ?? '系统管理员',
          passwordHash,
          orgUnitId: root.id,
          roles: ['admin'],
        });
        await audit.record(
          tx,
          { ...system },
          {
            action: 'user.create',
            entityType: 'user',
            entityId: user.id,
            username: 'cli',
            diff: { after: { username, roles: ['admin'], orgUnitId: root.id } },
          },
        );
      });
      const [root] = await database.db.select().from(orgUnits).where(isNull(orgUnits.parentId)).limit(1);
      process.stdout.write(`已创建管理员 ${username}（单位：${root?.name ?? ''}）。\n`);
    }
  } finally {
    await database.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof ConfigError ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
