import { loadCatalogSnapshot } from '../src/catalog/load-catalog.js';
import { createCatalog } from '../src/catalog/create-catalog.js';
import { createMatcher } from '../src/matching/create-matcher.js';
import { loadIntents } from '../src/matching/load-intents.js';
import { composeAnswer } from '../src/answers/compose.js';
import { loadEligibilityRules } from '../src/answers/eligibility.js';
import { renderPlain } from '../src/answers/render-plain.js';
import { createSilentLogger } from '../src/logger.js';
const catalog = await createCatalog({ dir: 'data', logger: createSilentLogger(), watch: false });
const matcher = createMatcher({ catalog, intents: await loadIntents('intents') });
const rules = await loadEligibilityRules('data/eligibility.yaml');
void loadCatalogSnapshot;
let prev: string | undefined;
for (const q of process.argv.slice(2)) {
  const m = matcher.match(q, prev ? { previousIntent: prev } : {});
  const a = composeAnswer(q, m, { snapshot: catalog.current(), rules }, prev ? { previousItem: prev } : {});
  if (a?.context) prev = a.context.item;
  const r = a ? renderPlain(a) : { text: '(dialog)', buttons: [] };
  console.log(`\n===== ${q}  → ${m.intent} ${m.aspect ?? ''} ${m.outcome ?? ''} ${m.score}\n${r.text}\n${r.buttons.join('\n')}`);
}
catalog.close();
