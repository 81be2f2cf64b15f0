import type { CatalogItem } from '../catalog/types.js';

/** A FAQ entry that fits the question, with the item it belongs to. */
export interface FaqHit {
  item: CatalogItem;
  q: string;
  a: string;
  score: number;
}

/** Words every question has: they say nothing about which FAQ fits. */
const FILLER = /[\s\p{P}\p{S}]|怎么办|怎么|什么|需要|可以|能不能|是不是|请问|一下|我们|我的|你们|吗|呢|吧|啊|呀|了|的/gu;

/** The character pairs of a text, less the filler every question has. */
export function bigrams(text: string): Set<string> {
  const t = text.replace(FILLER, '');
  const out = new Set<string>();
  for (let i = 0; i + 1 < t.length; i++) out.add(t.slice(i, i + 2));
  return out;
}

/** FAQ questions' character pairs, computed once per loaded item (a reload brings new item objects). */
const faqPairs = new WeakMap<CatalogItem, Set<string>[]>();
function pairsOf(item: CatalogItem): Set<string>[] {
  let pairs = faqPairs.get(item);
  if (!pairs) {
    pairs = item.faq.map((f) => bigrams(f.q));
    faqPairs.set(item, pairs);
  }
  return pairs;
}

/** At least this much overlap (Dice over character pairs), and three shared pairs, to lead with a FAQ. */
const MIN_SCORE = 0.4;
const MIN_SHARED = 3;

/**
 * The FAQ entry of the item (or of its related items) that best fits the question, when one fits well
 * enough to lead the answer with it ("对方不同意离婚怎么办" → "一方不同意离婚，能在民政局办吗？").
 */
export function findFaq(
  question: string,
  item: CatalogItem,
  related: readonly CatalogItem[] = [],
  /** Only FAQ entries whose question passes this (a comparison's FAQ must name the other item too). */
  accept: (faqQuestion: string) => boolean = () => true,
): FaqHit | undefined {
  const q = bigrams(question);
  if (q.size < MIN_SHARED) return undefined;
  let best: FaqHit | undefined;
  // A related item's FAQ asking about that item only when the question does too: "结婚证丢了怎么补"
  // is not answered with 离婚登记's "结婚证丢了还能离婚吗" (可以，先补领…再申请离婚).
  const ownName = bigrams(item.name);
  const asksAbout = (other: CatalogItem, faqQuestion: string): boolean =>
    [...bigrams(other.name)].every((b) => ownName.has(b) || !faqQuestion.includes(b) || q.has(b));
  for (const [owner, penalty] of [[item, 1], ...related.map((r) => [r, 0.9] as const)] as const) {
    const pairs = pairsOf(owner);
    for (const [i, f] of owner.faq.entries()) {
      const fq = pairs[i] ?? new Set<string>();
      let shared = 0;
      for (const b of q) if (fq.has(b)) shared++;
      if (shared < MIN_SHARED) continue;
      const score = ((2 * shared) / (q.size + fq.size)) * penalty;
      if (score >= MIN_SCORE && (!best || score > best.score) && accept(f.q) && (owner === item || asksAbout(owner, f.q))) best = { item: owner, q: f.q, a: f.a, score };
    }
  }
  return best;
}
