import type { MatcherIndex } from './build-index.js';
import { wordKey } from './name-keys.js';
import { contentTerms, extractTerms } from './terms.js';
import type { Aspect } from './types.js';

/** A system-intent phrase found verbatim counts like one distinctive word; each further one adds a little. */
const PHRASE = 3;
const PHRASE_EXTRA = 0.5;
const LONG_PHRASE = 0.5;
const OWN_NAME = 3;
/** Anchor for an organisation item whose kind and action the question both says. */
const KIND_AND_ACTION = 2;
/** The coverage weight of a word no document has (an idf is about 2–7). */
const UNKNOWN_WORD = 1;
/**
 * … and of a longer one: a three-character word nobody in the catalog uses (分公司, 羽毛球, 猫头鹰)
 * is a topic of its own, so an item that leaves it unexplained is not what the question is about.
 */
export const SCORING = { unknownLongWord: 2 };
const UNKNOWN_RUN_WEIGHT = 0.7;
const OTHER_KIND = 0.5;
const OTHER_ACTION = 0.6;
/** A general item when the question says the qualifier of one of its family ("涉外结婚登记"). */
const GENERAL_WHEN_QUALIFIED = 0.6;
/** A question that is exactly an item's name or alias: about one distinctive word more. */
const EXACT_NAME = 3;
/** Share of the best score below which a document is dropped before sorting. */
const KEEP = 0.3;

export interface Scored {
  doc: number;
  score: number;
  /**
   * The part of the score that anchors the document: non-generic terms found in its name, aliases
   * or keywords, and its phrases found verbatim. Generic words (申请, 补贴, 服务 …) and FAQ or summary
   * matches add to `score` only.
   */
  anchor?: number;
  /** Share of the question's words (0..1) the document has anywhere: what it leaves unexplained. */
  coverage?: number;
  /** Bit i set: the question's i-th word is a whole word of the document's name, aliases or keywords. */
  explains?: number;
  /** Bit i set: the question's i-th word is inside one of the document's phrases found verbatim. */
  phraseWords?: number;
}

/** What the question says, once normalised: its terms' scores per document and its cues. */
export interface QueryAnalysis {
  normalized: string;
  /** Documents scoring at least 30% of the best, best first. */
  ranked: Scored[];
  /** How many content terms (not stopwords, not aspect cues) the question has. */
  contentTerms: number;
  /** Those content terms themselves. */
  terms: readonly string[];
  /** Content terms left once organisation-kind words are set aside ("那基金会呢" has none). */
  nonKindTerms: number;
  /** Content terms that are not generic words (申请, 补贴 …): "我要申请补贴" has none. */
  specificTerms: readonly string[];
  /** Documents one of whose phrases the question contains verbatim. */
  phraseHits: ReadonlySet<number>;
  /** Items whose name or alias the question says outright. */
  namedDocs: ReadonlySet<number>;
  /** Items whose name, alias or key phrase the question says outright. */
  saidDocs: ReadonlySet<number>;
  aspect?: Aspect;
  orgKind?: string;
  actions: ReadonlySet<string>;
}

/** What goes just before a phrase the person says they lack or that is not the case: 没(办), 不是, 不想上 … */
const NEGATION = /(?:(?:没|没有|未)[办领开拿]?|不是|无|不想上|不想去|不用去|不去)$/u;

/** Whether every occurrence of `phrase` in `text` follows a negation ("没办残疾证" has 残疾证 only negated). */
function onlyNegated(text: string, phrase: string): boolean {
  for (let at = text.indexOf(phrase); at !== -1; at = text.indexOf(phrase, at + 1)) {
    if (!NEGATION.test(text.slice(Math.max(0, at - 3), at))) return false;
  }
  return true;
}

/** Whether every occurrence of `phrase` in `text` lies inside one of `words` ("企业" in 民办非企业单位). */
function onlyInside(text: string, phrase: string, words: readonly string[]): boolean {
  for (let at = text.indexOf(phrase); at !== -1; at = text.indexOf(phrase, at + 1)) {
    const end = at + phrase.length;
    const covered = words.some((w) => {
      if (w.length <= phrase.length || !w.includes(phrase)) return false;
      for (let from = text.indexOf(w); from !== -1; from = text.indexOf(w, from + 1)) if (from <= at && end <= from + w.length) return true;
      return false;
    });
    if (!covered) return false;
  }
  return true;
}

/** Whether the question says one of a word group (an absent group asks nothing). Hot path: no allocation. */
const says = (normalized: string, group: readonly string[] | undefined): boolean => group === undefined || group.some((w) => normalized.includes(w));

