import { answerVolumeCodec } from './codecs.js';
import { openLineLog } from './line-log.js';
import { periodBounds, periodMonths, type Period } from './period.js';

/** How many answers were given in a period, in all and per item. */
export interface Volume {
  answers: number;
  byIntent: Map<string | null, number>;
}

/**
 * Counts the period's answers per item, streaming the answers partitions with the light codec that
 * skips the question text. (A worker thread was tried: on a busy two-core machine it was slower and
 * pushed peak memory over 300 MB, so the count stays on this thread.)
 */
export async function countVolume(answersDir: string, period: Period): Promise<Volume> {
  const log = await openLineLog(answersDir, answerVolumeCodec);
  const { start, end } = periodBounds(period);
  const byIntent = new Map<string | null, number>();
  let answers = 0;
  for await (const batch of log.read(periodMonths(period))) {
    for (const a of batch) {
      if (a.at < start || a.at >= end) continue;
      answers++;
      byIntent.set(a.intent, (byIntent.get(a.intent) ?? 0) + 1);
    }
  }
  return { answers, byIntent };
}
