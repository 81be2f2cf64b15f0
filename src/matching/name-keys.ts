import type { Jieba } from '@node-rs/jieba';

const WORD = /^(?:\p{Script=Han}+|[a-z0-9]+)$/u;

/**
 * A text's words in any order, as scoring sees them: stopwords, aspect cues and lone single
 * characters left out, a run of single characters kept as one word. "登记一个社会服务机构" and
 * "社会服务机构登记要交哪些材料" share a key. `dropped` says whether anything was left out.
 */
export function wordKey(text: string, jieba: Jieba, ignored: ReadonlySet<string>): { key: string; dropped: boolean } {
  const words: string[] = [];
  let dropped = false;
  let run = '';
  const flush = (): void => {
    if ([...run].length >= 2) words.push(run);
    else if (run !== '') dropped = true;
    run = '';
  };
  for (const token of jieba.cut(text, false)) {
    if (!WORD.test(token) || ignored.has(token)) {
      if (WORD.test(token)) dropped = true;
      flush();
    } else if ([...token].length === 1) run += token;
    else {
      flush();
      words.push(token);
    }
  }
  flush();
  return { key: words.sort().join(' '), dropped };
}

/**
 * Maps the key of each item's name and aliases to the item, or to null when two items share it.
 * A question made of exactly an item's name or alias (give or take stopwords and aspect cues)
 * means that item, even when its words are spread evenly over siblings ("社会服务机构登记" is in
 * the names of all three 社会服务机构 items, but is an alias of the 成立 one only). A name that
 * loses words to the key ("办结婚证" → 结婚证) is left out: without them it is another phrase.
 */
export function buildNameKeys(
  named: Iterable<readonly [number, readonly string[]]>,
  keyOf: (text: string) => { key: string; dropped: boolean },
): Map<string, number | null> {
  const keys = new Map<string, number | null>();
  for (const [doc, texts] of named) {
    for (const text of texts) {
      const { key, dropped } = keyOf(text);
      if (key === '' || dropped) continue;
      const prev = keys.get(key);
      keys.set(key, prev === undefined || prev === doc ? doc : null);
    }
  }
  return keys;
}
