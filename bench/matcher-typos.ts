import { pinyin } from 'pinyin-pro';
import type { MatchableSnapshot } from '../src/matching/build-index.js';
import { evaluate, type EvalCase } from '../src/matching/evaluate.js';
import { getJieba } from '../src/matching/jieba.js';
import type { MatchResult } from '../src/matching/types.js';

/** Small deterministic PRNG (mulberry32): the same typo set on every run. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const KEYBOARD = ['qwertyuiop', 'asdfghjkl', 'zxcvbnm'];
/** A key beside `ch` on a QWERTY row. */
function neighbour(ch: string, rnd: () => number): string {
  const row = KEYBOARD.find((r) => r.includes(ch)) ?? KEYBOARD[0]!;
  const at = row.indexOf(ch);
  const options = [row[at - 1], row[at + 1]].filter((c): c is string => c !== undefined);
  return options[Math.floor(rnd() * options.length)] ?? ch;
}

type Slip = (word: string, at: number, rnd: () => number) => string;
/** The four slips of a hurried typist, each at one position of one word. */
export const SLIPS: Record<string, Slip> = {
  漏字母: (w, at) => w.slice(0, at) + w.slice(at + 1),
  重复字母: (w, at) => w.slice(0, at + 1) + w.slice(at),
  相邻颠倒: (w, at) => (at + 1 < w.length ? w.slice(0, at) + w[at + 1] + w[at] + w.slice(at + 2) : w),
  按错邻键: (w, at, rnd) => w.slice(0, at) + neighbour(w[at]!, rnd) + w.slice(at + 1),
};

/** How a name is typed in pinyin: one toneless word per jieba word ("jiehun dengji"). */
export function typedPinyin(text: string): string {
  return getJieba()
    .cut(text.replace(/[^\p{Script=Han}]/gu, ''), false)
    .map((w) => pinyin(w, { toneType: 'none', type: 'array', v: true }).join(''))
    .join(' ');
}

/**
 * Pinyin questions for each item's name and aliases, clean and with one slip in the longest word
 * (never its first letter, which people rarely miss). Generated from the catalog, not the eval sets.
 */
export function typoCases(snapshot: MatchableSnapshot, seed = 7): { clean: EvalCase[]; typos: Map<string, EvalCase[]> } {
  const rnd = random(seed);
  const clean: EvalCase[] = [];
  const typos = new Map<string, EvalCase[]>(Object.keys(SLIPS).map((k) => [k, []]));
  for (const item of snapshot.items) {
    for (const text of [item.name, ...item.aliases]) {
      const typed = typedPinyin(text);
      const words = typed.split(' ');
      const longest = words.reduce((a, b) => (b.length > a.length ? b : a), '');
      if (longest.length < 4) continue;
      clean.push({ q: typed, expect: item.id });
      const at = 1 + Math.floor(rnd() * (longest.length - 1));
      for (const [kind, slip] of Object.entries(SLIPS)) {
        const q = words.map((w) => (w === longest ? slip(w, at, rnd) : w)).join(' ');
        if (q !== typed) typos.get(kind)!.push({ q, expect: item.id });
      }
    }
  }
  return { clean, typos };
}

/** Latin strings that are nobody's pinyin for anything in the hall: they must stay out of scope. */
export function noiseCases(count: number, seed = 11): EvalCase[] {
  const rnd = random(seed);
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  return Array.from({ length: count }, () => {
    const length = 4 + Math.floor(rnd() * 7);
    const q = Array.from({ length }, () => letters[Math.floor(rnd() * letters.length)]).join('');
    return { q, expect: null };
  });
}

/**
 * Accuracy on the generated pinyin questions, per kind of slip, with and without the fuse.js
 * correction; the noise row is the share of random strings still left out of scope.
 */
export function typoRows(
  snapshot: MatchableSnapshot,
  variants: readonly { name: string; match: (q: string) => MatchResult }[],
): Record<string, string | number>[] {
  const { clean, typos } = typoCases(snapshot);
  const sets: [string, EvalCase[]][] = [['无错（上限）', clean], ...typos, ['随机字母串（应不认领）', noiseCases(1000)]];
  return sets.map(([kind, cases]) => ({
    拼音问题: kind,
    个数: cases.length,
    ...Object.fromEntries(variants.map((v) => [v.name, `${(evaluate(cases, v.match).accuracy * 100).toFixed(1)}%`])),
  }));
}
