import Fuse from 'fuse.js';
import type { Catalog } from '../src/catalog/types.js';
import type { Matcher, MatchResult } from '../src/matching/types.js';

/**
 * The baseline a newcomer would write: plain fuse.js over item names and aliases, best hit or nothing.
 * Used only by the bench, to show what the real matcher costs beside it.
 */
export function createFuseMatcher(catalog: Catalog): Matcher {
  const items = catalog.current().items.map((i) => ({ id: i.id, name: i.name, aliases: i.aliases }));
  const fuse = new Fuse(items, { keys: ['name', 'aliases'], includeScore: true, ignoreLocation: true, threshold: 0.6 });
  return {
    match(text): MatchResult {
      const hits = fuse.search(text.slice(0, 32), { limit: 4 });
      const best = hits[0];
      const ok = best !== undefined && (best.score ?? 1) < 0.5;
      return {
        query: text,
        normalized: text,
        intent: ok ? best.item.id : null,
        score: ok ? 1 - (best.score ?? 1) : 0,
        clarify: false,
        candidates: hits.slice(1).map((h) => ({ intent: h.item.id, score: 1 - (h.score ?? 1) })),
        followUp: false,
        outcome: ok ? 'item' : 'unknown',
      };
    },
  };
}
