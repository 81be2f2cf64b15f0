import type { IndexDoc, MatcherIndex } from './build-index.js';
import { familyOptions, vagueFamily } from './families.js';
import type { QueryAnalysis, Scored } from './score.js';
import type { MatchCandidate, MatchResult } from './types.js';

/**
 * Calibrated on the seen halves of test/matching/fixtures (the bench prints the reliability table
 * they come from); the blind halves and the dev set only measure. A score is the sum of idf × weight
 * over shared terms; an anchor is the part of it from an item's own words (see score.ts).
 */
export const TUNING = {
  /** Below this nothing fits well enough to claim. */
  minScore: 2.2,
  /**
   * An item is claimed only at this confidence or above (see `itemConfidence`). In the bench's
   * reliability table (seen sets) nothing below 0.3 is right, 0.3–0.5 is right about half the time
   * and from 0.7 up nearly always; raising this to 0.5 cost 8 of the 150 dev questions, so claims
   * from here to `lowConfidence` are answered but listed for the managers to check.
   */
  minConfidence: 0.35,
  /**
   * Another department's (or a gap's) phrase wins at this share of the item's confidence when the
   * item does not have the phrase's words ("父母去世了户口怎么注销": 户口 is no word of 孤儿保障) …
   */
  topicRatio: 0.6,
  /** A complaint or office question about another department ("公交车司机态度不好") is theirs. */
  systemTopicRatio: 0.5,
  /** … and always when its whole score is this many times the item's (its phrase found, the item not named). */
  topicScoreRatio: 1.4,
  /** … even against the item's name said outright ("去法院起诉离婚 … 诉讼费": 协议离婚 is only mentioned). */
  namedTopicScoreRatio: 2.2,
  /** … and at this share when the item has them too ("起诉离婚": 离婚 is ours as well). */
  sharedTopicRatio: 1.2,
  /**
   * Another department's words outscoring the item by this much, even with no phrase of theirs said
   * verbatim ("房子继承过户": 房子, 过户 are 不动产's words), leave the item unsure: not claimed.
   */
  doubtRatio: 1.4,
  /** A topic needs at least one verbatim phrase (3) or the equivalent in its own words. */
  minTopicAnchor: 2.5,
  /**
   * A system intent is taken on its phrases ("几点下班", "谢谢"), or on its examples' words alone only
   * at this score: one shared word ("中午", "周末", "不要") is not a request for office hours.
   */
  systemTermScore: 4,
  /** A system intent is taken when it explains at least this share of the question's words. */
  minSystemCoverage: 0.4,
  /** Items scoring at least this share of the best one are offered together as a clarification. */
  clarifyRatio: 0.88,
  /** … and whose confidence is at least this share of the surest one's. */
  clarifyConfidenceRatio: 0.8,
  /** With no anchor, two or three close items are offered only at this score and coverage. */
  weakClarifyScore: 2.6,
  weakClarifyCoverage: 0.4,
  /** Generic words alone are offered only when they are all the question says ("机构换个名称"). */
  weakClarifyFullCoverage: 0.9,
  maxCandidates: 5,
  /** Runners-up listed beside a confident match. */
  runnersUp: 3,
  /**
   * Cards below this confidence are answered but logged for the managers as low-confidence: in the
   * reliability table the buckets under it are right only half to two thirds of the time.
   */
  lowConfidence: 0.7,
} as const;

/** Whether an answered card should be listed for the managers to check (see TUNING.lowConfidence). */
export const isLowConfidence = (r: Pick<MatchResult, 'outcome' | 'score' | 'followUp' | 'learned'>): boolean =>
  r.outcome === 'item' && !r.followUp && (r.score < TUNING.lowConfidence || r.learned === true);

/** Maps a raw score onto 0..1 for callers and logs. */
export const confidence = (score: number): number => Math.round((1 - Math.exp(-score / 3)) * 1000) / 1000;

/**
 * How sure an item is, 0..1: its anchoring evidence (its own words, not generic ones), discounted by
 * the share of the question's words it leaves unexplained ("火灾后保险理赔需要消防出具什么证明"
 * explains one word in six by 证明 alone).
 */
export function itemConfidence(s: Pick<Scored, 'anchor' | 'coverage'>): number {
  const anchor = s.anchor ?? 0;
  const coverage = s.coverage ?? 0;
  return Math.round((1 - Math.exp(-anchor / 3)) * (0.4 + 0.6 * coverage) * 1000) / 1000;
}

/**
 * The item the matcher would claim for a question if it claimed one, with its confidence: the best
 * item with anchoring evidence, else the best-scoring one. For the reliability table.
 */
