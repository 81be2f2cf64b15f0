import { describe, expect, it } from 'vitest';
import { describeDrift, scopeModelDrift } from '../../../src/matching/scope/drift.js';
import { loadScopeModel } from '../../../src/matching/scope/load-model.js';
import { OUT_OF_SCOPE } from '../../../src/matching/scope/train.js';
import { loadCatalogSnapshot } from '../../../src/catalog/load-catalog.js';

describe('scopeModelDrift', () => {
  it('names catalog items the model never learnt and classes the catalog no longer holds', () => {
    const drift = scopeModelDrift({ classes: [OUT_OF_SCOPE, 'marriage.register', 'old.item'] }, ['marriage.register', 'new.item']);
    expect(drift).toEqual({ unknownItems: ['new.item'], staleClasses: ['old.item'] });
    expect(describeDrift(drift)).toContain('npm run train:scope');
  });

  it('finds none between the shipped model and the shipped catalog', async () => {
    const model = await loadScopeModel('data/scope-model.json');
    const snapshot = await loadCatalogSnapshot('data');
    const drift = scopeModelDrift(model, snapshot.items.map((i) => i.id));
    expect(drift).toEqual({ unknownItems: [], staleClasses: [] });
    expect(describeDrift(drift)).toBeUndefined();
  });
});
