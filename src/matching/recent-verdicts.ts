import type { MatchResult } from './types.js';

/** A bounded memory of recent verdicts, least recently used first out. */
export interface RecentVerdicts {
  get(key: string): MatchResult | undefined;
  set(key: string, result: MatchResult): void;
  clear(): void;
}

/**
 * Remembers up to `capacity` verdicts (a Map keeps insertion order: a hit is moved to the end, the
 * first entry is the least recently used). Verdicts are frozen: every caller shares the object.
 */
export function createRecentVerdicts(capacity: number): RecentVerdicts {
  const entries = new Map<string, MatchResult>();
  return {
    get(key) {
      const hit = entries.get(key);
      if (hit === undefined) return undefined;
      entries.delete(key);
      entries.set(key, hit);
      return hit;
    },
    set(key, result) {
      if (capacity <= 0) return;
      entries.delete(key);
      entries.set(key, deepFreeze(result));
      if (entries.size > capacity) entries.delete(entries.keys().next().value!);
    },
    clear: () => entries.clear(),
  };
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}
