import { createReadStream } from 'node:fs';
import { mkdir, open, readdir, stat, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';

/** How a record becomes one line and back; `parse` returns undefined for a line it cannot trust. */
export interface LineCodec<T> {
  encode(record: T): string;
  parse(line: string): T | undefined;
  /** The partition a record belongs to, e.g. '2026-09'. Must sort chronologically as a string. */
  partition(record: T): string;
}

export interface ReadOptions {
  /** First and last partitions to read (inclusive); omitted ends are open. */
  from?: string;
  to?: string;
}

/** An append-only log split into one JSONL file per partition. */
export interface JsonlLog<T> {
  readonly dir: string;
  /** Resolves once the record is written and fsync'ed; concurrent appends share one write + fsync. */
  append(record: T): Promise<void>;
  /** Streams records in file order; torn or unreadable lines are skipped and counted. */
  read(options?: ReadOptions): AsyncGenerator<T>;
  /** Lines skipped by reads so far (a torn last line after a crash, or hand-edited junk). */
  readonly skippedLines: number;
  close(): Promise<void>;
}

interface Pending {
  partition: string;
  line: string;
  resolve: () => void;
  reject: (error: unknown) => void;
}

const FILE_RE = /^(.+)\.jsonl$/;

/**
 * Opens (creating if needed) a partitioned JSONL log in `dir`.
 * Appending costs the same however much is stored: it only touches the open file of one partition.
 */
export async function openJsonlLog<T>(dir: string, codec: LineCodec<T>): Promise<JsonlLog<T>> {
  await mkdir(dir, { recursive: true });
  const handles = new Map<string, FileHandle>();
  let pending: Pending[] = [];
  let flushing: Promise<void> | undefined;
  let skipped = 0;

  async function handleFor(partition: string): Promise<{ handle: FileHandle; prefix: string }> {
    const cached = handles.get(partition);
    if (cached) return { handle: cached, prefix: '' };
    const file = join(dir, `${partition}.jsonl`);
    const existed = await stat(file).then((s) => s.size > 0, () => false);
    const handle = await open(file, 'a+');
    // Keep only the newest partitions open; old months are rarely appended to (a late re-rating).
    if (handles.size >= 2) {
      const [oldest, oldHandle] = handles.entries().next().value as [string, FileHandle];
      handles.delete(oldest);
      await oldHandle.close();
    }
    handles.set(partition, handle);
    let prefix = '';
    if (existed) {
      // A crash can leave a torn last line; start on a fresh line so the next record stays readable.
      const { size } = await handle.stat();
      const last = Buffer.alloc(1);
      await handle.read(last, 0, 1, size - 1);
      if (last[0] !== 0x0a) prefix = '\n';
    } else {
      await syncDir(dir);
    }
    return { handle, prefix };
  }

  async function flushLoop(): Promise<void> {
    while (pending.length > 0) {
      const batch = pending;
      pending = [];
      const byPartition = new Map<string, Pending[]>();
      for (const p of batch) {
        const list = byPartition.get(p.partition) ?? [];
        list.push(p);
        byPartition.set(p.partition, list);
      }
      for (const [partition, items] of byPartition) {
        try {
          const { handle, prefix } = await handleFor(partition);
          await handle.write(prefix + items.map((p) => p.line).join(''));
          await handle.sync();
          for (const p of items) p.resolve();
        } catch (error) {
          // Reopen next time so the torn-line check runs again before anything else is appended.
          const h = handles.get(partition);
          handles.delete(partition);
          await h?.close().catch(() => undefined);
          for (const p of items) p.reject(error);
        }
      }
    }
    flushing = undefined;
  }

  return {
    dir,
    get skippedLines() {
      return skipped;
    },
    append(record) {
      return new Promise<void>((resolve, reject) => {
        pending.push({ partition: codec.partition(record), line: `${codec.encode(record)}\n`, resolve, reject });
        flushing ??= flushLoop();
      });
    },
    async *read(options = {}) {
      const names = (await readdir(dir))
        .map((n) => FILE_RE.exec(n)?.[1])
        .filter((p): p is string => p !== undefined)
        .filter((p) => (options.from === undefined || p >= options.from) && (options.to === undefined || p <= options.to))
        .sort();
      for (const name of names) {
        for await (const line of readLines(join(dir, `${name}.jsonl`))) {
          if (line === '') continue;
          const record = codec.parse(line);
          if (record === undefined) skipped++;
          else yield record;
        }
      }
    },
    async close() {
      await flushing;
      for (const h of handles.values()) await h.close();
      handles.clear();
    },
  };
}

/** Splits a file into lines with large reads; faster than readline on big partitions. */
async function* readLines(file: string): AsyncGenerator<string> {
  const stream = createReadStream(file, { encoding: 'utf8', highWaterMark: 1 << 20 });
  let rest = '';
  for await (const chunk of stream as AsyncIterable<string>) {
    const text = rest + chunk;
    let start = 0;
    for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', start)) {
      yield text.slice(start, nl);
      start = nl + 1;
    }
    rest = text.slice(start);
  }
  if (rest !== '') yield rest;
}

async function syncDir(dir: string): Promise<void> {
  // Makes a new partition's directory entry durable; some filesystems refuse, which is harmless.
  const h = await open(dir, 'r').catch(() => undefined);
  await h?.sync().catch(() => undefined);
  await h?.close();
}
