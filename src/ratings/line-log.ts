import { createReadStream } from 'node:fs';
import { mkdir, open, readdir, stat, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { StoreCorruptError } from '../errors.js';

/**
 * How a record becomes one line and back; `parse` returns undefined for a line it cannot trust.
 * `parse` gets the line as a binary string (latin1: one char per byte), which decodes several times
 * faster than UTF-8; ASCII fields read as they are, text fields go through `fromBinary`.
 */
export interface LineCodec<T> {
  encode(record: T): string;
  parse(binaryLine: string): T | undefined;
  /** The partition a record belongs to, e.g. '2026-09'. Must sort chronologically as a string. */
  partition(record: T): string;
}

export interface ReadOptions {
  /** First and last partitions to read (inclusive); omitted ends are open. */
  from?: string;
  to?: string;
}

/** An append-only log split into one file per partition, one record per line. */
export interface LineLog<T> {
  readonly dir: string;
  /** Resolves once the record is written and fsync'ed; concurrent appends share one write + fsync. */
  append(record: T): Promise<void>;
  /**
   * Streams records in file order, in batches (one per 1 MB read: per-record async steps would cost
   * more than parsing); torn or unreadable lines are skipped and counted.
   */
  read(options?: ReadOptions): AsyncGenerator<T[]>;
  /** Lines skipped by reads so far (a torn last line after a crash, or hand-edited junk). */
  readonly skippedLines: number;
  /** Where the first skipped lines are (file and 1-based line number), so a person can look. */
  readonly skipped: readonly SkippedLine[];
  close(): Promise<void>;
}

interface Pending {
  partition: string;
  line: string;
  resolve: () => void;
  reject: (error: unknown) => void;
}

export interface SkippedLine {
  file: string;
  line: number;
}

const EXT = '.log';
/** Enough places to find a pattern; the count keeps going. */
const MAX_SKIPPED_KEPT = 20;

/**
 * Opens (creating if needed) a partitioned log in `dir` (files `<partition>.log`).
 * Appending costs the same however much is stored: it only touches the open file of one partition.
 */
export async function openLineLog<T>(dir: string, codec: LineCodec<T>): Promise<LineLog<T>> {
  await ensureDirectory(dir);
  const handles = new Map<string, FileHandle>();
  let pending: Pending[] = [];
  let flushing: Promise<void> | undefined;
  let skipped = 0;
  const skippedAt: SkippedLine[] = [];

  async function handleFor(partition: string): Promise<{ handle: FileHandle; prefix: string }> {
    const cached = handles.get(partition);
    if (cached) return { handle: cached, prefix: '' };
    const file = join(dir, `${partition}${EXT}`);
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
    skipped: skippedAt,
    append(record) {
      return new Promise<void>((resolve, reject) => {
        pending.push({ partition: codec.partition(record), line: `${codec.encode(record)}\n`, resolve, reject });
        flushing ??= flushLoop();
      });
    },
    async *read(options = {}) {
      for (const name of await partitions(dir, options)) {
        const file = join(dir, `${name}${EXT}`);
        let lineNo = 0;
        for await (const lines of readLineBatches(file)) {
          const batch: T[] = [];
          for (const line of lines) {
            lineNo++;
            if (line === '') continue;
            const record = codec.parse(line);
            if (record !== undefined) batch.push(record);
            else if (++skipped <= MAX_SKIPPED_KEPT) skippedAt.push({ file, line: lineNo });
          }
          if (batch.length > 0) yield batch;
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

/** The files of a log's partitions within `options`, oldest first. */
export async function partitionFiles(dir: string, options: ReadOptions = {}): Promise<string[]> {
  return (await partitions(dir, options)).map((name) => join(dir, `${name}${EXT}`));
}

/**
 * Creates the log's folder, or checks the one there.
 * @throws StoreCorruptError when something other than a folder sits in its place.
 */
async function ensureDirectory(dir: string): Promise<void> {
  const found = await stat(dir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw new StoreCorruptError(dir, `无法读取：${error.code ?? error.message}`, { cause: error });
  });
  if (found && !found.isDirectory()) throw new StoreCorruptError(dir, '这里应是一个文件夹，现在却是文件');
  if (!found) await mkdir(dir, { recursive: true });
}

async function partitions(dir: string, options: ReadOptions): Promise<string[]> {
  // A log nobody has written to yet has no folder: that is an empty log, not an error.
  const entries = await readdir(dir, { withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [];
    if (error.code === 'ENOTDIR') throw new StoreCorruptError(dir, '这里应是一个文件夹，现在却是文件');
    throw error;
  });
  const logs = entries.filter((e) => e.name.endsWith(EXT));
  const odd = logs.find((e) => !e.isFile());
  if (odd) throw new StoreCorruptError(join(dir, odd.name), '这里应是一个日志文件，现在却是文件夹或其他类型');
  return logs
    .map((e) => e.name.slice(0, -EXT.length))
    .filter((p) => (options.from === undefined || p >= options.from) && (options.to === undefined || p <= options.to))
    .sort();
}

/** Decodes a field of a binary (latin1) line back to the UTF-8 text that was written. */
export function fromBinary(field: string): string {
  // eslint-disable-next-line no-control-regex
  return /[^\x00-\x7f]/.test(field) ? Buffer.from(field, 'latin1').toString('utf8') : field;
}

/**
 * Splits a file into batches of whole lines with 1 MB reads; the last, unterminated line comes last.
 * Lines are binary strings: splitting on "\n" is safe because no UTF-8 multi-byte sequence holds 0x0a.
 */
async function* readLineBatches(file: string): AsyncGenerator<string[]> {
  const stream = createReadStream(file, { encoding: 'latin1', highWaterMark: 1 << 20 });
  let rest = '';
  for await (const chunk of stream as AsyncIterable<string>) {
    const lines = (rest + chunk).split('\n');
    rest = lines.pop() ?? '';
    yield lines;
  }
  if (rest !== '') yield [rest];
}

async function syncDir(dir: string): Promise<void> {
  // Makes a new partition's directory entry durable; some filesystems refuse, which is harmless.
  const h = await open(dir, 'r').catch(() => undefined);
  await h?.sync().catch(() => undefined);
  await h?.close();
}
