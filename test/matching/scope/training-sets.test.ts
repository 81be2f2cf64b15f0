import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readTrainingSets, TRAINING_SETS } from '../../../src/matching/scope/training-sets.js';

describe('the scope model’s training sets', () => {
  it('are the seen halves of every round and never a blind half', () => {
    // Every seen half in the fixtures is trained on: a new round's seen half must be listed.
    const seen = readdirSync('test/matching/fixtures').filter((f) => f.endsWith('-seen.jsonl'));
    expect([...TRAINING_SETS].sort()).toEqual(seen.sort());
    for (const name of TRAINING_SETS) {
      expect(name).toMatch(/-seen\.jsonl$/);
      expect(name).not.toMatch(/blind/);
    }
  });

  it('read as clear questions labelled with an item id or null', async () => {
    const questions = await readTrainingSets('test/matching/fixtures');
    expect(questions.length).toBeGreaterThan(3000);
    expect(questions.some((q) => q.expect === null)).toBe(true);
    expect(questions.every((q) => q.q.length > 0 && (q.expect === null || /^[a-z-]+\.[a-z-]+$/.test(q.expect)))).toBe(true);
    // Each knows its round, for cross-validation by round: round 1's files carry no number.
    expect(new Set(questions.map((q) => q.round))).toEqual(new Set(['1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11', '12']));
  });
});
