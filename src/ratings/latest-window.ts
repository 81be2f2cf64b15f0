import { SLACK_MS } from './latest-ratings.js';
import type { RatingLevel } from './levels.js';

/** The latestRatings rule fed one line at a time, the answer id given as bytes of the line. */
export interface LatestWindow {
  /** A rating line: its answer id in bytes [idStart, idEnd) of `buf`, `at` when written, and what it says. */
  add(buf: Buffer, idStart: number, idEnd: number, at: number, firstAt: number, level: RatingLevel, item: number): void;
  /** Hands over the ratings still held: call once the log is read. */
  flush(): void;
}

/** Gets each final rating: when first given, its level, and its interned item number (see items.ts). */
export type FinalRatingSink = (firstAt: number, level: RatingLevel, item: number) => void;

/**
 * latestRatings for the report's fast path, allocating nothing per line. Answers are held in arrays
 * indexed by arrival number (they leave in arrival order, so the arrays are rings), found by a hash of
 * the id's bytes (in buckets of a typed array, not a Map) and told apart by the bytes themselves, kept in a byte ring. A string per answer id,
 * a record per line and a Map keyed by id took more than half of the report; the garbage collector
 * a fifth. Final ratings go to `done` in the order latestRatings yields them.
 */
export function createLatestWindow(windowMs: number, done: FinalRatingSink): LatestWindow {
  let slots = 256; // a power of two: arrival n sits at n & (slots - 1)
  let firstAt = new Float64Array(slots);
  let level = new Uint8Array(slots);
  let item = new Int32Array(slots);
  let hash = new Int32Array(slots);
  let idAt = new Int32Array(slots); // where the id's bytes start in `ids` (an ever-growing position)
  let idLen = new Int32Array(slots);
  let next = new Int32Array(slots); // the next held arrival with the same hash, or -1
  let head = 0; // arrival numbers of the oldest held answer and of the next one
  let tail = 0;
  let ids = new Uint8Array(4096); // also a power of two: position p is at p & (ids.length - 1)
  let idsHead = 0;
  let idsTail = 0;
  // Hash buckets, each the newest held arrival with that bucket (or -1); older ones follow `next`.
  let buckets = new Int32Array(slots * 2).fill(-1);
  const bucketOf = (h: number): number => h & (buckets.length - 1);

  const grow = (): void => {
    const size = slots * 2;
    const move = <A extends Float64Array | Int32Array | Uint8Array>(old: A, fresh: A): A => {
      for (let n = head; n < tail; n++) fresh[n & (size - 1)] = old[n & (slots - 1)] ?? 0;
      return fresh;
    };
    firstAt = move(firstAt, new Float64Array(size));
    level = move(level, new Uint8Array(size));
    item = move(item, new Int32Array(size));
    hash = move(hash, new Int32Array(size));
    idAt = move(idAt, new Int32Array(size));
    idLen = move(idLen, new Int32Array(size));
    next = move(next, new Int32Array(size));
    slots = size;
    // Rebuilt oldest first, so every bucket's chain still runs from newest to oldest.
    buckets = new Int32Array(size * 2).fill(-1);
    for (let n = head; n < tail; n++) {
      const s = n & (size - 1);
      const b = bucketOf(hash[s] ?? 0);
      next[s] = buckets[b] ?? -1;
      buckets[b] = n;
    }
  };
  const keepId = (buf: Buffer, start: number, end: number): number => {
    const len = end - start;
    if (idsTail - idsHead + len > ids.length) {
      let size = ids.length * 2;
      while (idsTail - idsHead + len > size) size *= 2;
      const bigger = new Uint8Array(size);
      for (let p = idsHead; p < idsTail; p++) bigger[p & (size - 1)] = ids[p & (ids.length - 1)] ?? 0;
      ids = bigger;
    }
    const mask = ids.length - 1;
    for (let i = 0; i < len; i++) ids[(idsTail + i) & mask] = buf[start + i] ?? 0;
    idsTail += len;
    return idsTail - len;
  };
  const sameId = (s: number, buf: Buffer, start: number, end: number): boolean => {
    const len = idLen[s] ?? 0;
    if (len !== end - start) return false;
    const at = idAt[s] ?? 0;
    const mask = ids.length - 1;
    for (let i = 0; i < len; i++) if (ids[(at + i) & mask] !== buf[start + i]) return false;
    return true;
  };
  const release = (): void => {
    const s = head & (slots - 1);
    const b = bucketOf(hash[s] ?? 0);
    // A bucket's chain runs newest first, so the oldest held arrival is its end.
    let n = buckets[b] ?? -1;
    if (n === head) buckets[b] = -1;
    else {
      while (n !== -1 && next[n & (slots - 1)] !== head) n = next[n & (slots - 1)] ?? -1;
      if (n !== -1) next[n & (slots - 1)] = -1;
    }
    idsHead = (idAt[s] ?? 0) + (idLen[s] ?? 0);
    head++;
    done(firstAt[s] ?? 0, (level[s] ?? 1) as RatingLevel, item[s] ?? 0);
  };

  return {
    add(buf, idStart, idEnd, at, lineFirstAt, lineLevel, lineItem) {
      while (head < tail && at - (firstAt[head & (slots - 1)] ?? 0) > windowMs + SLACK_MS) release();
      let h = 0x811c9dc5; // FNV-1a
      for (let i = idStart; i < idEnd; i++) h = Math.imul(h ^ (buf[i] ?? 0), 0x01000193);
      const newest = buckets[bucketOf(h)] ?? -1;
      for (let n = newest; n !== -1; n = next[n & (slots - 1)] ?? -1) {
        const s = n & (slots - 1);
        if (!sameId(s, buf, idStart, idEnd)) continue;
        firstAt[s] = lineFirstAt;
        level[s] = lineLevel;
        item[s] = lineItem;
        return;
      }
      if (tail - head === slots) grow();
      const s = tail & (slots - 1);
      firstAt[s] = lineFirstAt;
      level[s] = lineLevel;
      item[s] = lineItem;
      hash[s] = h;
      idAt[s] = keepId(buf, idStart, idEnd);
      idLen[s] = idEnd - idStart;
      next[s] = newest;
      buckets[bucketOf(h)] = tail++;
    },
    flush() {
      while (head < tail) release();
    },
  };
}
