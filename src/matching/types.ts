/** What part of an item's guide a question asks about, when it says so ("要多久", "在哪办" …). */
export type Aspect =
  | 'materials'
  | 'time'
  | 'fee'
  /** Money received or held (补贴标准, 注册资金): "多少钱" about a benefit is not a fee. */
  | 'amount'
  | 'where'
  | 'online'
  | 'cross-province'
  | 'steps'
  | 'conditions'
  | 'progress'
  | 'basis'
  | 'faq';

/**
 * What kind of answer a message calls for:
 * - `item`: a confident service item (`intent` is its id);
 * - `system`: a system intent (greeting, help, complaint, praise …);
 * - `clarify`: ask back with `candidates`;
 * - `referral`: another department's business (`referral` names it);
 * - `gap`: 民政 business the catalog holds no guide for (`gap` names the topic);
 * - `unknown`: nothing fits well enough to claim.
 */
export type Outcome = 'item' | 'system' | 'clarify' | 'referral' | 'gap' | 'unknown';

/** Another department that owns the question (from the hall's referral list). */
export interface ReferralHit {
  topic: string;
  department: string;
}

/** A 民政 topic with no guide in the catalog (殡葬服务, 养老服务补贴 …). */
export interface GapHit {
  topic: string;
}

/** A further question in the same message ("…，另外离婚要多久"), matched on its own. */
export interface OtherQuestion {
  text: string;
  intent: string | null;
}

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
  /**
   * True when the learned second opinion chose the item after the hand rules were unsure (asked back
   * or found nothing): answered, and listed for the managers as a low-confidence answer.
   */
  learned?: boolean;
  /** The kind of answer called for (absent only from older callers' hand-built results). */
  outcome?: Outcome;
  referral?: ReferralHit;
  gap?: GapHit;
  /** Questions after the first one in the same message, never dropped silently. */
  others?: OtherQuestion[];
}

export interface MatchOptions {
  /** The item under discussion in this conversation, for follow-up questions. */
  previousIntent?: string;
}

export interface Matcher {
  match(text: string, options?: MatchOptions): MatchResult;
}
