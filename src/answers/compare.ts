import type { CatalogItem, CatalogSnapshot } from '../catalog/types.js';
import type { MatchResult } from '../matching/types.js';
import { bigrams, findFaq, type FaqHit } from './faq.js';

/**
 * Words that ask how two things go together or differ ("能同时申请吗", "可以叠加吗", "有什么区别"),
 * rather than which one to do.
 */
const HOW_THEY_RELATE = /同时|一起|都能|都可以|兼得|叠加|重复(?:享受|领|申请)|既[^，。？?]{1,12}又|还能(?:申请|领|办|享受|吃)|能不能都|可以都|区别|不一样|有何不同|有什么不同|冲突|互斥|二选一/u;

/** A question about several items at once, answered from one item's FAQ, with the others beside it. */
export interface Comparison {
  faq: FaqHit;
  others: readonly CatalogItem[];
}

/**
 * When the matcher offers several items for a question about how they relate ("低保和临时救助能
 * 同时申请吗"), the FAQ among them that answers it: asking "which one?" back would not answer the
 * question asked. Undefined when the question is not such a comparison or no FAQ fits it well
 * enough (then the clarification stands).
 */
export function findComparison(question: string, match: MatchResult, snapshot: CatalogSnapshot): Comparison | undefined {
  if (!HOW_THEY_RELATE.test(question)) return undefined;
  const items = match.candidates.map((c) => snapshot.byId.get(c.intent)).filter((i): i is CatalogItem => i !== undefined);
  if (items.length < 2) return undefined;
  const asked = bigrams(question);
  // The pairs of the question that name an item ("低保" of 吃低保, "临时" of 临时救助).
  const namedBy = (item: CatalogItem): Set<string> => {
    const own = new Set<string>();
    for (const text of [item.name, ...item.aliases]) for (const p of bigrams(text)) if (asked.has(p)) own.add(p);
    return own;
  };
  const named = new Map(items.map((i) => [i.id, namedBy(i)]));
  let best: FaqHit | undefined;
  for (const item of items) {
    // Each item's own FAQ only (the answer is then its card, led by that FAQ), and only an entry
    // that names the other items asked about as well: "临时救助能给多少钱" does not answer whether
    // it goes with 低保.
    const others = items.filter((o) => o.id !== item.id && (named.get(o.id)?.size ?? 0) > 0);
    if (others.length === 0) continue;
    const namesOthers = (faqQuestion: string): boolean => {
      const pairs = bigrams(faqQuestion);
      return others.every((o) => [...(named.get(o.id) ?? [])].some((p) => pairs.has(p)));
    };
    const hit = findFaq(question, item, [], namesOthers);
    if (hit && (!best || hit.score > best.score)) best = hit;
  }
  if (!best) return undefined;
  const answered = best.item.id;
  return { faq: best, others: items.filter((i) => i.id !== answered) };
}
