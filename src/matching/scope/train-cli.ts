/**
 * `npm run train:scope [-- --data dir] [--intents dir] [--fixtures dir] [--out file]`: trains the
 * matcher's scope model on the catalog's own text and the seen halves of the question sets, and
 * writes it (deterministic: the same inputs give the same file).
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadCatalogSnapshot } from '../../catalog/load-catalog.js';
import { runCli } from '../../run-cli.js';
import { buildMatcherIndex } from '../build-index.js';
import { loadIntents } from '../load-intents.js';
import { catalogExamples, questionExamples } from './examples.js';
import { SCOPE_MODEL_FILE } from './load-model.js';
import { MIN_WEIGHT, toModelFile } from './model.js';
import { DEFAULT_TRAIN, trainSoftmax } from './train.js';
import { readTrainingSets } from './training-sets.js';

async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: { data: { type: 'string' }, intents: { type: 'string' }, fixtures: { type: 'string' }, out: { type: 'string' } },
  });
  const data = values.data ?? 'data';
  const snapshot = await loadCatalogSnapshot(data);
  const intents = await loadIntents(values.intents ?? 'intents');
  const index = buildMatcherIndex(snapshot, intents);
  const questions = await readTrainingSets(values.fixtures ?? 'test/matching/fixtures');
  const examples = [...catalogExamples(index, snapshot, intents), ...questionExamples(index, questions)];
  const file = toModelFile(trainSoftmax(examples, DEFAULT_TRAIN), MIN_WEIGHT);
  const out = values.out ?? join(data, SCOPE_MODEL_FILE);
  const json = `${JSON.stringify(file)}\n`;
  await writeFile(out, json);
  console.log(`${out}: ${examples.length} examples (${questions.length} questions), ${file.classes.length} classes, ${(json.length / 1024).toFixed(0)} KB`);
  return 0;
}

runCli(main);
