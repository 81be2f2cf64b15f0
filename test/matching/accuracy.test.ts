import { existsSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadCatalogSnapshot } from '../../src/catalog/load-catalog.js';
import { buildMatcherIndex, type MatcherIndex } from '../../src/matching/build-index.js';
import { matchWithIndex } from '../../src/matching/create-matcher.js';
import { evaluate, readEvalCases, type EvalReport } from '../../src/matching/evaluate.js';
import { loadIntents } from '../../src/matching/load-intents.js';

// The dev set lives beside the project (shared with the other developers), not in it.
const DEV_SET = process.env.MATCH_DEV_SET ?? '../shared/eval/dev.jsonl';
const HELD_OUT = 'test/matching/fixtures/heldout.jsonl';

let index: MatcherIndex;
beforeAll(async () => {
  index = buildMatcherIndex(await loadCatalogSnapshot('data'), await loadIntents('intents'));
});

function report(name: string, r: EvalReport): void {
  const lines = r.misses.map((m) => `  ✗ ${m.q}  want ${m.want}, got ${m.got}`);
  console.log(`${name}: ${r.correct}/${r.total} = ${(r.accuracy * 100).toFixed(1)}%\n${lines.join('\n')}`);
}

describe('matching accuracy on the shipped catalog', () => {
  it.runIf(existsSync(DEV_SET))('gets at least 95% of the dev set right', async () => {
    const r = evaluate(await readEvalCases(DEV_SET), (q) => matchWithIndex(index, q));
    report('dev', r);
    expect(r.accuracy).toBeGreaterThanOrEqual(0.95);
  });

  it('gets at least 90% of our own held-out questions right', async () => {
    const r = evaluate(await readEvalCases(HELD_OUT), (q) => matchWithIndex(index, q));
    report('held-out', r);
    expect(r.accuracy).toBeGreaterThanOrEqual(0.9);
  });
});
