import { loadCatalogSnapshot } from './src/catalog/load-catalog.js';
import { loadIntents } from './src/matching/load-intents.js';
import { buildMatcherIndex } from './src/matching/build-index.js';
import { matchWithIndex } from './src/matching/create-matcher.js';
import { evaluate, readEvalCases } from './src/matching/evaluate.js';
import { analyzeQuery } from './src/matching/score.js';
const snap = await loadCatalogSnapshot('./data');
const idx = buildMatcherIndex(snap, await loadIntents('./intents'));
const file = process.argv[2] ?? '/work/shared/eval/dev.jsonl';
const rep = evaluate(await readEvalCases(file), (q) => matchWithIndex(idx, q));
for (const m of rep.misses) {
  const a = analyzeQuery(idx, m.q);
  console.log(m.q, '| want', m.want, '| got', m.got, '|', a.normalized, '|', a.ranked.slice(0, 4).map((s) => `${idx.docs[s.doc]!.id}:${s.score.toFixed(2)}`).join(' '));
}
console.log(rep.correct, '/', rep.total, rep.accuracy.toFixed(3));
