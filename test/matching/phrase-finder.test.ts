import { describe, expect, it } from 'vitest';
import { createPhraseFinder } from '../../src/matching/phrase-finder.js';

describe('createPhraseFinder', () => {
  const phrases = ['公积金', '变更借款人', '借款人', '离婚', '公积', '税', '离婚'];
  const finder = createPhraseFinder(phrases);

  it('finds every phrase the text contains, in list order, each index once', () => {
    expect(finder.find('因离婚变更借款人公积金怎么办')).toEqual([0, 1, 2, 3, 4, 6]);
  });

  it('finds one-character phrases and phrases at the very end', () => {
    expect(finder.find('个税')).toEqual([5]);
    expect(finder.find('办离婚')).toEqual([3, 6]);
  });

  it('agrees with a plain scan on every text', () => {
    const texts = ['', '公', '公积金公积金', '借款人变更', '税务局离婚登记', '变更借款'];
    for (const t of texts) {
      const plain = phrases.map((p, i) => (t.includes(p) ? i : -1)).filter((i) => i >= 0);
      expect(finder.find(t)).toEqual(plain);
    }
  });
});
