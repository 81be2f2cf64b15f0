import type { MatchableSnapshot, MatcherIndex } from '../build-index.js';
import type { IntentsData } from '../intents-schema.js';
import { analyzeQuery } from '../score.js';
import { featurize, type SparseVector } from './features.js';
import { OUT_OF_SCOPE, type TrainingExample } from './train.js';

/** A labelled question as the fixtures hold it: an item id, or null for another department's business. */
export interface LabelledQuestion {
  q: string;
  expect: string | null;
}

/** The features of raw text as the matcher sees it (normalised, pinyin resolved, its content terms). */
export function questionFeatures(index: MatcherIndex, text: string): SparseVector {
  const analysis = analyzeQuery(index, text);
  return featurize(analysis.normalized, analysis.terms);
}

/**
 * The catalog's own text as examples: each item's name, aliases, keywords and FAQ questions for the
 * item; referral, gap and decline keywords as out of scope. These need no labelling, and give every
 * item some examples even where the question sets have few.
 */
export function catalogExamples(index: MatcherIndex, snapshot: MatchableSnapshot, intents: IntentsData): TrainingExample[] {
  const out: TrainingExample[] = [];
  const add = (text: string, label: string): void => {
    const x = questionFeatures(index, text);
    if (x.ids.length > 0) out.push({ x, label });
  };
  for (const item of snapshot.items) {
    for (const text of [item.name, ...item.aliases, ...item.keywords, ...item.faq.map((f) => f.q)]) add(text, item.id);
  }
  const foreign = [...snapshot.hall.referrals, ...intents.outOfScope, ...(intents.gaps ?? [])];
  for (const topic of foreign) for (const text of topic.keywords) add(text, OUT_OF_SCOPE);
  return out;
}

/** Labelled questions as examples (null → OUT_OF_SCOPE). */
export function questionExamples(index: MatcherIndex, questions: readonly LabelledQuestion[]): TrainingExample[] {
  return questions.map((c) => ({ x: questionFeatures(index, c.q), label: c.expect ?? OUT_OF_SCOPE }));
}
