import { loadEligibilityRules, type EligibilityRule } from '../../src/answers/eligibility.js';
import type { AnswerSources } from '../../src/answers/compose.js';
import { renderPlain } from '../../src/answers/render-plain.js';
import type { Answer } from '../../src/answers/types.js';
import { loadCatalogSnapshot } from '../../src/catalog/load-catalog.js';
import type { CatalogItem, CatalogSnapshot } from '../../src/catalog/types.js';
import type { MatchResult } from '../../src/matching/types.js';

let cached: { snapshot: CatalogSnapshot; rules: EligibilityRule[] } | undefined;

/** The shipped catalog and rules, loaded once per file. */
export async function shippedSources(): Promise<AnswerSources> {
  cached ??= { snapshot: await loadCatalogSnapshot('data'), rules: await loadEligibilityRules('data/eligibility.yaml') };
  return cached;
}

/** A hand-built matcher result, as the matcher would give it. */
export function match(fields: Partial<MatchResult> & { query: string }): MatchResult {
  return { normalized: fields.query, intent: null, score: 0.9, clarify: false, candidates: [], followUp: false, ...fields };
}

export function itemOf(sources: AnswerSources, id: string): CatalogItem {
  const item = sources.snapshot.byId.get(id);
  if (!item) throw new Error(`no item ${id} in the shipped catalog`);
  return item;
}

/** A snapshot with some items replaced (e.g. with amounts the shipped data may not have yet). */
export function withItems(sources: AnswerSources, items: CatalogItem[]): AnswerSources {
  const byId = new Map(sources.snapshot.byId);
  for (const i of items) byId.set(i.id, i);
  return { ...sources, snapshot: { ...sources.snapshot, byId, items: [...byId.values()] } };
}

export const plainText = (a: Answer | undefined): string => (a ? renderPlain(a).text : '');
export const lineCount = (a: Answer | undefined): number => plainText(a).split('\n').length;
