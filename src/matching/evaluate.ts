import { readFile } from 'node:fs/promises';
import type { MatchResult } from './types.js';

/** One labelled question: a clear one (`expect`, null = out of scope) or an ambiguous one (`expect_any`). */
export type EvalCase = { q: string; expect: string | null } | { q: string; expect_any: string[] };

export interface EvalReport {
  total: number;
  correct: number;
  accuracy: number;
  misses: { q: string; want: string; got: string }[];
}

/** Reads a JSON-lines evaluation file. */
export async function readEvalCases(file: string): Promise<EvalCase[]> {
  const text = await readFile(file, 'utf8');
  return text
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as EvalCase);
}

/**
 * Whether a verdict is right: a clear question needs its intent, confident and unclarified; an
 * out-of-scope one needs no intent and no clarification; an ambiguous one needs a clarification
 * offering at least two of the acceptable items.
 */
export function isCorrect(c: EvalCase, r: Pick<MatchResult, 'intent' | 'clarify' | 'candidates'>): boolean {
  if ('expect_any' in c) {
    return r.clarify && r.candidates.filter((x) => c.expect_any.includes(x.intent)).length >= 2;
  }
  if (c.expect === null) return r.intent === null && !r.clarify;
  return r.intent === c.expect && !r.clarify;
}

const describe = (r: Pick<MatchResult, 'intent' | 'clarify' | 'candidates'>): string =>
  r.clarify ? `clarify[${r.candidates.map((c) => c.intent).join(',')}]` : (r.intent ?? 'null');

/** Runs every case through `match` and counts the right ones. */
export function evaluate(cases: readonly EvalCase[], match: (q: string) => MatchResult): EvalReport {
  const misses: EvalReport['misses'] = [];
  let correct = 0;
  for (const c of cases) {
    const r = match(c.q);
    if (isCorrect(c, r)) correct += 1;
    else misses.push({ q: c.q, want: 'expect_any' in c ? `any of ${c.expect_any.join(',')}` : String(c.expect), got: describe(r) });
  }
  return { total: cases.length, correct, accuracy: cases.length ? correct / cases.length : 0, misses };
}
