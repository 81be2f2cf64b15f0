import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';

let shared: Jieba | undefined;
const added = new Set<string>();

/** High enough that a domain word beats the general split ("民办非/企业/单位"). */
const DOMAIN_WORD_FREQ = 200_000;

/**
 * The process-wide jieba segmenter with its default dictionary. Created on first use because loading
 * the dictionary takes about a third of a second; `new Jieba()` alone would have no words at all.
 */
export function getJieba(): Jieba {
  shared ??= Jieba.withDict(dict);
  return shared;
}

/**
 * Teaches the shared segmenter domain words so each stays one term ("民办非企业单位", "适老化改造").
 * Two-character words are left to jieba: adding "离婚" would split "离婚证".
 * Only ever adds, and only words not added before, so indexes built in one process agree.
 */
export function addDomainWords(words: Iterable<string>): void {
  const jieba = getJieba();
  // A two-character word jieba splits into single characters ("残补", "家床") is unknown to it:
  // taught, it stays one term instead of a weak bigram, and it cannot split a longer word jieba knows.
  const unknownPair = (w: string): boolean => /^\p{Script=Han}{2}$/u.test(w) && jieba.cut(w, false).length === 2;
  const fresh = [...new Set(words)].filter((w) => !added.has(w) && (/^\p{Script=Han}{3,}$/u.test(w) || unknownPair(w)));
  if (fresh.length === 0) return;
  for (const w of fresh) added.add(w);
  jieba.loadDict(Buffer.from(fresh.map((w) => `${w} ${DOMAIN_WORD_FREQ}`).join('\n') + '\n'));
}
