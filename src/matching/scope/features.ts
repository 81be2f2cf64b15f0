/**
 * Sparse features of a normalised question for the scope model: hashed character 1–3-grams of each
 * space-separated run (with edge marks, so "证" at a word's end differs from one inside) plus the
 * matcher's own content terms. Hashing keeps the model file free of a vocabulary and makes unseen
 * n-grams cost nothing: they hash to buckets the model has no weights for.
 */

/** Buckets of the hash space: large enough that the few thousand n-grams of a training set rarely collide. */
export const HASH_BITS = 20;
const MASK = (1 << HASH_BITS) - 1;

/** FNV-1a over UTF-16 units: fast, stable across runs and platforms, no allocation. */
export function hashFeature(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0) & MASK;
}

/** A sparse vector: distinct bucket ids and their values, scaled to unit length. */
export interface SparseVector {
  ids: number[];
  values: number[];
}

/**
 * The feature vector of a question: `normalized` is the matcher's normalised text, `terms` its
 * content terms (jieba words). Repeated n-grams count once: a question's length says nothing of its topic.
 */
export function featurize(normalized: string, terms: readonly string[]): SparseVector {
  const seen = new Set<number>();
  for (const run of normalized.split(' ')) {
    const chars = [...run];
    if (chars.length === 0) continue;
    const padded = ['^', ...chars, '$'];
    for (let i = 0; i < padded.length; i++) {
      if (i > 0 && i < padded.length - 1) seen.add(hashFeature(`1${padded[i]!}`));
      if (i + 1 < padded.length) seen.add(hashFeature(`2${padded[i]!}${padded[i + 1]!}`));
      if (i + 2 < padded.length) seen.add(hashFeature(`3${padded[i]!}${padded[i + 1]!}${padded[i + 2]!}`));
    }
  }
  for (const t of terms) seen.add(hashFeature(`w${t}`));
  const ids = [...seen].sort((a, b) => a - b);
  const value = ids.length === 0 ? 0 : 1 / Math.sqrt(ids.length);
  return { ids, values: ids.map(() => value) };
}
