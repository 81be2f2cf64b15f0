import type { Jieba } from '@node-rs/jieba';
import { extractTerms } from './terms.js';

export interface Posting {
  doc: number;
  weight: number;
}

/** One piece of a document's text and how much a match in it counts (name 1, FAQ 0.35 …). */
export interface Field {
  doc: number;
  text: string;
  weight: number;
}

const REPEAT = 0.1;
const MAX_REPEATS = 3;
/** A word that is only a piece of a longer one in the document still says something about it. */
const PIECE_IN_DOC = 0.5;

/**
 * The inverted index: for each term, the documents having it and with what weight; each term's idf
 * over `docCount` documents; and the whole words seen (the vocabulary for pinyin and homophones).
 */
export function buildPostings(
  fields: readonly Field[],
  docCount: number,
  jieba: Jieba,
  ignored: ReadonlySet<string>,
): { postings: Map<string, Posting[]>; idf: Map<string, number>; words: string[] } {
  const perDoc = new Map<string, Map<number, { max: number; count: number }>>();
  const words: string[] = [];
  for (const f of fields) {
    for (const { term, weight } of extractTerms(f.text, jieba, ignored)) {
      let m = perDoc.get(term);
      if (!m) perDoc.set(term, (m = new Map()));
      const w = f.weight * (weight === 1 ? 1 : Math.max(weight, PIECE_IN_DOC));
      const prev = m.get(f.doc);
      m.set(f.doc, { max: Math.max(prev?.max ?? 0, w), count: (prev?.count ?? 0) + 1 });
      // Whole words only: a bigram piece ("婚登") must never become a homophone target.
      if (weight === 1) words.push(term);
    }
  }
  const postings = new Map<string, Posting[]>();
  const idf = new Map<string, number>();
  for (const [term, m] of perDoc) {
    // The best field counts, and a few further mentions add a little: an item that names a word in
    // several aliases is more about it than one whose FAQ happens to use it.
    postings.set(
      term,
      [...m].map(([doc, { max, count }]) => ({ doc, weight: max * (1 + REPEAT * Math.min(count - 1, MAX_REPEATS)) })),
    );
    idf.set(term, Math.log(1 + docCount / m.size));
  }
  return { postings, idf, words };
}
