import { chinaDate } from '../calendar/work-calendar.js';
import { isRatingLevel } from './levels.js';
import { fromBinary, type LineCodec } from './line-log.js';
import type { AnswerKind, AnswerRecord, RatingRecord } from './types.js';

// Lines are tab-separated with a closing "$" field: a torn line (crash mid-write) never ends in "\t$",
// so it is always detected. Fields are found with indexOf and numbers read digit by digit, because a
// report over a million ratings has to stay within three seconds and JSON.parse alone took longer.
// Free text (the question) is the one JSON-encoded field, so tabs and newlines in it are safe.

export const ANSWER_KINDS: readonly AnswerKind[] = ['card', 'clarified', 'handoff', 'complaint'];
const END = '$';
const TAB = '\t';

/** The month in China (YYYY-MM) of an epoch-ms instant: the partition name. */
export function chinaMonth(at: number): string {
  return chinaDate(new Date(at)).slice(0, 7);
}

/** Intent ids are catalog keys; a tab or newline in one would break the line, so it becomes a space. */
const intentField = (i: string | null): string => (i === null ? '' : i.replace(/[\t\r\n]/g, ' '));

const TABS = new Int32Array(16);

/**
 * Finds the tabs of a line with exactly `n` fields ending in "$" into the shared TABS buffer
 * (no allocation per line: the garbage collector was a third of the report time). False if malformed.
 */
function findTabs(line: string, n: number): boolean {
  if (!line.endsWith(`${TAB}${END}`)) return false;
  let count = 0;
  for (let i = line.indexOf(TAB); i !== -1; i = line.indexOf(TAB, i + 1)) {
    if (count === n - 1) return false;
    TABS[count++] = i;
  }
  return count === n - 1;
}
const tab = (i: number): number => TABS[i] ?? 0;

/** The integer between two positions, without allocating a substring; NaN when not an integer. */
function intAt(line: string, start: number, end: number): number {
  let i = start;
  const negative = line.charCodeAt(i) === 45; // '-': group chats have negative ids
  if (negative) i++;
  if (i >= end || end - i > 16) return NaN;
  let n = 0;
  for (; i < end; i++) {
    const d = line.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return NaN;
    n = n * 10 + d;
  }
  return negative ? -n : n;
}

function kindAt(line: string, start: number, end: number): AnswerKind | undefined {
  return ANSWER_KINDS.find((k) => k.length === end - start && line.startsWith(k, start));
}

function intentAt(line: string, start: number, end: number): string | null {
  return start === end ? null : fromBinary(line.slice(start, end));
}

/** Rating lines, partitioned by the month of the first rating so every change of one answer shares a file. */
export const ratingCodec: LineCodec<RatingRecord> = {
  partition: (r) => chinaMonth(r.firstAt),
  encode: (r) =>
    [r.answerId, r.at, r.firstAt, r.level, r.userId, r.chatId, r.kind, intentField(r.intent), END].join(TAB),
  parse(line) {
    if (!findTabs(line, 9)) return undefined;
    const at = intAt(line, tab(0) + 1, tab(1));
    const firstAt = intAt(line, tab(1) + 1, tab(2));
    const level = intAt(line, tab(2) + 1, tab(3));
    const userId = intAt(line, tab(3) + 1, tab(4));
    const chatId = intAt(line, tab(4) + 1, tab(5));
    const kind = kindAt(line, tab(5) + 1, tab(6));
    if (Number.isNaN(at + firstAt + userId + chatId) || !isRatingLevel(level) || !kind || tab(0) === 0) return undefined;
    const intent = intentAt(line, tab(6) + 1, tab(7));
    return { answerId: line.slice(0, tab(0)), at, firstAt, level, userId, chatId, intent, kind };
  },
};

/** Answer lines, partitioned by the month they were given. */
export const answerCodec: LineCodec<AnswerRecord> = {
  partition: (r) => chinaMonth(r.at),
  encode: (r) =>
    [r.id, r.at, r.chatId, r.userId, r.kind, intentField(r.intent), JSON.stringify(r.question), END].join(TAB),
  parse(line) {
    if (!findTabs(line, 8)) return undefined;
    const at = intAt(line, tab(0) + 1, tab(1));
    const chatId = intAt(line, tab(1) + 1, tab(2));
    const userId = intAt(line, tab(2) + 1, tab(3));
    const kind = kindAt(line, tab(3) + 1, tab(4));
    if (Number.isNaN(at + chatId + userId) || !kind || tab(0) === 0) return undefined;
    const intent = intentAt(line, tab(4) + 1, tab(5));
    let question: unknown;
    try {
      question = JSON.parse(fromBinary(line.slice(tab(5) + 1, tab(6))));
    } catch {
      return undefined;
    }
    if (typeof question !== 'string') return undefined;
    return { id: line.slice(0, tab(0)), at, chatId, userId, intent, kind, question };
  },
};

/** Just when and which item, for counting volume: skips decoding the question text. */
export const answerVolumeCodec: LineCodec<Pick<AnswerRecord, 'at' | 'intent'>> = {
  partition: (r) => chinaMonth(r.at),
  encode: () => {
    throw new Error('answerVolumeCodec is read-only');
  },
  parse(line) {
    if (!findTabs(line, 8)) return undefined;
    const at = intAt(line, tab(0) + 1, tab(1));
    if (Number.isNaN(at)) return undefined;
    return { at, intent: intentAt(line, tab(4) + 1, tab(5)) };
  },
};
