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

/** An opinion putting `oos` on out-of-scope, `p` on `item` and `others` on named items; it knows every class but `unknown`. */
const opinion = (oos: number, item = 'funeral.basic-fee-waiver', p = 1 - oos, unknown?: string, others: Record<string, number> = {}): Opinion => ({
  knows: (label) => label !== unknown,
  prob: (label) => (label === OUT_OF_SCOPE ? oos : label === item ? p : (others[label] ?? 0)),
  topItem: { id: item, p },
});

describe('secondOpinion', () => {
  it('withdraws a confident item when the model says out of scope with high probability', () => {
    const r = secondOpinion(card, opinion(0.99));
    expect(r).toMatchObject({ intent: null, clarify: false, outcome: 'unknown' });
  });

  it('keeps a confident item the model was never trained on (the catalog grew after training)', () => {
    expect(secondOpinion(card, opinion(0.99, 'funeral.basic-fee-waiver', 0.01, card.intent ?? ''))).toBe(card);
    expect(secondOpinion(card, opinion(0.01, 'funeral.basic-fee-waiver', 0.99, card.intent ?? ''))).toBe(card);
  });

  it('keeps a confident item when the model is below the gate and still gives the item some weight', () => {
    const cardWeight = { [card.intent ?? '']: SECOND_OPINION.gateDoubtfulCard };
    expect(secondOpinion(card, opinion(SECOND_OPINION.gateOutOfScope - 0.01, 'funeral.basic-fee-waiver', 0.01, undefined, cardWeight))).toBe(card);
  });

  it('withdraws a confident item the model doubts twice: fairly sure it is not ours, and giving the item almost nothing', () => {
    const oos = SECOND_OPINION.gateDoubtful;
    const faint = { [card.intent ?? '']: SECOND_OPINION.gateDoubtfulCard - 0.01 };
    expect(secondOpinion(card, opinion(oos, 'funeral.basic-fee-waiver', 0.01, undefined, faint))).toMatchObject({ intent: null, outcome: 'unknown' });
    expect(secondOpinion(card, opinion(oos - 0.01, 'funeral.basic-fee-waiver', 0.01, undefined, faint))).toBe(card);
  });

  it('never overrides a follow-up on the item under discussion, nor a greeting or other system reply', () => {
    const followUp = { ...card, followUp: true };
    expect(secondOpinion(followUp, opinion(0.99))).toBe(followUp);
    const greeting = verdict({ intent: 'greeting', outcome: 'system' });
    expect(secondOpinion(greeting, opinion(0.01, 'funeral.basic-fee-waiver', 0.99))).toBe(greeting);
  });

  it('answers an ask-back with the candidate the model is sure of, keeping the other as a runner-up', () => {
    const r = secondOpinion(askBack, opinion(0.01, 'funeral.basic-fee-waiver', 0.9));
    expect(r).toMatchObject({ intent: 'funeral.basic-fee-waiver', clarify: false, outcome: 'item', learned: true });
    expect(r.candidates.map((c) => c.intent)).toEqual(['funeral.after-death']);
    expect(isLowConfidence(r)).toBe(true);
  });

  it('answers an unknown or a referral with the item the model is sure of, and drops the referral', () => {
    const referral = verdict({ outcome: 'referral', referral: { topic: '养老保险', department: '人社部门' } });
    for (const unsure of [verdict({}), referral]) {
      const r = secondOpinion(unsure, opinion(0.1, 'elderly.senior-allowance', SECOND_OPINION.pickItem));
      expect(r).toMatchObject({ intent: 'elderly.senior-allowance', outcome: 'item', learned: true });
      expect(r.referral).toBeUndefined();
    }
  });

  it('replaces a card the model finds implausible with the item it is sure of, the old card kept as a runner-up', () => {
    const r = secondOpinion(card, opinion(0.05, 'funeral.basic-fee-waiver', 0.8, undefined, { [card.intent ?? '']: SECOND_OPINION.keepCard - 0.01 }));
    expect(r).toMatchObject({ intent: 'funeral.basic-fee-waiver', outcome: 'item', learned: true });
    expect(r.candidates.map((c) => c.intent)).toEqual([card.intent]);
  });

  it('never picks from a question back of more than a few options: the question names a need, not an item', () => {
    const options = ['assistance.dibao', 'assistance.tekun', 'assistance.temporary', 'assistance.vagrant'];
    const broad = verdict({ clarify: true, outcome: 'clarify', candidates: options.map((intent) => ({ intent, score: 0.6 })) });
    expect(options.length).toBeGreaterThan(SECOND_OPINION.askBackMaxOptions);
    expect(secondOpinion(broad, opinion(0.01, 'assistance.temporary', 0.99))).toBe(broad);
    const narrow = { ...broad, candidates: broad.candidates.slice(0, SECOND_OPINION.askBackMaxOptions) };
    expect(secondOpinion(narrow, opinion(0.01, 'assistance.temporary', 0.99))).toMatchObject({ intent: 'assistance.temporary', outcome: 'item' });
  });

  it('answers a question back only with one of its own candidates, and only when the model is surer than for an unknown', () => {
    expect(secondOpinion(askBack, opinion(0.01, 'funeral.basic-fee-waiver', SECOND_OPINION.pickFromAskBack - 0.01))).toBe(askBack);
    expect(SECOND_OPINION.pickFromAskBack).toBeGreaterThan(SECOND_OPINION.pickItem);
    expect(secondOpinion(askBack, opinion(0.01, 'marriage.register', 0.95))).toBe(askBack);
  });

  it('keeps a card the model still finds plausible, even when it prefers another item', () => {
    expect(secondOpinion(card, opinion(0.05, 'funeral.basic-fee-waiver', 0.7, undefined, { [card.intent ?? '']: SECOND_OPINION.keepCard }))).toBe(card);
  });

  it('leaves a verdict alone when the model also leans out of scope, is not sure enough, or the question is too short', () => {
    const unsure = verdict({});
    const oos = SECOND_OPINION.pickMaxOutOfScope + 0.05;
    expect(secondOpinion(unsure, opinion(oos, 'funeral.basic-fee-waiver', 1 - oos))).toBe(unsure);
    expect(secondOpinion(askBack, opinion(0.01, 'funeral.basic-fee-waiver', SECOND_OPINION.pickItem - 0.01))).toBe(askBack);
    expect(unsure.outcome).toBe('unknown');
    expect(secondOpinion(askBack, opinion(0.01, 'funeral.basic-fee-waiver', 0.99), SECOND_OPINION, false)).toBe(askBack);
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
