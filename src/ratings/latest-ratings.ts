import type { RatingRecord } from './types.js';

/** Allowance for clock steps between processes writing the log. */
export const SLACK_MS = 60_000;

/**
 * Streams (in batches) the final rating of each answer from a log where a change within `windowMs` is a later line
 * with the same answer id. Only the ratings still inside the window are held, so memory stays flat
 * however long the log is.
 */
export async function* latestRatings(
  batches: AsyncIterable<RatingRecord[]>,
  windowMs: number,
): AsyncGenerator<RatingRecord[]> {
  const pending = new Map<string, RatingRecord>();
  // Answer ids in order of first rating, so the oldest pending one is always at `head`.
  let order: string[] = [];
  let head = 0;
  for await (const batch of batches) {
    const done: RatingRecord[] = [];
    for (const r of batch) {
      for (let id = order[head]; id !== undefined; id = order[++head]) {
        const held = pending.get(id);
        if (held && r.at - held.firstAt <= windowMs + SLACK_MS) break;
        pending.delete(id);
        if (held) done.push(held);
      }
      if (!pending.has(r.answerId)) order.push(r.answerId);
      pending.set(r.answerId, r);
    }
    if (head > 4096) {
      order = order.slice(head);
      head = 0;
    }
    if (done.length > 0) yield done;
  }
  if (pending.size > 0) yield [...pending.values()];
}
