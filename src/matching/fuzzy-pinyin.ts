import Fuse from 'fuse.js';

/** Finds the vocabulary reading a mistyped pinyin word was meant to be ("dengjj" → "dengji"). */
export interface FuzzyPinyin {
  /** The closest reading, or undefined when none is close enough or two are equally close. */
  nearest(token: string): string | undefined;
}

/**
 * fuse.js (Bitap) scores errors ÷ pattern length and counts a swap as two errors: 0.34 keeps
 * "degnji" (dengji with g and n swapped, 2/6) among the candidates. Each candidate is then checked
 * by whole-word distance below, which is what decides.
 */
const THRESHOLD = 0.34;
/** Shorter tokens ("ren", "bu") are too often real syllables of words we simply do not index. */
const MIN_TOKEN = 4;
/** Candidates per bucket to check by whole-word distance (a bucket is one first letter and length). */
const LIMIT = 24;
/** Slips allowed in a whole word: one, or two from 8 letters on ("shehuituanit"). */
const allowedSlips = (length: number): number => (length >= 8 ? 2 : 1);
/**
 * Edit distance with adjacent swaps counted once ("butei" → "butie" is one slip). Bitap scores a
 * pattern found anywhere in the reading, so "qfus" fits "qushi" with one error; the whole-word
 * distance (three) is what says whether the reading is a correction of the token.
 */
function slips(a: string, b: string): number {
  const rows: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...new Array<number>(b.length).fill(0)]);
  for (let j = 0; j <= b.length; j++) rows[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, rows[i - 2]![j - 2]! + 1);
      rows[i]![j] = d;
    }
  }
  return rows[a.length]![b.length]!;
}

/**
 * Indexes the pinyin readings of the vocabulary (toneless, no spaces) with fuse.js, each with how
 * often its word occurs in the catalog. Built once per index, i.e. once per catalog snapshot.
 *
 * One fuse index per first letter and length: a reading within two slips of a token is at most two
 * letters longer or shorter, and people rarely miss the first key (that rule also keeps random
 * strings like "vrji" off 二级 erji). Searching only those few buckets keeps a lookup well under a
 * millisecond on a 2,000-item catalog, where one index over every reading took several.
 */
export function createFuzzyPinyin(readings: ReadonlyMap<string, number>): FuzzyPinyin {
  const buckets = new Map<string, string[]>();
  for (const r of readings.keys()) {
    if (r.length < MIN_TOKEN - 1) continue;
    const key = `${r[0]}${r.length}`;
    buckets.set(key, [...(buckets.get(key) ?? []), r]);
  }
  // ignoreLocation: a slip may be anywhere in the word; the field norm is meaningless for one word.
  const options = { threshold: THRESHOLD, ignoreLocation: true, ignoreFieldNorm: true };
  const fuses = new Map([...buckets].map(([key, list]) => [key, new Fuse(list, options)]));
  return {
    nearest(token) {
      if (token.length < MIN_TOKEN || token.length > 32) return undefined;
      const allowed = allowedSlips(token.length);
      const hits: { reading: string; slips: number; count: number }[] = [];
      for (let length = token.length - allowed; length <= token.length + allowed; length++) {
        for (const h of fuses.get(`${token[0]}${length}`)?.search(token, { limit: LIMIT }) ?? []) {
          const slipped = slips(token, h.item);
          if (slipped <= allowed) hits.push({ reading: h.item, slips: slipped, count: readings.get(h.item) ?? 0 });
        }
      }
      // As many slips either way ("nianjan": 年检 or 年满?): the word the catalog uses more wins.
      hits.sort((a, b) => a.slips - b.slips || b.count - a.count);
      const [best, next] = hits;
      // A full tie is a guess, not a correction.
      if (!best || (next && next.slips === best.slips && next.count === best.count)) return undefined;
      return best.reading;
    },
  };
}

/** How a run of typed pinyin parses: undefined if it is not pinyin at all. */
export type ParseRun = (run: string) => { dropped: number } | undefined;

/**
 * Replaces mistyped words of a typed-pinyin run with their nearest vocabulary reading. A word that
 * is no pinyin at all ("dengjj") is replaced whenever a reading is near; one that is pinyin but not
 * vocabulary ("chenli" = 陈 + 立?) only if that leaves fewer syllables unread in the whole run, so
 * "niandu jiancha" (年度检查 across two words) is never "corrected" word by word.
 */
export function repairTypedPinyin(run: string, fuzzy: FuzzyPinyin, parse: ParseRun, keep: ReadonlySet<string>): string {
  const tokens = run.split(/\s+/);
  const unread = (ts: readonly string[]): number =>
    parse(ts.join(' '))?.dropped ?? ts.reduce((sum, t) => sum + (parse(t)?.dropped ?? 0), 0);
  if (parse(run)?.dropped === 0) return run;
  tokens.forEach((t, i) => {
    if (keep.has(t) || parse(t) !== undefined) return;
    tokens[i] = fuzzy.nearest(t) ?? t;
  });
  let best = unread(tokens);
  tokens.forEach((t, i) => {
    const own = parse(t);
    // Unparsable words were tried above; whole vocabulary words need nothing.
    if (best === 0 || keep.has(t) || own === undefined || own.dropped === 0) return;
    const near = fuzzy.nearest(t);
    if (near === undefined) return;
    const tried = tokens.with(i, near);
    const score = unread(tried);
    if (score < best) [tokens[i], best] = [near, score];
  });
  return tokens.join(' ');
}
