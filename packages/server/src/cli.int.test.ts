import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const cli = fileURLToPath(new URL('./cli.ts', import.meta.url));
const dataDir = mkdtempSync(join(tmpdir(), 'anxin-cli-'));
const env = { ...process.env, ANXIN_DATA_DIR: dataDir, DATABASE_URL: '', ANXIN_KEY: '' };
const anxin = (...args: string[]) => run(process.execPath, ['--import', 'tsx', cli, ...args], { env });

afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('npm run cli -- create-admin (a bare database, no default accounts)', () => {
  it('refuses a weak password and the demo password', async () => {
    await expect(anxin('create-admin', '--username', 'root1', '--password', 'short')).rejects.toMatchObject({
      stderr: expect.stringContaining('至少10个字符'),
    });
    await expect(anxin('create-admin', '--username', 'root1', '--password', 'Anxin@2026')).rejects.toMatchObject({
      stderr: expect.stringContaining('不能使用演示密码'),
    });
  });

  it('creates the administrator once, with a root unit, and refuses a second with the same name', async () => {
    const { stdout } = await anxin('create-admin', '--username', 'sysadmin', '--password', 'Strong#Pass2026');
    expect(stdout).toContain('已创建管理员 sysadmin');
    await expect(
      anxin('create-admin', '--username', 'SysAdmin', '--password', 'Strong#Pass2026'),
    ).rejects.toMatchObject({
      stderr: expect.stringContaining('已存在'),
    });
    const { stdout: verify } = await anxin('verify-audit');
    expect(JSON.parse(verify)).toMatchObject({ ok: true, checked: 1 });
  });
});
