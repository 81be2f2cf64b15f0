import { existsSync, readFileSync } from 'node:fs';
import { composeAnswer, type AnswerSources } from '../src/answers/compose.js';
import { renderAnswerHtml } from '../src/bot/render/answer-html.js';
import type { Matcher } from '../src/matching/types.js';
import { legacyReply } from './legacy/replies.js';
import { percentile } from './table.js';

/** The evaluation questions: the shared dev set (when present) and the held-out set. */
export function evaluationQuestions(files = [process.env.MATCH_DEV_SET ?? '/work/shared/eval/dev.jsonl', 'test/matching/fixtures/heldout.jsonl']): string[] {
  return files
    .filter((f) => existsSync(f))
    .flatMap((f) => readFileSync(f, 'utf8').split('\n'))
    .filter((l) => l.trim())
    .map((l) => (JSON.parse(l) as { q: string }).q);
}

/** What a phone shows of HTML messages: tags dropped, entities decoded, messages one after another. */
export function visibleText(messages: string[]): string {
  return messages
    .join('\n\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');
}

export interface LengthRow extends Record<string, string | number> {
  renderer: string;
  replies: number;
  'median lines': number;
  'p95 lines': number;
  'median chars': number;
  'p95 chars': number;
}

/** Median and p95 of lines and characters over a list of visible reply texts. */
export function lengthRow(renderer: string, texts: string[]): LengthRow {
  const lines = texts.map((t) => t.split('\n').length);
  const chars = texts.map((t) => [...t].length);
  return {
    renderer,
    replies: texts.length,
    'median lines': percentile(lines, 50),
    'p95 lines': percentile(lines, 95),
    'median chars': percentile(chars, 50),
    'p95 chars': percentile(chars, 95),
  };
}

/**
 * Reply lengths over the evaluation questions, before (main's card renderer) and after (the answer
 * model), each question asked first in a fresh conversation. Questions whose reply is a system text
 * that did not change (greeting, dialogs) are left out of both.
 */
export function replyLengthTable(questions: readonly string[], matcher: Matcher, sources: AnswerSources): LengthRow[] {
  const before: string[] = [];
  const after: string[] = [];
  for (const q of questions) {
    const result = matcher.match(q);
    const old = legacyReply(q, result, sources.snapshot);
    const answer = composeAnswer(q, result, sources);
    if (!old || !answer) continue;
    before.push(visibleText(old));
    after.push(visibleText(renderAnswerHtml(answer)));
  }
  return [lengthRow("before (main's card)", before), lengthRow('after (answer model)', after)];
}
