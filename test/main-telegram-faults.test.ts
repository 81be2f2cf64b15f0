import { spawn } from 'node:child_process';
import { mkdtemp, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { freePort } from './e2e/harness.js';
import { startFaultBotApi, type FaultBotApi } from './support/fault-bot-api.js';

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The real bot process, spawned asynchronously against the fault-injecting Bot API in this process. */
function runBot(env: Record<string, string>, timeoutMs = 30_000, stopWhen?: (stdout: string) => boolean): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      env: { PATH: process.env.PATH ?? '', HOME: tmpdir(), NODE_ENV: 'production', LOG_LEVEL: 'info', REMINDERS_ENABLED: 'false', HTTP_HOST: '127.0.0.1', ...env },
    });
    let stdout = '';
    let stderr = '';
    let stopping = false;
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      if (!stopping && stopWhen?.(stdout)) {
        stopping = true;
        child.kill('SIGTERM');
      }
    });
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGTERM'), timeoutMs);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

describe('Telegram refusing the bot', () => {
  let api: FaultBotApi;
  let dir: string;
  beforeEach(async () => {
    api = await startFaultBotApi();
    dir = await mkdtemp(join(tmpdir(), 'mz-faults-'));
  });
  afterEach(() => api.close());

  const env = async (): Promise<Record<string, string>> => ({
    BOT_TOKEN: '123:abc', TELEGRAM_API_ROOT: api.apiRoot, DATA_DIR: dir, HTTP_PORT: String(await freePort()),
  });

  it('401: says the token was refused and what to do, with no stack trace, and leaves no lock', async () => {
    api.script = (c) => (c.method === 'getMe' ? { error: { code: 401, description: 'Unauthorized' } } : undefined);
    const run = await runBot(await env());
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('BOT_TOKEN');
    expect(run.stderr).toContain('@BotFather');
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect((await readdir(dir)).filter((f) => f.startsWith('.lock'))).toEqual([]);
  }, 60_000);

  it('a passing 409 from getUpdates: logs it, waits, and keeps polling', async () => {
    api.script = (c) => (c.method === 'getUpdates' && c.n <= 2 ? { error: { code: 409, description: 'Conflict: terminated by other getUpdates request' } } : undefined);
    const run = await runBot(await env(), 40_000, (out) => out.includes('conflict over; polling again'));
    // Still running when the test stopped it with SIGTERM: a clean exit, lock released.
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('409 Conflict');
    expect(api.calls.filter((c) => c.method === 'getUpdates').length).toBeGreaterThan(2);
    expect((await readdir(dir)).filter((f) => f.startsWith('.lock'))).toEqual([]);
  }, 60_000);

  it('a 409 that persists: exits cleanly with a clear message, releasing the lock', async () => {
    api.script = (c) => (c.method === 'getUpdates' ? { error: { code: 409, description: 'Conflict: terminated by other getUpdates request' } } : undefined);
    const run = await runBot({ ...(await env()), POLLING_CONFLICT_GIVE_UP_SECONDS: '2' });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('409 Conflict');
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect((await readdir(dir)).filter((f) => f.startsWith('.lock'))).toEqual([]);
  }, 60_000);

  it('a failed start (corrupt store) leaves no lock behind', async () => {
    await writeFile(join(dir, 'cases.json'), '{"version":1,"nextId":1,"cases":[{"id":1}');
    const run = await runBot(await env());
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('cases.json');
    expect((await readdir(dir)).filter((f) => f.startsWith('.lock'))).toEqual([]);
  }, 60_000);
});
