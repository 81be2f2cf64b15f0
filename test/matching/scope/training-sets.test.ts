import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readEvalCases } from '../../../src/matching/evaluate.js';
import { CORPUS_ROUND, readTrainingSets, SEEN_SETS, TRAINING_ONLY_SETS, TRAINING_SETS } from '../../../src/matching/scope/training-sets.js';

const DEV_SET = process.env.MATCH_DEV_SET ?? '../shared/eval/dev.jsonl';

describe('the scope model’s training sets', () => {
  it('are the seen halves of every round and the training-only corpus, never a blind half', () => {
    // Every seen half in the fixtures is trained on: a new round's seen half must be listed.
    const seen = readdirSync('test/matching/fixtures').filter((f) => f.endsWith('-seen.jsonl'));
    expect([...SEEN_SETS].sort()).toEqual(seen.sort());
    expect(TRAINING_SETS).toEqual([...SEEN_SETS, ...TRAINING_ONLY_SETS]);
    const corpus = readdirSync('test/matching/fixtures').filter((f) => f.startsWith('train-') && f.endsWith('.jsonl'));
    expect([...TRAINING_ONLY_SETS].sort()).toEqual(corpus.sort());
    for (const name of TRAINING_SETS) {
      expect(name).toMatch(/(-seen|^train-.*)\.jsonl$/);
      expect(name).not.toMatch(/blind|heldout|dev/);
    }
  });

  it('keep the corpus apart from every evaluation question (none repeated, even with punctuation and spaces dropped)', async () => {
    const dir = 'test/matching/fixtures';
    const plain = (q: string): string => q.normalize('NFKC').replace(/[\p{P}\p{S}\p{Z}\s]/gu, '').toLowerCase();
    const evaluation = new Set<string>();
    // Every evaluation set, and the shared dev set when it is beside the project.
    const files = readdirSync(dir).filter((f) => f.endsWith('.jsonl') && !TRAINING_ONLY_SETS.includes(f)).map((f) => join(dir, f));
    if (existsSync(DEV_SET)) files.push(DEV_SET);
    for (const file of files) for (const q of await readEvalCases(file)) evaluation.add(plain(q.q));
    const corpus = await readTrainingSets(dir, TRAINING_ONLY_SETS);
    expect(corpus.length).toBeGreaterThan(2000);
    expect(corpus.filter((q) => evaluation.has(plain(q.q))).map((q) => q.q)).toEqual([]);
  });

  it('read as clear questions labelled with an item id or null', async () => {
    const questions = await readTrainingSets('test/matching/fixtures');
    expect(questions.length).toBeGreaterThan(3000);
    expect(questions.some((q) => q.expect === null)).toBe(true);
    expect(questions.every((q) => q.q.length > 0 && (q.expect === null || /^[a-z-]+\.[a-z-]+$/.test(q.expect)))).toBe(true);
    // Each knows its round, for cross-validation by round: round 1's files carry no number.
    expect(new Set(questions.map((q) => q.round))).toEqual(new Set(['1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11', '12', CORPUS_ROUND]));
  });
});
