import type { Jieba } from '@node-rs/jieba';

/** A scoring term and how much it counts (1 for a whole word, less for the pieces of one). */
export interface Term {
  term: string;
  weight: number;
}

const HAN = /^\p{Script=Han}+$/u;
const LATIN = /^[a-z]{2,}$/;

/** Weight shared by the bigrams of one long word, so a long word does not outweigh a short one. */
const WORD_PIECES = 0.6;
/** Weight of each bigram of a run of single characters jieba did not know (often a new word). */
const UNKNOWN_RUN = 0.7;

function bigrams(word: string, weight: number, out: Map<string, number>): void {
  const chars = [...word];
  for (let i = 0; i + 1 < chars.length; i++) add(out, chars[i]! + chars[i + 1]!, weight);
}

function add(out: Map<string, number>, term: string, weight: number): void {
  if (weight > (out.get(term) ?? 0)) out.set(term, weight);
}

/**
 * Splits normalised text into scoring terms: jieba words (minus stopwords), the bigrams of long
 * words (so "社会团体登记" still meets "团体"), and bigrams across runs of single characters.
 */
export function extractTerms(text: string, jieba: Jieba, stopwords: ReadonlySet<string>): Term[] {
  const out = new Map<string, number>();
  let run = '';
  const flush = (): void => {
    if ([...run].length >= 2) bigrams(run, UNKNOWN_RUN, out);
    run = '';
  };
  for (const token of jieba.cut(text, false)) {
    if (stopwords.has(token) || !(HAN.test(token) || LATIN.test(token))) {
      flush();
      continue;
    }
    const length = [...token].length;
    if (length === 1) {
      run += token;
      continue;
    }
    flush();
    add(out, token, 1);
    if (length >= 3 && HAN.test(token)) bigrams(token, WORD_PIECES / (length - 1), out);
  }
  flush();
  return [...out].map(([term, weight]) => ({ term, weight }));
}

/**
 * The terms that stand for themselves: whole words, and pieces that are part of no whole word of
 * the same text ("社会团体注销" counts as two terms, not five).
 */
export function contentTerms(terms: readonly Term[]): Term[] {
  return terms.filter((t) => t.weight === 1 || !terms.some((o) => o.weight === 1 && o.term.includes(t.term)));
}
