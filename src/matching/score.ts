import type { MatcherIndex } from './build-index.js';
import { extractTerms } from './terms.js';
import type { Aspect } from './types.js';

export interface Scored {
  doc: number;
  score: number;
}

/** What the question says, once normalised: its terms' scores per document and its cues. */
export interface QueryAnalysis {
  normalized: string;
  /** Documents with any matching term, best first. */
  ranked: Scored[];
  /** How many content terms (not stopwords, not aspect cues) the question has. */
  contentTerms: number;
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
  const totals = new Map<number, number>();
  for (const { term, weight } of terms) {
    const list = index.postings.get(term);
    if (!list) continue;
    const idf = index.idf.get(term) ?? 0;
    for (const p of list) totals.set(p.doc, (totals.get(p.doc) ?? 0) + idf * weight * p.weight);
  }
  const ranked = [...totals].map(([doc, score]) => ({ doc, score })).sort((a, b) => b.score - a.score);

  const aspect = index.aspects.find(([, cues]) => cues.some((c) => normalized.includes(c)))?.[0];
  const orgKind = index.kinds.find(([, words]) => words.some((w) => normalized.includes(w)))?.[0];
  const actions = new Set(index.actions.filter(([, words]) => words.some((w) => normalized.includes(w))).map(([a]) => a));
  const kindWords = new Set(index.kinds.flatMap(([, words]) => words));
  const content = terms.filter((t) => t.weight === 1 || !terms.some((o) => o.weight === 1 && o.term.includes(t.term)));
  const nonKindTerms = content.filter((t) => ![...kindWords].some((w) => w.includes(t.term))).length;
  return {
    normalized,
    ranked,
    contentTerms: content.length,
    nonKindTerms,
    ...(aspect ? { aspect } : {}),
    ...(orgKind ? { orgKind } : {}),
    actions,
  };
}
