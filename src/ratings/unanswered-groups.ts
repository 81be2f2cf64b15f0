/**
 * What the managers' unanswered view lists:
 * - `out-of-scope`: not 民政 business, or nothing fitted (the department it went to, if any, in `topic`);
 * - `clarify`: asked back before answering (`candidates` offered);
 * - `gap`: 民政 business the catalog holds no guide for (`topic` names it): the catalog's to-do list;
 * - `low-confidence`: answered with a card the matcher was not sure of (`candidates[0]` is the item);
 * - `praise`: thanks and praise for the staff, to pass on.
 */
export type UnansweredKind = 'out-of-scope' | 'clarify' | 'gap' | 'low-confidence' | 'praise';

export const UNANSWERED_KINDS: readonly UnansweredKind[] = ['gap', 'out-of-scope', 'clarify', 'low-confidence', 'praise'];

export interface UnansweredLike {
  at: string;
  kind: UnansweredKind;
  question: string;
  candidates: string[];
  topic?: string;
}

export interface QuestionGroup {
  /** The first wording seen (already masked by the log); for gaps, the topic. */
  example: string;
  count: number;
  /** For clarifications and low-confidence answers: the items offered or answered the first time. */
  candidates: string[];
  /** For gaps: a few different wordings, so the catalog writers see how people ask. */
  wordings?: string[];
}

export type UnansweredGroups = Record<UnansweredKind, QuestionGroup[]>;

const MAX_WORDINGS = 3;

/** Same question, different punctuation, spacing or case: one group. */
function key(question: string): string {
  return question.toLowerCase().replace(/[\s\p{P}\p{S}]+/gu, '');
}

/**
 * Groups the unanswered log of the period (ISO `at` within [start, end)) by kind, and within a kind by
 * question — catalog gaps by their topic — most frequent first, so managers see what matters most.
 */
export async function groupUnanswered(
  entries: AsyncIterable<UnansweredLike>,
  opts: { start: number; end: number; top: number },
): Promise<UnansweredGroups> {
  const maps = new Map<UnansweredKind, Map<string, QuestionGroup>>(UNANSWERED_KINDS.map((k) => [k, new Map()]));
  for await (const e of entries) {
    const at = Date.parse(e.at);
    if (!(at >= opts.start && at < opts.end)) continue;
    const map = maps.get(e.kind);
    if (!map) continue; // a kind written by a newer version: not ours to guess at
    const byTopic = e.kind === 'gap' && e.topic !== undefined && e.topic !== '';
    const k = byTopic ? `topic:${e.topic}` : key(e.question);
    if (k === '') continue;
    const g = map.get(k) ?? { example: byTopic ? e.topic! : e.question, count: 0, candidates: e.candidates };
    g.count += 1;
    if (byTopic && (g.wordings ??= []).length < MAX_WORDINGS && !g.wordings.some((w) => key(w) === key(e.question))) {
      g.wordings.push(e.question);
    }
    map.set(k, g);
  }
  const rank = (m: Map<string, QuestionGroup>): QuestionGroup[] => [...m.values()].sort((a, b) => b.count - a.count).slice(0, opts.top);
  return Object.fromEntries(UNANSWERED_KINDS.map((k) => [k, rank(maps.get(k)!)])) as UnansweredGroups;
}

const HEADINGS: Readonly<Record<UnansweredKind, string>> = {
  gap: '民政业务、但目录里还没有办事指南的（按主题）',
  'out-of-scope': '不在民政业务范围、或没能对上事项的',
  clarify: '需要追问才确定的',
  'low-confidence': '答了但把握不大的（请核对答复的事项是否对）',
  praise: '群众的表扬和感谢',
};

/**
 * The managers' text: each kind under its heading with counts, in the same wording for /unanswered
 * and `npm run report`. `labelOf` turns an item id into its name.
 */
export function formatUnanswered(groups: UnansweredGroups, labelOf: (id: string) => string, period?: { from: string; to: string }): string {
  const list = (kind: UnansweredKind): string => {
    const gs = groups[kind];
    if (gs.length === 0) return '（无）';
    return gs
      .map((g, i) => {
        const items = kind === 'clarify' || kind === 'low-confidence' ? ` → ${g.candidates.map(labelOf).join(' / ')}` : '';
        const wordings = g.wordings?.length ? `：${g.wordings.join('；')}` : '';
        return `${i + 1}. ${g.example}（${g.count} 次）${items}${wordings}`;
      })
      .join('\n');
  };
  const title = `未能直接答复的问题${period ? `（${period.from} 至 ${period.to}，已脱敏）` : '（已脱敏）'}`;
  return [title, ...UNANSWERED_KINDS.map((k) => `${HEADINGS[k]}：\n${list(k)}`)].join('\n\n');
}
