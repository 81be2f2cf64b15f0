import { readFileSync } from 'node:fs';
import { lstat, mkdir, readFile, rm, unlink, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import lockfile from 'proper-lockfile';
import { StoreLockedError } from '../errors.js';

// Why not a pid file: a second container on the same volume lives in another pid namespace, so a pid
// proves nothing there. The lock is a directory created atomically (mkdir) whose mtime the holder
// refreshes every second (proper-lockfile); a lock not refreshed for STALE_MS is dead wherever its
// holder ran. Beside it an owner record (host, boot id, pid) lets a restart on the same machine take
// over at once a lock whose process is provably gone, instead of waiting for it to go stale.

export interface DataDirLock {
  readonly file: string;
  release(): Promise<void>;
}

export interface LockOptions {
  /** A lock not refreshed for this long is dead (default 5 s; the holder refreshes every second). */
  staleMs?: number;
  /** How long to wait for a lock held by a process that may be dead before refusing (default staleMs + 2 s). */
  waitMs?: number;
  /** The lock was lost while held (its folder removed or taken over): stop writing at once. */
  onCompromised?: (error: Error) => void;
}

interface Owner {
  host: string;
  bootId: string;
  pid: number;
  since: string;
}

const LOCK = '.lock';
const OWNER = '.lock-owner.json';
const held = new Set<string>();

function bootId(): string {
  try {
    return readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
  } catch {
    return 'unknown';
  }
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

async function readOwner(file: string): Promise<Partial<Owner> | undefined> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as Partial<Owner>;
  } catch {
    return undefined;
  }
}

/** True only when the owner ran on this machine since its last boot and its process is gone. */
function provablyDead(owner: Partial<Owner> | undefined, me: Owner): boolean {
  if (!owner || owner.host !== me.host || owner.bootId !== me.bootId || me.bootId === 'unknown') return false;
  if (typeof owner.pid !== 'number') return false;
  // Our own pid in the record is an earlier run (pid 1 in a restarted container): we hold nothing yet.
  return owner.pid === me.pid || !isAlive(owner.pid);
}

function describeOwner(owner: Partial<Owner> | undefined): string {
  if (!owner?.pid) return '另一个进程';
  return `进程 ${owner.pid}${owner.host ? `（主机 ${owner.host}）` : ''}`;
}

/**
 * Takes the exclusive lock on a data directory: a lowdb store belongs to one process, across
 * containers sharing the volume too. Waits a few seconds for a lock that may be dead to go stale.
 * @throws StoreLockedError when a live process holds it (or one that cannot be proven dead in time).
 */
export async function acquireDataDirLock(dir: string, options: LockOptions = {}): Promise<DataDirLock> {
  await mkdir(dir, { recursive: true });
  const file = join(dir, LOCK);
  const ownerFile = join(dir, OWNER);
  const staleMs = options.staleMs ?? 5_000;
  const deadline = Date.now() + (options.waitMs ?? staleMs + 2_000);
  const me: Owner = { host: hostname(), bootId: bootId(), pid: process.pid, since: new Date().toISOString() };
  if (held.has(file)) throw new StoreLockedError(dir, describeOwner(me));
  await removeLegacyPidFile(dir, file);

  for (;;) {
    try {
      const release = await lockfile.lock(dir, {
        lockfilePath: file,
        realpath: false,
        stale: staleMs,
        update: Math.max(1_000, Math.floor(staleMs / 5)),
        retries: 0,
        onCompromised: (error) => {
          held.delete(file);
          (options.onCompromised ?? (() => undefined))(error);
        },
      });
      held.add(file);
      try {
        await writeFile(ownerFile, JSON.stringify(me));
      } catch (error) {
        held.delete(file);
        await release().catch(() => undefined);
        throw error;
      }
      return {
        file,
        async release() {
          if (!held.delete(file)) return;
          await unlink(ownerFile).catch(() => undefined);
          await release().catch(() => undefined);
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ELOCKED') throw error;
      const owner = await readOwner(ownerFile);
      if (provablyDead(owner, me)) {
        await rm(file, { recursive: true, force: true });
        continue;
      }
      if (Date.now() >= deadline) throw new StoreLockedError(dir, describeOwner(owner));
      await new Promise((r) => setTimeout(r, 250));
    }
  }
}

/** Versions before this one wrote `.lock` as a file holding a pid. */
async function removeLegacyPidFile(dir: string, file: string): Promise<void> {
  const stat = await lstat(file).catch(() => undefined);
  if (!stat?.isFile()) return;
  const pid = Number.parseInt(await readFile(file, 'utf8').catch(() => ''), 10);
  if (Number.isFinite(pid) && pid > 0 && pid !== process.pid && isAlive(pid)) {
    throw new StoreLockedError(dir, `进程 ${pid}`);
  }
  await unlink(file).catch(() => undefined);
}