export function bestItem(index: MatcherIndex, analysis: QueryAnalysis): { id: string; confidence: number } | undefined {
  const items = analysis.ranked.filter((s) => index.docs[s.doc]!.kind === 'item');
  const top = items.find((s) => s.score >= TUNING.minScore && itemConfidence(s) >= TUNING.minConfidence) ?? items[0];
  return top && { id: index.docs[top.doc]!.id, confidence: top.score >= TUNING.minScore ? itemConfidence(top) : 0 };
}

/**
 * Close candidates less those narrowed to a kind the question does not name, when a general one is
 * among them: "年报截止日期" is the 社会组织 annual report, not the 基金会 or 慈善组织 one.
 */
function unqualified(index: MatcherIndex, normalized: string, close: Scored[]): Scored[] {
  const general = close.filter((s) => index.docs[s.doc]!.qualifier === undefined);
  // Kept when it is surer than every general one ("要什么资格": 公募资格).
  const kept = (s: Scored): boolean => {
    const q = index.docs[s.doc]!.qualifier;
    return q === undefined || normalized.includes(q) || general.every((g) => itemConfidence(g) < itemConfidence(s));
  };
  return close.length < 2 || general.length === 0 ? close : close.filter(kept);
}

/** 民政 named as the place to go, not weighed against another ("归民政还是医保") nor refused ("不肯去民政局"). */
const WEIGHED_OR_REFUSED = /(?:还是|或者|或是|和|跟)民政|民政[^ ]{0,4}(?:还是|或者|或是)|(?:不肯|不愿|不想|不去|没去)[^ ]{0,2}民政/u;
const saysMinzheng = (normalized: string): boolean => normalized.includes('民政') && !WEIGHED_OR_REFUSED.test(normalized);

type Base = Pick<MatchResult, 'query' | 'normalized' | 'aspect'>;
type Fields = Omit<MatchResult, 'query' | 'normalized' | 'aspect'>;

const result = (base: Base, fields: Fields): MatchResult => ({ ...base, ...fields });

const candidate = (index: MatcherIndex, s: Scored): MatchCandidate => ({
  intent: index.docs[s.doc]!.id,
  score: confidence(s.score),
});

const unknown = (base: Base, score = 0): MatchResult =>
  result(base, { intent: null, score, clarify: false, candidates: [], followUp: false, outcome: 'unknown' });

/** The best-scoring item of each organisation kind for one action, best first. */
function perKind(index: MatcherIndex, analysis: QueryAnalysis, action: string, kind?: string): Scored[] {
  const scoreOf = new Map(analysis.ranked.map((s) => [s.doc, s.score]));
  const best = new Map<string, Scored>();
  for (const doc of index.byAction.get(action) ?? []) {
    const d = index.docs[doc]!;
    if (!d.orgKind || (kind && d.orgKind !== kind)) continue;
    const key = kind ? d.id : d.orgKind;
    const s = { doc, score: scoreOf.get(doc) ?? 0 };
    const prev = best.get(key);
    if (!prev || s.score > prev.score) best.set(key, s);
  }
  return [...best.values()].sort((a, b) => b.score - a.score);
}

function offer(base: Base, index: MatcherIndex, options: Scored[], followUp: boolean): MatchResult {
  const top = options[0]!;
  if (options.length === 1) {
    const id = index.docs[top.doc]!.id;
    return result(base, { intent: id, score: Math.max(confidence(top.score), 0.8), clarify: false, candidates: [], followUp, outcome: 'item' });
  }
  return result(base, {
    intent: null,
    score: confidence(top.score),
    clarify: true,
    candidates: options.slice(0, TUNING.maxCandidates).map((s) => candidate(index, s)),
    followUp,
    outcome: 'clarify',
  });
}

/** A referral, gap or decline topic as its verdict. */
function topicResult(base: Base, doc: IndexDoc, s: Scored): MatchResult {
  const fields: Fields = { intent: null, score: confidence(s.anchor ?? 0), clarify: false, candidates: [], followUp: false, outcome: 'unknown' };
  if (doc.kind === 'referral') return result(base, { ...fields, outcome: 'referral', referral: { topic: doc.topic!, department: doc.department ?? '' } });
  if (doc.kind === 'gap') return result(base, { ...fields, outcome: 'gap', gap: { topic: doc.topic! } });
  return result(base, fields);
}

const isSure = (s: Scored): boolean => s.score >= TUNING.minScore && itemConfidence(s) >= TUNING.minConfidence;

const bestBy = (list: readonly Scored[], key: (s: Scored) => number): Scored | undefined =>
  list.reduce<Scored | undefined>((b, s) => (b === undefined || key(s) > key(b) ? s : b), undefined);

/**
 * Turns a scored question into a verdict: an item (only with anchoring evidence), a system intent,
 * a clarification, another department (referral), 民政 business without a guide (gap), or unknown.
 */
