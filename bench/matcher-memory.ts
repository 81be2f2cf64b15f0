/**
 * Child process for bench/matcher.ts: builds one variant's index over the synthetic catalog and prints
 * RSS (after gc) before and after, as JSON. Run with --expose-gc, one process per variant so the
 * variants cannot share or free each other's memory.
 */
import Fuse from 'fuse.js';
import { loadCatalogSnapshot } from '../src/catalog/load-catalog.js';
import { buildMatcherIndex } from '../src/matching/build-index.js';
import { getJieba } from '../src/matching/jieba.js';
import { loadIntents } from '../src/matching/load-intents.js';
import { loadScopeModel } from '../src/matching/scope/load-model.js';
import { syntheticSnapshot } from './matcher-synthetic.js';
import { rssMb } from './table.js';

const variant = process.argv[2];
const snapshot = syntheticSnapshot(await loadCatalogSnapshot('data'));
const intents = await loadIntents('intents');
const base = rssMb();
// Our matcher loads jieba's dictionary once per process; count it apart from the index itself.
let segmenterMs = 0;
const isOurs = variant === 'ours' || variant === 'ours-nofuzzy' || variant === 'ours-nomodel';
if (isOurs) {
  const t = performance.now();
  getJieba();
  segmenterMs = performance.now() - t;
}
const before = rssMb();
const started = performance.now();
const kept: unknown[] = [];
// The scope model is part of the shipped matcher's memory: loaded inside the measured span.
if (isOurs) {
  const scopeModel = variant !== 'ours-nomodel' ? await loadScopeModel('data/scope-model.json') : undefined;
  kept.push(buildMatcherIndex(snapshot, intents, { fuzzyPinyin: variant !== 'ours-nofuzzy', ...(scopeModel ? { scopeModel } : {}) }));
}
else kept.push(new Fuse(snapshot.items, { keys: ['name', 'aliases'] }));
const buildMs = performance.now() - started;
const after = rssMb();
console.log(JSON.stringify({ variant, items: snapshot.items.length, base, before, after, buildMs, segmenterMs, kept: kept.length }));
