import { pinyin } from 'pinyin-pro';
import { createFuzzyPinyin, repairTypedPinyin } from './fuzzy-pinyin.js';
import { MAX_SYLLABLE_LENGTH, PINYIN_SYLLABLES } from './pinyin-syllables.js';

/** Maps pinyin back to the vocabulary: typed pinyin and homophone typos both become known words. */
export interface PinyinIndex {
  /** Replaces runs of typed pinyin ("dibao zenme shenqing") with vocabulary words ("低保怎么申请"). */
  latinToHanzi(text: string): string;
  /** Replaces a 2–4 character window that sounds like a vocabulary word and shares a character with it. */
  correctHomophones(text: string): string;
}

export interface PinyinIndexOptions {
  /** Words of the general language: never "corrected" even if they sound like a domain word. */
  isCommonWord(word: string): boolean;
  /** Whether a word may replace a homophone (question words may not: "不在" must stay "不在"). */
  isTarget(word: string): boolean;
  /** Latin words to leave alone (hello, app …). */
  latinWords?: Iterable<string>;
  /** Look mistyped pinyin words up with fuse.js ("dengjj" → 登记); default true. */
  fuzzy?: boolean;
}

const syllablesOf = (text: string): string[] =>
  pinyin(text, { toneType: 'none', type: 'array', v: true }).map((s) => s.toLowerCase());

const HAN_RUN = /\p{Script=Han}+/gu;
/** A number written in characters is meant ("不满一年" is not "不满意年"). */
const NUMERAL = /[一二三四五六七八九十百千万两零]/u;
const LATIN_RUN = /[a-z]+(?:\s+[a-z]+)*/g;
/**
 * Function characters people type right nearly always: a homophone window whose differing character
 * is one of these is two words side by side, not a slip ("我和对象" is not 核对, "老公不同意" not 公布).
 */
const FUNCTION_CHARS = new Set([...'和不的了是在我你他她它有要就也都还把被给跟对吗呢吧啊个这那么没很又才从到让与及或而并']);

/** Whether a character the correction would change begins a common word that runs past the window. */
function startsLongerWord(chars: readonly string[], at: number, len: number, word: string, isCommonWord: (w: string) => boolean): boolean {
  const target = [...word];
  for (let k = 0; k < len; k++) {
    if (target[k] === chars[at + k]) continue;
    for (let end = at + len + 1; end <= Math.min(chars.length, at + k + 4); end++) {
      if (isCommonWord(chars.slice(at + k, end).join(''))) return true;
    }
  }
  return false;
}

/**
 * Builds the pinyin index of `vocabulary` (most frequent word wins a shared reading). Words of one
 * character are indexed for typed pinyin only: as homophones they would rewrite too much.
 */
export function createPinyinIndex(vocabulary: Iterable<string>, options: PinyinIndexOptions): PinyinIndex {
  const counts = new Map<string, number>();
  for (const word of vocabulary) {
    if (/^\p{Script=Han}+$/u.test(word)) counts.set(word, (counts.get(word) ?? 0) + 1);
  }
  const byKey = new Map<string, { word: string; count: number }>();
  let maxKey = 0;
  for (const [word, count] of counts) {
    const key = syllablesOf(word).join('');
    const prev = byKey.get(key);
    if (!prev || count > prev.count || (count === prev.count && word.length > prev.word.length)) {
      byKey.set(key, { word, count });
    }
    maxKey = Math.max(maxKey, key.length);
  }
  const latinWords = new Set(options.latinWords ?? []);
  const fuzzy =
    options.fuzzy === false
      ? undefined
      : createFuzzyPinyin(new Map([...byKey].filter(([, { word }]) => word.length >= 2).map(([key, hit]) => [key, hit.count])));

  /** Cheapest parse of a latin run into vocabulary words (rewarded) and bare syllables (dropped). */
  const parseRun = (run: string): { text: string; dropped: number } | undefined => {
    const s = run.replace(/\s+/g, '');
    const cost: number[] = new Array<number>(s.length + 1).fill(Infinity);
    const back: { from: number; word: string }[] = new Array(s.length + 1);
    cost[0] = 0;
    for (let i = 0; i < s.length; i++) {
      const here = cost[i] ?? Infinity;
      if (here === Infinity) continue;
      const relax = (to: number, c: number, word: string): void => {
        if (here + c < (cost[to] ?? Infinity)) {
          cost[to] = here + c;
          back[to] = { from: i, word };
        }
      };
      for (let len = 1; len <= MAX_SYLLABLE_LENGTH && i + len <= s.length; len++) {
        if (PINYIN_SYLLABLES.has(s.slice(i, i + len))) relax(i + len, 1, '');
      }
      for (let len = 2; len <= maxKey && i + len <= s.length; len++) {
        const hit = byKey.get(s.slice(i, i + len));
        if (hit) relax(i + len, -len, hit.word);
      }
    }
    if (cost[s.length] === Infinity) return undefined;
    const words: string[] = [];
    let dropped = 0;
    for (let at = s.length; at > 0; ) {
      const step = back[at];
      if (!step) return undefined;
      words.push(step.word);
      if (step.word === '') dropped += 1;
      at = step.from;
    }
    return { text: words.reverse().join(''), dropped };
  };

  return {
    latinToHanzi(text) {
      return text.replace(LATIN_RUN, (run) => {
        if (latinWords.has(run)) return run;
        // Repair parses the same words and runs again and again: parse each once per run.
        const memo = new Map<string, ReturnType<typeof parseRun>>();
        const parse = (s: string): ReturnType<typeof parseRun> => {
          if (!memo.has(s)) memo.set(s, parseRun(s));
          return memo.get(s);
        };
        const parsed = parse(fuzzy ? repairTypedPinyin(run, fuzzy, parse, latinWords) : run);
        return parsed === undefined || parsed.text === '' ? run : parsed.text;
      });
    },
    correctHomophones(text) {
      return text.replace(HAN_RUN, (run) => {
        if (run.length < 2) return run;
        const chars = [...run];
        const syll = syllablesOf(run);
        if (syll.length !== chars.length) return run;
        let out = '';
        let i = 0;
        outer: while (i < chars.length) {
          for (let len = Math.min(4, chars.length - i); len >= 2; len--) {
            const window = chars.slice(i, i + len).join('');
            if (counts.has(window)) {
              out += window;
              i += len;
              continue outer;
            }
            const hit = byKey.get(syll.slice(i, i + len).join(''));
            if (
              hit &&
              options.isTarget(hit.word) &&
              hit.word.length === len &&
              [...hit.word].some((ch, k) => ch === chars[i + k]) &&
              ![...hit.word].some((ch, k) => ch !== chars[i + k] && FUNCTION_CHARS.has(chars[i + k]!)) &&
              // One slip a word: two changed characters are two real words side by side ("外甥实在" is not 外省市).
              [...hit.word].filter((ch, k) => ch !== chars[i + k]).length === 1 &&
              !options.isCommonWord(window) &&
              // The changed character starts a word running past the window ("在加拿大" is not 在家).
              !startsLongerWord(chars, i, len, hit.word, options.isCommonWord) &&
              !NUMERAL.test(window)
            ) {
              out += hit.word;
              i += len;
              continue outer;
            }
          }
          out += chars[i];
          i += 1;
        }
        return out;
      });
    },
  };
}
