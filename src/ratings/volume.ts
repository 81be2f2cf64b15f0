import { createInterner, createItemCounts } from './items.js';
import { partitionFiles } from './line-log.js';
import { findTabs, intAt, scanLines, tabAt } from './line-scan.js';
import { periodBounds, periodMonths, type Period } from './period.js';

/** How many answers were given in a period, in all and per item. */
export interface Volume {
  answers: number;
  byIntent: Map<string | null, number>;
}

/**
 * Counts the period's answers per item, streaming the answers partitions as bytes: only the time and
 * the item are read, never the question. A line counts when answerVolumeCodec would accept it (the
 * codec is kept as that definition; the tests hold the two together). A worker thread was tried: on a
 * busy two-core machine it was slower and pushed peak memory over 300 MB, so the count stays on this thread.
 */
export async function countVolume(answersDir: string, period: Period): Promise<Volume> {
  const { start, end } = periodBounds(period);
  const items = createInterner();
  const counts = createItemCounts();
  let answers = 0;
  const visit = (buf: Buffer, s: number, e: number): void => {
    // Fields: id, at, chatId, userId, kind, intent, question, "$" (see answerCodec).
    if (!findTabs(buf, s, e, 8)) return;
    const at = intAt(buf, tabAt(0) + 1, tabAt(1));
    if (Number.isNaN(at) || at < start || at >= end) return;
    answers++;
    counts.add(items.index(buf, tabAt(4) + 1, tabAt(5)));
  };
  for (const file of await partitionFiles(answersDir, periodMonths(period))) await scanLines(file, visit);
  return { answers, byIntent: counts.toMap(items) };
}
