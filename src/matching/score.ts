import type { MatcherIndex } from './build-index.js';
import { wordKey } from './name-keys.js';
import { contentTerms, extractTerms } from './terms.js';
import type { Aspect } from './types.js';

/** A system-intent phrase found verbatim counts like one distinctive word; each further one adds a little. */
const PHRASE = 3;
const PHRASE_EXTRA = 0.5;
const OTHER_KIND = 0.5;
const OTHER_ACTION = 0.6;
/** A question that is exactly an item's name or alias: about one distinctive word more. */
const EXACT_NAME = 3;
/** Share of the best score below which a document is dropped before sorting. */
const KEEP = 0.3;

export interface Scored {
  doc: number;
  score: number;
}

/** What the question says, once normalised: its terms' scores per document and its cues. */
export interface QueryAnalysis {
  normalized: string;
  /** Documents scoring at least 30% of the best, best first. */
  ranked: Scored[];
  /** How many content terms (not stopwords, not aspect cues) the question has. */
  contentTerms: number;
  /** Those content terms themselves. */
  terms: readonly string[];
  /** Content terms left once organisation-kind words are set aside ("那基金会呢" has none). */
  nonKindTerms: number;
  aspect?: Aspect;
  orgKind?: string;
  actions: ReadonlySet<string>;
}

/**
 * Scores every document against the question: the sum over shared terms of idf × the question's
 * weight for the term × the best field weight the document has it in.
 */
export function analyzeQuery(index: MatcherIndex, text: string): QueryAnalysis {
  const normalized = index.normalizer.query(text, index.pinyin);
  const terms = extractTerms(normalized, index.jieba, index.ignored);
  // One score slot per document, reused across calls (matching is synchronous): no per-query map
  // of thousands of entries for the garbage collector.
  const scores = (index.scratch.scores ??= new Float64Array(index.docs.length));
  const touched: number[] = [];
  const bump = (doc: number, by: number): void => {
    if (scores[doc] === 0) touched.push(doc);
    scores[doc] = (scores[doc] ?? 0) + by;
  };
  for (const { term, weight } of terms) {
    const list = index.postings.get(term);
    if (!list) continue;
    const idf = index.idf.get(term) ?? 0;
    for (const p of list) bump(p.doc, idf * weight * p.weight);
  }
  const exact = index.nameKeys.get(wordKey(normalized, index.jieba, index.ignored).key);
  if (exact !== undefined && exact !== null) bump(exact, EXACT_NAME);
  const phraseHits = new Set<number>();
  for (const p of index.phrases) {
    if (!normalized.includes(p.text)) continue;
    bump(p.doc, phraseHits.has(p.doc) ? PHRASE_EXTRA : PHRASE);
    phraseHits.add(p.doc);
  }
  const aspect = index.aspects.find(([, cues]) => cues.some((c) => normalized.includes(c)))?.[0];
  const orgKind = index.kinds.find(([, words]) => words.some((w) => normalized.includes(w)))?.[0];
  const actions = new Set(index.actions.filter(([, words]) => words.some((w) => normalized.includes(w))).map(([a]) => a));
  const content = contentTerms(terms);
  const nonKindTerms = content.filter((t) => !index.kindWords.some((w) => w.includes(t.term))).length;

  // A question that names the kind of organisation, or the action, rules out items of another one.
  let best = 0;
  for (const doc of touched) {
    const d = index.docs[doc]!;
    let score = scores[doc] ?? 0;
    if (orgKind && d.orgKind && d.orgKind !== orgKind) score *= OTHER_KIND;
    if (actions.size > 0 && d.action && !actions.has(d.action)) score *= OTHER_ACTION;
    scores[doc] = score;
    if (score > best) best = score;
  }
  // Far-behind documents can neither win nor be offered: sort only the rest.
  const ranked: Scored[] = [];
  for (const doc of touched) {
    const score = scores[doc] ?? 0;
    if (score >= best * KEEP) ranked.push({ doc, score });
    scores[doc] = 0;
  }
  ranked.sort((a, b) => b.score - a.score);
  return {
    normalized,
    ranked,
    contentTerms: content.length,
    terms: content.map((t) => t.term),
    nonKindTerms,
    ...(aspect ? { aspect } : {}),
    ...(orgKind ? { orgKind } : {}),
    actions,
  };
}
