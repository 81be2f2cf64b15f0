import { describe, expect, it } from 'vitest';
import { createRecentVerdicts } from '../../src/matching/recent-verdicts.js';
import type { MatchResult } from '../../src/matching/types.js';

const verdict = (query: string): MatchResult => ({ query, normalized: query, intent: null, score: 0, clarify: false, candidates: [], followUp: false });

describe('createRecentVerdicts', () => {
  it('forgets the least recently used verdict first when full', () => {
    const recent = createRecentVerdicts(2);
    recent.set('a', verdict('a'));
    recent.set('b', verdict('b'));
    expect(recent.get('a')?.query).toBe('a');
    recent.set('c', verdict('c'));
    expect(recent.get('b')).toBeUndefined();
    expect(recent.get('a')?.query).toBe('a');
    expect(recent.get('c')?.query).toBe('c');
  });

  it('keeps nothing at capacity 0 and nothing after clear', () => {
    const none = createRecentVerdicts(0);
    none.set('a', verdict('a'));
    expect(none.get('a')).toBeUndefined();
    const some = createRecentVerdicts(5);
    some.set('a', verdict('a'));
    some.clear();
    expect(some.get('a')).toBeUndefined();
  });

  it('freezes what it keeps, so no caller can change a shared verdict', () => {
    const recent = createRecentVerdicts(1);
    const v = verdict('a');
    recent.set('a', v);
    expect(() => v.candidates.push({ intent: 'x', score: 1 })).toThrow(TypeError);
  });
});
