import { spawn } from 'node:child_process';
import { readFile, readdir, writeFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createSilentLogger } from '../../src/logger.js';
import { parseCliArgs, runRemindersCli } from '../../src/reminders/cli.js';
import { REMINDER_STORE_FILE } from '../../src/reminders/store.js';
import { chinaMorning, fakeSender, removeTempDirs, socialGroupCode, tempDir } from './helpers.js';

afterEach(removeTempDirs);

/** A data dir with one subscribed 社会团体 and the shipped catalog and rules. */
async function dataDirWithOneOrg(): Promise<string> {
  const dir = await tempDir();
  const store = {
    version: 1,
    subscriptions: [
      { chatId: 100, code: socialGroupCode(), name: '某某市软件行业协会', kind: '社会团体', createdAt: '2026-01-01T00:00:00.000Z', submitted: {}, progress: {} },
    ],
  };
  await writeFile(join(dir, REMINDER_STORE_FILE), JSON.stringify(store));
  return dir;
}

async function run(argv: string[], dataDir: string, sender = fakeSender()): Promise<{ code: number; out: string; sender: typeof sender }> {
  const lines: string[] = [];
  const config = loadConfig({ NODE_ENV: 'test', DATA_DIR: dataDir, CATALOG_DIR: './data', BOT_TOKEN: '123:TEST' });
  const code = await runRemindersCli(argv, {
    config,
    logger: createSilentLogger(),
    out: (l) => lines.push(l),
    sender,
    clock: () => chinaMorning('2026-03-24', '10:00'),
  });
  return { code, out: lines.join('\n'), sender };
}

