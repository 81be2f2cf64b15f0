export interface UnansweredLike {
  at: string;
  kind: 'out-of-scope' | 'clarify';
  question: string;
  candidates: string[];
}

export interface QuestionGroup {
  /** The first wording seen (already masked by the log). */
  example: string;
  count: number;
  /** For clarifications: the items offered the first time. */
  candidates: string[];
}

/** Same question, different punctuation, spacing or case: one group. */
function key(question: string): string {
  return question.toLowerCase().replace(/[\s\p{P}\p{S}]+/gu, '');
}

/**
 * Groups unanswered questions of one kind in the period (ISO `at` within [start, end)) and returns the
 * most frequent first, so managers see which gaps in the catalog matter most.
 */
export async function groupUnanswered(
  entries: AsyncIterable<UnansweredLike>,
  opts: { start: number; end: number; top: number },
): Promise<Record<UnansweredLike['kind'], QuestionGroup[]>> {
  const groups = { 'out-of-scope': new Map<string, QuestionGroup>(), clarify: new Map<string, QuestionGroup>() };
  for await (const e of entries) {
    const at = Date.parse(e.at);
    if (!(at >= opts.start && at < opts.end)) continue;
    const k = key(e.question);
    if (k === '') continue;
    const map = groups[e.kind];
    const g = map.get(k) ?? { example: e.question, count: 0, candidates: e.candidates };
    g.count++;
    map.set(k, g);
  }
  const rank = (m: Map<string, QuestionGroup>): QuestionGroup[] =>
    [...m.values()].sort((a, b) => b.count - a.count).slice(0, opts.top);
  return { 'out-of-scope': rank(groups['out-of-scope']), clarify: rank(groups.clarify) };
}
