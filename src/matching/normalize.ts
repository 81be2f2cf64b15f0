import * as OpenCC from 'opencc-js';
import type { Dictionary } from './intents-schema.js';
import type { PinyinIndex } from './pinyin-index.js';

/** Turns raw text into the matcher's canonical form; the same rewriting is applied to catalog text. */
export interface Normalizer {
  /** Width, case, traditional→simplified, punctuation, then dictionary rewriting. */
  base(text: string): string;
  /** `base` without the pattern additions: for phrases looked up verbatim in a question. */
  phrase(text: string): string;
  /** `base` plus typed pinyin and homophone correction, for user input. */
  query(text: string, pinyin: PinyinIndex): string;
}

// opencc-js builds its tables on each Converter call: one per process. 'twp' also maps Taiwan vocabulary.
let toSimplified: ((s: string) => string) | undefined;
const simplify = (s: string): string => (toSimplified ??= OpenCC.Converter({ from: 'twp', to: 'cn' }))(s);

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Invisible characters that split a word without showing: zero-width spaces and joiners, the BOM,
 * soft hyphens, bidi marks, variation selectors. "低\u200b保" must read as 低保, so they are removed,
 * not turned into a gap.
 */
const INVISIBLE = /\p{Cf}|\u034f|\u115f|\u1160|\u3164|\p{Variation_Selector}/gu;

/** Keeps Han characters, latin letters and digits; everything else (punctuation, emoji) is a gap. */
const cleanup = (s: string): string =>
  s
    .replace(INVISIBLE, '')
    .normalize('NFKC')
    .toLowerCase()
    // ID-card, phone and case numbers say nothing about the topic, and split the words around them.
    .replace(/\d{6,}x?/g, '')
    .replace(/[^\p{Script=Han}a-z0-9]+/gu, ' ');

/**
 * Creates the normaliser for one dictionary: typos and synonyms become their canonical word in a
 * single longest-first pass (canonical words map to themselves, so "民办非企业单位" is not rewritten
 * by its own abbreviation "民办非").
 */
export function createNormalizer(dictionary: Dictionary): Normalizer {
  const rewrite = new Map<string, string>();
  // Kind words ("促进会", "培训学校") become their kind, so an item is found whichever member of the
  // kind its keywords happen to list.
  for (const table of [dictionary.synonyms, dictionary.typos, dictionary.kinds]) {
    for (const [canonical, variants] of Object.entries(table)) {
      rewrite.set(canonical, canonical);
      for (const v of variants) if (!rewrite.has(v)) rewrite.set(cleanup(v).trim(), canonical);
    }
  }
  const keys = [...rewrite.keys()].filter(Boolean).sort((a, b) => b.length - a.length);
  const pattern = keys.length > 0 ? new RegExp(keys.map(escape).join('|'), 'g') : undefined;
  const patterns = dictionary.patterns.map((p) => ({ regex: new RegExp(p.regex, 'gu'), add: p.add }));

  const applyDictionary = (s: string, withPatterns = true): string => {
    let out = pattern ? s.replace(pattern, (m) => rewrite.get(m) ?? m) : s;
    if (withPatterns) for (const p of patterns) {
      p.regex.lastIndex = 0;
      if (p.regex.test(out)) out += ` ${p.add}`;
    }
    return out.replace(/\s+/g, ' ').trim();
  };

  return {
    base: (text) => applyDictionary(simplify(cleanup(text))),
    phrase: (text) => applyDictionary(simplify(cleanup(text)), false),
    query(text, pinyin) {
      const cleaned = simplify(cleanup(text));
      const withHanzi = pinyin.latinToHanzi(cleaned);
      return applyDictionary(pinyin.correctHomophones(applyDictionary(withHanzi, false)));
    },
  };
}
