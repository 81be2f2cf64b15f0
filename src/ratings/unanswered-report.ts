import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { periodBounds, type Period } from './period.js';
import { groupUnanswered, type UnansweredGroups, type UnansweredLike } from './unanswered-groups.js';

/** Streams DATA_DIR/unanswered.jsonl read-only (nothing when it does not exist; torn lines skipped). */
async function* readLog(file: string): AsyncIterable<UnansweredLike> {
  const stream = createReadStream(file, { encoding: 'utf8' });
  const opened = await new Promise<boolean>((resolve) => {
    stream.once('open', () => resolve(true));
    stream.once('error', () => resolve(false));
  });
  if (!opened) return;
  for await (const line of createInterface({ input: stream, crlfDelay: Infinity })) {
    if (!line.trim()) continue;
    try {
      yield JSON.parse(line) as UnansweredLike;
    } catch {
      // a torn line from a crash mid-append
    }
  }
}

/**
 * The unanswered part of `npm run report`: the bot's unanswered log for the period, grouped as in
 * /unanswered, read without touching the bot's files.
 */
export function unansweredFromDisk(opts: { dataDir: string; period: Period; top?: number }): Promise<UnansweredGroups> {
  return groupUnanswered(readLog(join(opts.dataDir, 'unanswered.jsonl')), { ...periodBounds(opts.period), top: opts.top ?? 10 });
}
