import { readFile, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { Low } from 'lowdb';
import { JSONFile } from 'lowdb/node';
import type { z } from 'zod';
import { StoreCorruptError, StoreInconsistentError } from '../errors.js';

/** A schema-versioned JSON document on disk. */
export interface JsonFileStore<T extends { version: number }> {
  readonly file: string;
  readonly data: T;
  /** Applies a synchronous change and writes the whole file atomically (temp file + rename). */
  update(change: (data: T) => void): Promise<void>;
  write(): Promise<void>;
}

export interface OpenJsonFileOptions<T extends { version: number }> {
  schema: z.ZodType<T>;
  /** The version this code writes; a file with another version is refused, never rewritten. */
  version: number;
  defaults: () => T;
  /** Rules beyond the schema (unique ids …): each problem found, with how to fix it. */
  check?: (data: T) => string[];
}

/**
 * Opens (or creates) a lowdb JSON file, validating it against `schema`.
 * Built on `new Low(new JSONFile())` rather than the presets, which go in-memory under NODE_ENV=test.
 * @throws StoreCorruptError naming the file and the reason when it exists but is unreadable, not JSON,
 *   of another schema version, or fails validation. The file is left untouched.
 */
export async function openJsonFile<T extends { version: number }>(
  file: string,
  options: OpenJsonFileOptions<T>,
): Promise<JsonFileStore<T>> {
  await mkdir(dirname(file), { recursive: true });
  let raw: string | undefined;
  try {
    raw = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
      throw new StoreCorruptError(file, `无法读取：${(error as Error).message}`, { cause: error });
    }
  }
  const data = raw === undefined ? options.defaults() : parseExisting(file, raw, options);
  const db = new Low<T>(new JSONFile<T>(file), data);
  if (raw === undefined) await db.write();
  // lowdb serialises writes through steno; we serialise updates too so a change is never half-applied.
  let queue: Promise<void> = Promise.resolve();
  const store: JsonFileStore<T> = {
    file,
    get data() {
      return db.data;
    },
    update(change) {
      const next = queue.then(async () => {
        change(db.data);
        await db.write();
      });
      queue = next.catch(() => undefined);
      return next;
    },
    write() {
      return store.update(() => undefined);
    },
  };
  return store;
}

function parseExisting<T extends { version: number }>(
  file: string,
  raw: string,
  options: OpenJsonFileOptions<T>,
): T {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (error) {
    throw new StoreCorruptError(file, `不是有效的 JSON：${(error as Error).message}`, { cause: error });
  }
  const version = (json as { version?: unknown } | null)?.version;
  if (version !== options.version) {
    throw new StoreCorruptError(file, `数据版本为 ${String(version)}，本程序需要版本 ${options.version}`);
  }
  const parsed = options.schema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new StoreCorruptError(file, `字段 ${issue?.path.join('.') ?? '?'} 不符合格式：${issue?.message ?? ''}`);
  }
  const problems = options.check?.(parsed.data) ?? [];
  if (problems.length > 0) throw new StoreInconsistentError(file, problems);
  return parsed.data;
}
