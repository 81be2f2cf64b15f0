import type { RatingRecord } from './types.js';

/** Allowance for clock steps between processes writing the log. */
const SLACK_MS = 60_000;

/**
 * Streams the final rating of each answer from a log where a change within `windowMs` is a later line
 * with the same answer id. Only the ratings still inside the window are held, so memory stays flat
 * however long the log is.
 */
export async function* latestRatings(
  lines: AsyncIterable<RatingRecord>,
  windowMs: number,
): AsyncGenerator<RatingRecord> {
  // Insertion order follows first ratings, so the oldest pending entry is always at the front.
  const pending = new Map<string, RatingRecord>();
  for await (const r of lines) {
    for (const [id, held] of pending) {
      if (r.at - held.firstAt <= windowMs + SLACK_MS) break;
      pending.delete(id);
      yield held;
    }
    pending.set(r.answerId, r);
  }
  yield* pending.values();
}
