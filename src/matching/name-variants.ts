/**
 * Item names as people shorten them: one inner character left out ("基本殡葬服务费减免" for
 * 基本殡葬服务费用减免). Only names of six characters or more, never the first or last character (a
 * first 补 or 涉 is what tells 补领结婚证 from 领结婚证), and never a variant that another item
 * says or that holds another item's phrase: a variant may only ever name its own item.
 */
export function nameVariants(
  names: readonly { doc: number; text: string }[],
  phrases: readonly { doc: number; text: string }[],
): { doc: number; text: string }[] {
  const taken = new Set(phrases.map((p) => p.text));
  const out: { doc: number; text: string }[] = [];
  const seen = new Set<string>();
  for (const { doc, text } of names) {
    const chars = [...text];
    if (chars.length < 6) continue;
    for (let i = 1; i < chars.length - 1; i++) {
      const variant = [...chars.slice(0, i), ...chars.slice(i + 1)].join('');
      if (taken.has(variant) || seen.has(variant)) continue;
      const clash = phrases.some((p) => p.doc !== doc && (p.text.includes(variant) || variant.includes(p.text)));
      if (clash) continue;
      seen.add(variant);
      out.push({ doc, text: variant });
    }
  }
  return out;
}
