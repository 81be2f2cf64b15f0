import type { MatcherIndex } from './build-index.js';
import { familyOptions } from './families.js';
import type { QueryAnalysis, Scored } from './score.js';
import type { MatchCandidate, MatchResult } from './types.js';

/**
 * Tuned on the dev set and checked on the held-out set (see test/matching). A score is the sum of
 * idf × weight over shared terms: one distinctive word in an item's name scores about 2.5–3.5.
 */
export const TUNING = {
  /** Below this nothing fits well enough to claim. */
  minScore: 2.2,
  /** Items scoring at least this share of the best one are offered together as a clarification. */
  clarifyRatio: 0.88,
  maxCandidates: 5,
  /** Runners-up listed beside a confident match. */
  runnersUp: 3,
} as const;

/** Maps a raw score onto 0..1 for callers and logs. */
export const confidence = (score: number): number => Math.round((1 - Math.exp(-score / 3)) * 1000) / 1000;

type Base = Pick<MatchResult, 'query' | 'normalized' | 'aspect'>;

function result(base: Base, fields: Omit<MatchResult, 'query' | 'normalized' | 'aspect'>): MatchResult {
  return { ...base, ...fields };
}

const candidate = (index: MatcherIndex, s: Scored): MatchCandidate => ({
  intent: index.docs[s.doc]!.id,
  score: confidence(s.score),
});

/** The best-scoring item of each organisation kind for one action, best first. */
function perKind(index: MatcherIndex, analysis: QueryAnalysis, action: string, kind?: string): Scored[] {
  const scoreOf = new Map(analysis.ranked.map((s) => [s.doc, s.score]));
  const best = new Map<string, Scored>();
  for (const doc of index.byAction.get(action) ?? []) {
    const d = index.docs[doc]!;
    if (!d.orgKind || (kind && d.orgKind !== kind)) continue;
    const key = kind ? d.id : d.orgKind;
    const s = { doc, score: scoreOf.get(doc) ?? 0 };
    const prev = best.get(key);
    if (!prev || s.score > prev.score) best.set(key, s);
  }
  return [...best.values()].sort((a, b) => b.score - a.score);
}

function offer(base: Base, index: MatcherIndex, options: Scored[], followUp: boolean): MatchResult {
  const top = options[0]!;
  if (options.length === 1) {
    return result(base, { intent: index.docs[top.doc]!.id, score: Math.max(confidence(top.score), 0.8), clarify: false, candidates: [], followUp });
  }
  return result(base, {
    intent: null,
    score: confidence(top.score),
    clarify: true,
    candidates: options.slice(0, TUNING.maxCandidates).map((s) => candidate(index, s)),
    followUp,
  });
}

/** Turns a scored question into a verdict: confident, clarify, out of scope, or a follow-up. */
export function decide(index: MatcherIndex, query: string, analysis: QueryAnalysis, previousIntent?: string): MatchResult {
  const base: Base = { query, normalized: analysis.normalized, ...(analysis.aspect ? { aspect: analysis.aspect } : {}) };
  const prevAt = previousIntent === undefined ? undefined : index.byId.get(previousIntent);
  const prev = prevAt === undefined ? undefined : index.docs[prevAt];
  const followPrevious = (): MatchResult =>
    result(base, { intent: prev!.id, score: 1, clarify: false, candidates: [], followUp: true });

  // "那基金会呢" after 社会团体注销: the same action for another kind of organisation.
  if (prev?.action && analysis.orgKind && analysis.orgKind !== prev.orgKind && analysis.nonKindTerms === 0) {
    const options = perKind(index, analysis, prev.action, analysis.orgKind);
    if (options.length > 0) return offer(base, index, options, true);
  }
  // "要多久", "网上能办吗": only how, not what — it is about the item under discussion.
  if (prev && analysis.contentTerms === 0 && analysis.aspect) return followPrevious();

  const items = analysis.ranked.filter((s) => index.docs[s.doc]!.kind === 'item');
  const top = analysis.ranked[0];
  if (!top || top.score < TUNING.minScore) {
    if (prev && analysis.aspect) return followPrevious();
    return result(base, { intent: null, score: top ? confidence(top.score) : 0, clarify: false, candidates: [], followUp: false });
  }
  const topDoc = index.docs[top.doc]!;
  const runnersUp = (): MatchCandidate[] =>
    items.filter((s) => s.doc !== top.doc && s.score >= TUNING.minScore).slice(0, TUNING.runnersUp).map((s) => candidate(index, s));
  if (topDoc.kind === 'decline') {
    return result(base, { intent: null, score: confidence(top.score), clarify: false, candidates: [], followUp: false });
  }
  if (topDoc.kind === 'system') {
    return result(base, { intent: topDoc.id, score: confidence(top.score), clarify: false, candidates: runnersUp(), followUp: false });
  }
  const close = items.filter((s) => s.score >= top.score * TUNING.clarifyRatio);
  // An umbrella word with nothing that picks one member ("想申请救助"): ask which member.
  const family = familyOptions(index.families, analysis, close);
  if (family) return offer(base, index, family, false);
  // An action on "an organisation" that does not say which kind: each kind has its own item.
  if (topDoc.action && !analysis.orgKind && analysis.actions.has(topDoc.action)) {
    const options = perKind(index, analysis, topDoc.action);
    if (options.length > 1) return offer(base, index, options, false);
  }
  if (close.length > 1) return offer(base, index, close, false);
  return result(base, { intent: topDoc.id, score: confidence(top.score), clarify: false, candidates: runnersUp(), followUp: false });
}
