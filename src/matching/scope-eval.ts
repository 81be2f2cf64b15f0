import type { EvalCase } from './evaluate.js';
import type { MatchResult } from './types.js';

/** A labelled question of the issue-9 sets: an item id, or null for another department's business. */
export interface ScopeCase {
  q: string;
  expect: string | null;
  dept?: string;
}

export interface ScopeFigures {
  total: number;
  /** Out of scope: answered with an intent (a card or a system reply) with no question back. */
  confident: number;
  /** Out of scope: asked back with 民政 candidates. */
  askedBack: number;
  /** In scope, item in the catalog: the right item, confidently. */
  right: number;
  /** In scope, item in the catalog: another item or intent, confidently (the worst answer). */
  wrongCard: number;
  /** In scope, item in the catalog: asked back with the right item among the options. */
  askedWithRight: number;
  /** In scope, item not (yet) in the catalog: how many, and how many got no confident card. */
  absent: number;
  absentSafe: number;
  misses: { q: string; want: string; got: string }[];
}

/** How a verdict reads in a miss list. */
export const describeVerdict = (r: Pick<MatchResult, 'intent' | 'clarify' | 'candidates' | 'outcome' | 'referral' | 'gap'>): string =>
  r.clarify
    ? `clarify[${r.candidates.map((c) => c.intent).join(',')}]`
    : (r.intent ?? (r.referral ? `referral:${r.referral.department}` : r.gap ? `gap:${r.gap.topic}` : (r.outcome ?? 'null')));

/**
 * Scores a set: out-of-scope questions by how often they get a confident answer or a question
 * back; in-scope ones by the right item — or, when the catalog lacks the item, by not getting a
 * confident card (a gap, a referral, a question back or an honest "unknown" are all safe).
 */
export function scoreScope(
  cases: readonly (ScopeCase | EvalCase)[],
  match: (q: string) => MatchResult,
  hasItem: (id: string) => boolean,
): ScopeFigures {
  const f: ScopeFigures = { total: cases.length, confident: 0, askedBack: 0, right: 0, wrongCard: 0, askedWithRight: 0, absent: 0, absentSafe: 0, misses: [] };
  for (const c of cases) {
    const r = match(c.q);
    const want = 'expect_any' in c ? null : c.expect;
    const confident = r.intent !== null && !r.clarify;
    if (want === null) {
      if (confident) f.confident += 1;
      else if (r.clarify) f.askedBack += 1;
      if (confident || r.clarify) f.misses.push({ q: c.q, want: 'out of scope', got: describeVerdict(r) });
    } else if (!hasItem(want)) {
      f.absent += 1;
      const card = confident && hasItem(r.intent!);
      if (!card) f.absentSafe += 1;
      else f.misses.push({ q: c.q, want: `${want} (not in catalog)`, got: describeVerdict(r) });
    } else if (confident && r.intent === want) f.right += 1;
    else {
      if (confident) f.wrongCard += 1;
      else if (r.clarify && r.candidates.some((c) => c.intent === want)) f.askedWithRight += 1;
      f.misses.push({ q: c.q, want, got: describeVerdict(r) });
    }
  }
  return f;
}
