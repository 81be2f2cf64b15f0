import { describe, expect, it } from 'vitest';
import { scoreScope } from '../../src/matching/scope-eval.js';
import type { MatchResult } from '../../src/matching/types.js';

const verdict = (fields: Partial<MatchResult>): MatchResult =>
  ({ query: '', normalized: '', intent: null, score: 0, clarify: false, candidates: [], followUp: false, outcome: 'unknown', ...fields }) as MatchResult;

const answers: Record<string, MatchResult> = {
  对: verdict({ intent: 'a', outcome: 'item' }),
  错: verdict({ intent: 'b', outcome: 'item' }),
  问含: verdict({ clarify: true, outcome: 'clarify', candidates: [{ intent: 'b', score: 0.5 }, { intent: 'a', score: 0.5 }] }),
  问缺: verdict({ clarify: true, outcome: 'clarify', candidates: [{ intent: 'b', score: 0.5 }] }),
  不知: verdict({}),
};
const match = (q: string): MatchResult => answers[q] ?? verdict({});

describe('scoring an evaluation set', () => {
  it('tells right cards, wrong cards and questions back that offer the right item apart', () => {
    const f = scoreScope(['对', '错', '问含', '问缺', '不知'].map((q) => ({ q, expect: 'a' })), match, () => true);
    expect(f).toMatchObject({ total: 5, right: 1, wrongCard: 1, askedWithRight: 1, absent: 0 });
    expect(f.misses.map((m) => m.q)).toEqual(['错', '问含', '问缺', '不知']);
  });

  it('counts a card for another department\'s question as confident, a question back as asked back', () => {
    const f = scoreScope(['对', '问缺', '不知'].map((q) => ({ q, expect: null })), match, () => true);
    expect(f).toMatchObject({ confident: 1, askedBack: 1 });
  });

  it('counts an item the catalog lacks as safe unless it got a confident card', () => {
    const f = scoreScope(['对', '不知'].map((q) => ({ q, expect: 'z' })), match, (id) => id !== 'z');
    expect(f).toMatchObject({ absent: 2, absentSafe: 1 });
  });
});
