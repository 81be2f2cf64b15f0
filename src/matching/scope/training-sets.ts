import { join } from 'node:path';
import { readEvalCases } from '../evaluate.js';
import type { LabelledQuestion } from './examples.js';

/**
 * The evaluation sets the scope model may learn from: the seen half of every round (1–12). The blind
 * halves stay unseen so that they still measure the matcher on questions nobody tuned on; dev.jsonl
 * and heldout.jsonl only measure. Rounds 8 and 10 joined after the model was accepted on figures it
 * had never trained on (their both halves, and every blind half), rounds 11 and 12 after they had been
 * measured on arrival (test/matching/fixtures/README.md).
 */
export const SEEN_SETS: readonly string[] = ['', '2-', '3-', '4-', '5-', '6-', '7-', '8-', '9-', '10-', '11-', '12-'].flatMap((round) => [
  `in-scope-${round}seen.jsonl`,
  `out-of-scope-${round}seen.jsonl`,
]);

/**
 * Written only to train on (from the catalog's names, summaries, conditions and FAQ, in citizens'
 * voices; corpus 1 in session 8, 2 to 5 in session 9, each in its own voices) and deduplicated
 * against every evaluation line and each other: never measured on, never a test fold.
 */
export const TRAINING_ONLY_SETS: readonly string[] = ['', '2-', '3-', '4-', '5-'].flatMap((corpus) => [
  `train-${corpus}in-scope.jsonl`,
  `train-${corpus}out-of-scope.jsonl`,
]);

/** The round of the training-only corpus, for cross-validation (it stays in every training part). */
export const CORPUS_ROUND = 'corpus';

export const TRAINING_SETS: readonly string[] = [...SEEN_SETS, ...TRAINING_ONLY_SETS];

/** A training question and the round it comes from ("1", "2" … "12", or the corpus), for cross-validation by round. */
export interface TrainingQuestion extends LabelledQuestion {
  round: string;
}

/** The round of a training set's file name: `in-scope-9-seen.jsonl` → "9"; round 1 has no number. */
const roundOf = (name: string): string =>
  TRAINING_ONLY_SETS.includes(name) ? CORPUS_ROUND : (/-(\d+)-seen\.jsonl$/.exec(name)?.[1] ?? '1');

/** Reads the training sets from the fixtures dir, in a fixed order (the trainer's output depends on it). */
export async function readTrainingSets(dir: string, names: readonly string[] = TRAINING_SETS): Promise<TrainingQuestion[]> {
  const sets = await Promise.all(names.map(async (name) => ({ round: roundOf(name), cases: await readEvalCases(join(dir, name)) })));
  return sets.flatMap(({ round, cases }) =>
    cases.map((c) => {
      if (!('expect' in c)) throw new Error(`training sets hold only clear questions: "${c.q}"`);
      return { q: c.q, expect: c.expect, round };
    }),
  );
}
