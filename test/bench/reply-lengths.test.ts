import { beforeAll, describe, expect, it } from 'vitest';
import { loadEligibilityRules } from '../../src/answers/eligibility.js';
import { createCatalog } from '../../src/catalog/create-catalog.js';
import type { Catalog } from '../../src/catalog/types.js';
import { createSilentLogger } from '../../src/logger.js';
import { createMatcher } from '../../src/matching/create-matcher.js';
import { loadIntents } from '../../src/matching/load-intents.js';
import type { Matcher } from '../../src/matching/types.js';
import { evaluationQuestions, lengthRow, replyLengthTable, visibleText } from '../../bench/reply-lengths.js';

describe('the reply-length table', () => {
  it('takes the median and p95 of lines and characters of what a phone shows', () => {
    const texts = ['一', '一\n二', '一\n二\n三', '一\n二\n三\n四', visibleText(['<b>五&amp;</b>\n六', '七'])];
    expect(visibleText(['<b>五&amp;</b>\n六', '七'])).toBe('五&\n六\n\n七');
    expect(lengthRow('x', texts)).toEqual({ renderer: 'x', replies: 5, 'median lines': 3, 'p95 lines': 4, 'median chars': 5, 'p95 chars': 7 });
  });

  describe('over the evaluation questions', () => {
    let catalog: Catalog;
    let matcher: Matcher;
    beforeAll(async () => {
      catalog = await createCatalog({ dir: 'data', logger: createSilentLogger(), watch: false });
      matcher = createMatcher({ catalog, intents: await loadIntents('intents') });
    });

    it('shows the answer model at a median of at most 12 lines, far shorter than main’s card', async () => {
      const questions = evaluationQuestions(['test/matching/fixtures/heldout.jsonl']);
      const [before, after] = replyLengthTable(questions, matcher, { snapshot: catalog.current(), rules: await loadEligibilityRules('data/eligibility.yaml') });
      catalog.close();
      expect(before?.replies).toBe(after?.replies);
      expect(after?.replies).toBeGreaterThan(40);
      expect(after?.['median lines']).toBeLessThanOrEqual(12);
      expect(after?.['median lines']).toBeLessThan((before?.['median lines'] ?? 0) / 2);
    });
  });
});
