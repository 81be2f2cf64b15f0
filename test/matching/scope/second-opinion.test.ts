import { describe, expect, it } from 'vitest';
import { secondOpinion, SECOND_OPINION, type Opinion } from '../../../src/matching/scope/second-opinion.js';
import { OUT_OF_SCOPE } from '../../../src/matching/scope/train.js';
import { isLowConfidence } from '../../../src/matching/decide.js';
import { biasOnlyModel } from '../../../src/matching/scope/model.js';
import type { MatchResult } from '../../../src/matching/types.js';

const verdict = (fields: Partial<MatchResult>): MatchResult => ({
  query: 'q',
  normalized: 'q',
  intent: null,
  score: 0.8,
  clarify: false,
  candidates: [],
  followUp: false,
  outcome: 'unknown',
  ...fields,
});
const card = verdict({ intent: 'funeral.cemetery-purchase', outcome: 'item' });
const askBack = verdict({
  clarify: true,
  outcome: 'clarify',
  candidates: [
    { intent: 'funeral.after-death', score: 0.7 },
    { intent: 'funeral.basic-fee-waiver', score: 0.7 },
  ],
});

/** An opinion putting `oos` on out-of-scope and `p` on `item`; it knows every class but `unknown`. */
const opinion = (oos: number, item = 'funeral.basic-fee-waiver', p = 1 - oos, unknown?: string): Opinion => ({
  knows: (label) => label !== unknown,
  prob: (label) => (label === OUT_OF_SCOPE ? oos : label === item ? p : 0),
  topItem: { id: item, p },
});

describe('secondOpinion', () => {
  it('withdraws a confident item when the model says out of scope with high probability', () => {
    const r = secondOpinion(card, opinion(0.99), []);
    expect(r).toMatchObject({ intent: null, clarify: false, outcome: 'unknown' });
  });

  it('keeps a confident item the model was never trained on (the catalog grew after training)', () => {
    expect(secondOpinion(card, opinion(0.99, 'funeral.basic-fee-waiver', 0.01, card.intent ?? ''), [])).toBe(card);
  });

  it('keeps a confident item when the model is below the gate', () => {
    expect(secondOpinion(card, opinion(SECOND_OPINION.gateOutOfScope - 0.01), [])).toBe(card);
  });

  it('never overrides a follow-up on the item under discussion', () => {
    const followUp = { ...card, followUp: true };
    expect(secondOpinion(followUp, opinion(0.99), [])).toBe(followUp);
  });

  it('answers an ask-back with the candidate the model is sure of', () => {
    const r = secondOpinion(askBack, opinion(0.01, 'funeral.basic-fee-waiver', 0.9), ['funeral.after-death', 'funeral.basic-fee-waiver']);
    expect(r).toMatchObject({ intent: 'funeral.basic-fee-waiver', clarify: false, outcome: 'item', learned: true });
    // The other candidate stays as a runner-up, and the card is listed for the managers.
    expect(r.candidates.map((c) => c.intent)).toEqual(['funeral.after-death']);
    expect(isLowConfidence(r)).toBe(true);
  });

  it('never brings in an item the matcher did not find', () => {
    const r = secondOpinion(askBack, opinion(0.01, 'marriage.register', 0.95), ['funeral.after-death', 'funeral.basic-fee-waiver']);
    expect(r).toBe(askBack);
  });

  it('leaves an unknown alone when the model also leans out of scope', () => {
    const unsure = verdict({});
    const oos = SECOND_OPINION.recallMaxOutOfScope + 0.05;
    expect(secondOpinion(unsure, opinion(oos, 'funeral.basic-fee-waiver', 1 - oos), ['funeral.basic-fee-waiver'])).toBe(unsure);
  });

  it('leaves an ask-back alone when the model is not sure enough of one candidate', () => {
    expect(secondOpinion(askBack, opinion(0.01, 'funeral.basic-fee-waiver', SECOND_OPINION.recallItem - 0.01), ['funeral.basic-fee-waiver'])).toBe(askBack);
  });
});

describe('reviseWithModel in the matcher', () => {
  it('withdraws the matcher’s confident card when the index’s model says out of scope, and changes nothing without a model', async () => {
    const { loadCatalogSnapshot } = await import('../../../src/catalog/load-catalog.js');
    const { buildMatcherIndex } = await import('../../../src/matching/build-index.js');
    const { matchWithIndex } = await import('../../../src/matching/create-matcher.js');
    const { loadIntents } = await import('../../../src/matching/load-intents.js');
    const snapshot = await loadCatalogSnapshot('data');
    const intents = await loadIntents('intents');
    // A model with no weights whose bias alone puts out-of-scope near 1 for every question.
    const classes = [OUT_OF_SCOPE, 'marriage.register'];
    const alwaysOut = biasOnlyModel(classes, [10, 0]);
    const question = '结婚登记要带什么材料';
    expect(matchWithIndex(buildMatcherIndex(snapshot, intents), question)).toMatchObject({ intent: 'marriage.register', outcome: 'item' });
    expect(matchWithIndex(buildMatcherIndex(snapshot, intents, { scopeModel: alwaysOut }), question)).toMatchObject({ intent: null, outcome: 'unknown' });
  });

  it('never picks one item for a one-word question that names a family: the rules’ question back stands', async () => {
    const { loadCatalogSnapshot } = await import('../../../src/catalog/load-catalog.js');
    const { buildMatcherIndex } = await import('../../../src/matching/build-index.js');
    const { matchWithIndex } = await import('../../../src/matching/create-matcher.js');
    const { loadIntents } = await import('../../../src/matching/load-intents.js');
    const { loadScopeModel } = await import('../../../src/matching/scope/load-model.js');
    const index = buildMatcherIndex(await loadCatalogSnapshot('data'), await loadIntents('intents'), { scopeModel: await loadScopeModel('data/scope-model.json') });
    for (const q of ['注销', '地名']) expect(matchWithIndex(index, q), q).toMatchObject({ outcome: 'clarify', clarify: true });
  });
});
