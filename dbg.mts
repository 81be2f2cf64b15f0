import { loadCatalogSnapshot } from './src/catalog/load-catalog.js';
import { loadIntents } from './src/matching/load-intents.js';
import { buildMatcherIndex } from './src/matching/build-index.js';
import { extractTerms } from './src/matching/terms.js';
import { matchWithIndex } from './src/matching/create-matcher.js';
const idx = buildMatcherIndex(await loadCatalogSnapshot('./data'), await loadIntents('./intents'));
for (const q of process.argv.slice(2)) {
  const n = idx.normalizer.query(q, idx.pinyin);
  const terms = extractTerms(n, idx.jieba, idx.ignored);
  console.log(q, '=>', n, JSON.stringify(matchWithIndex(idx, q)));
  for (const t of terms) {
    const ps = idx.postings.get(t.term) ?? [];
    console.log('  ', t.term, t.weight.toFixed(2), 'idf', (idx.idf.get(t.term) ?? 0).toFixed(2), ps.slice(0, 8).map((p) => `${idx.docs[p.doc]!.id}:${p.weight.toFixed(2)}`).join(' '));
  }
}