export function decide(index: MatcherIndex, query: string, analysis: QueryAnalysis, previousIntent?: string): MatchResult {
  const base: Base = { query, normalized: analysis.normalized, ...(analysis.aspect ? { aspect: analysis.aspect } : {}) };
  const prevAt = previousIntent === undefined ? undefined : index.byId.get(previousIntent);
  const prev = prevAt === undefined ? undefined : index.docs[prevAt];
  const followPrevious = (): MatchResult =>
    result(base, { intent: prev!.id, score: 1, clarify: false, candidates: [], followUp: true, outcome: 'item' });

  // "那基金会呢" after 社会团体注销: the same action for another kind of organisation.
  if (prev?.action && analysis.orgKind && analysis.orgKind !== prev.orgKind && analysis.nonKindTerms === 0) {
    const options = perKind(index, analysis, prev.action, analysis.orgKind);
    if (options.length > 0) return offer(base, index, options, true);
  }
  // "要多久", "网上能办吗": only how, not what — it is about the item under discussion.
  if (prev && analysis.contentTerms === 0 && analysis.aspect) return followPrevious();

  const kindOf = (s: Scored): IndexDoc['kind'] => index.docs[s.doc]!.kind;
  const items = analysis.ranked.filter((s) => kindOf(s) === 'item');
  // The best item with anchoring evidence, else the best-scoring one.
  const topItem = items.find((s) => s.score >= TUNING.minScore && itemConfidence(s) >= TUNING.minConfidence) ?? items[0];
  const topic = bestBy(
    analysis.ranked.filter((s) => ['referral', 'gap', 'decline'].includes(kindOf(s)) && (s.anchor ?? 0) >= TUNING.minTopicAnchor),
    (s) => s.anchor ?? 0,
  );
  // A complaint names the place or person it is about ("大厅的人爱答不理"): its phrase decides.
  const complaint = index.byId.get('complaint');
  const system =
    analysis.ranked.find((s) => s.doc === complaint && analysis.phraseHits.has(s.doc)) ??
    analysis.ranked.find((s) => kindOf(s) === 'system');
  const saysUs = saysMinzheng(analysis.normalized);
  const foreignScore = Math.max(0, ...analysis.ranked.filter((s) => kindOf(s) === 'referral' || kindOf(s) === 'decline').map((s) => s.score));
  const itemSure =
    topItem !== undefined &&
    topItem.score >= TUNING.minScore &&
    itemConfidence(topItem) >= TUNING.minConfidence &&
    // A question that says 民政 itself ("营业执照办完了，还要去民政备案吗") is not left in doubt by
    // another department's words: the person already knows whose business it is.
    (foreignScore < topItem.score * TUNING.doubtRatio || saysUs);

  // Praise names a person or the service, often with an item's words ("表扬低保办的王大姐"): it wins.
  const praise = index.byId.get('praise');
  if (praise !== undefined && analysis.phraseHits.has(praise)) {
    return result(base, { intent: 'praise', score: 1, clarify: false, candidates: [], followUp: false, outcome: 'system' });
  }
  // Another department's phrase, or a gap's, as strong as the item's own words: not the item.
  const topicBeats = (t: Scored, s: Scored, foreignRatio: number = TUNING.topicRatio, vouched = false): boolean => {
    // The item's own name said outright ("…能申请临时救助吗"), or 民政 named as the place to go, holds
    // against a foreign phrase (着火).
    const named = vouched || analysis.namedDocs.has(s.doc);
    const foreign = !named && ((t.phraseWords ?? 0) & ~(s.explains ?? 0)) !== 0;
    // A topic that outscores the item by far on the question's words as a whole is theirs too
    // ("残疾人证等级变更": 残疾 is ours, 残疾人证 is 残联's); by very far, even against its name.
    if (t.score >= s.score * (named ? TUNING.namedTopicScoreRatio : TUNING.topicScoreRatio)) return true;
    return itemConfidence(t) >= itemConfidence(s) * (foreign ? foreignRatio : TUNING.sharedTopicRatio);
  };
  // … and it needs a topic sure enough to beat the item as if it shared the item's words.
  const topicWins = topic !== undefined && (!itemSure || topicBeats(topic, topItem, saysUs ? TUNING.sharedTopicRatio : TUNING.topicRatio, saysUs));
  const systemSaid = system !== undefined && (analysis.phraseHits.has(system.doc) || system.score >= TUNING.systemTermScore);
  if (system && systemSaid && system.score >= TUNING.minScore && (system.coverage ?? 0) >= TUNING.minSystemCoverage) {
    const beats = (s: Scored | undefined): boolean => s === undefined || system.score >= s.score;
    if (beats(itemSure ? topItem : undefined) && (topic === undefined || !topicBeats(topic, system, TUNING.systemTopicRatio))) {
      const runnersUp = items.filter((s) => itemConfidence(s) >= TUNING.minConfidence).slice(0, TUNING.runnersUp).map((s) => candidate(index, s));
      return result(base, { intent: index.docs[system.doc]!.id, score: confidence(system.score), clarify: false, candidates: runnersUp, followUp: false, outcome: 'system' });
    }
  }
  if (topicWins) return topicResult(base, index.docs[topic.doc]!, topic);

  if (!itemSure) {
    // Too vague to tell ("我要办登记", "想申请补贴", "我们组织要注销"): ask which one, not decline.
    const fits = items.filter((s) => s.score >= TUNING.minScore).slice(0, TUNING.maxCandidates);
    const umbrella = familyOptions(index.families, analysis, fits, isSure);
    if (umbrella) return offer(base, index, umbrella, false);
    const topDoc = topItem ? index.docs[topItem.doc]! : undefined;
    if (topDoc?.action && fits.length > 0 && !analysis.orgKind && analysis.actions.has(topDoc.action)) {
      const options = perKind(index, analysis, topDoc.action);
      if (options.length > 1) return offer(base, index, options, false);
    }
    // Two or three items fit about equally and nothing else claims the question: ask.
    const weak = fits.filter((s) => s.score >= topItem!.score * TUNING.clarifyRatio && (s.coverage ?? 0) >= TUNING.weakClarifyCoverage);
    // Generic words alone ("修改申请表" on a platform) are no reason to offer items; an action ("改名") is.
    if (topic === undefined && weak.length > 1 && weak.length <= 3 && topItem!.score >= TUNING.weakClarifyScore && ((topItem!.anchor ?? 0) > 0 || analysis.actions.size > 0 || (topItem!.coverage ?? 0) >= TUNING.weakClarifyFullCoverage)) {
      return offer(base, index, weak, false);
    }
    if (analysis.specificTerms.length === 0) {
      const family = vagueFamily(index.families, analysis);
      if (family) return offer(base, index, family, false);
      const action = [...analysis.actions][0];
      if (action && !analysis.orgKind) {
        const options = perKind(index, analysis, action);
        if (options.length > 1) return offer(base, index, options, false);
      }
    }
    if (prev && analysis.aspect && analysis.specificTerms.length === 0) return followPrevious();
    return unknown(base, topItem ? itemConfidence(topItem) : 0);
  }

  const sure = items.filter((s) => itemConfidence(s) >= TUNING.minConfidence);
  const near = unqualified(index, analysis.normalized, sure.filter((s) => s.score >= topItem.score * TUNING.clarifyRatio));
  // Of items scoring alike, one far surer (its own name said: "老年卡") is not a toss-up.
  const surest = Math.max(...near.map(itemConfidence));
  const sureEnough = near.filter((s) => itemConfidence(s) >= surest * TUNING.clarifyConfidenceRatio);
  // … nor is one whose name, alias or long keyword the question says outright ("公开募捐") against
  // ones it only shares words with (公开募捐方案备案) — unless they explain a word the named ones do
  // not ("章程要改，业务范围也要加": both).
  const said = sureEnough.filter((s) => analysis.saidDocs.has(s.doc));
  const saidWords = said.reduce((bits, s) => bits | (s.explains ?? 0), 0);
  const close = (said.length > 0 ? sureEnough.filter((s) => said.includes(s) || ((s.explains ?? 0) & ~saidWords) !== 0) : sureEnough).sort(
    (a, b) => itemConfidence(b) - itemConfidence(a),
  );
  // The surest item; the general one when a kind-specific one scored higher but the kind was not said.
  const chosen = close[0] ?? topItem;
  const topDoc = index.docs[chosen.doc]!;
  // An umbrella word with nothing that picks one member ("想申请救助"): ask which member.
  const family = familyOptions(index.families, analysis, close, isSure);
  if (family) return offer(base, index, family, false);
  // An action on "an organisation" that does not say which kind: each kind has its own item.
  if (topDoc.action && !analysis.orgKind && analysis.actions.has(topDoc.action)) {
    const options = perKind(index, analysis, topDoc.action);
    if (options.length > 1) return offer(base, index, options, false);
  }
  if (close.length > 1) return offer(base, index, close, false);
  const runnersUp = sure.filter((s) => s.doc !== chosen.doc).slice(0, TUNING.runnersUp).map((s) => candidate(index, s));
  return result(base, { intent: topDoc.id, score: itemConfidence(chosen), clarify: false, candidates: runnersUp, followUp: false, outcome: 'item' });
}
