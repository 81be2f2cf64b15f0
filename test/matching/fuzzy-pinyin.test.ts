import { beforeAll, describe, expect, it } from 'vitest';
import { buildMatcherIndex, type MatcherIndex } from '../../src/matching/build-index.js';
import { matchWithIndex } from '../../src/matching/create-matcher.js';
import { createFuzzyPinyin } from '../../src/matching/fuzzy-pinyin.js';
import type { IntentsData } from '../../src/matching/intents-schema.js';
import { loadIntents } from '../../src/matching/load-intents.js';
import { fixtureSnapshot } from './fixtures/catalog.js';

describe('createFuzzyPinyin', () => {
  // Reading → how often its word occurs in the catalog.
  const fuzzy = createFuzzyPinyin(
    new Map([
      ['dengji', 5],
      ['jiehundengji', 3],
      ['nianjian', 9],
      ['nianman', 1],
      ['butie', 4],
      ['erji', 2],
    ]),
  );

  it('corrects a dropped, doubled, swapped or wrong letter to the reading of the same word', () => {
    expect(fuzzy.nearest('dengjj')).toBe('dengji');
    expect(fuzzy.nearest('dengjii')).toBe('dengji');
    expect(fuzzy.nearest('butei')).toBe('butie');
    expect(fuzzy.nearest('degnji')).toBe('dengji');
  });

  it('does not take a longer reading that merely contains the token', () => {
    // "dengji" fits inside "jiehundengji" with no error at all; it is still not that word.
    expect(fuzzy.nearest('dengjj')).not.toBe('jiehundengji');
    expect(fuzzy.nearest('jiehundengjj')).toBe('jiehundengji');
  });

  it('prefers the word the catalog uses more when two are equally near', () => {
    expect(fuzzy.nearest('nianjan')).toBe('nianjian');
  });

  it('leaves short, far or first-letter-changed tokens alone', () => {
    expect(fuzzy.nearest('ren')).toBeUndefined();
    expect(fuzzy.nearest('qwertyuiop')).toBeUndefined();
    expect(fuzzy.nearest('vrji')).toBeUndefined();
    expect(fuzzy.nearest('dxyzji')).toBeUndefined();
  });
});

describe('the matcher with and without the fuzzy pinyin step', () => {
  let intents: IntentsData;
  let withFuse: MatcherIndex;
  let without: MatcherIndex;
  beforeAll(async () => {
    intents = await loadIntents('intents');
    withFuse = buildMatcherIndex(fixtureSnapshot, intents);
    without = buildMatcherIndex(fixtureSnapshot, intents, { fuzzyPinyin: false });
  });

  it.each([
    ['jiehun dengjj', 'marriage.register'],
    ['lihhun dengji yao dai shenme', 'marriage.divorce'],
    ['dibo zenme shenqing', 'assistance.dibao'],
    ['jijinhiu zhuxiao', 'foundation.deregister'],
    ['shetuan zhuxia', 'social-group.deregister'],
  ])('recovers mistyped pinyin the index alone misses: %s', (q, intent) => {
    expect(matchWithIndex(without, q).intent).not.toBe(intent);
    expect(matchWithIndex(withFuse, q)).toMatchObject({ intent, clarify: false });
  });

  it('maps no unrelated latin string onto an item', () => {
    for (const q of ['qwertyuiop', 'vrji vrji', 'asdfgh', 'python', 'banana']) {
      expect(matchWithIndex(withFuse, q)).toMatchObject({ intent: null, clarify: false });
    }
  });

  it('leaves correct pinyin as it was, even a word typed across a space', () => {
    for (const q of ['shetuan niandu jiancha', 'jiehun dengji', 'lihun dengji yao yuyue ma']) {
      expect(matchWithIndex(withFuse, q).normalized).toBe(matchWithIndex(without, q).normalized);
    }
  });

  it('corrects towards words of the current catalog only, rebuilt with the index', () => {
    const withCemetery = {
      ...fixtureSnapshot,
      items: [
        ...fixtureSnapshot.items,
        { id: 'funeral.cemetery', name: '公墓建设审批', category: '殡葬', aliases: [], keywords: ['公墓'], summary: '', faq: [] },
      ],
    };
    expect(matchWithIndex(withFuse, 'gongmuu shenpi').intent).toBeNull();
    expect(matchWithIndex(buildMatcherIndex(withCemetery, intents), 'gongmuu shenpi').intent).toBe('funeral.cemetery');
  });
});
