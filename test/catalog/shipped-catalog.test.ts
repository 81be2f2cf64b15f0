import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { lintCatalog } from '../../src/catalog/load-catalog.js';
import { readServiceSpec } from '../../src/catalog/spec.js';

// The spec list sits beside the project in development; the Docker image does not ship it.
const SPEC = '../shared/spec/service-items.tsv';

describe('the shipped catalog in ./data', () => {
  it('passes the schema and every cross-check', async () => {
    const { problems, snapshot } = await lintCatalog('data');
    expect(problems.map((p) => `${p.file} ${p.path}: ${p.message}`)).toEqual([]);
    expect(snapshot?.items.length).toBeGreaterThan(0);
  });

  it.skipIf(!existsSync(SPEC))('has every item id of the spec list, in the spec category', async () => {
    const spec = await readServiceSpec(SPEC);
    const { snapshot } = await lintCatalog('data');
    const found = spec.map((s) => [s.id, snapshot?.byId.get(s.id)?.category ?? '缺失']);
    expect(found).toEqual(spec.map((s) => [s.id, s.category]));
  });
});
