import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, readFile, stat, utimes, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { StoreLockedError } from '../../src/errors.js';
import { acquireDataDirLock } from '../../src/store/data-dir-lock.js';

const HOLDER = join(import.meta.dirname, 'fixtures', 'hold-lock.ts');

/** A real process holding the lock (spawned asynchronously); resolves once it has it. */
function holdInChild(dir: string): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', HOLDER, dir], { stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.stdout.on('data', (d: Buffer) => {
      if (d.toString().includes('locked')) resolve(child);
    });
    child.on('exit', (code) => reject(new Error(`holder exited ${String(code)}: ${err}`)));
  });
}

const killed = (child: ChildProcess): Promise<void> =>
  new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });

describe('the data directory lock', () => {
  it('is exclusive while a live process holds it, and names that process', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mz-lock-'));
    const child = await holdInChild(dir);
    try {
      const error = await acquireDataDirLock(dir, { waitMs: 300 }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StoreLockedError);
      expect((error as Error).message).toContain(String(child.pid));
    } finally {
      await killed(child);
    }
  }, 30_000);

  it('takes over at once a lock whose process was killed -9 on this machine', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mz-lock-'));
    const child = await holdInChild(dir);
    await killed(child);
    const started = Date.now();
    const lock = await acquireDataDirLock(dir, { waitMs: 0 });
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(JSON.parse(await readFile(join(dir, '.lock-owner.json'), 'utf8'))).toMatchObject({ pid: process.pid, host: hostname() });
    await lock.release();
  }, 30_000);

  it('refuses a fresh lock from another container (other host, unknown pid), and takes it once it goes stale', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mz-lock-'));
    // What a bot in another container leaves: its lock folder and an owner record we cannot check.
    await mkdir(join(dir, '.lock'));
    await writeFile(join(dir, '.lock-owner.json'), JSON.stringify({ host: 'other-container', bootId: 'x', pid: 1, since: '' }));
    const error = await acquireDataDirLock(dir, { staleMs: 2_000, waitMs: 200 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreLockedError);
    expect((error as Error).message).toContain('other-container');
    // That bot stopped refreshing the lock (killed): after the stale time the lock is dead anywhere.
    const old = new Date(Date.now() - 10_000);
    await utimes(join(dir, '.lock'), old, old);
    const lock = await acquireDataDirLock(dir, { staleMs: 2_000, waitMs: 0 });
    await lock.release();
  });

  it('keeps the lock fresh while held, so no other process can call it stale', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mz-lock-'));
    const lock = await acquireDataDirLock(dir, { staleMs: 2_000 });
    const before = (await stat(join(dir, '.lock'))).mtimeMs;
    await new Promise((r) => setTimeout(r, 1_500));
    expect((await stat(join(dir, '.lock'))).mtimeMs).toBeGreaterThan(before);
    await expect(acquireDataDirLock(dir, { staleMs: 2_000, waitMs: 0 })).rejects.toBeInstanceOf(StoreLockedError);
    await lock.release();
  });

  it('takes over a pid file left by an older version whose process died', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mz-lock-'));
    const child = spawn(process.execPath, ['-e', '0']);
    await new Promise((resolve) => child.on('exit', resolve));
    await writeFile(join(dir, '.lock'), `${child.pid}\n`);
    const lock = await acquireDataDirLock(dir);
    expect((await stat(join(dir, '.lock'))).isDirectory()).toBe(true);
    await lock.release();
  });

  it('can be taken again after release, and release leaves nothing behind', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mz-lock-'));
    const first = await acquireDataDirLock(dir);
    await first.release();
    await expect(stat(join(dir, '.lock'))).rejects.toThrow();
    await expect(stat(join(dir, '.lock-owner.json'))).rejects.toThrow();
    const second = await acquireDataDirLock(dir);
    await second.release();
  });
});
