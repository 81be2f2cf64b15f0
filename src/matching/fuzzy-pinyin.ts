import Fuse from 'fuse.js';

/** Finds the vocabulary reading a mistyped pinyin word was meant to be ("dengjj" → "dengji"). */
export interface FuzzyPinyin {
  /** The closest reading, or undefined when none is close enough or two are equally close. */
  nearest(token: string): string | undefined;
}

/**
 * Bitap score is errors ÷ pattern length: 0.25 allows one slip in a 4–7 letter word and two in a
 * word of 8 or more. Looser lets short words drift onto unrelated ones ("yuyue", "shijian").
 */
const THRESHOLD = 0.25;
/** Shorter tokens ("ren", "bu") are too often real syllables of words we simply do not index. */
const MIN_TOKEN = 4;
/**
 * Bitap finds the pattern anywhere in a reading ("dengjj" fits inside "jiehundengji"): only readings
 * about as long as the token are a correction of it, not a longer word it happens to resemble.
 */
const MAX_LENGTH_GAP = 1;
/** Enough hits to see past substring look-alikes to the readings of about the same length. */
const LIMIT = 24;

/**
 * Indexes the pinyin readings of the vocabulary (toneless, no spaces) with fuse.js. Built once per
 * index, i.e. once per catalog snapshot.
 */
export function createFuzzyPinyin(readings: Iterable<string>): FuzzyPinyin {
  const list = [...new Set(readings)].filter((r) => r.length >= MIN_TOKEN - MAX_LENGTH_GAP);
  // ignoreLocation: a slip may be anywhere in the word; the field norm is meaningless for one word.
  const fuse = new Fuse(list, { threshold: THRESHOLD, ignoreLocation: true, ignoreFieldNorm: true, includeScore: true });
  return {
    nearest(token) {
      if (token.length < MIN_TOKEN || token.length > 32) return undefined;
      const hits = fuse
        .search(token, { limit: LIMIT })
        .filter((h) => Math.abs(h.item.length - token.length) <= MAX_LENGTH_GAP)
        .map((h) => ({ reading: h.item, rank: (h.score ?? 1) + Math.abs(h.item.length - token.length) / 100 }))
        .sort((a, b) => a.rank - b.rank);
      const [best, next] = hits;
      // A tie ("dengi" might be "dengji" or "dengxi") is a guess, not a correction.
      if (!best || (next && next.rank - best.rank < 1e-6)) return undefined;
      return best.reading;
    },
  };
}
