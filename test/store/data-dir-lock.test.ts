import { spawn } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { StoreLockedError } from '../../src/errors.js';
import { acquireDataDirLock } from '../../src/store/data-dir-lock.js';

describe('the data directory lock', () => {
  it('is exclusive while a live process holds it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mz-lock-'));
    const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 10000)']);
    try {
      await writeFile(join(dir, '.lock'), `${child.pid}\n`);
      const error = await acquireDataDirLock(dir).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StoreLockedError);
      expect((error as Error).message).toContain(String(child.pid));
    } finally {
      child.kill('SIGKILL');
    }
  });

  it('takes over a stale lock left by a process that died', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mz-lock-'));
    const child = spawn(process.execPath, ['-e', '0']);
    await new Promise((resolve) => child.on('exit', resolve));
    await writeFile(join(dir, '.lock'), `${child.pid}\n`);
    const lock = await acquireDataDirLock(dir);
    expect((await readFile(lock.file, 'utf8')).trim()).toBe(String(process.pid));
    await lock.release();
  });

  it('can be taken again after release', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mz-lock-'));
    const first = await acquireDataDirLock(dir);
    await first.release();
    const second = await acquireDataDirLock(dir);
    await second.release();
  });
});
