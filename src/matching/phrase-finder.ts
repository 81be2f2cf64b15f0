/** Finds which of a fixed list of phrases occur in a text. */
export interface PhraseFinder {
  /** Indices (into the list given at creation) of the phrases the text contains, ascending, each once. */
  find(text: string): number[];
}

/**
 * Buckets the phrases by their first two characters, so a lookup costs a few map probes per
 * character of the question instead of one `includes` per phrase: on a province's 2,000-item
 * catalog the phrase list runs to thousands, the question to a few dozen characters. Phrases
 * shorter than two characters are checked one by one.
 */
export function createPhraseFinder(phrases: readonly string[]): PhraseFinder {
  const buckets = new Map<string, number[]>();
  const short: number[] = [];
  phrases.forEach((p, i) => {
    if (p.length < 2) {
      if (p.length === 1) short.push(i);
      return;
    }
    const key = p.slice(0, 2);
    const bucket = buckets.get(key);
    if (bucket) bucket.push(i);
    else buckets.set(key, [i]);
  });
  return {
    find(text) {
      const hits = new Set<number>();
      for (const i of short) if (text.includes(phrases[i]!)) hits.add(i);
      for (let at = 0; at + 1 < text.length; at++) {
        const bucket = buckets.get(text.slice(at, at + 2));
        if (!bucket) continue;
        for (const i of bucket) if (text.startsWith(phrases[i]!, at)) hits.add(i);
      }
      return [...hits].sort((a, b) => a - b);
    },
  };
}
