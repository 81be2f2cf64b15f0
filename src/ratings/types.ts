import type { Channel } from './channel.js';
import type { BadReason, RatingLevel } from './levels.js';

export type AnswerKind = 'card' | 'clarified' | 'handoff' | 'complaint';

/** One line of the answers log: the bot answered someone (question already masked). */
export interface AnswerRecord {
  id: string;
  /** Epoch milliseconds. */
  at: number;
  chatId: number;
  userId: number;
  intent: string | null;
  kind: AnswerKind;
  question: string;
}

/**
 * One line of the ratings log. A change within the window is a new line with the same `answerId`;
 * readers keep the last line per answer, dated by the first (`firstAt`).
 */
export interface RatingRecord {
  answerId: string;
  at: number;
  firstAt: number;
  level: RatingLevel;
  userId: number;
  chatId: number;
  intent: string | null;
  kind: AnswerKind;
}

export type CaseStatus = 'open' | 'contacted' | 'rectified' | 'closed';
export type CaseSource = 'rating' | 'complaint';

export interface CaseEvent {
  at: number;
  /** Telegram user id of who acted; 0 for the system. */
  by: number;
  byName?: string;
  action: 'opened' | 'reason' | 'taken' | 'contacted' | 'rectified' | 'closed' | 'rerated';
  note?: string;
}

/** A 差评 or complaint that somebody has to follow up (回访), fix (整改) and close. */
export interface RatingCase {
  id: number;
  source: CaseSource;
  openedAt: number;
  /** YYYY-MM-DD, N working days after opening (China's calendar). */
  dueDate: string;
  chatId: number;
  userId: number;
  answerId?: string;
  level?: RatingLevel;
  intent: string | null;
  /** The question or complaint text, masked. */
  question: string;
  reasons: BadReason[];
  /** Free-text reason or complaint details, masked. */
  reasonText?: string;
  status: CaseStatus;
  assignee?: { id: number; name: string };
  /** The person's rating after the follow-up. */
  rerating?: { level: RatingLevel; at: number };
  /** Where the person talked to us; absent on cases from before the web channel (= telegram). */
  channel?: Channel;
  /** Closed because the person changed the 差评 to a good rating within the window: not a 差评. */
  withdrawn?: boolean;
  events: CaseEvent[];
}
