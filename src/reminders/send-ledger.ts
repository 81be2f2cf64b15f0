import { open, readFile, stat, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { StoreCorruptError } from '../errors.js';

/** What happened to one reminder (subscription + deadline stage) during a pass. */
export type LedgerStatus = 'pending' | 'sent' | 'unconfirmed' | 'failed' | 'blocked';

export interface LedgerEntry {
  /** `${chatId}:${code}|${year}/${deadlineId}` */
  key: string;
  offset: number;
  status: LedgerStatus;
  at: string;
}

/**
 * The write-ahead record of a reminder pass, one line per step, so that a kill at any moment costs
 * at most the messages in flight. `pending` is written and fsync'ed right before its own send (never
 * for a batch): a reminder that never reached Telegram has no line and is planned again; one with a
 * `pending` line and nothing after may have been delivered and is never sent twice.
 */
export interface SendLedger {
  /** Resolves once the line is on disk (fsync; concurrent calls share one). */
  append(entry: LedgerEntry): Promise<void>;
  /** The last entry per key left by an earlier, interrupted pass (a torn last line is skipped). */
  replay(): Promise<Map<string, LedgerEntry>>;
  /** Empties the ledger once its entries are folded into reminders.json. */
  clear(): Promise<void>;
  close(): Promise<void>;
}

/** File name inside DATA_DIR. */
export const SEND_LEDGER_FILE = 'reminders-ledger.jsonl';

/**
 * Opens (creating) `DATA_DIR/reminders-ledger.jsonl`.
 * @throws StoreCorruptError when something other than a file sits in its place.
 */
export async function openSendLedger(dataDir: string): Promise<SendLedger> {
  const file = join(dataDir, SEND_LEDGER_FILE);
  const found = await stat(file).catch(() => undefined);
  if (found && !found.isFile()) throw new StoreCorruptError(file, '这里应是一个文件，现在却是文件夹或其他类型');
  let handle: FileHandle | undefined;
  let waiting: { line: string; resolve: () => void; reject: (e: unknown) => void }[] = [];
  let flushing: Promise<void> | undefined;

  async function flushLoop(): Promise<void> {
    while (waiting.length > 0) {
      const batch = waiting;
      waiting = [];
      try {
        handle ??= await open(file, 'a');
        await handle.write(batch.map((w) => w.line).join(''));
        await handle.datasync();
        for (const w of batch) w.resolve();
      } catch (error) {
        for (const w of batch) w.reject(error);
      }
    }
    flushing = undefined;
  }

  return {
    append(entry) {
      return new Promise<void>((resolve, reject) => {
        // A leading newline keeps a line torn by an earlier crash from swallowing this one.
        waiting.push({ line: `\n${JSON.stringify(entry)}`, resolve, reject });
        flushing ??= flushLoop();
      });
    },
    async replay() {
      const text = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
        if (error.code === 'ENOENT') return '';
        throw error;
      });
      const last = new Map<string, LedgerEntry>();
      for (const line of text.split('\n')) {
        if (!line) continue;
        try {
          const e = JSON.parse(line) as LedgerEntry;
          if (typeof e.key === 'string' && typeof e.offset === 'number' && typeof e.status === 'string') last.set(e.key, e);
        } catch {
          // torn by a kill mid-write: that send never started (its pending line was not complete)
        }
      }
      return last;
    },
    async clear() {
      await flushing;
      await handle?.close();
      handle = undefined;
      const h = await open(file, 'w');
      await h.datasync();
      await h.close();
    },
    async close() {
      await flushing;
      await handle?.close();
      handle = undefined;
    },
  };
}
