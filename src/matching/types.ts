/** What part of an item's guide a question asks about, when it says so ("要多久", "在哪办" …). */
export type Aspect = 'materials' | 'time' | 'fee' | 'where' | 'online' | 'steps' | 'conditions' | 'basis' | 'faq';

export interface MatchCandidate {
  intent: string;
  score: number;
}

/**
 * The matcher's verdict on one message: a confident intent, a clarification (2–5 candidates and
 * `clarify: true`), or out of scope (`intent: null`, `clarify: false`).
 */
export interface MatchResult {
  query: string;
  normalized: string;
  intent: string | null;
  score: number;
  clarify: boolean;
  /** What a clarification offers, or the runners-up of a confident match. */
  candidates: MatchCandidate[];
  /** The aspect asked about, if any. */
  aspect?: Aspect;
  /** True when the intent came from the conversation's previous item ("要多久" after 结婚登记). */
  followUp: boolean;
}

export interface MatchOptions {
  /** The item under discussion in this conversation, for follow-up questions. */
  previousIntent?: string;
}

export interface Matcher {
  match(text: string, options?: MatchOptions): MatchResult;
}
