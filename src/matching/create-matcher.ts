import type { Catalog } from '../catalog/types.js';
import { buildMatcherIndex, type MatcherIndex } from './build-index.js';
import { decide } from './decide.js';
import type { IntentsData } from './intents-schema.js';
import { analyzeQuery } from './score.js';
import type { Matcher, MatchResult } from './types.js';

export interface MatcherDeps {
  catalog: Pick<Catalog, 'current' | 'onReload'>;
  intents: IntentsData;
}

/** Answers one question against a prebuilt index (pure; used by the matcher and the benchmark). */
export function matchWithIndex(index: MatcherIndex, text: string, previousIntent?: string): MatchResult {
  return decide(index, text, analyzeQuery(index, text), previousIntent);
}

/**
 * Creates the matcher over the live catalog. The index is rebuilt when the catalog reloads, so a
 * new alias in data/ is matched without a restart.
 */
export function createMatcher({ catalog, intents }: MatcherDeps): Matcher {
  let index = buildMatcherIndex(catalog.current(), intents);
  catalog.onReload((snapshot) => {
    index = buildMatcherIndex(snapshot, intents);
  });
  return {
    match: (text, options) => matchWithIndex(index, text, options?.previousIntent),
  };
}
