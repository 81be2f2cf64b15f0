import { loadCatalogSnapshot } from './src/catalog/load-catalog.js';
import { loadIntents } from './src/matching/load-intents.js';
import { buildMatcherIndex } from './src/matching/build-index.js';
import { matchWithIndex } from './src/matching/create-matcher.js';
import { readEvalCases } from './src/matching/evaluate.js';
const idx = buildMatcherIndex(await loadCatalogSnapshot('./data'), await loadIntents('./intents'));
const qs = (await readEvalCases('/work/shared/eval/dev.jsonl')).map((c) => c.q);
for (let r = 0; r < 5; r++) for (const q of qs) matchWithIndex(idx, q);
const per = new Map<string, number[]>();
for (let r = 0; r < 20; r++) for (const q of qs) { const t = performance.now(); matchWithIndex(idx, q); const d = performance.now() - t; (per.get(q) ?? per.set(q, []).get(q)!).push(d); }
const rows = [...per].map(([q, ds]) => [q, Math.max(...ds), ds.sort((a,b)=>a-b)[10]!] as const).sort((a, b) => b[1] - a[1]).slice(0, 8);
for (const r of rows) console.log(r[1].toFixed(2), r[2].toFixed(3), r[0]);
const all = [...per.values()].flat().sort((a,b)=>a-b); console.log('p99', all[Math.floor(all.length*0.99)]!.toFixed(3), 'p50', all[Math.floor(all.length*0.5)]!.toFixed(3));
const q = 'sdfjkl;;'; let t = performance.now(); for (let i=0;i<100;i++) idx.normalizer.query(q, idx.pinyin); console.log('norm', (performance.now()-t)/100);
