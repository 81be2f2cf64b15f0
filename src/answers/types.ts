import type { HallContact } from '../catalog/contact.js';

/** A run of text with light emphasis; channels map it to HTML, plain text or the web page. */
export interface Span {
  text: string;
  bold?: boolean;
  italic?: boolean;
  /** Struck through: a material a reform abolished. */
  strike?: boolean;
  url?: string;
}

/**
 * One block of an answer, in reading order. Channels decide the look; the model decides the words.
 * - `title`: the item (or topic) the answer is about;
 * - `text`: one paragraph;
 * - `heading`: a part's heading (材料清单, 办理流程 …);
 * - `list`: items, bulleted, numbered, or ticked (checklist);
 * - `note`: small print (信息核对于 …, a hint where to find more);
 * - `contact`: how to reach a person (only real, supplied values).
 */
export type Block =
  | { type: 'title'; text: string }
  | { type: 'text'; spans: Span[] }
  | { type: 'heading'; text: string; icon?: string }
  | { type: 'list'; style: 'bullet' | 'number' | 'todo' | 'done' | 'optional' | 'abolished'; items: Span[][] }
  | { type: 'note'; text: string }
  | { type: 'contact'; contact: HallContact };

/** The parts of a guide a person can open from the buttons (the direct answer comes first). */
export const PART_KEYS = ['summary', 'materials', 'steps', 'conditions', 'time-fee', 'where', 'faq', 'related', 'basis', 'full'] as const;
export type PartKey = (typeof PART_KEYS)[number];

/** A button, as an abstract action: each channel encodes it its own way (callback data, a link …). */
export type Action =
  | { type: 'part'; item: string; part: PartKey; label: string }
  | { type: 'item'; item: string; label: string }
  | { type: 'tick'; item: string; index: number; label: string }
  | { type: 'print'; item: string; label: string }
  | { type: 'category'; index: number; label: string }
  | { type: 'menu'; label: string };

/** Something the managers should see in the unanswered review. */
export interface ManagerNote {
  kind: 'unanswered' | 'clarify' | 'gap' | 'low-confidence' | 'praise';
  question: string;
  candidates: string[];
  /** The gap or referral topic, when there is one. */
  topic?: string;
}

/** How the channel should record the answer for 好差评 (the rating rows under it). */
export interface RatingTarget {
  intent: string | null;
  kind: 'card' | 'clarified' | 'handoff';
}

/** A channel-neutral answer: what to say, which buttons, what to remember and what to record. */
export interface Answer {
  kind: 'item' | 'part' | 'clarify' | 'referral' | 'gap' | 'unknown' | 'system' | 'checklist';
  blocks: Block[];
  /** Button rows. */
  actions: Action[][];
  /** The item this conversation is now about (for "要多久" next); absent = leave as it was. */
  context?: { item: string };
  notes: ManagerNote[];
  rating?: RatingTarget;
}
