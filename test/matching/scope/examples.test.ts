import { beforeAll, describe, expect, it } from 'vitest';
import { loadCatalogSnapshot } from '../../../src/catalog/load-catalog.js';
import type { CatalogSnapshot } from '../../../src/catalog/types.js';
import { buildMatcherIndex, type MatcherIndex } from '../../../src/matching/build-index.js';
import type { IntentsData } from '../../../src/matching/intents-schema.js';
import { loadIntents } from '../../../src/matching/load-intents.js';
import { catalogExamples, questionExamples } from '../../../src/matching/scope/examples.js';
import { OUT_OF_SCOPE } from '../../../src/matching/scope/train.js';

let snapshot: CatalogSnapshot;
let intents: IntentsData;
let index: MatcherIndex;
beforeAll(async () => {
  snapshot = await loadCatalogSnapshot('data');
  intents = await loadIntents('intents');
  index = buildMatcherIndex(snapshot, intents);
});

describe('training examples', () => {
  it('give every catalog item examples from its own text, and other departments’ keywords as out of scope', () => {
    const examples = catalogExamples(index, snapshot, intents);
    const labels = new Set(examples.map((e) => e.label));
    for (const item of snapshot.items) expect(labels.has(item.id), item.id).toBe(true);
    expect(examples.filter((e) => e.label === OUT_OF_SCOPE).length).toBeGreaterThan(1000);
  });

  it('label a question null as out of scope, and see it as the matcher does (traditional characters folded)', () => {
    const [a, b, c] = questionExamples(index, [
      { q: '結婚證丟了', expect: 'marriage.reissue-certificate' },
      { q: '结婚证丢了', expect: 'marriage.reissue-certificate' },
      { q: '社保卡挂失', expect: null },
    ]);
    expect(a!.x).toEqual(b!.x);
    expect(c!.label).toBe(OUT_OF_SCOPE);
  });
});
