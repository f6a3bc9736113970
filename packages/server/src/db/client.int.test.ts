import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type Database, DataDirLockedError, openEmbedded } from './client.js';

// The embedded database's lock file: PGlite has no lock between processes, so one Anxin process
// at a time may open a data folder, and a lock left by a dead process is taken over.

const run = promisify(execFile);
/** Creating a PGlite data folder on disk takes seconds; a second Node process adds more. */
const SLOW = { timeout: 120_000 };
const clientModule = fileURLToPath(new URL('./client.ts', import.meta.url));

let root: string;
let script: string;
const opened: Database[] = [];

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'anxin-lock-test-'));
  // A second Anxin process: opens the folder, reports, closes.
  script = join(root, 'open-once.mts');
  writeFileSync(
    script,
    `import { openEmbedded } from ${JSON.stringify(clientModule)};
try {
  const database = await openEmbedded(process.argv[2]);
  await database.close();
  console.log(JSON.stringify({ ok: true }));
} catch (error) {
  console.log(JSON.stringify({ ok: false, name: error.name, message: error.message }));
}
`,
  );
});

afterEach(async () => {
  for (const database of opened.splice(0)) await database.close().catch(() => {});
});

afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

let dirCount = 0;
const freshDir = () => join(root, `data-${++dirCount}`);

async function open(dataDir: string): Promise<Database> {
  const database = await openEmbedded(dataDir);
  opened.push(database);
  return database;
}

/** Runs openEmbedded in a separate Node process, as a second server or the CLI would. */
async function openInAnotherProcess(dataDir: string): Promise<{ ok: boolean; name?: string; message?: string }> {
  const { stdout } = await run(process.execPath, ['--import', 'tsx', script, dataDir], { timeout: 60_000 });
  const last = stdout.trim().split('\n').pop() ?? '';
  return JSON.parse(last);
}

/** A Node process that stays alive until killed. */
function liveProcess(): ChildProcess {
  return spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
}

async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', ''], { stdio: 'ignore' });
  const pid = child.pid;
  await new Promise((resolve) => child.on('exit', resolve));
  if (pid === undefined) throw new Error('no pid');
  return pid;
}

describe('openEmbedded lock file', () => {
  it('refuses a second process while the first holds the folder, and lets it in after close', SLOW, async () => {
    const dataDir = freshDir();
    const first = await open(dataDir);
    await first.db.execute(sql`SELECT 1`);
    expect(readFileSync(join(dataDir, 'anxin.lock'), 'utf8').trim()).toBe(String(process.pid));

    const refused = await openInAnotherProcess(dataDir);
    expect(refused.ok).toBe(false);
    expect(refused.name).toBe('DataDirLockedError');
    // A clear message: what is locked, by whom, and what to do.
    expect(refused.message).toContain(dataDir);
    expect(refused.message).toContain(`PID ${process.pid}`);
    expect(refused.message).toContain('ANXIN_DATA_DIR');
    expect(refused.message).toMatch(/[\u4e00-\u9fa5]/);
    // The refused process did not remove the holder's lock.
    expect(readFileSync(join(dataDir, 'anxin.lock'), 'utf8').trim()).toBe(String(process.pid));

    await first.close();
    opened.splice(opened.indexOf(first), 1);
    expect(existsSync(join(dataDir, 'anxin.lock'))).toBe(false);

    expect(await openInAnotherProcess(dataDir)).toEqual({ ok: true });
    expect(existsSync(join(dataDir, 'anxin.lock'))).toBe(false);
  });

  it('throws DataDirLockedError naming the live process that holds the lock', async () => {
    const dataDir = freshDir();
    const holder = liveProcess();
    try {
      mkdirSync(dataDir);
      writeFileSync(join(dataDir, 'anxin.lock'), String(holder.pid));
      const error = await openEmbedded(dataDir).then(
        (database) => {
          opened.push(database);
          return null;
        },
        (reason: unknown) => reason,
      );
      expect(error).toBeInstanceOf(DataDirLockedError);
      expect((error as Error).message).toContain(`PID ${holder.pid}`);
      expect((error as Error).message).toContain(dataDir);
      expect(readFileSync(join(dataDir, 'anxin.lock'), 'utf8').trim()).toBe(String(holder.pid));
    } finally {
      holder.kill('SIGKILL');
    }
  });

  it('takes over a stale lock left by a process that has died', SLOW, async () => {
    const dataDir = freshDir();
    mkdirSync(dataDir);
    const pid = await deadPid();
    writeFileSync(join(dataDir, 'anxin.lock'), String(pid));
    const database = await open(dataDir);
    await database.db.execute(sql`SELECT 1`);
    expect(readFileSync(join(dataDir, 'anxin.lock'), 'utf8').trim()).toBe(String(process.pid));
    await database.close();
    opened.splice(opened.indexOf(database), 1);
    expect(existsSync(join(dataDir, 'anxin.lock'))).toBe(false);
  });

  it('takes over a lock file that holds no pid', SLOW, async () => {
    const dataDir = freshDir();
    mkdirSync(dataDir);
    writeFileSync(join(dataDir, 'anxin.lock'), 'garbage');
    const database = await open(dataDir);
    expect(readFileSync(join(dataDir, 'anxin.lock'), 'utf8').trim()).toBe(String(process.pid));
    await database.close();
    opened.splice(opened.indexOf(database), 1);
  });

  // Its own pid in the lock file does not make a lock stale while this process holds the folder.
  it('refuses a second open of the same folder within one process', SLOW, async () => {
    const dataDir = freshDir();
    await open(dataDir);
    await expect(open(dataDir)).rejects.toBeInstanceOf(DataDirLockedError);
  });
});
