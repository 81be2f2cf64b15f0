/**
 * `npm run cv:scope [-- --by line|round] [--folds 5] [--repeats 3] [--gate p] [--pick p] [--pick-ask p]`:
 * cross-validates the matcher with its scope model on the seen halves: each fold's model is trained
 * on the catalog text, the training-only corpus and the other folds, then the whole pipeline answers
 * the fold's questions. Prints the issue-9 figures beside the matcher alone, summed over `--repeats`
 * shuffles of the folds (one split moves a figure by a few questions). `--gate 2` or `--pick 2`
 * turns a rule off. The matcher's own figures on these sets are training-set figures (its rules were
 * tuned on them), so the gain shown is a floor, not an estimate on new traffic.
 */
import { parseArgs } from 'node:util';
import { loadCatalogSnapshot } from '../../catalog/load-catalog.js';
import { runCli } from '../../run-cli.js';
import { buildMatcherIndex } from '../build-index.js';
import { matchWithIndex } from '../create-matcher.js';
import { loadIntents } from '../load-intents.js';
import { scoreScope } from '../scope-eval.js';
import type { MatchResult } from '../types.js';
import { catalogExamples, questionExamples } from './examples.js';
import { SECOND_OPINION } from './second-opinion.js';
import { fromModelFile, MIN_WEIGHT, toModelFile } from './model.js';
import { DEFAULT_TRAIN, mulberry32, trainSoftmax } from './train.js';
import { CORPUS_ROUND, readTrainingSets } from './training-sets.js';

const FIXTURES = 'test/matching/fixtures';
const pct = (a: number, b: number): string => `${a} (${((100 * a) / b).toFixed(1)}%)`;

async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      by: { type: 'string', default: 'line' },
      folds: { type: 'string', default: '5' },
      repeats: { type: 'string', default: '3' },
      gate: { type: 'string' },
      pick: { type: 'string' },
      'pick-ask': { type: 'string' },
    },
  });
  if (values.by !== 'line' && values.by !== 'round') throw new Error('--by is line or round');
  const snapshot = await loadCatalogSnapshot('data');
  const intents = await loadIntents('intents');
  const base = buildMatcherIndex(snapshot, intents);
  const all = await readTrainingSets(FIXTURES);
  // The training-only corpus is in every fold's training part and never tested.
  const corpus = all.filter((q) => q.round === CORPUS_ROUND);
  const questions = all.filter((q) => q.round !== CORPUS_ROUND);
  const rounds = questions.map((q) => q.round);
  const scopeTuning = {
    ...SECOND_OPINION,
    ...(values.gate ? { gateOutOfScope: Number(values.gate) } : {}),
    ...(values.pick ? { pickItem: Number(values.pick) } : {}),
    ...(values['pick-ask'] ? { pickFromAskBack: Number(values['pick-ask']) } : {}),
  };
  const examples = questionExamples(base, questions);
  const catalog = [...catalogExamples(base, snapshot, intents), ...questionExamples(base, corpus)];
  const random = mulberry32(DEFAULT_TRAIN.seed);
  const repeats = values.by === 'round' ? 1 : Number(values.repeats);
  const withModel: MatchResult[] = [];
  for (let r = 0; r < repeats; r++) {
    const group = values.by === 'round' ? rounds : questions.map(() => String(Math.floor(random() * Number(values.folds))));
    const verdicts = new Array<MatchResult>(questions.length);
    for (const g of new Set(group)) {
      const train = [...catalog, ...examples.filter((_, i) => group[i] !== g)];
      const scopeModel = fromModelFile(toModelFile(trainSoftmax(train, DEFAULT_TRAIN), MIN_WEIGHT));
      const index = buildMatcherIndex(snapshot, intents, { scopeModel, scopeTuning });
      questions.forEach((q, i) => {
        if (group[i] === g) verdicts[i] = matchWithIndex(index, q.q);
      });
    }
    withModel.push(...verdicts);
  }
  const alone = Array.from({ length: repeats }, () => questions.map((q) => matchWithIndex(base, q.q))).flat();
  const has = (id: string): boolean => snapshot.byId.has(id);
  // Questions are keyed by position (the same text may appear in two sets), once per repeat.
  const cases = Array.from({ length: repeats }, () => questions).flat().map((q, i) => ({ q: String(i), expect: q.expect }));
  for (const [label, verdicts] of [['matcher alone', alone], [`matcher + model (CV by ${values.by}, ${repeats}×)`, withModel]] as const) {
    const at = (key: string): MatchResult => verdicts[Number(key)]!;
    const o = scoreScope(cases.filter((c) => c.expect === null), at, has);
    const n = scoreScope(cases.filter((c) => c.expect !== null), at, has);
    console.log(
      `${label}: out of scope ${o.total}: confident ${pct(o.confident, o.total)}, asked back ${pct(o.askedBack, o.total)} | ` +
        `in scope ${n.total}: right ${pct(n.right, n.total)}, wrong card ${pct(n.wrongCard, n.total)}, right or asked ${pct(n.right + n.askedWithRight, n.total)}`,
    );
  }
  return 0;
}

runCli(main);
