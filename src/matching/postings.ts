import type { Jieba } from '@node-rs/jieba';
import { extractTerms } from './terms.js';

export interface Posting {
  doc: number;
  weight: number;
  /** The weight the term has in the document's strong fields (name, aliases, keywords); 0 if none. */
  anchor: number;
  /** Whether the term is a whole word (not a piece of one) of the document's strong fields. */
  own: boolean;
}

/** One piece of a document's text and how much a match in it counts (name 1, FAQ 0.35 …). */
export interface Field {
  doc: number;
  text: string;
  weight: number;
  /** Whether the field says what the document is (name, alias, keyword) rather than touching it. */
  strong?: boolean;
}

const REPEAT = 0.1;
const MAX_REPEATS = 3;
/** A word that is only a piece of a longer one in the document still says something about it. */
const PIECE_IN_DOC = 0.5;

/**
 * The inverted index: for each term, the documents having it and with what weight; each term's idf
 * over `docCount` documents; and the whole words seen (the vocabulary for pinyin and homophones),
 * with those of the documents `isOwnDoc` accepts apart.
 */
export function buildPostings(
  fields: readonly Field[],
  docCount: number,
  jieba: Jieba,
  ignored: ReadonlySet<string>,
  isOwnDoc: (doc: number) => boolean = () => true,
): { postings: Map<string, Posting[]>; idf: Map<string, number>; words: string[]; ownWords: Set<string> } {
  const perDoc = new Map<string, Map<number, { max: number; count: number; anchor: number; own: boolean }>>();
  const words: string[] = [];
  const ownWords = new Set<string>();
  for (const f of fields) {
    const own = isOwnDoc(f.doc);
    for (const { term, weight } of extractTerms(f.text, jieba, ignored)) {
      let m = perDoc.get(term);
      if (!m) perDoc.set(term, (m = new Map()));
      const w = f.weight * (weight === 1 ? 1 : Math.max(weight, PIECE_IN_DOC));
      const prev = m.get(f.doc);
      const anchor = f.strong ? w : 0;
      m.set(f.doc, {
        max: Math.max(prev?.max ?? 0, w),
        count: (prev?.count ?? 0) + 1,
        anchor: Math.max(prev?.anchor ?? 0, anchor),
        own: (prev?.own ?? false) || (f.strong === true && weight === 1),
      });
      // Whole words only: a bigram piece ("婚登") must never become a homophone target.
      if (weight === 1) {
        words.push(term);
        if (own) ownWords.add(term);
      }
    }
  }
  const postings = new Map<string, Posting[]>();
  const idf = new Map<string, number>();
  for (const [term, m] of perDoc) {
    // The best field counts, and a few further mentions add a little: an item that names a word in
    // several aliases is more about it than one whose FAQ happens to use it.
    postings.set(
      term,
      [...m].map(([doc, { max, count, anchor, own }]) => ({
        doc,
        weight: max * (1 + REPEAT * Math.min(count - 1, MAX_REPEATS)),
        anchor,
        own,
      })),
    );
    idf.set(term, Math.log(1 + docCount / m.size));
  }
  return { postings, idf, words, ownWords };
}
