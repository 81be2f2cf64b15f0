import { createReadStream } from 'node:fs';
import { appendFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { maskPersonalData } from '../privacy/mask.js';
import type { UnansweredKind } from '../ratings/unanswered-groups.js';

/**
 * A question the bot could not answer directly, answered without much confidence, or praise: for
 * managers (kinds in src/ratings/unanswered-groups.ts).
 */
export interface UnansweredEntry {
  at: string;
  kind: UnansweredKind;
  /** Masked: no 身份证号 or phone numbers. */
  question: string;
  candidates: string[];
  /** For gaps: the 民政 topic without a guide; for referrals: the topic sent elsewhere. */
  topic?: string;
  /** Absent on entries from Telegram and the terminal; 'web' from the web chat. */
  channel?: 'telegram' | 'web';
}

export interface UnansweredLog {
  /** Never rejects: a question the log could not take is reported to `onError`, the answer goes on. */
  record(entry: UnansweredEntry): Promise<void>;
  entries(): AsyncIterable<UnansweredEntry>;
  /** Resolves once every entry recorded so far is stored (or reported to `onError`). */
  flush(): Promise<void>;
}

/**
 * Append-only JSONL log in `DATA_DIR/unanswered.jsonl`. Questions are masked before they touch disk;
 * a torn last line (crash mid-append) is skipped on read.
 */
export async function createUnansweredLog(
  dataDir: string,
  options: { onError?: (error: unknown, file: string) => void } = {},
): Promise<UnansweredLog> {
  await mkdir(dataDir, { recursive: true });
  const file = join(dataDir, 'unanswered.jsonl');
  const onError = options.onError ?? (() => undefined);
  // Callers record off the reply path without awaiting: appends are chained so the log keeps the order
  // the questions came in, and a read waits for the appends already asked for. Entries that arrive
  // while a write is under way go out together in the next one: one open and write per batch.
  let tail: Promise<void> = Promise.resolve();
  let queued: string[] = [];
  const writeQueued = (): Promise<void> => {
    const lines = queued.join('');
    queued = [];
    // Analytics for managers: a folder in its place or a full disk must never cost a citizen the answer.
    return appendFile(file, lines, 'utf8').catch((error: unknown) => {
      onError(error, file);
    });
  };
  return {
    record(entry) {
      const safe = { ...entry, question: maskPersonalData(entry.question).slice(0, 500) };
      queued.push(`${JSON.stringify(safe)}\n`);
      if (queued.length === 1) tail = tail.then(writeQueued);
      return tail;
    },
    flush: () => tail,
    async *entries() {
      await tail;
      const stream = createReadStream(file, { encoding: 'utf8' });
      const opened = await new Promise<boolean>((resolve) => {
        stream.once('open', () => resolve(true));
        stream.once('error', () => resolve(false));
      });
      if (!opened) return;
      try {
        for await (const line of createInterface({ input: stream, crlfDelay: Infinity })) {
          if (!line.trim()) continue;
          try {
            yield JSON.parse(line) as UnansweredEntry;
          } catch {
            // A half-written last line from a crash: skip it.
          }
        }
      } catch (error) {
        // Unreadable (a folder in its place): the report shows what it has and says why in the log.
        onError(error, file);
      }
    },
  };
}