/** A pid that certainly belongs to no live process: a child that has already exited. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '']);
  await new Promise((resolve) => child.on('exit', resolve));
  return child.pid ?? 999_999;
}

describe('parseCliArgs', () => {
  it('reads run, --date and --dry-run', () => {
    expect(parseCliArgs(['run', '--date', '2026-03-30', '--dry-run'])).toEqual({ date: '2026-03-30', dryRun: true, ignoreQuietHours: false });
  });

  it('refuses an impossible date and an unknown flag with the usage', () => {
    expect(parseCliArgs(['run', '--date', '2026-02-30'])).toContain('真实的日期');
    for (const bad of ['2027-13-45', '2027-99-99', '0000-00-00', '../../../x']) {
      expect(parseCliArgs(['run', '--dry-run', '--date', bad])).toContain('真实的日期');
    }
    expect(parseCliArgs(['run', '--date'])).toContain('--date 后面要写日期');
    expect(parseCliArgs(['run', '--now'])).toContain('用法');
    expect(parseCliArgs([])).toContain('用法');
  });
});

describe('runRemindersCli', () => {
  it('sends the day’s reminders once, even when run twice', async () => {
    const dir = await dataDirWithOneOrg();
    const sender = fakeSender();
    expect(await run(['run', '--date', '2026-03-24'], dir, sender)).toMatchObject({ code: 0 });
    const second = await run(['run', '--date', '2026-03-24'], dir, sender);
    expect(second.out).toContain('计划 0 条');
    expect(sender.sent).toHaveLength(1);
  });

  it('lists what would be sent on --dry-run without sending', async () => {
    const dir = await dataDirWithOneOrg();
    const { code, out, sender } = await run(['run', '--date', '2026-03-30', '--dry-run'], dir);
    expect(code).toBe(0);
    expect(out).toContain('某某市软件行业协会');
    expect(out).toContain('剩 1 天');
    expect(sender.attempts).toBe(0);
  });

  it('refuses with a clear message while a live process holds the data directory', async () => {
    const dir = await dataDirWithOneOrg();
    const holder = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)']);
    try {
      await writeFile(join(dir, '.lock'), `${holder.pid}\n`);
      const { code, out, sender } = await run(['run'], dir);
      expect(code).toBe(2);
      expect(out).toContain(`正被进程 ${holder.pid} 使用`);
      expect(out).toContain('/reminders run');
      expect(sender.attempts).toBe(0);
      expect(await readFile(join(dir, '.lock'), 'utf8')).toBe(`${holder.pid}\n`);
    } finally {
      holder.kill();
    }
  });

  it('allows --dry-run while a live process holds the data directory: it only reads', async () => {
    const dir = await dataDirWithOneOrg();
    const holder = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)']);
    try {
      await writeFile(join(dir, '.lock'), `${holder.pid}\n`);
      const before = await readFile(join(dir, REMINDER_STORE_FILE), 'utf8');
      const { code, out, sender } = await run(['run', '--date', '2026-03-30', '--dry-run'], dir);
      expect(code).toBe(0);
      expect(out).toContain('某某市软件行业协会');
      expect(sender.attempts).toBe(0);
      expect(await readFile(join(dir, REMINDER_STORE_FILE), 'utf8')).toBe(before);
      expect(await readFile(join(dir, '.lock'), 'utf8')).toBe(`${holder.pid}\n`);
    } finally {
      holder.kill();
    }
  });

  it('creates nothing in an empty data directory on --dry-run', async () => {
    const dir = await tempDir();
    const { code, out } = await run(['run', '--dry-run'], dir);
    expect(code).toBe(0);
    expect(out).toContain('将发送 0 条');
    expect(await readdir(dir)).toEqual([]);
  });

  it('refuses a real send for a future day and points to --dry-run', async () => {
    const dir = await dataDirWithOneOrg();
    const { code, out, sender } = await run(['run', '--date', '2026-03-30'], dir);
    expect(code).toBe(2);
    expect(out).toContain('还没到');
    expect(out).toContain('--dry-run');
    expect(sender.attempts).toBe(0);
  });

  it('takes over a stale lock left by a killed process and releases it after', async () => {
    const dir = await dataDirWithOneOrg();
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, '.lock'), `${await deadPid()}\n`);
    const { code, sender } = await run(['run', '--date', '2026-03-24'], dir);
    expect(code).toBe(0);
    expect(sender.sent).toHaveLength(1);
    await expect(readFile(join(dir, '.lock'), 'utf8')).rejects.toThrow();
  });

  it('explains a missing BOT_TOKEN instead of failing later', async () => {
    const dir = await dataDirWithOneOrg();
    const lines: string[] = [];
    const config = loadConfig({ NODE_ENV: 'test', DATA_DIR: dir });
    expect(await runRemindersCli(['run'], { config, logger: createSilentLogger(), out: (l) => lines.push(l) })).toBe(2);
    expect(lines.join('')).toContain('BOT_TOKEN');
  });
});

/** Runs the real CLI as a child process with stdout and stderr piped (not a terminal). */
function spawnCli(args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/reminders/cli.ts', ...args], { env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('the reminders CLI process', () => {
  it('answers an impossible --date with a clear message and exit code 2, no stack trace', async () => {
    const dir = await tempDir();
    const { code, stdout, stderr } = await spawnCli(['run', '--dry-run', '--date', '2027-13-45'], { DATA_DIR: dir });
    expect(code).toBe(2);
    expect(stderr).toContain('--date 须为真实的日期');
    expect(stderr).not.toMatch(/RangeError|\n\s+at /);
    expect(stdout).toBe('');
  }, 30_000);

  it('keeps the report on stdout and the logs as JSON on stderr, without colour codes, when piped', async () => {
    const dir = await tempDir();
    const { code, stdout, stderr } = await spawnCli(['run', '--ignore-quiet-hours'], {
      DATA_DIR: dir,
      NODE_ENV: 'development',
      LOG_LEVEL: 'info',
      BOT_TOKEN: '123:TEST',
      TELEGRAM_API_ROOT: 'http://127.0.0.1:9',
    });
    expect(code).toBe(0);
    expect(stdout).toContain('年检提醒');
    expect(stdout).toContain('计划 0 条');
    expect(stdout).not.toContain('\u001b[');
    expect(stdout).not.toContain('"level"');
    const logLines = stderr.split('\n').filter(Boolean);
    expect(logLines.length).toBeGreaterThan(0);
    expect(stderr).not.toContain('\u001b[');
    for (const line of logLines) expect(() => JSON.parse(line) as unknown).not.toThrow();
  }, 30_000);
});
