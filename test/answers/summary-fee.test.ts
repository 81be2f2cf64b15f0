import { beforeAll, describe, expect, it } from 'vitest';
import { itemSummary } from '../../src/answers/direct.js';
import { renderPlain } from '../../src/answers/render-plain.js';
import { loadCatalogSnapshot } from '../../src/catalog/load-catalog.js';
import type { CatalogSnapshot } from '../../src/catalog/types.js';

let snapshot: CatalogSnapshot;
beforeAll(async () => {
  snapshot = await loadCatalogSnapshot('data');
});

const feeLine = (id: string): string => {
  const item = snapshot.byId.get(id);
  if (!item) throw new Error(`missing ${id}`);
  const text = renderPlain({ kind: 'part', blocks: [...itemSummary(item, snapshot.hall)], actions: [], notes: [] }).text;
  return text.split('\n').find((l) => l.includes('收费：')) ?? '';
};

describe('the fee line of a summary', () => {
  it('does not leave a bare 不收费 where money is charged along the way (火化 at the 殡仪馆)', () => {
    expect(feeLine('funeral.after-death')).toMatch(/不收费（.*按政府定价收费/);
    expect(feeLine('elderly.public-institution-admission')).toContain('床位费');
  });

  it('stays one plain word where nothing is charged', () => {
    expect(feeLine('marriage.register')).toBe('• 收费：不收费');
  });
});
