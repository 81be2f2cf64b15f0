import { chinaDate } from '../calendar/work-calendar.js';
import { isRatingLevel } from './levels.js';
import type { LineCodec } from './jsonl-log.js';
import type { AnswerKind, AnswerRecord, RatingRecord } from './types.js';

const KINDS: readonly AnswerKind[] = ['card', 'clarified', 'handoff', 'complaint'];

/** The month in China (YYYY-MM) of an epoch-ms instant: the partition name. */
export function chinaMonth(at: number): string {
  return chinaDate(new Date(at)).slice(0, 7);
}

const isInt = (v: unknown): v is number => Number.isSafeInteger(v);
const isIntent = (v: unknown): v is string | null => v === null || typeof v === 'string';
const isKind = (v: unknown): v is AnswerKind => typeof v === 'string' && (KINDS as readonly string[]).includes(v);

function parseObject(line: string): Record<string, unknown> | undefined {
  try {
    const v: unknown = JSON.parse(line);
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

// Short keys keep a million-line month near 100 MB; checks are hand-written because a zod parse
// per line would dominate the report time.
/** Rating lines, partitioned by the month of the first rating so every change of one answer shares a file. */
export const ratingCodec: LineCodec<RatingRecord> = {
  partition: (r) => chinaMonth(r.firstAt),
  encode: (r) =>
    JSON.stringify({ a: r.answerId, t: r.at, f: r.firstAt, l: r.level, u: r.userId, c: r.chatId, i: r.intent, k: r.kind }),
  parse(line) {
    const o = parseObject(line);
    if (!o) return undefined;
    const { a, t, f, l, u, c, i, k } = o;
    if (typeof a !== 'string' || !isInt(t) || !isInt(f) || !isRatingLevel(l) || !isInt(u) || !isInt(c)) return undefined;
    if (!isIntent(i) || !isKind(k)) return undefined;
    return { answerId: a, at: t, firstAt: f, level: l, userId: u, chatId: c, intent: i, kind: k };
  },
};

/** Answer lines, partitioned by the month they were given. */
export const answerCodec: LineCodec<AnswerRecord> = {
  partition: (r) => chinaMonth(r.at),
  encode: (r) => JSON.stringify({ id: r.id, t: r.at, c: r.chatId, u: r.userId, i: r.intent, k: r.kind, q: r.question }),
  parse(line) {
    const o = parseObject(line);
    if (!o) return undefined;
    const { id, t, c, u, i, k, q } = o;
    if (typeof id !== 'string' || !isInt(t) || !isInt(c) || !isInt(u) || !isIntent(i) || !isKind(k)) return undefined;
    if (typeof q !== 'string') return undefined;
    return { id, at: t, chatId: c, userId: u, intent: i, kind: k, question: q };
  },
};
