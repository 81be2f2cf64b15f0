import type { MatcherIndex } from '../build-index.js';
import type { QueryAnalysis } from '../score.js';
import type { MatchResult } from '../types.js';
import { featurize } from './features.js';
import { predict, type ScopeModel } from './model.js';
import { OUT_OF_SCOPE } from './train.js';

/**
 * When the model's word overrides the matcher's. Chosen by cross-validation over the seen halves of
 * the question sets (`npm run cv:scope`: rounds 1–7 and 9, rechecked on all ten); above 1 turns a
 * rule off. Over 3 × 5 folds the gate alone takes 14 of 66 confident out-of-scope answers back for 8 of 3,756 right
 * ones; recall at 0.7 adds 24 right answers for 1 wrong card (at 0.5: 38 for 7, so not 0.5). A gate
 * at 0.9 takes a few more back but costs a dev-set question the matcher got right.
 */
export interface SecondOpinionTuning {
  /** A confident item is withdrawn when the model puts out-of-scope at this probability or above. */
  gateOutOfScope: number;
  /** An unsure verdict becomes the item the model puts at this probability … */
  recallItem: number;
  /** … when the model puts out-of-scope at this probability or below. */
  recallMaxOutOfScope: number;
}

export const SECOND_OPINION: Readonly<SecondOpinionTuning> = { gateOutOfScope: 0.95, recallItem: 0.7, recallMaxOutOfScope: 0.3 };

/** A question needs this many content words before the model may pick one item for it. */
const MIN_TERMS_TO_PICK = 2;

/** How many of the matcher's best-scoring items an unknown verdict may be revised to. */
const UNKNOWN_CANDIDATES = 5;

/** What the model says about one question: its probabilities by class name. */
export interface Opinion {
  prob(label: string): number;
  /** Whether the model was trained on this class at all. */
  knows(label: string): boolean;
  /** The most probable item (not out-of-scope) and its probability. */
  topItem: { id: string; p: number } | undefined;
}

/**
 * Revises the matcher's verdict with the model's opinion: (a) a confident item the model calls
 * another department's business is withdrawn (unknown), since a wrong card misleads more than an
 * honest "not sure"; (b) an unknown or a question back becomes the item the model is sure of, only
 * when that item is among `candidates`, the items the matcher itself found evidence for: the model
 * never brings in an item out of nowhere.
 */
export function secondOpinion(result: MatchResult, opinion: Opinion, candidates: readonly string[], tuning: SecondOpinionTuning = SECOND_OPINION): MatchResult {
  if (result.followUp) return result;
  const oos = opinion.prob(OUT_OF_SCOPE);
  // An item the model never learnt (the catalog grew after training) is not the model's to withdraw.
  if (result.outcome === 'item' && result.intent !== null && opinion.knows(result.intent) && oos >= tuning.gateOutOfScope) {
    return { ...result, intent: null, clarify: false, candidates: [], outcome: 'unknown' };
  }
  const top = opinion.topItem;
  if ((result.outcome === 'unknown' || result.outcome === 'clarify') && top && top.p >= tuning.recallItem && oos <= tuning.recallMaxOutOfScope && candidates.includes(top.id)) {
    // The other candidates stay as runners-up: the managers' list shows what else it might have been.
    const runnersUp = result.candidates.filter((c) => c.intent !== top.id);
    return { ...result, intent: top.id, score: top.p, clarify: false, candidates: runnersUp, outcome: 'item', learned: true };
  }
  return result;
}

/** The model's opinion of one analysed question. */
export function consult(model: ScopeModel, analysis: Pick<QueryAnalysis, 'normalized' | 'terms'>): Opinion {
  const p = predict(model, featurize(analysis.normalized, analysis.terms));
  let best = -1;
  model.classes.forEach((c, i) => {
    if (c !== OUT_OF_SCOPE && (best < 0 || p[i]! > p[best]!)) best = i;
  });
  return {
    knows: (label) => model.classIndex.has(label),
    prob: (label) => {
      const i = model.classIndex.get(label);
      return i === undefined ? 0 : p[i]!;
    },
    topItem: best < 0 ? undefined : { id: model.classes[best]!, p: p[best]! },
  };
}

/**
 * The matcher's verdict revised by the index's scope model, if it has one. The candidates an
 * unsure verdict may become: those of a question back, else the matcher's best-scoring items.
 */
export function reviseWithModel(index: MatcherIndex, analysis: QueryAnalysis, result: MatchResult): MatchResult {
  if (!index.scope || result.followUp || (result.outcome !== 'item' && result.outcome !== 'unknown' && result.outcome !== 'clarify')) return result;
  // A question of one word ("注销", "地名") names a family, not one of its items: the rules ask which,
  // and a model's leaning is no reason to guess. Only its withdrawal of a card still applies.
  if (analysis.contentTerms < MIN_TERMS_TO_PICK && result.outcome !== 'item') return result;
  const candidates = result.clarify
    ? result.candidates.map((c) => c.intent)
    : analysis.ranked
        .filter((s) => index.docs[s.doc]!.kind === 'item')
        .slice(0, UNKNOWN_CANDIDATES)
        .map((s) => index.docs[s.doc]!.id);
  return secondOpinion(result, consult(index.scope, analysis), candidates, index.scopeTuning ?? SECOND_OPINION);
}
