import { bytesEqual } from './line-scan.js';

// Items (intent ids) are few, but come on every line: the fast path numbers them once and counts in
// arrays, so a line costs an array increment instead of a string and a Map update.

/**
 * Numbers the distinct texts of a field (the items: a few dozen catalog keys) as they are first met,
 * so per-line counting is an array increment. Index 0 stands for the empty field (no item: null).
 */
export interface Interner {
  /** Index of the UTF-8 text in bytes [start, end), numbering it if new. */
  index(buf: Buffer, start: number, end: number): number;
  /** The text of an index: null for 0. */
  text(index: number): string | null;
}

export function createInterner(): Interner {
  const texts: (string | null)[] = [null];
  const bytes: Buffer[] = [Buffer.alloc(0)];
  const byHash = new Map<number, number[]>();
  return {
    index(buf, start, end) {
      if (start === end) return 0;
      // A few bytes and the length tell catalog keys apart well enough; the full compare below decides.
      const len = end - start;
      const h = len * 0x10000 + (buf[end - 1] ?? 0) * 0x100 + (buf[start + (len >> 1)] ?? 0);
      const candidates = byHash.get(h);
      if (candidates) {
        for (const c of candidates) {
          const b = bytes[c];
          if (b && bytesEqual(b, buf, start, end)) return c;
        }
      }
      const index = texts.length;
      // toString('utf8') gives the same text as the codecs' latin1-then-UTF-8 decoding of these bytes.
      texts.push(buf.toString('utf8', start, end));
      bytes.push(Buffer.from(buf.subarray(start, end)));
      byHash.set(h, [...(candidates ?? []), index]);
      return index;
    },
    text: (index) => texts[index] ?? null,
  };
}

/** Per-item counts; `toMap` lists items in the order each was first counted, as a Map count would. */
export interface ItemCounts {
  add(item: number): void;
  toMap(items: Interner): Map<string | null, number>;
}

export function createItemCounts(): ItemCounts {
  const counts: number[] = [];
  const firstSeen: number[] = [];
  return {
    add(item) {
      const n = counts[item] ?? 0;
      if (n === 0) firstSeen.push(item);
      counts[item] = n + 1;
    },
    toMap: (items) => new Map(firstSeen.map((i) => [items.text(i), counts[i] ?? 0])),
  };
}
