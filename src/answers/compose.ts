import { referralOf } from '../catalog/find-referral.js';
import type { CatalogItem, CatalogSnapshot } from '../catalog/types.js';
import { isLowConfidence } from '../matching/decide.js';
import type { Aspect, MatchResult, Outcome } from '../matching/types.js';
import { itemActions } from './actions.js';
import { aspectAnswer, itemSummary } from './direct.js';
import { checkEligibility, type EligibilityRule, type EligibilityVerdict } from './eligibility.js';
import { extractFacts } from './facts.js';
import { findComparison, type Comparison } from './compare.js';
import { findFaq, type FaqHit } from './faq.js';
import { clarifyAnswer, gapAnswer, referralAnswer, unknownAnswer } from './outcomes.js';
import { systemAnswer } from './system.js';
import { CONDOLENCE, mentionsDeath } from './tone.js';
import { memoFor } from './memo.js';
import type { Action, Answer, Block, ManagerNote } from './types.js';
import { checkedNote } from './wording.js';

/** What the answer model reads: the catalog as it is now and the machine-readable conditions. */
export interface AnswerSources {
  snapshot: CatalogSnapshot;
  rules: readonly EligibilityRule[];
}


/** "多少钱" of a benefit, or 注册资金 of an organisation, is an amount received or held, not a fee. */
const AMOUNT_WORDS = /注册资金|开办资金|原始基金|活动资金|补贴标准|救助标准|发多少|给多少|补多少|领多少|能拿多少|每月多少|一个月多少|多少钱一个月/;
const HOW_MUCH = /多少钱|多少/;

/** The aspect to answer: the matcher's, corrected where "how much" means money received or held. */
export function refineAspect(item: CatalogItem, question: string, aspect: Aspect | undefined): Aspect | undefined {
  if (AMOUNT_WORDS.test(question)) return 'amount';
  const isBenefit = item.kind === '行政给付' || item.amounts.length > 0;
  if (isBenefit && HOW_MUCH.test(question) && (aspect === 'fee' || aspect === undefined)) return 'amount';
  return aspect;
}

function outcomeOf(match: MatchResult, snapshot: CatalogSnapshot): Outcome {
  if (match.outcome) return match.outcome;
  if (match.clarify && match.candidates.length > 1) return 'clarify';
  if (!match.intent) return 'unknown';
  return snapshot.byId.has(match.intent) ? 'item' : 'system';
}

const VERDICT_LEAD = { yes: '可以。', no: '现在还不行。', depends: '要看情况。' } as const;

function verdictBlocks(v: EligibilityVerdict): Block[] {
  const blocks: Block[] = [{ type: 'text', spans: [{ text: VERDICT_LEAD[v.verdict], bold: true }, { text: v.text }] }];
  if (v.verdict === 'depends' && v.options.length > 1) {
    blocks.push({ type: 'list', style: 'bullet', items: v.options.map((o) => [{ text: `${o.label}：${o.enough ? '够' : '不够'}` }]) });
  }
  blocks.push({ type: 'note', text: `规定：${v.rule.rule}依据：${v.rule.source}` });
  return blocks;
}

/** Others in the same message: each with an item gets a button; the rest are named, never dropped. */
function othersPart(match: MatchResult, snapshot: CatalogSnapshot, answered: string): { blocks: Block[]; actions: Action[] } {
  const blocks: Block[] = [];
  const actions: Action[] = [];
  for (const other of match.others ?? []) {
    const item = other.intent ? snapshot.byId.get(other.intent) : undefined;
    if (item && item.id !== answered) actions.push({ type: 'item', item: item.id, label: `👉 再看：${item.name}` });
    else if (!item) blocks.push({ type: 'text', spans: [{ text: `您还问到「${other.text}」，这一句我没能对上具体事项，麻烦单独再问我一次。` }] });
  }
  if (actions.length > 0) blocks.push({ type: 'text', spans: [{ text: `您问到的${actions.length === 1 ? '另一项' : '其他几项'}，点下面的按钮接着看。` }] });
  return { blocks, actions };
}

const checkedMemo = memoFor<CatalogItem, Block>();
const checkedBlock = (item: CatalogItem): Block => checkedMemo(item, 'checked', () => ({ type: 'note', text: checkedNote(item) }));