/**
 * The actions the question says; of several ("我们设立的基金会 … 办理注销"), the ones of the last clause
 * that says any, where the ask usually is: the others tell the story.
 */
function askedActions(all: MatcherIndex['actions'], normalized: string): Set<string> {
  const said = all.filter(([, words]) => words.some((w) => normalized.includes(w)));
  if (said.length < 2) return new Set(said.map(([a]) => a));
  for (const clause of normalized.split(' ').reverse()) {
    const asked = said.filter(([, words]) => words.some((w) => clause.includes(w)));
    if (asked.length > 0) return new Set(asked.map(([a]) => a));
  }
  return new Set(said.map(([a]) => a));
}

/**
 * Scores every document against the question: the sum over shared terms of idf × the question's
 * weight for the term × the best field weight the document has it in.
 */
export function analyzeQuery(index: MatcherIndex, text: string): QueryAnalysis {
  const normalized = index.normalizer.query(text, index.pinyin);
  const terms = extractTerms(normalized, index.jieba, index.ignored);
  // One score slot per document, reused across calls (matching is synchronous): no per-query map
  // of thousands of entries for the garbage collector.
  const n = index.docs.length;
  const scratch = index.scratch;
  if (scratch.scores?.length !== n) {
    scratch.scores = new Float64Array(n);
    scratch.anchors = new Float64Array(n);
    scratch.full = new Int32Array(n);
    scratch.part = new Int32Array(n);
    scratch.phrased = new Int32Array(n);
    scratch.owned = new Int32Array(n);
  }
  const { scores, anchors, full, part, phrased, owned } = scratch as Required<typeof scratch>;
  const touched: number[] = [];
  const bump = (doc: number, by: number, anchor: number): void => {
    if (scores[doc] === 0 && anchors[doc] === 0) touched.push(doc);
    scores[doc] = (scores[doc] ?? 0) + by;
    anchors[doc] = (anchors[doc] ?? 0) + anchor;
  };
  // The question's whole words (at most 31, one bit each) for coverage; a piece of a word marks it half.
  // Whole words and the bigrams of runs of single characters jieba did not know ("人社局").
  const words = terms.filter((t) => t.weight >= UNKNOWN_RUN_WEIGHT).slice(0, 31).map((t) => t.term);
  const bitsOf = (term: string): { whole: number; piece: number } => {
    let whole = 0;
    let piece = 0;
    words.forEach((w, i) => {
      if (w === term) whole |= 1 << i;
      else if (w.includes(term)) piece |= 1 << i;
    });
    return { whole, piece };
  };
  for (const { term, weight } of terms) {
    const list = index.postings.get(term);
    if (!list) continue;
    const idf = index.idf.get(term) ?? 0;
    const anchoring = !index.generic.has(term);
    const { whole, piece } = bitsOf(term);
    for (const p of list) {
      bump(p.doc, idf * weight * p.weight, anchoring ? idf * weight * p.anchor : 0);
      full[p.doc]! |= whole;
      part[p.doc]! |= piece;
      if (p.own) owned[p.doc]! |= whole;
    }
  }
  const exact = index.nameKeys.get(wordKey(normalized, index.jieba, index.ignored).key);
  if (exact !== undefined && exact !== null) bump(exact, EXACT_NAME, EXACT_NAME);
  const phraseHits = new Set<number>();
  for (const at of index.phraseFinder.find(normalized)) {
    const p = index.phrases[at]!;
    // A longer topic phrase ("变更借款人") is surer evidence than a two-character one.
    const topicPhrase = index.docs[p.doc]!.kind !== 'system';
    // "没办残疾证", "不是公司": what the person says they have not got or is not the case is not their topic.
    if (topicPhrase && onlyNegated(normalized, p.text)) continue;
    // … nor is another department's word inside an organisation kind's name ("企业" in 民办非企业单位).
    if (topicPhrase && onlyInside(normalized, p.text, index.kindWords)) continue;
    const longer = topicPhrase ? LONG_PHRASE * ([...p.text].length - 2) : 0;
    const by = phraseHits.has(p.doc) ? PHRASE_EXTRA : PHRASE + longer;
    bump(p.doc, by, by);
    phraseHits.add(p.doc);
    // The phrase explains the question's words inside it.
    words.forEach((w, i) => {
      // A topic's phrase inside a longer word ("税务" in 税务局) still names that word.
      if (p.text.includes(w) || (topicPhrase && w.includes(p.text))) {
        full[p.doc]! |= 1 << i;
        phrased[p.doc]! |= 1 << i;
      }
    });
  }
  const aspect = index.aspects.find(([, cues]) => cues.some((c) => normalized.includes(c)))?.[0];
  const orgKind = index.kinds.find(([, words]) => words.some((w) => normalized.includes(w)))?.[0];
  const actions = askedActions(index.actions, normalized);
  const content = contentTerms(terms);
  const nonKindTerms = content.filter((t) => !index.kindWords.some((w) => w.includes(t.term))).length;

  const namedDocs = new Set<number>();
  const saidDocs = new Set<number>();
  // "婚姻登记记录的证明", "急难的救助": a 的 inside a name still says the name.
  const without = normalized.includes('的') ? normalized.replaceAll('的', '') : undefined;
  const outright = without ? [...new Set([...index.outrightFinder.find(normalized), ...index.outrightFinder.find(without)])] : index.outrightFinder.find(normalized);
  for (const at of outright) {
    const o = index.outright[at]!;
    saidDocs.add(o.doc);
    if (o.name) namedDocs.add(o.doc);
  }

  // A question that names the kind of organisation, or the action, rules out items of another one.
  let best = 0;
  for (const doc of touched) {
    const d = index.docs[doc]!;
    // An item's name or alias said outright ("老人补贴") anchors it, even when made of generic words.
    if (saidDocs.has(doc)) {
      anchors[doc] = (anchors[doc] ?? 0) + OWN_NAME;
    }
    let score = scores[doc] ?? 0;
    let factor = 1;
    // The kind and the action both said ("成个协会" → 社会团体 + 成立) name the item as surely as its name.
    if (orgKind && d.orgKind === orgKind && d.action && actions.has(d.action) && !saidDocs.has(doc)) anchors[doc] = (anchors[doc] ?? 0) + KIND_AND_ACTION;
    if (orgKind && d.orgKind && d.orgKind !== orgKind) factor *= OTHER_KIND;
    if (actions.size > 0 && d.action && !actions.has(d.action)) factor *= OTHER_ACTION;
    // The question says what narrows it to a sibling (涉外, 外国人 …): the general item gives way.
    if (d.siblingCues?.some((q) => normalized.includes(q))) factor *= GENERAL_WHEN_QUALIFIED;
    score *= factor;
    anchors[doc]! *= factor;
    // An item whose concept the question never says ("老年大学名额" has no 婚 for 婚姻登记预约) has no
    // anchor, nor one whose act it never says (补领 with no loss: alsoRequires), unless its name, alias or
    // key phrase is said ("印章式样备案").
    if (!saidDocs.has(doc) && !(says(normalized, d.requires) && says(normalized, d.alsoRequires))) anchors[doc] = 0;
    scores[doc] = score;
    if (score > best) best = score;
  }
  // Far-behind documents can neither win nor be offered: sort only the rest.
  const ranked: Scored[] = [];
  // Each word counts by its idf: a word no document knows ("东西", "拍照片") says little either way.
  const mass = words.map((w) => index.idf.get(w) ?? ([...w].length >= 3 ? SCORING.unknownLongWord : UNKNOWN_WORD));
  const total = mass.reduce((a, b) => a + b, 0);
  const coverageOf = (doc: number): number => {
    if (total === 0) return 1;
    let covered = 0;
    for (let i = 0; i < words.length; i++) {
      if ((full[doc]! >> i) & 1) covered += mass[i]!;
      else if ((part[doc]! >> i) & 1) covered += mass[i]! / 2;
    }
    return covered / total;
  };
  for (const doc of touched) {
    const score = scores[doc] ?? 0;
    if (score >= best * KEEP) {
      ranked.push({ doc, score, anchor: anchors[doc] ?? 0, coverage: coverageOf(doc), explains: owned[doc]! | phrased[doc]!, phraseWords: phrased[doc]! });
    }
    scores[doc] = 0;
    phrased[doc] = 0;
    owned[doc] = 0;
    anchors[doc] = 0;
    full[doc] = 0;
    part[doc] = 0;
  }
  ranked.sort((a, b) => b.score - a.score);
  return {
    normalized,
    ranked,
    contentTerms: content.length,
    terms: content.map((t) => t.term),
    nonKindTerms,
    specificTerms: content.filter((t) => !index.generic.has(t.term)).map((t) => t.term),
    phraseHits,
    namedDocs,
    saidDocs,
    ...(aspect ? { aspect } : {}),
    ...(orgKind ? { orgKind } : {}),
    actions,
  };
}
