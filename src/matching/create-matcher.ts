import type { Catalog } from '../catalog/types.js';
import { buildMatcherIndex, type MatcherIndex } from './build-index.js';
import { decide } from './decide.js';
import type { IntentsData } from './intents-schema.js';
import { analyzeQuery } from './score.js';
import { createRecentVerdicts } from './recent-verdicts.js';
import type { ScopeModel } from './scope/model.js';
import { reviseWithModel } from './scope/second-opinion.js';
import { splitQuestions } from './split-questions.js';
import type { Matcher, MatchResult } from './types.js';

export interface MatcherDeps {
  catalog: Pick<Catalog, 'current' | 'onReload'>;
  intents: IntentsData;
  /**
   * How many recent verdicts to remember (0: none). A hall hears the same questions all day, and a
   * verdict depends only on the text, the previous item and the index, so a repeat costs a lookup.
   */
  memo?: number;
  /** The learned second opinion (loadScopeModel); without it the hand rules alone decide. */
  scopeModel?: ScopeModel;
}

const DEFAULT_MEMO = 2_000;

/** One question: the hand rules' verdict, then the learned model's second opinion on it (if loaded). */
function matchOne(index: MatcherIndex, text: string, previousIntent?: string): MatchResult {
  const analysis = analyzeQuery(index, text);
  return reviseWithModel(index, analysis, decide(index, text, analysis, previousIntent));
}

/** Outcomes that are about something (not a greeting, not a bare "要多久"). */
const hasContent = (r: MatchResult): boolean =>
  r.outcome === 'item' || r.outcome === 'clarify' || r.outcome === 'referral' || r.outcome === 'gap';

/**
 * Answers one message against a prebuilt index (pure; used by the matcher and the benchmark). A
 * message with several questions ("结婚证丢了要补办，另外离婚要多久") is answered on its first one,
 * and the others come back in `others`, each matched on its own: none is dropped silently.
 */
export function matchWithIndex(index: MatcherIndex, text: string, previousIntent?: string): MatchResult {
  const parts = splitQuestions(text);
  if (parts.length < 2) return matchOne(index, text, previousIntent);
  const results = parts.map((p) => matchOne(index, p, previousIntent)).filter(hasContent);
  const distinct = new Set(results.map((r) => r.intent ?? r.referral?.topic ?? r.gap?.topic ?? r.candidates.map((c) => c.intent).join()));
  // One real question with a greeting or a bare aspect around it: the whole message reads best.
  if (results.length < 2 || distinct.size < 2) return matchOne(index, text, previousIntent);
  const [first, ...rest] = results as [MatchResult, ...MatchResult[]];
  return {
    ...first,
    query: text,
    others: rest.map((r) => ({ text: r.query, intent: r.outcome === 'item' ? r.intent : null })),
  };
}

/**
 * Creates the matcher over the live catalog. The index is rebuilt when the catalog reloads, so a
 * new alias in data/ is matched without a restart.
 */
export function createMatcher({ catalog, intents, memo = DEFAULT_MEMO, scopeModel }: MatcherDeps): Matcher {
  const options = scopeModel ? { scopeModel } : {};
  let index = buildMatcherIndex(catalog.current(), intents, options);
  const recent = createRecentVerdicts(memo);
  catalog.onReload((snapshot) => {
    index = buildMatcherIndex(snapshot, intents, options);
    recent.clear();
  });
  return {
    match(text, options) {
      const previous = options?.previousIntent;
      const key = `${previous ?? ''}\u0000${text}`;
      const known = recent.get(key);
      if (known) return known;
      const result = matchWithIndex(index, text, previous);
      recent.set(key, result);
      return result;
    },
  };
}