/** An item's answer: condolence when someone died, then the verdict, the fitting FAQ, the aspect or the summary. */
export function itemAnswer(item: CatalogItem, question: string, match: MatchResult, sources: AnswerSources, chosenFaq?: FaqHit): Answer {
  const { snapshot, rules } = sources;
  const blocks: Block[] = [];
  if (mentionsDeath(question)) blocks.push({ type: 'text', spans: [{ text: CONDOLENCE }] });
  if (match.followUp) blocks.push({ type: 'note', text: `接着说「${item.name}」` });
  blocks.push({ type: 'title', text: item.name });
  const aspect = refineAspect(item, question, match.aspect);
  const verdict = checkEligibility(rules, item.id, extractFacts(question));
  const related = item.related.map((id) => snapshot.byId.get(id)).filter((r): r is CatalogItem => r !== undefined);
  // Amounts the catalog holds are the structured truth; a FAQ's wording comes second to them.
  const faq = chosenFaq ?? (verdict || (aspect === 'amount' && item.amounts.length > 0) ? undefined : findFaq(question, item, related));
  let showing: Parameters<typeof itemActions>[1] = 'summary';
  if (verdict && !chosenFaq) {
    blocks.push(...verdictBlocks(verdict));
    if (verdict.verdict === 'yes' && aspect) blocks.push(...aspectAnswer(item, aspect, snapshot.hall));
  } else if (faq) {
    blocks.push({ type: 'text', spans: [{ text: faq.a }] });
    if (faq.item.id !== item.id) blocks.push({ type: 'note', text: `摘自「${faq.item.name}」常见问题` });
    showing = undefined;
  } else if (aspect) {
    blocks.push(...aspectAnswer(item, aspect, snapshot.hall));
    showing = undefined;
  } else {
    blocks.push(...itemSummary(item, snapshot.hall));
  }
  blocks.push(checkedBlock(item));
  const others = othersPart(match, snapshot, item.id);
  blocks.push(...others.blocks);
  const notes: ManagerNote[] =
    // The matcher's calibrated band (its reliability table): answered, but listed for the managers.
    isLowConfidence({ ...match, outcome: 'item' })
      ? [{ kind: 'low-confidence', question, candidates: [item.id, ...match.candidates.map((c) => c.intent).filter((c) => c !== item.id)] }]
      : [];
  const actions = [...others.actions.map((a) => [a]), ...itemActions(item, showing)];
  return { kind: 'item', blocks, actions, context: { item: item.id }, notes, rating: { intent: item.id, kind: 'card' } };
}

/** The action part of an item id: `social-group.change-name` → `change`. */
const actionOf = (id: string): string => id.split('.')[1]?.split('-')[0] ?? '';

/**
 * A clarification the conversation already answers: after 社会团体变更, "那要是民非呢" offers the
 * 民非 items; the one with the same action (变更) is the one meant. Only a single such candidate counts.
 */
function resolveByContext(match: MatchResult, previousItem: string | undefined): MatchResult {
  if (!previousItem || !(match.clarify || match.outcome === 'clarify')) return match;
  const action = actionOf(previousItem);
  const same = match.candidates.filter((c) => c.intent !== previousItem && actionOf(c.intent) === action);
  const only = same[0];
  if (!only || same.length !== 1) return match;
  return { ...match, intent: only.intent, clarify: false, outcome: 'item', followUp: true, score: only.score };
}

export interface ComposeOptions {
  /** The conversation's item before this message (for "那要是民非呢"). */
  previousItem?: string;
}

/**
 * The answer to one message, whatever the matcher's outcome: an item (direct answer first, parts on
 * demand), a clarification, a referral, a gap, a system reply or an honest "not sure". Someone's death
 * is met with condolence first, whatever the outcome.
 * Returns undefined for system intents that start a dialog (complaint, reminders): the channel does those.
 */
export function composeAnswer(question: string, match: MatchResult, sources: AnswerSources, options: ComposeOptions = {}): Answer | undefined {
  const answer = composeByOutcome(question, resolveByContext(match, options.previousItem), sources);
  if (answer && mentionsDeath(question) && answer.kind !== 'item') {
    answer.blocks.unshift({ type: 'text', spans: [{ text: CONDOLENCE }] });
  }
  return answer;
}

function comparisonAnswer(question: string, match: MatchResult, comparison: Comparison, sources: AnswerSources): Answer {
  const others = comparison.others.map((o) => ({ text: o.name, intent: o.id }));
  return itemAnswer(comparison.faq.item, question, { ...match, intent: comparison.faq.item.id, clarify: false, outcome: 'item', candidates: [], others }, sources, comparison.faq);
}

function composeByOutcome(question: string, match: MatchResult, sources: AnswerSources): Answer | undefined {
  const { snapshot } = sources;
  switch (outcomeOf(match, snapshot)) {
    case 'clarify': {
      // "低保和临时救助能同时申请吗": answered from the FAQ that says so, the other items a button away.
      const comparison = findComparison(question, match, snapshot);
      return comparison ? comparisonAnswer(question, match, comparison, sources) : clarifyAnswer(question, match, snapshot);
    }
    case 'referral': {
      // The matcher decided where the question belongs (one place); here only its hint is looked up.
      const referral = referralOf(snapshot.hall, match.referral);
      return referral ? referralAnswer(question, referral, snapshot.hall) : unknownAnswer(question, snapshot.hall);
    }
    case 'gap':
      return gapAnswer(question, match.gap?.topic ?? question, snapshot.hall);
    case 'unknown':
      return unknownAnswer(question, snapshot.hall);
    case 'item': {
      // The learned model chose the item over the rules' own options (a question back, another card);
      // a question of how they relate is still answered as a comparison of all of them.
      if (match.learned && match.intent && match.candidates.length > 0) {
        const offered = { ...match, candidates: [{ intent: match.intent, score: match.score }, ...match.candidates] };
        const comparison = findComparison(question, offered, snapshot);
        if (comparison) return comparisonAnswer(question, offered, comparison, sources);
      }
      const item = match.intent ? snapshot.byId.get(match.intent) : undefined;
      return item ? itemAnswer(item, question, match, sources) : unknownAnswer(question, snapshot.hall);
    }
    case 'system':
      return match.intent ? systemAnswer(match.intent, question, snapshot) : unknownAnswer(question, snapshot.hall);
  }
}
