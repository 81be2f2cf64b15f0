import type { WorkCalendar } from '../calendar/work-calendar.js';
import type { Logger } from '../logger.js';
import type { BadReason, RatingLevel } from './levels.js';
import type { Period } from './period.js';
import type { RatingStats } from './stats.js';
import type { AnswerKind, AnswerRecord, RatingCase } from './types.js';
import { openRatingEngine } from './engine.js';

export type { Period } from './period.js';
export type { RatingStats } from './stats.js';
export type { AnswerRecord, RatingCase } from './types.js';

export interface AnswerInput {
  chatId: number;
  userId: number;
  intent: string | null;
  kind: AnswerKind;
  /** Raw question text; the service masks it before storing. */
  question: string;
}

/** Why a press changed nothing; the bot turns each into a polite answer. */
export type RateRejection = 'unknown' | 'expired' | 'not-yours' | 'locked';

export type RateOutcome =
  | {
      ok: true;
      /** `new` first rating, `changed` a different level within the window, `same` the same button again. */
      change: 'new' | 'changed' | 'same';
      level: RatingLevel;
      answer: AnswerRecord;
      /** A case opened by this press (a first 差评, or good → bad within the window). */
      opened?: RatingCase;
      /** A case this press closed (bad → good within the window: a slip of the finger). */
      withdrawn?: RatingCase;
    }
  | { ok: false; reason: RateRejection };

export interface Actor {
  id: number;
  name: string;
}

export type CaseAction = 'contacted' | 'rectified' | 'closed';

export interface RatingService {
  /** Records that the bot answered; returns an id short enough for callback data. */
  recordAnswer(input: AnswerInput): Promise<{ id: string }>;
  /** One rating per answer by the person who asked; a press within the change window replaces it. */
  rate(input: { answerId: string; userId: number; level: RatingLevel }): Promise<RateOutcome>;
  /** Adds the 差评 reason (tick-boxes and optional free text, masked) to the person's own case. */
  addReason(caseId: number, userId: number, reason: { tags: BadReason[]; text?: string }): Promise<RatingCase>;
  /** Opens a case for a complaint (投诉/举报); `text` is masked. */
  openComplaint(input: { chatId: number; userId: number; text: string; intent?: string | null }): Promise<RatingCase>;
  getCase(id: number): RatingCase | undefined;
  /** Cases not yet closed, oldest first. */
  openCases(): RatingCase[];
  isOverdue(c: RatingCase): boolean;
  takeCase(id: number, by: Actor): Promise<RatingCase>;
  /** Moves a case one step: open → contacted (回访) → rectified (整改) → closed. */
  advanceCase(id: number, action: CaseAction, by: Actor, note: string): Promise<RatingCase>;
  /** The person's rating after the follow-up. */
  rerateCase(id: number, userId: number, level: RatingLevel): Promise<RatingCase>;
  stats(period: Period): Promise<RatingStats>;
  /** Two CSV files (UTF-8 BOM, CRLF) of the period's ratings and cases, ready for Excel. */
  exportCsv(period: Period): Promise<{ ratings: string; cases: string }>;
  /** Flushes pending writes and closes files. */
  close(): Promise<void>;
}

export interface RatingServiceDeps {
  dataDir: string;
  logger: Logger;
  calendar: WorkCalendar;
  clock: () => Date;
  caseDueWorkingDays: number;
  changeWindowMinutes: number;
  /** How long after an answer its buttons still take a first rating (default 72 hours). */
  answerOpenHours?: number;
}

/**
 * Opens the rating store under `dataDir` (ratings/ and answers/ as monthly JSONL, cases.json via lowdb)
 * and reads back the recent window so re-ratings and late presses are judged after a restart too.
 */
export function createRatingService(deps: RatingServiceDeps): Promise<RatingService> {
  return openRatingEngine(deps);
}
