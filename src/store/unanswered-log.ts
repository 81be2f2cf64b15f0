import { createReadStream } from 'node:fs';
import { appendFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { maskPersonalData } from '../privacy/mask.js';

/** A question the bot could not answer directly: the catalog's gaps, for managers. */
export interface UnansweredEntry {
  at: string;
  kind: 'out-of-scope' | 'clarify';
  /** Masked: no 身份证号 or phone numbers. */
  question: string;
  candidates: string[];
  /** Absent on entries from Telegram and the terminal; 'web' from the web chat. */
  channel?: 'telegram' | 'web';
}

export interface UnansweredLog {
  record(entry: UnansweredEntry): Promise<void>;
  entries(): AsyncIterable<UnansweredEntry>;
}

/**
 * Append-only JSONL log in `DATA_DIR/unanswered.jsonl`. Questions are masked before they touch disk;
 * a torn last line (crash mid-append) is skipped on read.
 */
export async function createUnansweredLog(dataDir: string): Promise<UnansweredLog> {
  await mkdir(dataDir, { recursive: true });
  const file = join(dataDir, 'unanswered.jsonl');
  return {
    async record(entry) {
      const safe = { ...entry, question: maskPersonalData(entry.question).slice(0, 500) };
      await appendFile(file, `${JSON.stringify(safe)}\n`, 'utf8');
    },
    async *entries() {
      const stream = createReadStream(file, { encoding: 'utf8' });
      const opened = await new Promise<boolean>((resolve) => {
        stream.once('open', () => resolve(true));
        stream.once('error', () => resolve(false));
      });
      if (!opened) return;
      for await (const line of createInterface({ input: stream, crlfDelay: Infinity })) {
        if (!line.trim()) continue;
        try {
          yield JSON.parse(line) as UnansweredEntry;
        } catch {
          // A half-written last line from a crash: skip it.
        }
      }
    },
  };
}
