import { DEMO_PASSWORD } from '@anxin/shared';
import { buildApp } from './app.js';
import { keysFrom, openConfiguredDatabase, seedDemoIfWanted } from './bootstrap.js';
import { DataDirLockedError } from './db/client.js';
import { ConfigError, loadConfig } from './lib/config.js';
import { seedDemoCases } from './seed/demo-cases.js';
import { DEMO_ACCOUNTS } from './seed/demo-town.js';

async function main() {
  const config = loadConfig();
  const keys = keysFrom(config);
  const database = await openConfiguredDatabase(config);
  const seeded = await seedDemoIfWanted(database, keys, config.demo || !config.databaseUrl);
  const app = await buildApp({
    database,
    keys,
    logger: true,
    secureCookies: config.secureCookies,
    trustProxy: config.trustProxy,
    webDist: config.webDist,
    backgroundJobs: true,
  });
  // The lived-in part of the demo goes through the services, so it needs the app's.
  if (seeded) await seedDemoCases(app.services);

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  await app.listen({ port: config.port, host: config.host });
  const url = `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${config.port}`;
  const lines = [
    '',
    `安心 Anxin 已启动：${url}`,
    `数据库：${database.driver === 'pglite' ? `嵌入式 PGlite（${config.dataDir}）` : 'PostgreSQL'}`,
  ];
  if (app.services.demoMode) {
    lines.push(seeded ? '已创建演示镇（演示数据均为虚构）。' : '演示模式（演示数据均为虚构）。');
    lines.push(`演示账号（密码均为 ${DEMO_PASSWORD}）：`);
    for (const account of DEMO_ACCOUNTS) lines.push(`  ${account.username.padEnd(10)} ${account.label}`);
  }
  process.stdout.write(`${lines.join('\n')}\n\n`);
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof DataDirLockedError) {
    process.stderr.write(`启动失败：${error.message}\n`);
  } else {
    process.stderr.write(`启动失败：${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  }
  process.exit(1);
});
