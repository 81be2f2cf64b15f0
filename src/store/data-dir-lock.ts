import { open, readFile, unlink, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { StoreLockedError } from '../errors.js';

export interface DataDirLock {
  readonly file: string;
  release(): Promise<void>;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM means the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Takes the exclusive lock on a data directory: a lowdb store belongs to one process.
 * A lock left by a process that no longer runs is stale and taken over.
 * @throws StoreLockedError when a live process holds it.
 */
export async function acquireDataDirLock(dir: string): Promise<DataDirLock> {
  await mkdir(dir, { recursive: true });
  const file = join(dir, '.lock');
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const handle = await open(file, 'wx');
      await handle.writeFile(`${process.pid}\n`);
      await handle.sync();
      await handle.close();
      return {
        file,
        async release() {
          const owner = await readOwner(file);
          if (owner === process.pid) await unlink(file).catch(() => undefined);
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = await readOwner(file);
      if (owner !== undefined && owner !== process.pid && isAlive(owner)) {
        throw new StoreLockedError(dir, owner);
      }
      // Stale (dead owner, our own leftover, or unreadable): remove and retry the exclusive create.
      await unlink(file).catch(() => undefined);
    }
  }
  throw new StoreLockedError(dir, -1);
}

async function readOwner(file: string): Promise<number | undefined> {
  const text = await readFile(file, 'utf8').catch(() => '');
  const pid = Number.parseInt(text.trim(), 10);
  return Number.isFinite(pid) && pid > 0 ? pid : undefined;
}
