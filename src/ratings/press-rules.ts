import { answerIdTime } from './answer-id.js';
import { isBadLevel, type RatingLevel } from './levels.js';
import type { NewCaseFields } from './case-ops.js';
import type { RateRejection } from './service.js';
import type { AnswerRecord, RatingCase } from './types.js';

export interface PressFacts {
  answerId: string;
  /** The answer pressed under, if the store knows it. */
  answer: AnswerRecord | undefined;
  /** This person's current rating of it, if any. */
  previous: { level: RatingLevel; firstAt: number } | undefined;
  userId: number;
  level: RatingLevel;
  at: number;
  /** How long an answer takes a first rating, and how long a rating can be changed. */
  openMs: number;
  windowMs: number;
}

export type PressVerdict = { ok: false; reason: RateRejection } | { ok: true; answer: AnswerRecord; change: 'new' | 'changed' | 'same' };

/**
 * Whether a rating press counts, the same for every store: only the person who asked rates; a first
 * rating within `openMs` of the answer; a change within `windowMs` of the first rating; an unknown
 * answer whose id dates from before `openMs` is `expired` rather than `unknown`.
 */
export function judgePress(f: PressFacts): PressVerdict {
  if (!f.answer) {
    const issued = answerIdTime(f.answerId);
    const old = issued !== undefined && issued <= f.at && f.at - issued > f.openMs;
    return { ok: false, reason: old ? 'expired' : 'unknown' };
  }
  if (f.answer.userId !== f.userId) return { ok: false, reason: 'not-yours' };
  if (!f.previous && f.at - f.answer.at > f.openMs) return { ok: false, reason: 'expired' };
  if (f.previous && f.at - f.previous.firstAt > f.windowMs) return { ok: false, reason: 'locked' };
  if (f.previous?.level === f.level) return { ok: true, answer: f.answer, change: 'same' };
  return { ok: true, answer: f.answer, change: f.previous ? 'changed' : 'new' };
}

/** The case a 差评 opens: the answer's question (already masked), no reasons yet. */
export function ratingCaseFields(answer: AnswerRecord, level: RatingLevel): NewCaseFields | undefined {
  if (!isBadLevel(level)) return undefined;
  return { source: 'rating', chatId: answer.chatId, userId: answer.userId, answerId: answer.id, level, intent: answer.intent, question: answer.question, reasons: [] };
}

/** How a rating change's effect on its case is reported to the bot. */
export function caseOutcome(c: RatingCase, effect: { reopen: boolean; withdraw: boolean }): { opened?: RatingCase; withdrawn?: RatingCase } {
  return { ...(effect.reopen ? { opened: c } : {}), ...(effect.withdraw ? { withdrawn: c } : {}) };
}
