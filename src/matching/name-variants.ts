import { createPhraseFinder } from './phrase-finder.js';

interface Text {
  doc: number;
  text: string;
}

/**
 * Item names as people shorten them: one inner character left out ("基本殡葬服务费减免" for
 * 基本殡葬服务费用减免). Only names of six characters or more, never the first or last character (a
 * first 补 or 涉 is what tells 补领结婚证 from 领结婚证), and never a variant that another item
 * says, that lies inside or holds another item's phrase, or that two items' names both give: a
 * variant may only ever name its own item.
 */
export function nameVariants(names: readonly Text[], phrases: readonly Text[]): Text[] {
  const candidates: Text[] = [];
  for (const { doc, text } of names) {
    // Names are Han text: one UTF-16 unit a character.
    if (text.length < 6) continue;
    for (let i = 1; i < text.length - 1; i++) candidates.push({ doc, text: text.slice(0, i) + text.slice(i + 1) });
  }
  if (candidates.length === 0) return [];
  // Indexed both ways, not pairwise: a province's catalog has tens of thousands of names and phrases.
  const inside = createPhraseFinder(phrases.map((p) => p.text));
  const texts = [...new Set(candidates.map((c) => c.text))];
  const within = createPhraseFinder(texts);
  // For each variant text, the one item whose phrases hold it (-1: several).
  const holder = new Map<string, number>();
  for (const { doc, text } of phrases) {
    for (const i of within.find(text)) {
      const v = texts[i]!;
      const owner = holder.get(v);
      holder.set(v, owner === undefined || owner === doc ? doc : -1);
    }
  }
  const taken = new Set(phrases.map((p) => p.text));
  // A variant two items' names both give names neither.
  const producers = new Map<string, number>();
  for (const { doc, text } of candidates) producers.set(text, producers.has(text) && producers.get(text) !== doc ? -1 : doc);
  const seen = new Set<string>();
  return candidates.filter(({ doc, text }) => {
    if (seen.has(text) || taken.has(text) || producers.get(text) !== doc) return false;
    seen.add(text);
    const owner = holder.get(text);
    if (owner !== undefined && owner !== doc) return false;
    return inside.find(text).every((i) => phrases[i]!.doc === doc);
  });
}
